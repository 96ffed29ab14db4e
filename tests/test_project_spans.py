"""The project's spans: overlaps, bounds, code points, delete and restore."""

from __future__ import annotations

import pytest

from workbench.errors import EditError
from workbench.project import Project


def test_overlapping_and_nested_spans_are_allowed_exact_duplicates_are_not(
    project: Project,
) -> None:
    doc = project.add_document("Pyongyang sent 3,000 troops.", title="t")
    claim, _, _, figure = project.labels()
    project.add_span(doc.id, 0, 27, claim.id, annotator="ann")
    project.add_span(doc.id, 15, 27, figure.id, annotator="ann")  # nested
    project.add_span(doc.id, 10, 20, figure.id, annotator="ann")  # overlapping
    project.add_span(doc.id, 0, 27, figure.id, annotator="ann")  # same range, other label
    project.add_span(doc.id, 0, 27, claim.id, annotator="bob")  # same range, other annotator
    with pytest.raises(EditError, match="already exists"):
        project.add_span(doc.id, 0, 27, claim.id, annotator="ann")
    assert project.span_count() == 5


@pytest.mark.parametrize(("start", "end"), [(-1, 2), (2, 2), (3, 2), (0, 4)])
def test_spans_outside_the_text_are_refused(project: Project, start: int, end: int) -> None:
    doc = project.add_document("abc", title="t")
    with pytest.raises(EditError, match="does not fit"):
        project.add_span(doc.id, start, end, project.labels()[0].id, annotator="a")
    assert project.span_count() == 0


def test_span_length_counts_code_points_even_after_a_nul(project: Project) -> None:
    text = "a\x00b😀"
    doc = project.add_document(text, title="t")
    span = project.add_span(doc.id, 2, 4, project.labels()[0].id, annotator="a")
    assert text[span.start : span.end] == "b😀"


def test_deleting_a_span_returns_what_undo_needs(project: Project) -> None:
    doc = project.add_document("abc def", title="t")
    s1 = project.add_span(doc.id, 0, 3, 1, annotator="x")
    s2 = project.add_span(doc.id, 4, 7, 1, annotator="x")
    rel = project.add_relation(s1.id, s2.id, project.relation_types()[0].id)
    span, relations = project.delete_span(s1.id)
    assert project.relations() == []
    project.restore_span(span, relations)
    assert project.span(s1.id) == s1
    assert project.relations() == [rel]


def test_spans_read_hold_the_values_they_repeat_once(project: Project) -> None:
    """200,000 spans of one import held a copy each of its document id, annotator and
    time (twice: created and updated), 120 MB; read, they share one."""
    doc = project.add_document("Pyongyang sent 3,000 troops to Kursk.", title="t")
    label = project.labels()[0].id
    for start in range(0, 20, 5):
        project.add_span(doc.id, start, start + 3, label, annotator="ann")
    with project.transaction():  # as an import stores them: one time for all
        project.conn.execute("UPDATE spans SET created_at = ?, updated_at = ?", ("t0", "t0"))
    edited = project.spans(doc.id)[1]
    project.update_span(edited.id, note="checked")

    spans = project.spans(doc.id)
    assert [s.start for s in spans] == [0, 5, 10, 15]
    assert len({id(s.document_id) for s in spans}) == 1 and spans[0].document_id == doc.id
    assert len({id(s.annotator) for s in spans}) == 1 and spans[0].annotator == "ann"
    assert len({id(s.created_at) for s in spans}) == 1 and spans[0].created_at == "t0"
    unedited = [s for s in spans if s.id != edited.id]
    assert all(s.updated_at is s.created_at for s in unedited)
    (changed,) = [s for s in spans if s.id == edited.id]
    assert changed.note == "checked" and changed.updated_at not in ("", "t0")
