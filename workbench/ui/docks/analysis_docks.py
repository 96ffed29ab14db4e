"""The analysis docks of the window: Compare, Relations, Suggestions and Charts.

`AnalysisDocks` places them (Relations, Suggestions and Charts as tabs beside the
annotation list, Compare under the articles), builds their widgets for each project when
each dock is first seen (`lazy_dock.LazyDock`: not before the window's first paint), and
forwards what they ask the window to show.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDockWidget, QMainWindow, QScrollArea, QWidget

from workbench.ui.controller import ProjectController
from workbench.ui.docks.lazy_dock import LazyDock

if TYPE_CHECKING:
    from workbench.ui.docks.compare_view import CompareView
    from workbench.ui.docks.dashboard import Dashboard
    from workbench.ui.docks.relations_list import RelationsList
    from workbench.ui.docks.suggestion_review import SuggestionPanel, SuggestionReviewer

COMPARE_HEIGHT = 230
# Imported one a pass before their dock is built (lazy_dock.py): each group took 15-33 ms
# to import in the build's pass.
COMPARE_IMPORTS = (
    "workbench.figures",
    "workbench.compare",
    "workbench.ui.docks.compare_view",
    "workbench.edits.span_ops",  # for the figure sync, its first step over an import
)
DASHBOARD_IMPORTS = (
    "PySide6.QtCharts",
    "workbench.ui.docks.charts",
    "workbench.ui.docks.dashboard",
)


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
        self._lazy = {dock: LazyDock(dock) for dock in self.docks}
        self._dashboard: Dashboard | None = None

    def _dock(self, title: str, name: str, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self.window)
        dock.setObjectName(name)
        self.window.addDockWidget(area, dock)
        return dock

    @property
    def docks(self) -> list[QDockWidget]:
        return [self.compare_dock, self.relations_dock, self.suggestions_dock, self.dashboard_dock]

    # The docks' widgets, built when first asked for (or when their dock is first seen).

    @property
    def compare(self) -> CompareView:
        return cast("CompareView", self._lazy[self.compare_dock].widget())

    @property
    def relations(self) -> RelationsList:
        return cast("RelationsList", self._lazy[self.relations_dock].widget())

    @property
    def suggestions(self) -> SuggestionPanel:
        return cast("SuggestionPanel", self._lazy[self.suggestions_dock].widget())

    @property
    def dashboard(self) -> Dashboard:
        self._lazy[self.dashboard_dock].widget()
        assert self._dashboard is not None  # set by _build_dashboard
        return self._dashboard

    @property
    def reviewer(self) -> SuggestionReviewer:
        return self.suggestions.reviewer

    def built(self, dock: QDockWidget) -> bool:
        """Whether the dock's widget was built (it is once the dock has been seen)."""
        return self._lazy[dock].built

    def first_run_sizes(self) -> None:
        """Leave most of the height to the articles (on a laptop, a fifth for Compare)."""
        height = min(COMPARE_HEIGHT, self.window.height() // 5)
        self.window.resizeDocks([self.compare_dock], [height], Qt.Orientation.Vertical)

    def bind(self, controller: ProjectController) -> None:
        """Build the docks' widgets for this controller's project, each when first seen."""
        self._lazy[self.compare_dock].set_builder(
            lambda: self._build_compare(controller), imports=COMPARE_IMPORTS
        )
        self._lazy[self.relations_dock].set_builder(lambda: self._build_relations(controller))
        self._lazy[self.suggestions_dock].set_builder(lambda: self._build_suggestions(controller))
        self._lazy[self.dashboard_dock].set_builder(
            lambda: self._build_dashboard(controller), imports=DASHBOARD_IMPORTS
        )

    def _build_compare(self, controller: ProjectController) -> QWidget:
        from workbench.ui.docks.compare_view import CompareView

        view = CompareView(controller)
        view.span_activated.connect(self.span_activated)
        return view

    def _build_relations(self, controller: ProjectController) -> QWidget:
        from workbench.ui.docks.relations_list import RelationsList

        relations = RelationsList(controller)
        relations.span_activated.connect(self.span_activated)
        return relations

    def _build_suggestions(self, controller: ProjectController) -> QWidget:
        from workbench.ui.docks.suggestion_review import SuggestionPanel

        panel = SuggestionPanel(controller)
        panel.suggestion_activated.connect(self.suggestion_activated)
        return panel

    def _build_dashboard(self, controller: ProjectController) -> QWidget:
        from workbench.ui.docks.dashboard import Dashboard

        self._dashboard = Dashboard(controller)
        scroller = QScrollArea()  # three charts need more height than a dock should ask for
        scroller.setWidgetResizable(True)
        scroller.setWidget(self._dashboard)
        return scroller
