"""Counts over a project, and how `workbench stats` shows them."""

from __future__ import annotations

from workbench.project import Project
from workbench.stats import project_stats, render_stats


def test_counts_per_label_annotator_document_and_status(project: Project) -> None:
    claim, source, _, figure = project.labels()
    a = project.add_document("Seoul says 3,000 troops.", title="A")
    b = project.add_document("Nothing.", title="B")
    project.set_status(b.id, "done")
    s1 = project.add_span(a.id, 0, 5, source.id, annotator="bob")
    s2 = project.add_span(a.id, 0, 24, claim.id, annotator="ann")
    project.add_span(a.id, 11, 16, figure.id, annotator="ann")
    project.add_relation(s2.id, s1.id, project.relation_types()[1].id)

    stats = project_stats(project)
    assert stats.documents == 2
    assert stats.by_status == {"todo": 1, "in_progress": 0, "done": 1}
    assert (stats.spans, stats.relations) == (3, 1)
    assert stats.by_label == {"claim": 1, "source": 1, "denial": 0, "figure": 1}
    assert stats.by_annotator == {"ann": 2, "bob": 1}
    assert stats.by_document == [("A", "todo", 3), ("B", "done", 0)]

    text = render_stats(stats)
    assert text.startswith("Documents: 2 (1 todo, 0 in progress, 1 done)\nSpans: 3\n")
    assert "  denial       0" in text and "  ann       2" in text and "  B       0" in text


def test_an_empty_project(project: Project) -> None:
    text = render_stats(project_stats(project))
    assert "Spans: 0" in text and "(none)" in text
