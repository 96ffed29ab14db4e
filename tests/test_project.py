"""The project store: labels, PRAGMAs, commits, opening and creating (documents, spans
and relations: test_project_documents.py, test_project_spans.py, test_project_relations.py)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from workbench.errors import EditError, ProjectError
from workbench.project import Project

# Okabe-Ito: the palette distinguishable under the common colour-vision deficiencies.
OKABE_ITO = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"}


def test_new_project_has_the_default_scheme(project: Project) -> None:
    labels = project.labels()
    assert [(lb.name, lb.shortcut) for lb in labels] == [
        ("claim", "1"),
        ("source", "2"),
        ("denial", "3"),
        ("figure", "4"),
    ]
    colors = [lb.color.upper() for lb in labels]
    assert len(set(colors)) == 4
    assert set(colors) <= OKABE_ITO


def test_custom_labels_get_distinct_colours_and_keys(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p.wbproj", labels=["a", "b", "c"]) as p:
        labels = p.labels()
        assert [lb.name for lb in labels] == ["a", "b", "c"]
        assert len({lb.color for lb in labels}) == 3
        assert [lb.shortcut for lb in labels] == ["1", "2", "3"]


def test_add_rename_recolour_reorder_labels(project: Project) -> None:
    doc = project.add_document("Troops were seen.", title="t")
    claim = project.label_named("claim")
    assert claim is not None
    span = project.add_span(doc.id, 0, 6, claim.id, annotator="ann")

    extra = project.add_label("location")
    assert extra.shortcut == "5" and extra.color not in {lb.color for lb in project.labels()[:4]}
    renamed = project.update_label(claim.id, name="assertion", color="#000000")
    assert (renamed.name, renamed.color) == ("assertion", "#000000")
    assert project.span(span.id).label_id == claim.id
    assert project.label_named("claim") is None

    order = [lb.id for lb in reversed(project.labels())]
    project.reorder_labels(order)
    assert [lb.id for lb in project.labels()] == order


@pytest.mark.parametrize(
    "bad",
    [
        lambda p: p.add_label("claim"),
        lambda p: p.add_label("  "),
        lambda p: p.update_label(p.label_named("claim").id, name="source"),
        lambda p: p.update_label(p.label_named("claim").id, shortcut="2"),
        lambda p: p.reorder_labels([p.labels()[0].id]),
    ],
)
def test_label_edits_that_break_the_rules_are_refused(project: Project, bad) -> None:  # type: ignore[no-untyped-def]
    before = project.labels()
    with pytest.raises(EditError):
        bad(project)
    assert project.labels() == before


def test_a_label_in_use_cannot_be_deleted(project: Project) -> None:
    doc = project.add_document("abc", title="t")
    claim = project.labels()[0]
    project.add_span(doc.id, 0, 1, claim.id, annotator="a")
    with pytest.raises(EditError, match="used by 1 span"):
        project.delete_label(claim.id)
    unused = project.labels()[1]
    project.delete_label(unused.id)
    assert unused.id not in [lb.id for lb in project.labels()]


def test_opened_file_uses_wal_normal_sync_foreign_keys_and_busy_timeout(project_file: Path) -> None:
    with Project.open(project_file) as p:
        pragma = lambda name: p.conn.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 1  # NORMAL
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") >= 1000


def test_every_edit_is_committed_at_once(project_file: Path) -> None:
    with Project.open(project_file) as p:
        other = sqlite3.connect(project_file)
        count = lambda table: other.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: E731
        doc = p.add_document("Troops crossed the border.", title="t")
        assert count("documents") == 1
        span = p.add_span(doc.id, 0, 6, 1, annotator="a")
        assert count("spans") == 1
        p.update_span(span.id, end=13)
        assert other.execute("SELECT end FROM spans").fetchone()[0] == 13
        p.add_label("place")
        assert count("labels") == 5
        p.set_status(doc.id, "done")
        assert other.execute("SELECT status FROM documents").fetchone()[0] == "done"
        p.delete_span(span.id)
        assert count("spans") == 0
        assert not p.conn.in_transaction
        other.close()


def test_a_failed_transaction_leaves_nothing(project: Project) -> None:
    with pytest.raises(RuntimeError), project.transaction():
        project.add_document("abc", title="t")
        raise RuntimeError("boom")
    assert project.document_ids() == []


def test_create_refuses_an_existing_file(project_file: Path) -> None:
    before = project_file.read_bytes()
    with pytest.raises(ProjectError, match="already exists"):
        Project.create(project_file)
    assert project_file.read_bytes() == before


def test_open_refuses_a_missing_file_and_a_folder(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="does not exist"):
        Project.open(tmp_path / "nope.wbproj")
    with pytest.raises(ProjectError, match="is a folder"):
        Project.open(tmp_path)


def test_a_second_writer_waits_for_the_lock_instead_of_failing(project_file: Path) -> None:
    import threading

    other = sqlite3.connect(project_file, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    other.execute(
        "INSERT INTO documents (id, title, text, content_hash, imported_at) "
        "VALUES ('x', 'x', 'other', 'h', 'now')"
    )
    with Project.open(project_file) as p:
        # The other program finishes a moment later; without a busy timeout the add
        # below would fail at once with "database is locked".
        thread = threading.Timer(0.3, lambda: other.execute("COMMIT"))
        thread.start()
        p.add_document("mine", title="t")
        thread.join()
        assert sorted(d.title for d in p.documents()) == ["t", "x"]
    other.close()


def test_a_failed_create_leaves_no_file(tmp_path: Path) -> None:
    path = tmp_path / "p.wbproj"
    with pytest.raises(EditError, match="already a label named 'a'"):
        Project.create(path, labels=["a", "a"])
    assert list(tmp_path.iterdir()) == []
    with Project.create(path, labels=["a", "b"]) as p:
        assert [lb.name for lb in p.labels()] == ["a", "b"]
