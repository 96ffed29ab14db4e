"""The window's team features: whose spans show, merging project files, agreement and
adjudication.

`TeamActions` adds *View › Show annotators*, *File › Merge projects…* and *Analysis ›
Adjudicate* to the window's menus, owns the Agreement and Adjudicate docks, and rebuilds
their widgets for each project. The docks' widgets are built when each dock is first
seen (`lazy_dock.LazyDock`). A project with more than one annotator opens in blind mode
(only the analyst's own spans).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMenu, QMessageBox

from workbench.annotator_status import annotators, has_several_annotators
from workbench.errors import WorkbenchError
from workbench.model import Span
from workbench.suggestion_rows import SUGGESTER
from workbench.ui.controller import ProjectController
from workbench.ui.docks.lazy_dock import LazyDock
from workbench.ui.shared.annotator_filter import fill_menu

if TYPE_CHECKING:
    from workbench.disagreements import Disagreement
    from workbench.merge import MergeReport
    from workbench.ui.docks.adjudication import AdjudicationPanel
    from workbench.ui.docks.agreement_view import AgreementView
    from workbench.ui.window.main_window import MainWindow


class TeamActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.agreement_dock = self._dock(
            "Agreement", "agreementDock", Qt.DockWidgetArea.BottomDockWidgetArea
        )
        self.adjudication_dock = self._dock(
            "Adjudicate", "adjudicationDock", Qt.DockWidgetArea.RightDockWidgetArea
        )
        for dock in (self.agreement_dock, self.adjudication_dock):
            dock.hide()
        self._agreement = LazyDock(self.agreement_dock)
        self._adjudication = LazyDock(self.adjudication_dock)
        self._agreement_refreshed = False  # by its building, as the dock showed
        actions = window.window_actions
        self.merge_action = QAction("&Merge projects…", window)
        self.merge_action.setStatusTip("Merge other analysts' project files into this one")
        self.merge_action.triggered.connect(self.ask_merge)
        file_menu = cast(QMenu, window.menuBar().actions()[0].menu())
        file_menu.insertAction(actions.export_action, self.merge_action)
        self.annotators_menu = actions.view_menu.addMenu("Show &annotators")
        self.annotators_menu.aboutToShow.connect(self._on_annotators_menu_shown)
        self.agreement_action = self.agreement_dock.toggleViewAction()
        self.agreement_action.setText("&Agreement")
        self.adjudicate_action = self.adjudication_dock.toggleViewAction()
        self.adjudicate_action.setText("A&djudicate")
        self.adjudicate_action.toggled.connect(self._on_adjudicate_toggled)
        self.agreement_action.toggled.connect(self._on_agreement_toggled)
        actions.view_menu.addAction(self.agreement_action)
        actions.view_menu.addAction(self.adjudicate_action)
        window.pane_area.active_changed.connect(self._on_active_document)
        window.pane_area.panes_changed.connect(self._on_active_document)

    def _dock(self, title: str, name: str, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self.window)
        dock.setObjectName(name)
        self.window.addDockWidget(area, dock)
        return dock

    def bind(self, controller: ProjectController) -> None:
        """Build the docks for this project (each when first seen); blind mode when it has
        several annotators."""
        if has_several_annotators(controller.project, ignoring=[SUGGESTER]):
            controller.annotator_filter.show_mine()
        self._agreement.set_builder(lambda: self._build_agreement(controller))
        self._adjudication.set_builder(lambda: self._build_adjudication(controller))

    @property
    def agreement(self) -> AgreementView:
        """The Agreement dock's view (built now if it was not yet)."""
        return cast("AgreementView", self._agreement.widget())

    @property
    def adjudication(self) -> AdjudicationPanel:
        """The Adjudicate dock's panel (built now if it was not yet)."""
        return cast("AdjudicationPanel", self._adjudication.widget())

    def _build_agreement(self, controller: ProjectController) -> AgreementView:
        from workbench.ui.docks.agreement_view import AgreementView

        view = AgreementView(controller)
        view.disagreement_activated.connect(self.show_disagreement)
        view.refresh()  # it is built as it shows (or when asked for)
        self._agreement_refreshed = self.agreement_dock.isVisible()
        return view

    def _build_adjudication(self, controller: ProjectController) -> AdjudicationPanel:
        from workbench.ui.docks.adjudication import AdjudicationPanel

        panel = AdjudicationPanel(controller)
        panel.span_edit_requested.connect(self._on_span_activated)
        panel.side_by_side_requested.connect(self.show_adjudication)
        pane = self.window.active_pane
        panel.set_document(pane.document_id if pane is not None else None)
        return panel

    # --- menus ---------------------------------------------------------------

    def _on_annotators_menu_shown(self) -> None:
        controller = self.window.controller
        names = [a for a in annotators(controller.project) if a != SUGGESTER]
        controller.annotator_filter.set_annotators(names)
        fill_menu(self.annotators_menu, controller.annotator_filter, names)

    def ask_merge(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # its type costs start-up time: when asked

        paths, _ = QFileDialog.getOpenFileNames(
            self.window, "Merge projects into this one", "", "Workbench projects (*.wbproj)"
        )
        if paths:
            self.merge(paths)

    def merge(self, paths: Sequence[str | Path]) -> MergeReport | None:
        """Merge project files into the open project and show the report."""
        controller = self.window.controller
        try:
            report = controller.merge(paths)
        except WorkbenchError as e:
            self.window.show_error(str(e), modal=True)
            return None
        if not report.changed:
            controller.reload()  # as before: views show the file as it is
        humans = [a for a in annotators(controller.project) if a != SUGGESTER]
        controller.annotator_filter.set_annotators(humans)
        box = QMessageBox(
            QMessageBox.Icon.Information, "Merge projects", report.summary(), parent=self.window
        )
        self.window.open_box(box)
        return report

    # --- docks ---------------------------------------------------------------

    def _on_agreement_toggled(self, shown: bool) -> None:
        # Computed as it shows: by its building (just now, as the dock showed) or here. In
        # a layout restored at start-up it is built after the first paint.
        refreshed, self._agreement_refreshed = self._agreement_refreshed, False
        if shown and self.window.isVisible() and not refreshed:
            built = self._agreement.built
            view = self.agreement
            if built:
                view.refresh()
            self._agreement_refreshed = False

    def _on_adjudicate_toggled(self, shown: bool) -> None:
        if shown:
            self.window.controller.annotator_filter.show(None)  # every version visible
            self._on_active_document()
            self.adjudication.show_side_by_side()

    def show_adjudication(self, document_id: str, annotators: list[str], into: str) -> None:
        """The annotators' versions in the left pane, the adjudicated layer in the right."""
        panes = self.window.pane_area.open_twice(document_id)
        if panes is None:
            return
        shown = self.window.controller.annotator_filter
        shown.show_in_pane(panes[0], document_id, annotators)
        shown.show_in_pane(panes[1], document_id, [into])
        self.window.show_message(f"Left: {', '.join(annotators)} · right: {into}")

    def _on_active_document(self, *_args: object) -> None:
        if not self._adjudication.built:
            return  # it reads the active document when it is built
        pane = self.window.active_pane
        document_id = pane.document_id if pane is not None else None
        if document_id != self.adjudication.document_id:
            self.adjudication.set_document(document_id)

    def _on_span_activated(self, span: Span) -> None:
        """Select the span in a pane that shows it (the adjudicated layer's, side by side)."""
        for pane in self.window.panes:
            if pane.layer is not None and span.id in pane.layer.spans:
                self.window.pane_area.set_active(pane)
                pane.show_span(span.id)
                pane.view.setFocus()
                return
        self.window.show_span(span)

    def show_disagreement(self, disagreement: Disagreement, pair: tuple[str, str]) -> None:
        """Open the document twice, A's layer on the left and B's on the right."""
        shown = self.window.controller.annotator_filter
        shown.show(pair)  # the list and other panes show both layers
        panes = self.window.pane_area.open_twice(disagreement.document_id)
        if panes is None:
            return
        for pane, annotator in zip(panes, pair, strict=True):
            shown.show_in_pane(pane, disagreement.document_id, [annotator])
        for pane, span in zip(panes, (disagreement.a, disagreement.b), strict=True):
            if span is not None:
                pane.show_span(span.id)
        self.window.show_message(f"Left: {pair[0]}'s spans · right: {pair[1]}'s spans")
