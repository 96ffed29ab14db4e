"""The numbers behind the dashboard's charts (drawn by workbench/ui/docks/charts.py)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from workbench.project import Project


@dataclass(frozen=True, slots=True)
class LabelCounts:
    """Spans per label per document: counts[label index][document index]."""

    documents: list[str]  # titles, in import order
    labels: list[tuple[str, str]]  # (name, colour)
    counts: list[list[int]]


@dataclass(frozen=True, slots=True)
class ChartData:
    by_label: LabelCounts
    done_over_time: list[tuple[str, int]]  # (day, documents done at the end of that day)
    activity: dict[str, list[tuple[str, int]]]  # annotator -> (day, spans created that day)
    days: list[str]  # every day that appears in activity, sorted


def spans_per_label(project: Project) -> LabelCounts:
    docs = project.documents()
    labels = project.labels()
    index = {d.id: i for i, d in enumerate(docs)}
    counts = {lb.id: [0] * len(docs) for lb in labels}
    for doc_id, label_id, n in project.conn.execute(
        "SELECT document_id, label_id, count(*) FROM spans GROUP BY document_id, label_id"
    ):
        counts[label_id][index[doc_id]] = n
    return LabelCounts(
        [d.title for d in docs],
        [(lb.name, lb.color) for lb in labels],
        [counts[lb.id] for lb in labels],
    )


def done_over_time(project: Project) -> list[tuple[str, int]]:
    """How many documents were done at the end of each day a status changed."""
    status: dict[str, str] = {}
    series: list[tuple[str, int]] = []
    for doc_id, new, day in project.conn.execute(
        "SELECT h.document_id, h.status, substr(h.changed_at, 1, 10) FROM status_history h "
        "JOIN documents d ON d.id = h.document_id ORDER BY h.changed_at, h.rowid"
    ):
        status[doc_id] = new
        done = sum(s == "done" for s in status.values())
        if series and series[-1][0] == day:
            series[-1] = (day, done)
        else:
            series.append((day, done))
    return series


def annotator_activity(project: Project) -> dict[str, list[tuple[str, int]]]:
    """Spans created per annotator per day (by the spans' created_at)."""
    activity: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for who, day, n in project.conn.execute(
        "SELECT annotator, substr(created_at, 1, 10) AS day, count(*) FROM spans "
        "GROUP BY annotator, day ORDER BY annotator, day"
    ):
        activity[who].append((day, n))
    return dict(activity)


def chart_data(project: Project) -> ChartData:
    activity = annotator_activity(project)
    days = sorted({day for series in activity.values() for day, _ in series})
    return ChartData(spans_per_label(project), done_over_time(project), activity, days)
