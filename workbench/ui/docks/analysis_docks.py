"""The analysis docks of the window: Compare, Relations, Suggestions and Charts.

`AnalysisDocks` places them (Relations, Suggestions and Charts as tabs beside the
annotation list, Compare under the articles), rebuilds their widgets for each project,
and forwards what they ask the window to show.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QDockWidget, QMainWindow, QScrollArea, QWidget

from workbench.ui.controller import ProjectController
from workbench.ui.docks.compare_view import CompareView
from workbench.ui.docks.dashboard import Dashboard
from workbench.ui.docks.relations_list import RelationsList
from workbench.ui.docks.suggestion_review import SuggestionPanel, SuggestionReviewer

COMPARE_HEIGHT = 230
W = TypeVar("W", bound=QWidget)


class AnalysisDocks(QObject):
    span_activated = Signal(object)  # Span: show it in a pane
    suggestion_activated = Signal(object)  # Suggestion: show it in a pane

    def __init__(self, window: QMainWindow, beside: QDockWidget) -> None:
        super().__init__(window)
        self.window = window
        right = Qt.DockWidgetArea.RightDockWidgetArea
        self.relations_dock = self._dock("Relations", "relationsDock", right)
        self.suggestions_dock = self._dock("Suggestions", "suggestionsDock", right)
        self.dashboard_dock = self._dock("Charts", "dashboardDock", right)
        for dock in (self.relations_dock, self.suggestions_dock, self.dashboard_dock):
            window.tabifyDockWidget(beside, dock)
        beside.raise_()
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        self.compare_dock = self._dock("Compare", "compareDock", bottom)
        self.compare: CompareView | None = None
        self.relations: RelationsList | None = None
        self.suggestions: SuggestionPanel | None = None
        self.dashboard: Dashboard | None = None

    def _dock(self, title: str, name: str, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self.window)
        dock.setObjectName(name)
        self.window.addDockWidget(area, dock)
        return dock

    @property
    def docks(self) -> list[QDockWidget]:
        return [self.compare_dock, self.relations_dock, self.suggestions_dock, self.dashboard_dock]

    @property
    def reviewer(self) -> SuggestionReviewer:
        assert self.suggestions is not None
        return self.suggestions.reviewer

    def first_run_sizes(self) -> None:
        """Leave most of the height to the articles (on a laptop, a fifth for Compare)."""
        height = min(COMPARE_HEIGHT, self.window.height() // 5)
        self.window.resizeDocks([self.compare_dock], [height], Qt.Orientation.Vertical)

    def bind(self, controller: ProjectController) -> None:
        """Build the docks' widgets for this controller's project."""
        self.compare = self._replace(self.compare_dock, CompareView(controller))
        self.compare.span_activated.connect(self.span_activated)
        self.relations = self._replace(self.relations_dock, RelationsList(controller))
        self.relations.span_activated.connect(self.span_activated)
        self.suggestions = self._replace(self.suggestions_dock, SuggestionPanel(controller))
        self.suggestions.suggestion_activated.connect(self.suggestion_activated)
        self.dashboard = Dashboard(controller)
        scroller = QScrollArea()  # three charts need more height than a dock should ask for
        scroller.setWidgetResizable(True)
        scroller.setWidget(self.dashboard)
        self._replace(self.dashboard_dock, scroller)

    def close(self) -> None:
        """Stop the docks' pending refreshes (their project is about to close)."""
        for dock in self.docks:
            if dock.widget() is not None:
                _stop_timers(dock.widget())

    def _replace(self, dock: QDockWidget, widget: W) -> W:
        old = dock.widget()
        dock.setWidget(widget)
        if old is not None:
            _stop_timers(old)
            old.deleteLater()
        return widget


def _stop_timers(widget: QWidget) -> None:
    # Views refresh a moment after a change; not once their project has gone.
    for timer in widget.findChildren(QTimer):
        timer.stop()
