"""Every operation of workbench/edits, without Qt: apply, undo (its inverse), redo (the
inverse's inverse) — the project's tables equal their state before, then after."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench import suggest
from workbench.edits import (
    AcceptAgreed,
    AcceptSuggestions,
    AcceptVersion,
    AddLabel,
    AddRelation,
    AddSpans,
    Applied,
    ChangeRecord,
    DeleteLabel,
    ImportFiles,
    MergeProjects,
    Operation,
    RemoveRelations,
    RemoveRows,
    RemoveSpans,
    RenameDocument,
    ReorderLabels,
    RunSuggester,
    SetStatus,
    Steps,
    SyncFigures,
    UpdateLabel,
    UpdateSpan,
    reject_suggestions,
)
from workbench.errors import WorkbenchError
from workbench.project import Project

TEXT = (
    "Seoul said about 1,500 troops came; Moscow denied it all. Port officials said that "
    "the terminal would reopen on Friday."
)

Dump = dict[str, list[tuple[Any, ...]]]


def dump(project: Project) -> Dump:
    """Every table's rows, sorted — but the status history, which only grows (an undone
    status change is a change of its own there)."""
    tables = [
        r[0]
        for r in project.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name != 'status_history'"
        )
    ]
    return {
        t: sorted(project.conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables
    }


def round_trip(project: Project, operation: Operation) -> Applied:
    """Apply, undo, redo, undo again; the tables follow exactly."""
    before = dump(project)
    applied = operation.apply(project)
    after = dump(project)
    assert after != before, "the operation changed nothing"
    assert applied.inverse is not None
    undone = applied.inverse.apply(project)
    assert dump(project) == before
    assert undone.inverse is not None
    redone = undone.inverse.apply(project)
    assert dump(project) == after
    assert redone.inverse is not None
    redone.inverse.apply(project)
    assert dump(project) == before
    return applied


@pytest.fixture
def doc(project: Project) -> str:
    return project.add_document(TEXT, title="t", id="d1").id


def _label(project: Project, name: str) -> int:
    label = project.label_named(name)
    assert label is not None
    return label.id


def _at(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return start, start + len(phrase)


def test_adding_a_span_and_undoing_it(project: Project, doc: str) -> None:
    start, end = _at("Seoul")
    applied = round_trip(project, AddSpans(((doc, start, end, _label(project, "source")),), "ann"))
    (span,) = applied.record.spans_added
    assert (span.start, span.end, span.annotator) == (start, end, "ann")


def test_tag_all_skips_places_already_tagged(project: Project, doc: str) -> None:
    claim = _label(project, "claim")
    project.add_span(doc, 0, 5, claim, annotator="ann")
    applied = round_trip(
        project, AddSpans(((doc, 0, 5, claim), (doc, 6, 10, claim)), "ann", skip_taken=True)
    )
    assert [(s.start, s.end) for s in applied.record.spans_added] == [(6, 10)]
    with pytest.raises(WorkbenchError):
        AddSpans(((doc, 0, 5, claim),), "ann").apply(project)


def test_a_figure_span_gets_its_value_from_the_one_rule(project: Project, doc: str) -> None:
    start, end = _at("about 1,500")
    figure = _label(project, "figure")
    applied = round_trip(project, AddSpans(((doc, start, end, figure),), "ann"))
    stored = applied.record.spans_added[0].attrs["figure"]
    assert stored["parsed_from"] == "about 1,500" and stored["value"] == 1500
    assert stored["counts"] == "troops"  # parsed with the noun that follows


@pytest.mark.parametrize(
    "change",
    [
        {"label_id": "denial"},
        {"start": 1},
        {"end": 4},
        {"note": "check the date"},
    ],
)
def test_relabel_resize_and_note(project: Project, doc: str, change: dict[str, Any]) -> None:
    span = project.add_span(doc, 0, 5, _label(project, "source"), annotator="ann")
    if "label_id" in change:
        change = {"label_id": _label(project, change["label_id"])}
    applied = round_trip(project, UpdateSpan(span.id, "bob", **change))
    ((old, new),) = applied.record.spans_updated
    assert old == span and new.annotator == "bob"


def test_resizing_onto_a_figure_reparses_it(project: Project, doc: str) -> None:
    start, end = _at("about 1,500")
    span = project.add_span(doc, start, start + 5, _label(project, "figure"), annotator="ann")
    applied = round_trip(project, UpdateSpan(span.id, "ann", end=end))
    assert applied.record.spans_updated[0][1].attrs["figure"]["value"] == 1500


def test_deleting_a_span_with_its_relations(project: Project, doc: str) -> None:
    a = project.add_span(doc, 0, 5, _label(project, "source"), annotator="ann")
    b = project.add_span(doc, 6, 10, _label(project, "claim"), annotator="ann")
    types = project.relation_types()
    relation = project.add_relation(b.id, a.id, types[0].id, annotator="ann")
    applied = round_trip(project, RemoveSpans((a.id,)))
    assert applied.record.spans_removed == (a,)
    assert applied.record.relations_removed == (relation,)


def test_link_and_unlink(project: Project, doc: str) -> None:
    a = project.add_span(doc, 0, 5, _label(project, "source"), annotator="ann")
    b = project.add_span(doc, 6, 10, _label(project, "claim"), annotator="ann")
    type_id = project.relation_types()[0].id
    applied = round_trip(project, AddRelation(b.id, a.id, type_id, "ann"))
    (relation,) = applied.record.relations_added
    project.insert_relations([relation])
    assert round_trip(project, RemoveRelations((relation.id,))).record.relations_removed == (
        relation,
    )


def test_a_status_is_the_annotators_own(project: Project, doc: str) -> None:
    applied = round_trip(project, SetStatus(doc, "ann", "done"))
    assert applied.record.statuses == ((doc, "done"),)
    SetStatus(doc, "ann", "in_progress").apply(project)
    assert round_trip(project, SetStatus(doc, "ann", "done")).record.statuses == ((doc, "done"),)


def test_label_scheme_changes(project: Project, doc: str) -> None:
    added = round_trip(project, AddLabel("rumour", color="#123456"))
    assert added.record.labels[0].name == "rumour" and added.record.labels_changed
    claim = _label(project, "claim")
    round_trip(project, UpdateLabel(claim, name="allegation"))
    round_trip(project, UpdateLabel(claim, color="#654321"))
    round_trip(project, UpdateLabel(claim, shortcut="x"))
    round_trip(project, UpdateLabel(claim, shortcut=None))
    ids = [label.id for label in project.labels()]
    round_trip(project, ReorderLabels(tuple(reversed(ids))))
    round_trip(project, DeleteLabel(claim))
    project.add_span(doc, 0, 5, claim, annotator="ann")
    with pytest.raises(WorkbenchError, match="used by 1 span"):
        DeleteLabel(claim).apply(project)


def test_accepting_and_rejecting_suggestions(project: Project, doc: str) -> None:
    suggest.run_suggester(project)
    pending = suggest.suggestions(project)
    assert len(pending) >= 2
    applied = round_trip(project, AcceptSuggestions((pending[0].id,)))
    assert applied.record.suggestions_changed and len(applied.record.spans_added) == 1
    round_trip(project, reject_suggestions((pending[1].id,)))


def test_accepting_a_group_brings_its_links(project: Project, doc: str) -> None:
    from workbench.suggestion_groups import group_of, suggested_links

    suggest.run_suggester(project)
    link = suggested_links(project)[0]
    applied = round_trip(project, AcceptSuggestions(tuple(group_of(project, link.head))))
    assert applied.record.relations_added


def test_figures_sync_is_undoable(project: Project, doc: str) -> None:
    start, end = _at("about 1,500")
    span = project.add_span(doc, start, end, _label(project, "figure"), annotator="ann")
    assert "figure" not in span.attrs  # the core's add stores what it is given
    applied = round_trip(project, SyncFigures())
    assert applied.record.spans_updated[0][1].attrs["figure"]["value"] == 1500
    SyncFigures().apply(project)
    assert SyncFigures().apply(project).record.empty  # nothing left to parse


def _two_annotators(project: Project, doc: str) -> None:
    source = _label(project, "source")
    for who in ("ann", "bob"):
        project.add_span(doc, 0, 5, source, annotator=who)


def test_adjudication_steps(project: Project, doc: str) -> None:
    _two_annotators(project, doc)
    ann = next(s for s in project.spans() if s.annotator == "ann")
    applied = round_trip(project, AcceptVersion(ann.id, "gold"))
    (copy,) = applied.record.spans_added
    assert copy.annotator == "gold"
    copy_again = AcceptVersion(ann.id, "gold").apply(project).record.spans_added[0]
    bob = next(s for s in project.spans() if s.annotator == "bob")
    # a decision: the rival copy goes, another version comes, in one step
    round_trip(project, Steps((RemoveSpans((copy_again.id,)), AcceptVersion(bob.id, "gold"))))


def test_accept_all_agreed(project: Project, doc: str) -> None:
    _two_annotators(project, doc)
    applied = round_trip(project, AcceptAgreed("gold", ("ann", "bob"), document_ids=(doc,)))
    assert [s.annotator for s in applied.record.spans_added] == ["gold"]


def test_a_refused_step_leaves_the_project_as_it_was(project: Project, doc: str) -> None:
    span = project.add_span(doc, 0, 5, _label(project, "source"), annotator="gold")
    before = dump(project)
    with pytest.raises(WorkbenchError, match="already in the adjudicated layer"):
        Steps(
            (RemoveSpans(()), UpdateSpan(span.id, "gold", note="x"), AcceptVersion(span.id, "gold"))
        ).apply(project)
    assert dump(project) == before


def test_import_merge_and_suggester_report_what_changed(
    project: Project, doc: str, tmp_path: Path
) -> None:
    # An import is undone by removing what it stored (tests/test_document_ops.py); the
    # suggester and the merge (which keeps a backup) are not undoable step by step: their
    # inverse is None and the controller pushes no undo step.
    text = tmp_path / "new.txt"
    text.write_text("Another article.", encoding="utf-8")
    imported = ImportFiles((text,)).apply(project)
    assert imported.record.documents_changed and len(project.document_ids()) == 2
    assert imported.inverse is not None
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    before = dump(project)
    with pytest.raises(WorkbenchError, match="bad.jsonl"):
        ImportFiles((bad,)).apply(project)
    assert dump(project) == before
    ran = RunSuggester().apply(project)
    assert ran.inverse is None and ran.record.suggestions_changed
    other_path = tmp_path / "other.wbproj"
    with Project.create(other_path) as other:
        other.add_document("A third article.", title="third")
    merged = MergeProjects((other_path,)).apply(project)
    assert merged.inverse is None and merged.record.everything_changed
    assert len(project.document_ids()) == 3


def test_records_add_up() -> None:
    a = ChangeRecord(labels_changed=True)
    b = ChangeRecord(suggestions_changed=True)
    assert a.then(b) == ChangeRecord(labels_changed=True, suggestions_changed=True)
    assert ChangeRecord().empty and not a.empty


# A random session of edits: undoing every one (latest first) brings back the file as it
# was before the session, and redoing them all brings back the file as it was after.
_EDIT = st.tuples(
    st.sampled_from(
        [
            "add",
            "relabel",
            "resize",
            "note",
            "delete",
            "link",
            "unlink",
            "status",
            "remove",
            "rename",
        ]
    ),
    st.integers(0, len(TEXT) - 2),
    st.integers(1, 30),
    st.integers(0, 5),
)


def _operation(project: Project, doc: str, edit: tuple[str, int, int, int]) -> Operation | None:
    kind, start, width, pick = edit
    labels = [label.id for label in project.labels()]
    spans, relations = project.spans(doc), project.relations()
    end = min(len(TEXT), start + width)
    if kind == "add":
        return AddSpans(((doc, start, end, labels[pick % len(labels)]),), "ann", skip_taken=True)
    if kind == "status":
        return SetStatus(doc, ["ann", "bob"][pick % 2], ["todo", "in_progress", "done"][pick % 3])
    if kind == "unlink":
        return RemoveRelations((relations[pick % len(relations)].id,)) if relations else None
    if kind == "rename":
        title = f"title {pick}"
        return None if project.document(doc).title == title else RenameDocument(doc, title)
    if kind == "remove":  # the other document, its span and the links to it
        others = [d for d in project.document_ids() if d != doc]
        return RemoveRows(documents=tuple(others)) if others else None
    if not spans:
        return None
    span = spans[pick % len(spans)]
    if kind == "link" and len(spans) > 1:
        other = spans[(pick + 1) % len(spans)]
        taken = {(r.head, r.tail) for r in relations}
        if (span.id, other.id) in taken:
            return None
        return AddRelation(span.id, other.id, project.relation_types()[0].id, "ann")
    by_kind: dict[str, Operation] = {
        "relabel": UpdateSpan(span.id, "bob", label_id=labels[(pick + 1) % len(labels)]),
        "resize": UpdateSpan(span.id, "bob", start=min(start, span.end - 1)),
        "note": UpdateSpan(span.id, "bob", note=f"note {pick}"),
        "delete": RemoveSpans((span.id,)),
    }
    return by_kind.get(kind)


@settings(max_examples=40, deadline=None)
@given(st.lists(_EDIT, min_size=1, max_size=12))
def test_a_random_session_undoes_and_redoes_exactly(edits: list[tuple[str, int, int, int]]) -> None:
    with Project.memory() as project:
        doc = project.add_document(TEXT, title="t").id
        other = project.add_document("Another text.", title="o").id
        project.add_span(other, 0, 7, project.labels()[0].id, annotator="ann")
        states = [dump(project)]  # before each edit, and after the last
        inverses: list[Operation] = []
        for edit in edits:
            operation = _operation(project, doc, edit)
            if operation is None:
                continue
            try:
                applied = operation.apply(project)
            except WorkbenchError:
                continue  # refused (a span already there): nothing changed
            assert applied.inverse is not None
            inverses.append(applied.inverse)
            states.append(dump(project))
        redos = []
        for inverse, state in zip(reversed(inverses), reversed(states[:-1]), strict=True):
            undone = inverse.apply(project)
            assert dump(project) == state  # each undo goes back exactly one edit
            assert undone.inverse is not None
            redos.append(undone.inverse)
        for redo, state in zip(reversed(redos), states[1:], strict=True):
            redo.apply(project)
            assert dump(project) == state
