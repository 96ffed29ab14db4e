"""The project's documents: listing, status, deleting."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench import project as project_module
from workbench.errors import EditError
from workbench.project import Project


def test_deleting_a_document_cascades_to_spans_and_relations(project: Project) -> None:
    a = project.add_document("Seoul says 1,500 troops.", title="a")
    b = project.add_document("Moscow denies it.", title="b")
    claim, _, denial, _ = project.labels()
    s1 = project.add_span(a.id, 0, 24, claim.id, annotator="x")
    s2 = project.add_span(b.id, 0, 17, denial.id, annotator="x")
    s3 = project.add_span(b.id, 0, 6, claim.id, annotator="x")
    denies = project.relation_type_named("denies")
    assert denies is not None
    project.add_relation(s2.id, s1.id, denies.id)
    keep = project.add_relation(s2.id, s3.id, denies.id)

    project.delete_document(a.id)
    assert project.document_ids() == [b.id]
    assert {s.id for s in project.spans()} == {s2.id, s3.id}
    assert [r.id for r in project.relations()] == [keep.id]


def test_documents_list_and_status(project: Project) -> None:
    doc = project.add_document("one two", title="One", source="a.txt", meta={"k": "v"})
    project.add_span(doc.id, 0, 3, 1, annotator="a")
    project.set_status(doc.id, "in_progress")
    project.rename_document(doc.id, "Uno")
    [info] = project.documents()
    assert (info.title, info.source, info.status, info.span_count, info.length) == (
        "Uno",
        "a.txt",
        "in_progress",
        1,
        7,
    )
    assert project.document(doc.id).meta == {"k": "v"}
    with pytest.raises(EditError, match="Status must be"):
        project.set_status(doc.id, "finished")


def test_long_texts_are_read_in_slices_and_kept(
    project_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(project_module, "LONG_TEXT", 100)
    monkeypatch.setattr(project_module, "LONG_TEXT_SLICE", 7)  # cuts through multibyte chars
    long_text = "Seoul said 1,500 troops 🇰🇵 crossed; Мосва denied it. " * 10
    with Project.open(project_file) as project:
        short = project.add_document("Short.", title="short")
        long = project.add_document(long_text, title="long")
    with Project.open(project_file) as project:
        steps = project.reading_long_texts()
        next(steps)
        project.set_status(long.id, "done")  # an edit between two slices
        rest = sum(1 for _ in steps)
        assert rest >= len(long_text.encode()) // 7 - 1  # a slice a step
        assert list(project._texts) == [long.id]  # the short one is read when asked
        reads: list[str] = []
        project.conn.set_trace_callback(reads.append)
        assert project.document_text(long.id) == long_text
        assert reads == []  # kept: not read again
        assert project.document_text(short.id) == "Short."
        assert list(project.reading_long_texts()) == []  # nothing left to read
