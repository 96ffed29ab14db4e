"""The dashboard: the project's charts (workbench/ui/docks/charts.py), each savable as PNG.

A span edit changes the counts it touches, in memory and in the charts' bars; only a
change of documents, labels or statuses reads the project again. That read runs in a
thread of its own (0.4 s of SQL at 200,000 spans); edits made meanwhile read it again.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCharts import QChart
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from workbench.chart_data import ChartData, LabelCounts, chart_data, done_over_time
from workbench.errors import WorkbenchError
from workbench.model import Span
from workbench.output_files import refuse_project_files
from workbench.project import Project
from workbench.ui.controller import ProjectController
from workbench.ui.docks.charts import (
    activity_chart,
    build_charts,
    chart_view,
    done_over_time_chart,
    save_png,
    spans_per_label_chart,
    update_activity,
    update_spans_per_label,
)
from workbench.ui.shared.background import in_thread

CHART_NAMES = ("spans-per-label", "documents-done", "annotator-activity")


class _Read(NamedTuple):
    data: ChartData
    documents: dict[str, int]  # id -> index in the charts
    labels: dict[int, int]


def _read(project: Project) -> _Read:
    return _Read(
        chart_data(project),
        {doc_id: i for i, doc_id in enumerate(project.document_ids())},
        {label.id: i for i, label in enumerate(project.labels())},
    )


def _read_beside(reader: Project) -> _Read:
    with reader:
        return _read(reader)


class Dashboard(QWidget):
    def __init__(self, controller: ProjectController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._stale: set[str] = set()  # "project", "counts" or "status"
        self._reading = False
        self._read_again = False  # an edit came while the project was being read
        self._accept(_Read(ChartData(LabelCounts([], [], []), [], {}, []), {}, {}))
        self.views = [chart_view(c) for c in build_charts(self.data)]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.save_buttons = []
        for name, view in zip(CHART_NAMES, self.views, strict=True):
            layout.addWidget(view, 1)
            button = QPushButton("Save as PNG…")
            button.clicked.connect(lambda _=False, n=name: self._on_save(n))
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(button)
            layout.addLayout(row)
            self.save_buttons.append(button)
        # The charts are redrawn once after a burst of edits.
        self._timer = QTimer(self, singleShot=True, interval=300)
        self._timer.timeout.connect(self._on_timer_fired)
        controller.span_added.connect(self._on_span_added)
        controller.span_removed.connect(self._on_span_removed)
        controller.span_updated.connect(self._on_span_updated)
        controller.document_status_changed.connect(self._on_status_changed)
        controller.documents_changed.connect(self._on_project_changed)
        controller.labels_changed.connect(self._on_project_changed)
        self.refresh()

    def reading(self) -> bool:
        """The project is being read (the charts show what they showed before)."""
        return self._reading

    def refresh(self) -> None:
        """Read the project again and redraw every chart: in a thread, for a file."""
        project = self.controller.project
        if project.closed:
            return  # a refresh scheduled before the window closed its project
        if self._reading:
            self._read_again = True
            return
        if project.path is None:  # in memory: no second connection; small
            self._on_read(_read(project))
            return
        try:
            reader = project.reader()
        except (WorkbenchError, sqlite3.Error) as e:
            self._on_read_failed(e)
            return
        self._reading, self._read_again, self._stale = True, False, set()
        in_thread(self, lambda: _read_beside(reader), self._on_read, self._on_read_failed)

    def _on_read(self, read: _Read) -> None:
        self._reading = False
        self._accept(read)
        for i, chart in enumerate(build_charts(self.data)):
            self._show(i, chart)
        if self._read_again:  # what was read may miss an edit: read once more
            self.refresh()

    def _on_read_failed(self, error: Exception) -> None:
        self._reading = False
        self.controller.report_error(
            f"Cannot read the charts' numbers from {self.controller.project.path}: {error}."
        )

    def _accept(self, read: _Read) -> None:
        self.data, self._documents, self._labels = read
        self._activity = Counter(
            {(who, day): n for who, series in self.data.activity.items() for day, n in series}
        )
        self._stale.clear()

    def _show(self, index: int, chart: QChart) -> None:
        view = self.views[index]
        old = view.chart()
        view.setChart(chart)
        old.deleteLater()

    def _count(self, span: Span, delta: int) -> None:
        if self._reading:
            self._read_again = True
            return
        label, document = self._labels.get(span.label_id), self._documents.get(span.document_id)
        if label is None or document is None:
            self._stale.add("project")  # a label or document this dashboard has not read
        else:
            self.data.by_label.counts[label][document] += delta
        key = (span.annotator, span.created_at[:10])
        self._activity[key] += delta
        if self._activity[key] <= 0:
            del self._activity[key]
        self._stale.add("counts")
        self._timer.start()

    def _on_span_added(self, span: Span) -> None:
        self._count(span, +1)

    def _on_span_removed(self, span: Span) -> None:
        self._count(span, -1)

    def _on_span_updated(self, old: Span, new: Span) -> None:
        if (old.label_id, old.document_id, old.annotator) != (
            new.label_id,
            new.document_id,
            new.annotator,
        ):
            self._count(old, -1)
            self._count(new, +1)

    def _on_status_changed(self, *args: object) -> None:
        self._stale.add("status")
        self._timer.start()

    def _on_project_changed(self) -> None:
        self._stale.add("project")
        self._timer.start()

    def _on_timer_fired(self) -> None:
        if self.controller.project.closed:
            return  # a refresh scheduled before the window closed its project
        if self._reading:
            self._read_again = bool(self._stale) or self._read_again
            self._stale = set()
            return
        stale, self._stale = self._stale, set()
        if "project" in stale:
            self.refresh()
            return
        activity: dict[str, list[tuple[str, int]]] = {}
        for (who, day), n in sorted(self._activity.items()):
            activity.setdefault(who, []).append((day, n))
        by_label = self.data.by_label
        done = (
            done_over_time(self.controller.project)
            if "status" in stale
            else self.data.done_over_time
        )
        self.data = ChartData(
            LabelCounts(by_label.documents, by_label.labels, by_label.counts),
            done,
            activity,
            sorted({day for _, day in self._activity}),
        )
        if "counts" in stale:
            if not update_spans_per_label(self.views[0].chart(), self.data):
                self._show(0, spans_per_label_chart(self.data))
            if not update_activity(self.views[2].chart(), self.data):
                self._show(2, activity_chart(self.data))
        if "status" in stale:
            self._show(1, done_over_time_chart(self.data))

    def save_chart(self, name: str, path: str | Path) -> bool:
        """Save one chart (by CHART_NAMES) as a PNG; a failure is reported, not raised."""
        try:
            refuse_project_files(self.controller.project, Path(path))
            save_png([self.views[CHART_NAMES.index(name)]], path)
        except WorkbenchError as e:
            self.controller.report_error(str(e))
            return False
        return True

    def _on_save(self, name: str) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save chart", f"{name}.png", "PNG (*.png)")
        if path:
            self.save_chart(name, path)
