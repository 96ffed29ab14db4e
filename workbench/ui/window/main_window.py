"""The main window: documents on the left, two to four article panes side by side,
annotations on the right, labels in a palette; every edit goes through the controller.

The panes live in `pane_area.PaneArea`, the actions and menus in `actions.WindowActions`;
this module binds them to one project. Find and suggestions are in `window_review`;
projects, import, export, settings and the saved layout in `window_projects`; the status
bar and message boxes in `window_messages`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from workbench.config import Config
from workbench.model import Span
from workbench.ui.controller import ProjectController, open_controller
from workbench.ui.docks.analysis_docks import AnalysisDocks
from workbench.ui.docks.lazy_dock import LazyDock
from workbench.ui.pane.article_pane import ArticlePane
from workbench.ui.pane.linking import Linking
from workbench.ui.pane.pane_area import PaneArea
from workbench.ui.pane.pane_scroll import scroll_to_fraction
from workbench.ui.shared.elided_label import CountLabel
from workbench.ui.shared.project_files import window_title
from workbench.ui.shared.screen_fit import (
    ScreenFitter,
    set_minimum_widths,
    size_for_first_start,
)
from workbench.ui.shared.window_settings import WindowSettings
from workbench.ui.window.actions import WindowActions
from workbench.ui.window.external_changes import ExternalChangeWatcher
from workbench.ui.window.first_run import FirstRunHint
from workbench.ui.window.label_palette import LabelPalette
from workbench.ui.window.team_actions import TeamActions
from workbench.ui.window.window_review import WindowReview
from workbench.wording import counted

if TYPE_CHECKING:  # the dock lists and the find bar are built after the first paint
    from workbench.ui.dialogs.find_dialog import FindBar
    from workbench.ui.docks.annotation_list import AnnotationList
    from workbench.ui.docks.document_list import DocumentList

__all__ = ["MainWindow", "first_run_hint", "open_controller"]  # open_controller: tests


class MainWindow(WindowReview):
    """The Workbench window over one project: panes and docks here; find and suggestions
    in `WindowReview`; projects, settings and layout in `WindowProjects`; status bar and
    message boxes in `WindowMessages`."""

    project_opened = Signal(str)  # project path
    panes_changed = Signal()

    def __init__(
        self,
        controller: ProjectController,
        settings: WindowSettings | None = None,
        config: Config | None = None,
        *,
        owns_project: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings or WindowSettings()
        self.config = config or Config.load()
        self.controller = controller
        self.owns_project = owns_project
        self.last_error = ""
        self._boxes: list[QMessageBox] = []
        self._document_count = self._span_count = 0
        self._panes_restored = False  # until then, do not overwrite the remembered panes
        self._watcher: ExternalChangeWatcher | None = None
        self.setObjectName("mainWindow")
        size_for_first_start(self)
        self.screen_fitter = ScreenFitter(self)

        self.pane_area = PaneArea(controller, self.settings)
        self.pane_area.panes_changed.connect(self._on_panes_changed)
        self.pane_area.active_changed.connect(self._on_active_changed)
        self.pane_area.message_posted.connect(self.show_message)
        self.pane_area.pane_added.connect(self._on_pane_added)
        central = QWidget()
        self._central_layout = QVBoxLayout(central)
        self._central_layout.setContentsMargins(0, 0, 0, 0)
        self._central_layout.setSpacing(0)
        self.first_run = FirstRunHint(self.settings)
        self._central_layout.addWidget(self.first_run)
        self._central_layout.addWidget(self.pane_area, 1)
        self.setCentralWidget(central)

        self.documents_dock = self._dock(
            "Documents", "documentsDock", Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.annotations_dock = self._dock(
            "Annotations", "annotationsDock", Qt.DockWidgetArea.RightDockWidgetArea
        )

        self.counts_label = CountLabel(
            "88,888 documents · 8,888,888 spans", alignment=Qt.AlignmentFlag.AlignRight
        )
        self.annotator_label = QLabel()
        self.statusBar().addPermanentWidget(self.counts_label)
        self.statusBar().addPermanentWidget(self.annotator_label)

        # The lists are built when their docks are first seen: after the first paint.
        self._documents = LazyDock(self.documents_dock)
        self._annotations = LazyDock(self.annotations_dock)
        self.palette_bar: LabelPalette | None = None
        self._find_bar: FindBar | None = None  # built when first asked for
        self.window_actions = WindowActions(self, self)
        self.analysis = AnalysisDocks(self, self.annotations_dock)
        self.analysis.span_activated.connect(self.show_span)
        self.analysis.suggestion_activated.connect(self.show_suggestion)
        self.window_actions.add_dock_toggles(
            [self.documents_dock, self.annotations_dock, *self.analysis.docks]
        )
        self.team = TeamActions(self)  # annotators shown, merge, agreement, adjudication
        self.linking = Linking(controller, self.window_actions.cancel_link_action, self)
        self.linking.prompt_changed.connect(self._on_link_prompt)
        self.linking.message_posted.connect(self.show_message)
        set_minimum_widths(panes=[], docks=[self.documents_dock])
        self.screen_fitter.collapse_when_narrow(self.documents_dock, into=self.annotations_dock)
        self._bind(controller)
        self._restore_layout()
        self.restore_panes()

    def _dock(self, title: str, name: str, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        self.addDockWidget(area, dock)
        return dock

    # --- the pane area, as the window's own API ---------------------------------

    @property
    def panes(self) -> list[ArticlePane]:
        return self.pane_area.panes

    @property
    def active_pane(self) -> ArticlePane | None:
        return self.pane_area.active_pane

    @property
    def splitter(self) -> QSplitter:
        return self.pane_area.splitter

    def open_document(self, document_id: str, *, new_pane: bool = False) -> ArticlePane | None:
        return self.pane_area.open_document(document_id, new_pane=new_pane)

    def close_pane(self, pane: ArticlePane) -> None:
        self.pane_area.close_pane(pane)

    def swap_pane(self, pane: ArticlePane, direction: int) -> None:
        self.pane_area.swap_pane(pane, direction)

    def open_documents(self) -> list[str]:
        return self.pane_area.open_documents()

    def _set_active(self, pane: ArticlePane) -> None:
        self.pane_area.set_active(pane)

    # --- binding to a project ------------------------------------------------

    def _bind(self, controller: ProjectController) -> None:
        """Build every view that adapts the controller (again, after switching projects)."""
        self.controller = controller
        controller.setParent(self)
        controller.error_raised.connect(self._on_error_raised)
        shows = controller.annotator_filter.shows  # the counts follow View › Show annotators
        controller.span_added.connect(lambda span: self._on_span_count_changed(shows(span)))
        controller.span_removed.connect(lambda span: self._on_span_count_changed(-shows(span)))
        controller.documents_changed.connect(self._on_counts_changed)
        controller.documents_changed.connect(self.pane_area.close_removed)
        controller.annotator_filter.changed.connect(self._on_counts_changed)

        self._documents.set_builder(lambda: self._build_document_list(controller))
        old_palette = self.palette_bar
        self.palette_bar = LabelPalette(controller, self)
        self.palette_bar.label_chosen.connect(self.tag_with)
        if old_palette is not None:
            self.insertToolBar(old_palette, self.palette_bar)
            self.removeToolBar(old_palette)
            old_palette.deleteLater()
        else:
            self.addToolBar(self.palette_bar)

        if self._watcher is not None:
            self._watcher.timer.stop()
            self._watcher.deleteLater()
        self._watcher = ExternalChangeWatcher(controller.project, self)
        self._watcher.changed.connect(self._on_changed_outside)

        self._annotations.set_builder(lambda: self._build_annotation_list(controller))
        self._on_panes_changed()
        if self._find_bar is not None:  # a new project: a new bar when it is next asked for
            self._central_layout.removeWidget(self._find_bar)
            self._find_bar.deleteLater()
            self._find_bar = None
        self.analysis.bind(controller)
        self.team.bind(controller)
        self.linking.set_controller(controller)
        self.window_actions.install_undo_actions()
        project = controller.project
        self.setWindowTitle(window_title(project.path))
        self.first_run.follow(controller)
        self._on_counts_changed()

    @property
    def document_list(self) -> DocumentList:
        """The Documents dock's list (built now if it was not yet)."""
        return cast("DocumentList", self._documents.widget())

    @property
    def annotation_list(self) -> AnnotationList:
        """The Annotations dock's list (built now if it was not yet)."""
        return cast("AnnotationList", self._annotations.widget())

    def _build_document_list(self, controller: ProjectController) -> DocumentList:
        from workbench.ui.docks.document_list import DocumentList

        documents = DocumentList(controller)
        documents.document_activated.connect(self._on_document_activated)
        documents.document_opened_in_new_pane.connect(
            lambda doc: self.open_document(doc, new_pane=True)
        )
        documents.remove_requested.connect(self.ask_remove_document)
        pane = self.active_pane
        if pane is not None and pane.document_id:
            documents.select_document(pane.document_id)
        return documents

    def _build_annotation_list(self, controller: ProjectController) -> AnnotationList:
        from workbench.ui.docks.annotation_list import AnnotationList

        annotations = AnnotationList(controller)
        annotations.span_activated.connect(self.show_span)
        annotations.set_open_documents_later(self.open_documents())
        return annotations

    # --- panes ---------------------------------------------------------------

    def restore_panes(self) -> None:
        """Reopen the panes this project had when it was last closed."""
        self._panes_restored = False
        path = self.controller.project.path
        if path is not None:
            known = set(self.controller.project.document_ids())
            self.pane_area.restore([d for d in self.settings.open_documents(path) if d in known])
            positions = self.settings.scroll_positions(path)
            for pane in self.panes:
                if pane.document_id in positions:
                    scroll_to_fraction(pane, positions[pane.document_id])
        self._panes_restored = True
        self._on_panes_changed()

    def _on_pane_added(self, pane: ArticlePane) -> None:
        self.linking.watch(pane)
        pane.marks.decided.connect(self.decide_suggestion)
        pane.marks.accepted_alone.connect(self._on_suggestion_accepted_alone)

    def _on_active_changed(self, pane: ArticlePane) -> None:
        if self._find_bar is not None:
            self._find_bar.set_current_document(pane.document_id)
        if self._documents.built and pane.document_id:
            self.document_list.select_document(pane.document_id)

    def _on_panes_changed(self) -> None:
        if self._annotations.built:
            self.annotation_list.set_open_documents_later(self.open_documents())
        path = self.controller.project.path
        if path is not None and self._panes_restored:
            self.settings.set_open_documents(path, self.open_documents())
        if self.isVisible():
            self.screen_fitter.fit()
        self.panes_changed.emit()

    def _on_document_activated(self, document_id: str) -> None:
        pane = self.open_document(document_id)
        if pane is not None:
            pane.view.setFocus()

    def open_next_document(self, step: int = 1) -> str | None:
        """Open in the active pane the document after (step -1: before) its own in the
        Documents list as shown; the one opened, or None at the end of the list."""
        pane = self.active_pane
        document_id = self.document_list.neighbour(pane.document_id if pane else None, step)
        if document_id is None:
            self.show_message("No next document." if step > 0 else "No previous document.")
            return None
        pane = self.pane_area.open_document(document_id, here=True)
        if pane is not None:
            pane.view.setFocus()
        return document_id

    def mark_done_and_next(self) -> str | None:
        """Mark the active pane's document done (the analyst's own status) and open the
        next one in its place."""
        pane = self.active_pane
        if pane is None or pane.document_id is None:
            self.show_message("Open a document first.")
            return None
        self.controller.set_status(pane.document_id, "done")
        return self.open_next_document(1)

    def ask_remove_document(self, document_ids: Sequence[str] = ()) -> QMessageBox | None:
        """Ask before taking documents (by default the active pane's) out of the project."""
        pane = self.active_pane
        if not document_ids and pane is not None and pane.document_id:
            document_ids = [pane.document_id]
        if not document_ids:
            return None
        project, ids = self.controller.project, list(document_ids)
        count = sum(project.span_count(d) for d in ids)
        one = len(ids) == 1
        title = project.document_titles().get(ids[0]) or "(untitled)"
        what = f"“{title}”" if one else f"{len(ids)} documents"
        spans = f" and {'its' if one else 'their'} {counted(count, 'span')}" if count else ""
        question = f"Remove {what}{spans} from the project?"
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Remove document" if one else "Remove documents",
            f"{question}\n\nEdit › Undo (Ctrl+Z) brings {'it' if one else 'them'} back.",
            QMessageBox.StandardButton.Cancel,
            self,
        )
        remove = box.addButton("Remove", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(remove)
        box.finished.connect(
            lambda _=0: box.clickedButton() is remove and self.remove_documents(ids)
        )
        self.open_box(box)
        return box

    def remove_documents(self, document_ids: Sequence[str]) -> bool:
        removed = self.controller.remove_documents(document_ids)
        if removed:
            what = counted(len(document_ids), "document")
            self.show_message(f"Removed {what}; Ctrl+Z brings it all back.")
        return removed

    def open_in_new_pane(self) -> None:
        document_id = self.document_list.current_document_id()
        if document_id:
            self.open_document(document_id, new_pane=True)

    def close_active_pane(self) -> None:
        if self.active_pane is not None:
            self.close_pane(self.active_pane)

    def set_sync_scrolling(self, checked: bool) -> None:
        self.settings.sync_scroll = checked
        self.pane_area.sync_scrolling = checked

    def zoom_by(self, steps: int | None) -> None:
        self.settings.zoom = 0 if steps is None else self.settings.zoom + steps
        self.pane_area.apply_settings()
        self.show_message(f"Zoom {self.settings.zoom:+d}")

    # --- annotating -----------------------------------------------------------

    def tag_with(self, label_id: int) -> None:
        pane = self.active_pane
        if pane is None:
            self.show_message("Open a document and select some text first.")
            return
        pane.tag(label_id)
        pane.view.setFocus()

    def delete_span(self) -> None:
        if self.active_pane is not None:
            self.active_pane.delete_selected_span()

    def edit_note(self) -> None:
        if self.active_pane is not None:
            self.active_pane.edit_note()

    def show_span(self, span: Span) -> None:
        """Open the span's document in a pane, select the span and flash it."""
        pane = self.open_document(span.document_id)
        if pane is not None:
            pane.show_span(span.id)
            pane.view.setFocus()

    # --- links and suggestions ---------------------------------------------------

    def start_link(self) -> None:
        """Link the active pane's selected span to the next span clicked in any pane."""
        pane = self.active_pane
        self.linking.start(pane.selected_span() if pane is not None else None)

    def _on_link_prompt(self, text: str) -> None:
        if text:
            self.statusBar().showMessage(text)  # stays until the link is made or cancelled
        else:
            self.statusBar().clearMessage()


def first_run_hint(window: MainWindow) -> None:
    """Open the first document when nothing was open, so the window never starts empty."""
    if window.panes:
        return
    ids = window.controller.project.document_ids()
    for document_id in ids[:2]:
        window.open_document(document_id, new_pane=True)
    QTimer.singleShot(0, lambda: window.panes and window.panes[0].view.setFocus())
