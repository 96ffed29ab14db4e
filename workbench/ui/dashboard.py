"""The dashboard: the project's charts (workbench/ui/charts.py), each savable as PNG."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from workbench.chart_data import chart_data
from workbench.errors import WorkbenchError
from workbench.exporter import refuse_project_files
from workbench.ui.charts import build_charts, chart_view, save_png
from workbench.ui.controller import ProjectController

CHART_NAMES = ("spans-per-label", "documents-done", "annotator-activity")


class Dashboard(QWidget):
    def __init__(self, controller: ProjectController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.views = [chart_view(c) for c in build_charts(chart_data(controller.project))]
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
        self._timer = QTimer(self, singleShot=True, interval=300)
        self._timer.timeout.connect(self.refresh)
        for signal in (controller.span_added, controller.span_removed, controller.span_updated,
                       controller.document_status_changed, controller.documents_changed,
                       controller.labels_changed):
            signal.connect(self._schedule)

    def refresh(self) -> None:
        if self.controller.project.closed:
            return  # a refresh scheduled before the window closed its project
        for view, chart in zip(self.views, build_charts(chart_data(self.controller.project)),
                               strict=True):
            old = view.chart()
            view.setChart(chart)
            old.deleteLater()

    def save_chart(self, name: str, path: str | Path) -> bool:
        """Save one chart (by CHART_NAMES) as a PNG; a failure is reported, not raised."""
        try:
            refuse_project_files(self.controller.project, Path(path))
            save_png([self.views[CHART_NAMES.index(name)]], path)
        except WorkbenchError as e:
            self.controller.error_raised.emit(str(e))
            return False
        return True

    def _schedule(self, *args: object) -> None:
        self._timer.start()

    def _on_save(self, name: str) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save chart", f"{name}.png", "PNG (*.png)")
        if path:
            self.save_chart(name, path)
