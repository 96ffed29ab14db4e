"""The numbers behind the dashboard: spans per label per document, done over time, activity."""

from __future__ import annotations

from workbench.chart_data import chart_data
from workbench.project import Project


def test_counts_history_and_activity(project: Project) -> None:
    a = project.add_document("alpha beta gamma", title="A")
    b = project.add_document("delta epsilon", title="B", status="done")
    claim, figure = project.label_named("claim").id, project.label_named("figure").id
    project.add_span(a.id, 0, 5, claim, annotator="kim")
    project.add_span(a.id, 6, 10, figure, annotator="kim")
    project.add_span(b.id, 0, 5, claim, annotator="lee")
    project.conn.execute(
        "UPDATE spans SET created_at = '2024-10-21T10:00:00.000Z' WHERE annotator = 'lee'"
    )
    project.conn.execute("UPDATE status_history SET changed_at = '2024-10-20T09:00:00.000Z'")
    project.conn.commit()
    project.set_status(a.id, "done")
    project.set_status(b.id, "in_progress")

    data = chart_data(project)
    labels = [name for name, _ in data.by_label.labels]
    assert data.by_label.documents == ["A", "B"]
    assert data.by_label.counts[labels.index("claim")] == [1, 1]
    assert data.by_label.counts[labels.index("figure")] == [1, 0]
    assert data.by_label.counts[labels.index("denial")] == [0, 0]

    (first, later) = data.done_over_time
    assert first == ("2024-10-20", 1)  # B arrived done
    assert later[1] == 1  # A done, then B back in progress, on the same day
    today = later[0]
    assert data.activity == {"kim": [(today, 2)], "lee": [("2024-10-21", 1)]}
    assert data.days == ["2024-10-21", today]


def test_empty_project_has_empty_series(project: Project) -> None:
    data = chart_data(project)
    assert data.done_over_time == [] and data.activity == {} and data.days == []
