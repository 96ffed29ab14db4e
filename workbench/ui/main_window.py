"""The main window: documents on the left, two to four article panes side by side,
annotations on the right, labels in a palette; every edit goes through the controller."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from workbench.config import Config
from workbench.errors import WorkbenchError
from workbench.model import STATUSES, Span
from workbench.project import SUFFIX, Project
from workbench.exporter import export_project
from workbench.importer import import_paths
from workbench.ui.annotation_list import AnnotationList
from workbench.ui.article_pane import STATUS_TEXT, ArticlePane
from workbench.ui.controller import ProjectController
from workbench.ui.document_list import DocumentList
from workbench.ui.find_dialog import FindBar
from workbench.ui.label_manager import LabelManagerDialog
from workbench.ui.label_palette import LabelPalette
from workbench.ui.settings_dialog import SettingsDialog
from workbench.ui.theme import apply_theme
from workbench.ui.window_settings import WindowSettings

log = logging.getLogger(__name__)

MAX_PANES = 4
STATUS_MESSAGE_MS = 6000
SHORTCUTS = (
    ("1 – 9", "Tag the selection with a label (or relabel the selected span)"),
    ("Click a highlight", "Select its span; click again to cycle overlapping spans"),
    ("Delete / Backspace", "Delete the selected span"),
    ("N", "Edit the selected span's note"),
    ("Ctrl+Alt+Left / Right", "Move the selected span's start"),
    ("Shift+Alt+Left / Right", "Move the selected span's end"),
    ("Escape", "Deselect"),
    ("Ctrl+Z / Ctrl+Shift+Z", "Undo / redo"),
    ("Ctrl+F", "Find"),
    ("Ctrl++ / Ctrl+- / Ctrl+0", "Zoom in / out / reset"),
    ("Enter, double-click, drag", "Open the document from the list"),
    ("Ctrl+Enter", "Open the document in a new pane"),
    ("Ctrl+W", "Close the current pane"),
    ("Ctrl+O / Ctrl+N / Ctrl+I", "Open project / new project / import files"),
)


def open_controller(path: Path, config: Config) -> ProjectController:
    """Open a project file for the window (raises WorkbenchError with a sentence)."""
    project = Project.open(path)
    return ProjectController(project, config.annotator)


class MainWindow(QMainWindow):
    """The Workbench window over one project."""

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
        self.panes: list[ArticlePane] = []
        self.active_pane: ArticlePane | None = None
        self.last_error = ""
        self._boxes: list[QMessageBox] = []
        self._syncing = False
        self._document_count = self._span_count = 0
        self._panes_restored = False  # until then, do not overwrite the remembered panes
        self.setObjectName("mainWindow")
        self.resize(1500, 900)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(6)
        self.placeholder = QLabel(
            "Double-click a document (or drag it here) to read it.\n"
            "Open a second one to compare them side by side."
        )
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setEnabled(False)
        central = QWidget()
        self._central_layout = QVBoxLayout(central)
        self._central_layout.setContentsMargins(0, 0, 0, 0)
        self._central_layout.setSpacing(0)
        self._central_layout.addWidget(self.placeholder, 1)
        self._central_layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.documents_dock = QDockWidget("Documents", self)
        self.documents_dock.setObjectName("documentsDock")
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.documents_dock)
        self.annotations_dock = QDockWidget("Annotations", self)
        self.annotations_dock.setObjectName("annotationsDock")
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.annotations_dock)

        self.counts_label = QLabel()
        self.annotator_label = QLabel()
        self.statusBar().addPermanentWidget(self.counts_label)
        self.statusBar().addPermanentWidget(self.annotator_label)

        self.document_list: DocumentList | None = None
        self.palette_bar: LabelPalette | None = None
        self.annotation_list: AnnotationList | None = None
        self.find_bar: FindBar | None = None
        self._undo_action: QAction | None = None
        self._redo_action: QAction | None = None
        self._create_actions()
        self._create_menus()
        self._bind(controller)
        self._restore_layout()
        self.restore_panes()

    # --- actions and menus ---------------------------------------------------

    def _action(self, text: str, slot: object, shortcut: object = None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            if isinstance(shortcut, (list, tuple)):
                action.setShortcuts([QKeySequence(s) for s in shortcut])
            else:
                action.setShortcut(QKeySequence(shortcut))  # type: ignore[arg-type]
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)  # type: ignore[arg-type]
        return action

    def _create_actions(self) -> None:
        S = QKeySequence.StandardKey
        self.new_action = self._action("&New project…", self._on_new_project, S.New)
        self.open_action = self._action("&Open project…", self._on_open_project, S.Open)
        self.import_action = self._action(
            "&Import files…", self._on_import, "Ctrl+I", "Import text, HTML or JSON files"
        )
        self.export_action = self._action("&Export…", self._on_export, "Ctrl+E")
        self.quit_action = self._action("&Quit", self.close, S.Quit)
        self.find_action = self._action("&Find…", self.show_find, S.Find)
        self.delete_action = self._action("&Delete span", self._on_delete_span)
        self.note_action = self._action("Edit &note…", self._on_edit_note)
        self.settings_action = self._action("&Settings…", self._on_settings, S.Preferences)
        self.zoom_in_action = self._action("Zoom &in", lambda: self.zoom_by(1), ["Ctrl++", "Ctrl+="])
        self.zoom_out_action = self._action("Zoom &out", lambda: self.zoom_by(-1), "Ctrl+-")
        self.zoom_reset_action = self._action("&Reset zoom", lambda: self.zoom_by(None), "Ctrl+0")
        self.sync_action = self._action("S&ynchronised scrolling", self._on_sync_toggled)
        self.sync_action.setCheckable(True)
        self.sync_action.setChecked(self.settings.sync_scroll)
        self.new_pane_action = self._action("Open in new &pane", self._on_new_pane, "Ctrl+Return")
        self.close_pane_action = self._action("&Close pane", self._on_close_pane, S.Close)
        self.manage_labels_action = self._action("&Manage labels…", self._on_manage_labels)
        self.shortcuts_action = self._action("&Keyboard shortcuts", self._on_show_shortcuts, "F1")
        self.about_action = self._action("&About Workbench", self._on_about)

    def _create_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._on_recent_menu_shown)
        file_menu.addSeparator()
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        self.edit_menu = bar.addMenu("&Edit")
        self._undo_anchor = self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.find_action)
        self.edit_menu.addAction(self.delete_action)
        self.edit_menu.addAction(self.note_action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.settings_action)

        view = bar.addMenu("&View")
        view.addAction(self.zoom_in_action)
        view.addAction(self.zoom_out_action)
        view.addAction(self.zoom_reset_action)
        view.addSeparator()
        view.addAction(self.sync_action)
        view.addAction(self.new_pane_action)
        view.addAction(self.close_pane_action)
        view.addSeparator()
        view.addAction(self.documents_dock.toggleViewAction())
        view.addAction(self.annotations_dock.toggleViewAction())

        self.labels_menu = bar.addMenu("&Labels")
        self.labels_menu.aboutToShow.connect(self._on_labels_menu_shown)
        self.document_menu = bar.addMenu("&Document")
        self.document_menu.aboutToShow.connect(self._on_document_menu_shown)
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self.about_action)

        self.toolbar = QToolBar("Main")
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(self.toolbar)
        self.toolbar.addAction(self.open_action)
        self.toolbar.addAction(self.import_action)
        self._toolbar_undo_anchor = self.toolbar.addSeparator()
        self.toolbar.addAction(self.find_action)
        self.toolbar.addAction(self.zoom_out_action)
        self.toolbar.addAction(self.zoom_in_action)
        self.toolbar.addAction(self.sync_action)

    def _install_undo_actions(self) -> None:
        for action in (self._undo_action, self._redo_action):
            if action is not None:
                self.edit_menu.removeAction(action)
                self.toolbar.removeAction(action)
                action.deleteLater()
        stack = self.controller.undo_stack
        self._undo_action = stack.createUndoAction(self, "&Undo")
        self._undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self._redo_action = stack.createRedoAction(self, "&Redo")
        self._redo_action.setShortcuts(
            [QKeySequence("Ctrl+Shift+Z"), QKeySequence(QKeySequence.StandardKey.Redo)]
        )
        self.edit_menu.insertActions(self._undo_anchor, [self._undo_action, self._redo_action])
        self.toolbar.insertActions(
            self._toolbar_undo_anchor, [self._undo_action, self._redo_action]
        )

    # --- binding to a project ------------------------------------------------

    def _bind(self, controller: ProjectController) -> None:
        """Build every view that adapts the controller (again, after switching projects)."""
        self.controller = controller
        controller.setParent(self)
        controller.error_raised.connect(self._on_error_raised)
        controller.span_added.connect(lambda _span: self._on_span_count_changed(+1))
        controller.span_removed.connect(lambda _span: self._on_span_count_changed(-1))
        controller.documents_changed.connect(self._on_counts_changed)

        old_list = self.document_list
        self.document_list = DocumentList(controller)
        self.document_list.document_activated.connect(self._on_document_activated)
        self.document_list.document_opened_in_new_pane.connect(
            lambda doc: self.open_document(doc, new_pane=True)
        )
        self.documents_dock.setWidget(self.document_list)
        if old_list is not None:
            old_list.deleteLater()

        old_palette = self.palette_bar
        self.palette_bar = LabelPalette(controller, self)
        self.palette_bar.label_chosen.connect(self._on_label_chosen)
        if old_palette is not None:
            self.insertToolBar(old_palette, self.palette_bar)
            self.removeToolBar(old_palette)
            old_palette.deleteLater()
        else:
            self.addToolBar(self.palette_bar)

        self._bind_annotation_list(controller)
        self._bind_find_bar(controller)
        self._install_undo_actions()
        project = controller.project
        name = project.path.name if project.path else "unsaved project"
        self.setWindowTitle(f"{name} — Workbench")
        self._on_counts_changed()

    def _bind_annotation_list(self, controller: ProjectController) -> None:
        old = self.annotation_list
        self.annotation_list = AnnotationList(controller)
        self.annotation_list.span_activated.connect(self._on_span_activated)
        self.annotations_dock.setWidget(self.annotation_list)
        if old is not None:
            old.deleteLater()
        self._on_panes_changed()

    def _bind_find_bar(self, controller: ProjectController) -> None:
        old = self.find_bar
        self.find_bar = FindBar(controller)
        self.find_bar.match_activated.connect(self._on_match_activated)
        self.find_bar.closed.connect(self._on_find_closed)
        self.find_bar.hide()
        self._central_layout.addWidget(self.find_bar)
        if old is not None:
            self._central_layout.removeWidget(old)
            old.deleteLater()

    # --- panes ---------------------------------------------------------------

    def _new_pane(self) -> ArticlePane:
        pane = ArticlePane(self.controller, self.settings)
        pane.activated.connect(self._on_pane_activated)
        pane.close_requested.connect(self.close_pane)
        pane.swap_requested.connect(self.swap_pane)
        pane.document_dropped.connect(self._on_document_dropped)
        pane.message_posted.connect(self.show_message)
        pane.view.verticalScrollBar().valueChanged.connect(
            lambda value, p=pane: self._on_pane_scrolled(p, value)
        )
        self.splitter.addWidget(pane)
        self.panes.append(pane)
        sizes = [1000] * len(self.panes)
        self.splitter.setSizes(sizes)
        return pane

    def open_document(self, document_id: str, *, new_pane: bool = False) -> ArticlePane | None:
        """Show a document: focus its pane if open, else a new pane (up to two, or when
        asked, up to four), else the active pane."""
        for pane in self.panes:
            if pane.document_id == document_id:
                self._set_active(pane)
                return pane
        if not self.panes or (len(self.panes) < MAX_PANES and (new_pane or len(self.panes) < 2)):
            pane = self._new_pane()
        else:
            pane = self.active_pane or self.panes[-1]
        if not pane.open_document(document_id):
            if pane.document_id is None:
                self.close_pane(pane)
            return None
        self._set_active(pane)
        self._on_panes_changed()
        return pane

    def close_pane(self, pane: ArticlePane) -> None:
        if pane not in self.panes:
            return
        self.panes.remove(pane)
        pane.hide()
        pane.setParent(None)  # type: ignore[call-overload]
        pane.deleteLater()
        if self.active_pane is pane:
            self.active_pane = self.panes[-1] if self.panes else None
        self._on_panes_changed()

    def swap_pane(self, pane: ArticlePane, direction: int) -> None:
        i = self.panes.index(pane)
        j = i + direction
        if not 0 <= j < len(self.panes):
            return
        sizes = self.splitter.sizes()
        self.panes[i], self.panes[j] = self.panes[j], self.panes[i]
        self.splitter.insertWidget(min(i, j), self.panes[min(i, j)])
        self.splitter.setSizes(sizes)
        self._on_panes_changed()

    def open_documents(self) -> list[str]:
        return [p.document_id for p in self.panes if p.document_id]

    def restore_panes(self) -> None:
        """Reopen the panes this project had when it was last closed."""
        self._panes_restored = False
        path = self.controller.project.path
        if path is not None:
            known = set(self.controller.project.document_ids())
            for document_id in self.settings.open_documents(path)[:MAX_PANES]:
                if document_id in known:
                    self.open_document(document_id, new_pane=True)
        self._panes_restored = True
        self._on_panes_changed()

    def _set_active(self, pane: ArticlePane) -> None:
        self.active_pane = pane
        for p in self.panes:
            p.setProperty("active", p is pane)
        if self.find_bar is not None:
            self.find_bar.set_current_document(pane.document_id)
        if self.document_list is not None and pane.document_id:
            self.document_list.select_document(pane.document_id)

    def _on_panes_changed(self) -> None:
        has_panes = bool(self.panes)
        self.placeholder.setVisible(not has_panes)
        self.splitter.setVisible(has_panes)
        for i, pane in enumerate(self.panes):
            pane.left_button.setEnabled(i > 0)
            pane.right_button.setEnabled(i < len(self.panes) - 1)
        if self.annotation_list is not None:
            self.annotation_list.set_open_documents(self.open_documents())
        path = self.controller.project.path
        if path is not None and self._panes_restored:
            self.settings.set_open_documents(path, self.open_documents())
        self.panes_changed.emit()

    def _on_pane_activated(self, pane: ArticlePane) -> None:
        if pane is not self.active_pane:
            self._set_active(pane)

    def _on_document_activated(self, document_id: str) -> None:
        pane = self.open_document(document_id)
        if pane is not None:
            pane.view.setFocus()

    def _on_document_dropped(self, pane: ArticlePane, document_id: str) -> None:
        for other in self.panes:
            if other.document_id == document_id:
                self._set_active(other)
                return
        if pane.open_document(document_id):
            self._set_active(pane)
            self._on_panes_changed()

    def _on_new_pane(self) -> None:
        if self.document_list is not None:
            document_id = self.document_list.current_document_id()
            if document_id:
                self.open_document(document_id, new_pane=True)

    def _on_close_pane(self) -> None:
        if self.active_pane is not None:
            self.close_pane(self.active_pane)

    def _on_pane_scrolled(self, pane: ArticlePane, value: int) -> None:
        if not self.sync_action.isChecked() or self._syncing:
            return
        source = pane.view.verticalScrollBar()
        fraction = value / source.maximum() if source.maximum() else 0.0
        self._syncing = True
        try:
            for other in self.panes:
                if other is not pane:
                    bar = other.view.verticalScrollBar()
                    bar.setValue(round(fraction * bar.maximum()))
        finally:
            self._syncing = False

    def _on_sync_toggled(self, checked: bool) -> None:
        self.settings.sync_scroll = checked

    def zoom_by(self, steps: int | None) -> None:
        self.settings.zoom = 0 if steps is None else self.settings.zoom + steps
        for pane in self.panes:
            pane.apply_settings()
        self.show_message(f"Zoom {self.settings.zoom:+d}")

    # --- annotating -----------------------------------------------------------

    def _on_label_chosen(self, label_id: int) -> None:
        pane = self.active_pane
        if pane is None:
            self.show_message("Open a document and select some text first.")
            return
        pane.tag(label_id)
        pane.view.setFocus()

    def _on_delete_span(self) -> None:
        if self.active_pane is not None:
            self.active_pane.delete_selected_span()

    def _on_edit_note(self) -> None:
        if self.active_pane is not None:
            self.active_pane.edit_note()

    def _on_span_activated(self, span: Span) -> None:
        pane = self.open_document(span.document_id)
        if pane is not None:
            pane.show_span(span.id)
            pane.view.setFocus()

    def _on_match_activated(self, document_id: str, start: int, end: int) -> None:
        pane = self.open_document(document_id)
        if pane is not None:
            pane.select_span(None)
            pane.select_range(start, end)
            pane.view.setFocus()

    def show_find(self) -> None:
        if self.find_bar is None:
            return
        if self.active_pane is not None:
            self.find_bar.set_current_document(self.active_pane.document_id)
        self.find_bar.focus_query()

    def _on_find_closed(self) -> None:
        if self.active_pane is not None:
            self.active_pane.view.setFocus()

    # --- menus filled on demand -------------------------------------------------

    def _on_labels_menu_shown(self) -> None:
        menu = self.labels_menu
        menu.clear()
        menu.addAction(self.manage_labels_action)
        menu.addSeparator()
        for label in self.controller.project.labels():
            text = f"Tag as {label.name}" + (f"\t{label.shortcut}" if label.shortcut else "")
            menu.addAction(text, lambda lid=label.id: self._on_label_chosen(lid))

    def _on_document_menu_shown(self) -> None:
        menu = self.document_menu
        menu.clear()
        pane = self.active_pane
        document_id = pane.document_id if pane else None
        if document_id is None:
            menu.addAction("No document open").setEnabled(False)
            return
        current = self.controller.project.document(document_id).status
        for status in STATUSES:
            action = menu.addAction(f"Mark {STATUS_TEXT[status].lower()}")
            action.setCheckable(True)
            action.setChecked(status == current)
            action.triggered.connect(
                lambda _=False, s=status: self.controller.set_status(document_id, s)
            )
        menu.addSeparator()
        menu.addAction(self.new_pane_action)
        menu.addAction(self.close_pane_action)

    def _on_recent_menu_shown(self) -> None:
        self.recent_menu.clear()
        config = Config.load()
        for path in config.recent_projects:
            self.recent_menu.addAction(path, lambda p=path: self.open_project(Path(p)))
        if not config.recent_projects:
            self.recent_menu.addAction("No recent projects").setEnabled(False)

    def _on_manage_labels(self) -> None:
        LabelManagerDialog(self.controller, self).exec()

    def _on_show_shortcuts(self) -> None:
        rows = "".join(f"<tr><td><b>{k}</b></td><td>{v}</td></tr>" for k, v in SHORTCUTS)
        box = QMessageBox(QMessageBox.Icon.NoIcon, "Keyboard shortcuts", "", parent=self)
        box.setText(f"<table cellspacing=6>{rows}</table>")
        self._open_box(box)

    def _on_about(self) -> None:
        QMessageBox.about(
            self, "About Workbench", "Workbench: read news articles side by side and tag "
            "claims, sources, denials and figures. Every edit is saved at once."
        )

    # --- projects, import, export -------------------------------------------------

    def _ask_path(self, kind: str) -> Path | None:
        """A file dialog (tests replace this)."""
        folder = str(self.controller.project.path.parent) if self.controller.project.path else ""
        filters = f"Workbench projects (*{SUFFIX})"
        if kind == "open":
            path, _ = QFileDialog.getOpenFileName(self, "Open project", folder, filters)
        elif kind == "new":
            path, _ = QFileDialog.getSaveFileName(self, "New project", folder, filters)
            if path and not path.endswith(SUFFIX):
                path += SUFFIX
        else:
            path, _ = QFileDialog.getSaveFileName(
                self, "Export", folder, "JSON Lines (*.jsonl);;All files (*)"
            )
        return Path(path) if path else None

    def _ask_import_paths(self) -> list[Path]:
        paths, _ = QFileDialog.getOpenFileNames(
            self, "Import files", "", "Articles (*.txt *.html *.htm *.json *.jsonl);;All files (*)"
        )
        return [Path(p) for p in paths]

    def _on_new_project(self) -> None:
        path = self._ask_path("new")
        if path is not None:
            self.new_project(path)

    def _on_open_project(self) -> None:
        path = self._ask_path("open")
        if path is not None:
            self.open_project(path)

    def new_project(self, path: Path) -> bool:
        try:
            Project.create(path).close()
        except WorkbenchError as e:
            self.show_error(str(e), modal=True)
            return False
        return self.open_project(path)

    def open_project(self, path: Path) -> bool:
        """Switch the window to another project file."""
        try:
            controller = open_controller(path, self.config)
        except WorkbenchError as e:
            self.show_error(str(e), modal=True)
            return False
        self._save_layout()
        self._panes_restored = False
        for pane in list(self.panes):
            self.close_pane(pane)
        old = self.controller
        self._bind(controller)
        self.owns_project = True
        old.project.close()
        old.deleteLater()
        self.config.remember(path)
        self._save_config()
        self.restore_panes()
        self.project_opened.emit(str(path))
        self.show_message(f"Opened {path}")
        return True

    def _on_import(self) -> None:
        paths = self._ask_import_paths()
        if paths:
            self.import_files(paths)

    def import_files(self, paths: Sequence[Path]) -> bool:
        before = len(self.controller.project.document_ids())
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            import_paths(self.controller.project, list(paths))
        except WorkbenchError as e:
            self.show_error(str(e), modal=True)
            return False
        except OSError as e:
            self.show_error(f"Cannot read {e.filename or 'a file'}: {e.strerror}.", modal=True)
            return False
        finally:
            QApplication.restoreOverrideCursor()
        self.controller.documents_changed.emit()
        added = len(self.controller.project.document_ids()) - before
        self.show_message(f"Imported {added} document{'s' if added != 1 else ''}.")
        return True

    def _on_export(self) -> None:
        path = self._ask_path("export")
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> bool:
        try:
            export_project(self.controller.project, path, format="jsonl")
        except WorkbenchError as e:
            self.show_error(str(e), modal=True)
            return False
        except OSError as e:
            self.show_error(f"Cannot write {path}: {e.strerror}.", modal=True)
            return False
        self.show_message(f"Exported to {path}.")
        return True

    # --- settings -------------------------------------------------------------------

    def _on_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self.config, self)
        if dialog.exec():
            self.apply_settings()

    def apply_settings(self) -> None:
        self.controller.annotator = self.config.annotator
        apply_theme(self.settings.theme)
        for pane in self.panes:
            pane.apply_settings()
        self._on_counts_changed()

    def _save_config(self) -> None:
        try:
            self.config.save()
        except OSError as e:
            log.warning("cannot save config: %s", e)

    def _restore_layout(self) -> None:
        geometry, state = self.settings.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)
        else:  # first run: leave most of the width to the articles
            self.resizeDocks(
                [self.documents_dock, self.annotations_dock], [300, 380], Qt.Orientation.Horizontal
            )

    def _save_layout(self) -> None:
        self.settings.set_window_state(self.saveGeometry(), self.saveState())
        path = self.controller.project.path
        if path is not None and self._panes_restored:
            self.settings.set_open_documents(path, self.open_documents())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._save_layout()
        if self.owns_project:
            self.controller.project.close()
        super().closeEvent(event)

    # --- status and errors -----------------------------------------------------------

    def _on_span_count_changed(self, delta: int) -> None:
        self._span_count += delta
        self._show_counts()

    def _on_counts_changed(self, *args: object) -> None:
        project = self.controller.project
        self._document_count = len(project.document_ids())
        self._span_count = project.span_count()
        self._show_counts()

    def _show_counts(self) -> None:
        documents, spans = self._document_count, self._span_count
        self.counts_label.setText(
            f"{documents} document{'s' if documents != 1 else ''} · {spans} span{'s' if spans != 1 else ''}"
        )
        self.annotator_label.setText(f"Annotator: {self.controller.annotator}")

    def show_message(self, message: str) -> None:
        self.statusBar().showMessage(message, STATUS_MESSAGE_MS)

    def _on_error_raised(self, message: str) -> None:
        self.show_error(message)

    def show_error(self, message: str, *, modal: bool = False) -> None:
        """Edits that fail go to the status bar; project errors also open a message box."""
        self.last_error = message
        log.warning("%s", message)
        self.statusBar().showMessage(f"⚠ {message}", STATUS_MESSAGE_MS * 2)
        if modal:
            box = QMessageBox(QMessageBox.Icon.Warning, "Workbench", message, parent=self)
            self._open_box(box)

    def _open_box(self, box: QMessageBox) -> None:
        self._boxes.append(box)
        box.finished.connect(lambda _=0, b=box: self._boxes.remove(b) if b in self._boxes else None)
        box.open()

    def saved_state(self) -> tuple[QByteArray, QByteArray]:
        return self.saveGeometry(), self.saveState()


def first_run_hint(window: MainWindow) -> None:
    """Open the first document when nothing was open, so the window never starts empty."""
    if window.panes:
        return
    ids = window.controller.project.document_ids()
    for document_id in ids[:2]:
        window.open_document(document_id, new_pane=True)
    QTimer.singleShot(0, lambda: window.panes and window.panes[0].view.setFocus())
