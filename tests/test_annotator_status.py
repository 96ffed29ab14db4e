"""Per-annotator document status: the migration of old statuses and setting one's own."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench import schema
from workbench.annotator_status import (
    annotator_status,
    annotator_statuses,
    annotators,
    has_several_annotators,
    set_annotator_status,
    statuses_seen_by,
)
from workbench.errors import EditError
from workbench.project import Project


def test_old_statuses_go_to_the_annotators_of_the_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.wbproj"
    migrations = schema.MIGRATIONS
    monkeypatch.setattr(
        schema, "MIGRATIONS", migrations[: migrations.index(schema._v4_annotator_status)]
    )
    with Project.create(path) as p:
        label = p.labels()[0].id
        p.conn.executemany(  # as that version wrote them (today's add_document is newer)
            "INSERT INTO documents (id, title, text, content_hash, imported_at) "
            "VALUES (?, ?, 'Some text here.', 'h', '2026-01-01')",
            [(doc_id, doc_id) for doc_id in ("a", "b", "c")],
        )
        p.conn.commit()
        p.add_span("a", 0, 4, label, annotator="ann")
        p.add_span("a", 5, 9, label, annotator="bob")
        p.add_span("c", 0, 4, label, annotator="ann")
        p.add_span("c", 5, 9, label, annotator="ann")
        p.set_status("a", "done")
        p.set_status("b", "in_progress")
    monkeypatch.setattr(schema, "MIGRATIONS", migrations)
    with Project.open(path) as p:
        assert annotator_status(p, "a", "ann") == annotator_status(p, "a", "bob") == "done"
        # No spans in b: its status goes to the annotator with the most spans.
        assert annotator_statuses(p, "ann") == {"a": "done", "b": "in_progress"}
        assert annotator_statuses(p, "bob") == {"a": "done"}
        assert annotator_status(p, "c", "ann") == "todo"
        assert annotators(p) == ["ann", "bob"]


def test_each_annotator_has_their_own_status(project: Project) -> None:
    doc = project.add_document("Text.", title="t")
    set_annotator_status(project, doc.id, "ann", "done")
    set_annotator_status(project, doc.id, "bob", "in_progress")
    set_annotator_status(project, doc.id, "ann", "in_progress")
    assert annotator_status(project, doc.id, "ann") == "in_progress"
    assert annotator_status(project, doc.id, "bob") == "in_progress"
    assert annotator_status(project, doc.id, "cy") == "todo"
    with pytest.raises(EditError):
        set_annotator_status(project, doc.id, "ann", "finished")
    assert project.conn.execute("SELECT count(*) FROM annotator_statuses").fetchone()[0] == 2


def test_a_status_set_before_statuses_were_per_annotator_is_seen_by_everyone(
    project: Project,
) -> None:
    first = project.add_document("One.", title="1").id
    second = project.add_document("Two.", title="2").id
    project.set_status(first, "done")  # no annotator: as older code and scripts do
    project.set_status(second, "in_progress")
    set_annotator_status(project, second, "bob", "done")
    assert statuses_seen_by(project, "ann") == {first: "done", second: "todo"}
    assert statuses_seen_by(project, "bob") == {first: "done", second: "done"}
    assert statuses_seen_by(project, "ann", document_id=first) == {first: "done"}


def test_several_annotators_is_answered_without_counting(project: Project) -> None:
    doc = project.add_document("Some text.", title="t").id
    label = project.labels()[0].id
    assert not has_several_annotators(project)
    project.add_span(doc, 0, 4, label, annotator="ann")
    project.add_span(doc, 5, 9, label, annotator="suggester")
    assert has_several_annotators(project)
    assert not has_several_annotators(project, ignoring=["suggester"])
    set_annotator_status(project, doc, "bob", "done")  # a status alone counts too
    assert has_several_annotators(project, ignoring=["suggester"])
