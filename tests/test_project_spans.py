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
