"""Merging project files: matching, idempotence, conflicts, all-or-nothing, three-way."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from workbench import cli
from workbench.annotator_status import annotator_status, set_annotator_status
from workbench.errors import FormatError
from workbench.exporter import export_project
from workbench.merge import merge_projects
from workbench.project import Project

TEXT_A = "Seoul says 1,500 troops arrived. Moscow denies it."
TEXT_B = "Kyiv reports 3,000 soldiers near Kursk."


def _label(p: Project, name: str) -> int:
    label = p.label_named(name)
    assert label is not None
    return label.id


@pytest.fixture
def base(tmp_path: Path) -> Path:
    """A project with two documents, shared by every analyst before they start."""
    path = tmp_path / "base.wbproj"
    with Project.create(path) as p:
        p.add_document(TEXT_A, title="a", id="doc-a")
        p.add_document(TEXT_B, title="b", id="doc-b")
    return path


def _copy(base: Path, name: str) -> Path:
    target = base.with_name(name)
    shutil.copy(base, target)
    return target


def _export(path: Path, out: Path) -> bytes:
    with Project.open(path) as p:
        export_project(p, str(out), format="jsonl")
    return out.read_bytes()


def test_merge_adds_the_other_analysts_spans_relations_and_statuses(base: Path) -> None:
    mine, theirs = _copy(base, "ann.wbproj"), _copy(base, "bob.wbproj")
    with Project.open(theirs) as p:
        claim = p.add_span("doc-a", 0, 31, _label(p, "claim"), annotator="bob", note="n")
        source = p.add_span("doc-a", 0, 5, _label(p, "source"), annotator="bob")
        rel_type = p.relation_type_named("attributed_to")
        assert rel_type is not None
        p.add_relation(claim.id, source.id, rel_type.id, annotator="bob")
        set_annotator_status(p, "doc-a", "bob", "done")
    with Project.open(mine) as p:
        p.add_span("doc-a", 0, 31, _label(p, "claim"), annotator="ann")
        report = merge_projects(p, [theirs])
        assert report.spans_added == {"bob": 2}
        assert report.relations_added == 1 and report.statuses_changed == 1
        assert report.documents_added == 0 and not report.conflicts
        assert {s.annotator for s in p.spans("doc-a")} == {"ann", "bob"}
        assert p.span(claim.id).note == "n"
        assert annotator_status(p, "doc-a", "bob") == "done"
        assert annotator_status(p, "doc-a", "ann") == "todo"
    assert report.backup is not None and report.backup.exists()
    with Project.open(report.backup) as before:
        assert before.span_count() == 1


def test_merging_the_same_file_twice_changes_nothing(base: Path, tmp_path: Path) -> None:
    mine, theirs = _copy(base, "ann.wbproj"), _copy(base, "bob.wbproj")
    with Project.open(theirs) as p:
        p.add_span("doc-b", 0, 4, _label(p, "source"), annotator="bob")
        p.add_document("A third article.", title="c", id="doc-c")
    with Project.open(mine) as p:
        first = merge_projects(p, [theirs])
    assert first.changed and first.documents_added == 1
    exported = _export(mine, tmp_path / "once.jsonl")
    with Project.open(mine) as p:
        second = merge_projects(p, [theirs])
    assert not second.changed and second.backup is None
    assert "Nothing to merge" in second.summary()
    assert _export(mine, tmp_path / "twice.jsonl") == exported


def test_documents_are_matched_by_identical_text_when_ids_differ(tmp_path: Path) -> None:
    mine, theirs = tmp_path / "ann.wbproj", tmp_path / "bob.wbproj"
    with Project.create(mine) as p:
        p.add_document(TEXT_A, title="a", id="mine-a")
    with Project.create(theirs) as p:
        p.add_document(TEXT_A, title="a", id="their-a")
        p.add_span("their-a", 33, 39, _label(p, "source"), annotator="bob")
    with Project.open(mine) as p:
        report = merge_projects(p, [theirs])
        assert report.documents_matched_by_text == 1 and report.documents_added == 0
        assert p.document_ids() == ["mine-a"]
        assert [(s.start, s.end, s.annotator) for s in p.spans("mine-a")] == [(33, 39, "bob")]


def test_a_span_changed_on_both_sides_keeps_the_newer_and_is_reported(base: Path) -> None:
    with Project.open(base) as p:
        span = p.add_span("doc-a", 0, 5, _label(p, "source"), annotator="ann")
    mine, theirs = _copy(base, "ann.wbproj"), _copy(base, "bob.wbproj")
    with Project.open(mine) as p:
        p.update_span(span.id, end=10, updated_at="2026-01-01T10:00:00.000Z")
    with Project.open(theirs) as p:
        p.update_span(span.id, end=16, updated_at="2026-01-01T11:00:00.000Z")
        p.update_span(span.id, note="theirs", updated_at="2026-01-01T09:00:00.000Z")
    with Project.open(mine) as p:
        report = merge_projects(p, [theirs])
        # Theirs is older now (09:00 < 10:00): ours stays, and the report says so.
        assert [(c.kind, c.id, c.winner) for c in report.conflicts] == [("span", span.id, "target")]
        assert (p.span(span.id).end, p.span(span.id).note) == (10, "")
    with Project.open(theirs) as p:
        p.update_span(span.id, updated_at="2026-01-01T12:00:00.000Z")
    with Project.open(mine) as p:
        report = merge_projects(p, [theirs])
        assert [(c.kind, c.winner) for c in report.conflicts] == [("span", "source")]
        assert (p.span(span.id).end, p.span(span.id).note) == (16, "theirs")
        assert "Conflict: span" in report.summary()


def test_three_way_merge_takes_everyone_and_the_newest(base: Path) -> None:
    with Project.open(base) as p:
        shared = p.add_span("doc-a", 0, 5, _label(p, "source"), annotator="ann")
    paths = {name: _copy(base, f"{name}.wbproj") for name in ("ann", "bob", "cy")}
    for name, end in (("bob", 10), ("cy", 16)):
        with Project.open(paths[name]) as p:
            p.add_span("doc-b", 0, 4, _label(p, "source"), annotator=name)
            p.update_span(shared.id, end=end, updated_at=f"2030-01-01T1{end % 10}:00:00.000Z")
    with Project.open(paths["ann"]) as p:
        report = merge_projects(p, [paths["bob"], paths["cy"]])
        assert report.spans_added == {"bob": 1, "cy": 1}
        assert p.span(shared.id).end == 16  # cy's edit (16:00) is newer than bob's (10:00)
        assert {c.winner for c in report.conflicts} == {"source"} and len(report.conflicts) == 2


def test_a_bad_source_leaves_the_target_byte_identical(base: Path) -> None:
    mine, good, bad = (_copy(base, n) for n in ("ann.wbproj", "good.wbproj", "bad.wbproj"))
    with Project.open(good) as p:
        p.add_span("doc-a", 0, 5, _label(p, "source"), annotator="bob")
    with Project.open(bad) as p:
        p.add_span("doc-a", 0, 5, _label(p, "source"), annotator="cy")
    conn = sqlite3.connect(bad)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute("UPDATE spans SET end = 9999")
    conn.commit()
    conn.close()
    before = mine.read_bytes()
    with Project.open(mine) as p, pytest.raises(FormatError, match="bad.wbproj.*does not fit"):
        merge_projects(p, [good, bad])
    assert mine.read_bytes() == before
    assert not list(mine.parent.glob("*.premerge-*"))


@pytest.mark.parametrize(
    "damage",
    [
        "UPDATE documents SET status = 'finished'",
        "UPDATE spans SET label_id = 999",
        "UPDATE spans SET start = 'zero'",
        "UPDATE relations SET tail = 'nowhere'",
        "UPDATE spans SET attrs = '" + "[" * 100_000 + "]" * 100_000 + "'",
        "DROP TABLE relations; CREATE VIEW relations AS SELECT id, id AS head, id AS tail, "
        "1 AS type_id, '' AS annotator, '' AS created_at FROM spans",
    ],
)
def test_hostile_values_are_refused_naming_the_file(
    base: Path, capsys: pytest.CaptureFixture[str], damage: str
) -> None:
    mine, bad = _copy(base, "ann.wbproj"), _copy(base, "bad.wbproj")
    with Project.open(bad) as p:
        a = p.add_span("doc-a", 0, 5, _label(p, "source"), annotator="cy")
        b = p.add_span("doc-a", 6, 10, _label(p, "claim"), annotator="cy")
        rel_type = p.relation_type_named("attributed_to")
        assert rel_type is not None
        p.add_relation(b.id, a.id, rel_type.id)
    conn = sqlite3.connect(bad)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.executescript(damage)
    conn.commit()
    conn.close()
    before = mine.read_bytes()
    code = cli.main(["merge", str(mine), str(bad)])
    err = capsys.readouterr().err
    assert code == 1 and "bad.wbproj" in err and err.count("\n") == 1
    assert mine.read_bytes() == before


def test_a_file_that_is_not_a_project_is_refused(base: Path, tmp_path: Path) -> None:
    junk = tmp_path / "junk.wbproj"
    junk.write_bytes(b"not a database at all" * 100)
    with Project.open(base) as p, pytest.raises(FormatError, match="junk.wbproj"):
        merge_projects(p, [junk])


def test_the_cli_prints_the_report(base: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mine, theirs = _copy(base, "ann.wbproj"), _copy(base, "bob.wbproj")
    with Project.open(theirs) as p:
        p.add_span("doc-a", 0, 5, _label(p, "source"), annotator="bob")
    assert cli.main(["merge", str(mine), str(theirs)]) == 0
    out = capsys.readouterr().out
    assert "spans added: 1 by bob" in out and ".premerge-" in out


@pytest.mark.parametrize("seed", range(12))
def test_a_damaged_source_is_refused_or_merged_never_a_crash(base: Path, seed: int) -> None:
    """Bytes of the source file flipped at random: a sentence naming it, or a clean merge."""
    import random

    from workbench.errors import WorkbenchError

    mine, theirs = _copy(base, "ann.wbproj"), _copy(base, "bob.wbproj")
    with Project.open(theirs) as p:
        for i in range(30):
            p.add_span("doc-a", i % 40, i % 40 + 5, _label(p, "claim"), annotator=f"b{i}")
    conn = sqlite3.connect(theirs)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(theirs.read_bytes())
    rng = random.Random(seed)
    for _ in range(rng.randint(1, 40)):
        data[rng.randrange(100, len(data))] = rng.randrange(256)
    theirs.write_bytes(bytes(data))
    before = mine.read_bytes()
    with Project.open(mine) as p:
        try:
            merge_projects(p, [theirs])
        except WorkbenchError as e:
            assert "bob.wbproj" in str(e)
            assert mine.read_bytes() == before
        else:
            assert p.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_suggestion_decisions_and_statuses_carry_over(base: Path) -> None:
    from workbench import suggest

    with Project.open(base) as p:
        suggest.run_suggester(p)
        pending = suggest.suggestions(p)
    assert pending, "the rules propose something in the base texts"
    mine, theirs = _copy(base, "ann.wbproj"), _copy(base, "bob.wbproj")
    with Project.open(theirs) as p:
        suggest.reject(p, [pending[0].id])
        set_annotator_status(p, "doc-b", "bob", "in_progress")
    with Project.open(mine) as p:
        set_annotator_status(p, "doc-b", "ann", "done")
        report = merge_projects(p, [theirs])
        assert report.suggestions_changed == 1 and report.statuses_changed == 1
        assert suggest.suggestion(p, pending[0].id).status == "rejected"
        assert annotator_status(p, "doc-b", "ann") == "done"
        assert annotator_status(p, "doc-b", "bob") == "in_progress"
        assert not merge_projects(p, [theirs]).changed
