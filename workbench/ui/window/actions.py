"""The window's actions, menus and toolbar, and the menus filled when they open.

`WindowActions` owns every QAction; the slots are the window's (see MainWindow), so
menus, toolbar and shortcuts trigger the same code paths the tests drive.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QObject, Qt, SignalInstance
from PySide6.QtGui import QAction, QHelpEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QMenu,
    QMenuBar,
    QMessageBox,
    QToolBar,
    QToolTip,
    QWidget,
)

from workbench.config import Config
from workbench.model import STATUSES
from workbench.ui.shared.project_files import ProjectFileActions
from workbench.ui.shared.shortcuts import bind_action, standard_keys
from workbench.ui.shared.texts import STATUS_TEXT
from workbench.ui.window.help_menu import keys_box, show_about

if TYPE_CHECKING:
    from workbench.ui.controller import ProjectController
    from workbench.ui.pane.article_pane import ArticlePane
    from workbench.ui.shared.shortcuts_dialog import ShortcutsDialog
    from workbench.ui.shared.window_settings import WindowSettings


class ActionsWindow(Protocol):
    """What the actions need of their window (MainWindow); a Protocol, so that this module
    does not import the window that imports it."""

    controller: ProjectController
    settings: WindowSettings

    @property
    def active_pane(self) -> ArticlePane | None: ...
    def menuBar(self) -> QMenuBar: ...  # noqa: N802  # Qt's name
    def addToolBar(self, toolbar: QToolBar, /) -> None: ...  # noqa: N802  # Qt's name
    def close(self) -> bool: ...
    def ask_open_project(self) -> None: ...
    def ask_new_project(self) -> None: ...
    def open_project(self, path: Path) -> bool: ...
    def ask_import(self) -> object: ...
    def ask_export(self) -> object: ...
    def show_settings(self) -> None: ...
    def show_find(self) -> None: ...
    def find_step(self, delta: int) -> None: ...
    def run_suggester(self) -> object: ...
    def start_link(self) -> None: ...
    def tag_with(self, label_id: int) -> None: ...
    def delete_span(self) -> None: ...
    def edit_note(self) -> None: ...
    def zoom_by(self, steps: int | None) -> None: ...
    def set_sync_scrolling(self, checked: bool) -> None: ...
    def open_in_new_pane(self) -> None: ...
    def open_next_document(self, step: int = 1) -> str | None: ...
    def mark_done_and_next(self) -> str | None: ...
    def ask_remove_document(self) -> object: ...
    def close_active_pane(self) -> None: ...
    def open_box(self, box: QMessageBox) -> None: ...
    def show_error(self, message: str, *, modal: bool = False) -> None: ...
    def show_message(self, message: str) -> None: ...


class WindowActions(QObject):
    """Every action of one window, with its menus and toolbar."""

    def __init__(self, window: ActionsWindow, parent: QWidget) -> None:
        """`parent` is the window itself, as a widget (dialogs and boxes open over it)."""
        super().__init__(parent)
        self.window = window
        self.parent_widget = parent
        self.undo_action: QAction | None = None
        self.redo_action: QAction | None = None
        # The toolbar's own Undo and Redo (see install_undo_actions), and the menu action
        # whose text each button's tooltip shows.
        self._twins: list[QAction] = []
        self._tips: dict[QWidget, QAction] = {}
        self._create_actions()
        self._bind_keys()
        self._create_menus()

    def _action(
        self,
        text: str,
        slot: Callable[..., object],
        shortcut: str | QKeySequence.StandardKey | list[str] | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self.parent_widget)
        if shortcut is not None:
            if isinstance(shortcut, list):
                action.setShortcuts([QKeySequence(s) for s in shortcut])
            else:
                action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def _create_actions(self) -> None:
        w, parent = self.window, self.parent_widget
        S = QKeySequence.StandardKey
        self.new_action = self._action("&New project…", w.ask_new_project, S.New)
        self.open_action = self._action("&Open project…", w.ask_open_project, S.Open)
        self.import_action = self._action(
            "&Import…", w.ask_import, "Ctrl+I", "Import files or folders in any format it reads"
        )
        self.export_action = self._action("&Export…", w.ask_export, "Ctrl+E")
        self.project_files = ProjectFileActions(w, self.parent_widget)
        self.save_copy_action = self._action(
            "Save a &copy as…",
            self.project_files.save_copy_as,
            None,
            "Copy the project file elsewhere; you keep working in this one",
        )
        self.show_file_action = self._action(
            "Show project &file",
            self.project_files.show_project_file,
            tip="Open the folder that holds the project file",
        )
        self.quit_action = self._action("&Quit", w.close, S.Quit)
        self.find_action = self._action("&Find…", w.show_find, S.Find)
        # From the article too: Enter on a match hands the keys to the article (to tag it).
        self.find_next_action = self._action("Find &next", lambda: w.find_step(1), S.FindNext)
        self.find_previous_action = self._action(
            "Find pre&vious", lambda: w.find_step(-1), S.FindPrevious
        )
        self.delete_action = self._action("&Delete span", w.delete_span)
        # Keys the article, the list and the suggestions take themselves when a span or
        # suggestion is selected there: shown in the menu while the action has none.
        self.delete_action.setProperty("contextKeys", "Del")
        self.note_action = self._action("Edit &note…", w.edit_note)
        self.note_action.setProperty("contextKeys", "N")
        self.settings_action = self._action("&Settings…", w.show_settings, S.Preferences)
        self.zoom_in_action = self._action("Zoom &in", lambda: w.zoom_by(1), ["Ctrl++", "Ctrl+="])
        self.zoom_out_action = self._action("Zoom &out", lambda: w.zoom_by(-1), "Ctrl+-")
        self.zoom_reset_action = self._action("&Reset zoom", lambda: w.zoom_by(None), "Ctrl+0")
        self.sync_action = self._action("S&ynchronised scrolling", w.set_sync_scrolling)
        self.sync_action.setCheckable(True)
        self.sync_action.setChecked(w.settings.sync_scroll)
        self.new_pane_action = self._action("Open in new &pane", w.open_in_new_pane, "Ctrl+Return")
        self.close_pane_action = self._action("&Close pane", w.close_active_pane, S.Close)
        self.next_document_action = self._action(
            "&Next document",
            lambda: w.open_next_document(1),
            "Alt+PgDown",
            "Open the next document of the Documents list in this pane",
        )
        self.previous_document_action = self._action(
            "&Previous document",
            lambda: w.open_next_document(-1),
            "Alt+PgUp",
            "Open the previous document of the Documents list in this pane",
        )
        self.done_next_action = self._action(
            "Mark done, open ne&xt",
            w.mark_done_and_next,
            "Ctrl+Shift+D",
            "Mark this document done and open the next one in its place",
        )
        self.remove_document_action = self._action(
            "&Remove from project…",
            lambda: w.ask_remove_document(),
            tip="Take this document out of the project with its spans (Ctrl+Z undoes it)",
        )
        # The Document menu is filled when it opens: the window holds these, so that
        # their keys work before it ever has.
        parent.addActions(
            [self.next_document_action, self.previous_document_action, self.done_next_action]
        )
        self.manage_labels_action = self._action("&Manage labels…", self.manage_labels)
        self.shortcuts_action = self._action("Keys at a &glance", self.show_shortcuts, "F1")
        self.edit_shortcuts_action = self._action(
            "&Keyboard shortcuts…",
            self.edit_shortcuts,
            tip="See and change the key of every action",
        )
        self.about_action = self._action("&About Workbench", self._on_about)
        self.link_action = self._action(
            "&Link to…", w.start_link, "L", "Link the selected span to the next one you click"
        )
        self.cancel_link_action = self._action("&Cancel linking", lambda: None, "Escape")
        self.suggest_action = self._action(
            "&Suggest",
            w.run_suggester,
            "Ctrl+Shift+S",
            "Propose spans in the open documents (all documents when none is open)",
        )

    def _bind_keys(self) -> None:
        """Name every action and give it the analyst's keys (Edit › Keyboard shortcuts)."""
        for attribute, action in list(vars(self).items()):
            if attribute.endswith("_action") and isinstance(action, QAction):
                bind_action(
                    action,
                    attribute.removesuffix("_action"),
                    action.shortcuts(),
                    self.window.settings,
                )
                if action.property("contextKeys"):
                    show_context_keys(action)
                    action.changed.connect(partial(show_context_keys, action))

    def all_actions(self) -> list[QAction]:
        """Every named action of the window, undo and redo included."""
        return [a for a in vars(self).values() if isinstance(a, QAction) and a.objectName()]

    def manage_labels(self) -> None:
        from workbench.ui.dialogs.label_manager import LabelManagerDialog

        LabelManagerDialog(self.window.controller, self.parent_widget).exec()

    def edit_shortcuts(self) -> ShortcutsDialog:
        from workbench.ui.shared.shortcuts_dialog import ShortcutsDialog

        dialog = ShortcutsDialog(self.all_actions(), self.window.settings, self.parent_widget)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _create_menus(self) -> None:
        w = self.window
        bar = w.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._on_recent_menu_shown)
        file_menu.addAction(self.save_copy_action)
        file_menu.addAction(self.show_file_action)
        file_menu.addSeparator()
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        self.edit_menu = bar.addMenu("&Edit")
        self._undo_anchor = self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.find_action)
        self.edit_menu.addAction(self.find_next_action)
        self.edit_menu.addAction(self.find_previous_action)
        self.edit_menu.addAction(self.delete_action)
        self.edit_menu.addAction(self.note_action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.edit_shortcuts_action)
        self.edit_menu.addAction(self.settings_action)

        self.view_menu = view = bar.addMenu("&View")
        view.addAction(self.zoom_in_action)
        view.addAction(self.zoom_out_action)
        view.addAction(self.zoom_reset_action)
        view.addSeparator()
        view.addAction(self.sync_action)
        view.addAction(self.new_pane_action)
        view.addAction(self.close_pane_action)
        view.addSeparator()

        analysis = bar.addMenu("&Analysis")
        analysis.addAction(self.link_action)
        analysis.addAction(self.cancel_link_action)
        analysis.addSeparator()
        analysis.addAction(self.suggest_action)

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
        w.addToolBar(self.toolbar)
        self.toolbar.addAction(self.open_action)
        self.toolbar.addAction(self.import_action)
        self._toolbar_undo_anchor = self.toolbar.addSeparator()
        self.toolbar.addAction(self.find_action)
        self.toolbar.addAction(self.zoom_out_action)
        self.toolbar.addAction(self.zoom_in_action)
        self.toolbar.addAction(self.sync_action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.suggest_action)

    def add_dock_toggles(self, docks: list[QDockWidget]) -> None:
        """Show/hide entries in the View menu for these docks."""
        for dock in docks:
            self.view_menu.addAction(dock.toggleViewAction())

    def install_undo_actions(self) -> None:
        """Undo/redo of the current controller's stack (again after switching projects)."""
        for action in (self.undo_action, self.redo_action):
            if action is not None:
                self.edit_menu.removeAction(action)
                action.deleteLater()
        for twin in self._twins:
            self.toolbar.removeAction(twin)
            twin.deleteLater()
        self._tips.clear()
        stack = self.window.controller.undo_stack
        settings = self.window.settings
        self.undo_action = stack.createUndoAction(self.parent_widget, "&Undo")
        bind_action(
            self.undo_action, "undo", standard_keys(QKeySequence.StandardKey.Undo), settings
        )
        self.redo_action = stack.createRedoAction(self.parent_widget, "&Redo")
        # Each key once: Qt's Redo is Ctrl+Shift+Z on X11 and Ctrl+Y on Windows; both work
        # everywhere.
        redo_keys = standard_keys(QKeySequence.StandardKey.Redo, "Ctrl+Shift+Z", "Ctrl+Y")
        bind_action(self.redo_action, "redo", redo_keys, settings)
        self.edit_menu.insertActions(self._undo_anchor, [self.undo_action, self.redo_action])
        # The toolbar says "Undo" and "Redo" whatever the step; its tooltip names the step.
        # With the step's name on them ("Undo Relabel span") every edit resized the buttons,
        # moved the label buttons beside them under the analyst's pointer and laid the
        # toolbar out and painted it again.
        self._twins = [
            self._twin("Undo", stack.undo, stack.canUndo(), stack.canUndoChanged),
            self._twin("Redo", stack.redo, stack.canRedo(), stack.canRedoChanged),
        ]
        self.toolbar.insertActions(self._toolbar_undo_anchor, self._twins)
        for twin, action in zip(self._twins, (self.undo_action, self.redo_action), strict=True):
            button = self.toolbar.widgetForAction(twin)
            if button is not None:
                self._tips[button] = action
                button.installEventFilter(self)

    def _twin(
        self,
        text: str,
        slot: Callable[[], None],
        enabled: bool,
        enabled_changed: SignalInstance,
    ) -> QAction:
        twin = QAction(text, self.parent_widget)
        twin.triggered.connect(slot)
        twin.setEnabled(enabled)
        enabled_changed.connect(twin.setEnabled)
        return twin

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(watched, QWidget):
            action = self._tips.get(watched)
            if action is not None:
                assert isinstance(event, QHelpEvent)
                QToolTip.showText(event.globalPos(), toolbar_tip(action), watched)
                return True
        return super().eventFilter(watched, event)

    # --- menus filled on demand -------------------------------------------------

    def _on_labels_menu_shown(self) -> None:
        menu = self.labels_menu
        menu.clear()
        menu.addAction(self.manage_labels_action)
        menu.addSeparator()
        for label in self.window.controller.project.labels():
            text = f"Tag as {label.name}" + (f"\t{label.shortcut}" if label.shortcut else "")
            menu.addAction(text, partial(self.window.tag_with, label.id))

    def _on_document_menu_shown(self) -> None:
        menu: QMenu = self.document_menu
        menu.clear()
        pane = self.window.active_pane
        document_id = pane.document_id if pane else None
        if document_id is None:
            menu.addAction("No document open").setEnabled(False)
            menu.addAction(self.next_document_action)  # opens the list's first
            return
        controller = self.window.controller
        current = controller.status_of(document_id)
        for status in STATUSES:
            action = menu.addAction(f"Mark {STATUS_TEXT[status].lower()}")
            action.setCheckable(True)
            action.setChecked(status == current)
            action.triggered.connect(
                lambda _=False, s=status: controller.set_status(document_id, s)
            )
        menu.addAction(self.done_next_action)
        menu.addSeparator()
        menu.addAction(self.next_document_action)
        menu.addAction(self.previous_document_action)
        menu.addAction(self.new_pane_action)
        menu.addAction(self.close_pane_action)
        menu.addSeparator()
        menu.addAction(self.remove_document_action)

    def _on_recent_menu_shown(self) -> None:
        self.recent_menu.clear()
        config = Config.load()
        for path in config.recent_projects:
            self.recent_menu.addAction(path, partial(self.window.open_project, Path(path)))
        if not config.recent_projects:
            self.recent_menu.addAction("No recent projects").setEnabled(False)

    def show_shortcuts(self) -> None:
        self.window.open_box(keys_box(self.parent_widget))

    def _on_about(self) -> None:
        show_about(self.parent_widget)


def show_context_keys(action: QAction) -> None:
    """Put the keys a selection takes in the action's menu text ("Delete span\tDel") while
    the action has no key of its own; its own key, once given, shows instead."""
    name = action.text().split("\t")[0]
    text = name if action.shortcuts() else f"{name}\t{action.property('contextKeys')}"
    if action.text() != text:
        action.setText(text)  # (emits `changed` again, with nothing left to change)


def toolbar_tip(action: QAction) -> str:
    """A menu action's text and key, for a tooltip: "Undo Relabel span (Ctrl+Z)"."""
    text = action.text().replace("&", "")
    key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    return f"{text} ({key})" if key else text
