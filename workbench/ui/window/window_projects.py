"""The window's project handling: new, open, import, export, settings and its layout."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDockWidget

from workbench.config import Config
from workbench.errors import WorkbenchError
from workbench.project import SUFFIX, Project
from workbench.ui.controller import ProjectController, open_controller
from workbench.ui.docks.analysis_docks import AnalysisDocks
from workbench.ui.docks.lazy_dock import LazyDock
from workbench.ui.pane.linking import Linking
from workbench.ui.pane.pane_area import PaneArea
from workbench.ui.pane.pane_scroll import scroll_fractions
from workbench.ui.shared.project_files import remember_folder, start_folder
from workbench.ui.shared.screen_fit import clamp_to_screen
from workbench.ui.shared.theme import apply_theme
from workbench.ui.shared.window_settings import WindowSettings
from workbench.ui.window.window_messages import WindowMessages, log
from workbench.wording import counted

if TYPE_CHECKING:  # the dialogs are imported when first opened, not at start-up
    from workbench.ui.dialogs.export_dialog import ExportDialog
    from workbench.ui.dialogs.import_dialog import ImportDialog


class WindowProjects(WindowMessages):
    """Switching, importing and exporting projects, settings and the saved layout; a part
    of `MainWindow`, which sets these up."""

    project_opened: SignalInstance
    settings: WindowSettings
    config: Config
    owns_project: bool
    pane_area: PaneArea
    analysis: AnalysisDocks
    linking: Linking
    documents_dock: QDockWidget
    annotations_dock: QDockWidget
    _panes_restored: bool

    def _bind(self, controller: ProjectController) -> None:
        raise NotImplementedError  # MainWindow's

    def restore_panes(self) -> None:
        raise NotImplementedError  # MainWindow's

    # --- projects, import, export -------------------------------------------------

    def _ask_path(self, kind: str) -> Path | None:
        """A file dialog for "open" or "new" (tests replace this)."""
        from PySide6.QtWidgets import QFileDialog  # its type costs start-up time: when asked

        folder = str(start_folder(self.controller.project.path, self.settings))
        filters = f"Workbench projects (*{SUFFIX})"
        if kind == "open":
            path, _ = QFileDialog.getOpenFileName(self, "Open project", folder, filters)
        else:
            path, _ = QFileDialog.getSaveFileName(self, "New project", folder, filters)
            if path and not path.endswith(SUFFIX):
                path += SUFFIX
        if path:
            remember_folder(self.settings, Path(path))
        return Path(path) if path else None

    def ask_new_project(self) -> None:
        path = self._ask_path("new")
        if path is not None:
            self.new_project(path)

    def ask_open_project(self) -> None:
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
        if not path.exists():  # no "workbench new" advice: the window has File › New
            message = f"{path} does not exist."
            if self.config.forget(path):  # a recent project moved or deleted since
                self._save_config()
                message = (
                    f"{path} is no longer there: it was moved, renamed or deleted. "
                    "It is taken off File › Open recent."
                )
            self.show_error(message, modal=True)
            return False
        try:
            controller = open_controller(path, self.config)
        except WorkbenchError as e:
            self.show_error(str(e), modal=True)
            return False
        self._save_layout()
        self._panes_restored = False
        self.pane_area.set_controller(controller)
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

    def ask_import(self) -> ImportDialog:
        from workbench.ui.dialogs.import_dialog import ImportDialog

        dialog = ImportDialog(self.controller, self, settings=self.settings)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def import_files(self, paths: Sequence[Path]) -> bool:
        """Import files without the dialog; the report goes to the status bar."""
        from workbench.ui.dialogs.import_dialog import describe, import_with_progress
        from workbench.ui.dialogs.progress import Cancelled

        try:
            report = import_with_progress(self.controller, paths, parent=self)
        except (WorkbenchError, Cancelled) as e:
            if isinstance(e, WorkbenchError):
                self.show_error(str(e), modal=True)
            return False
        self.show_message(describe(report).replace("\n", " "))
        return True

    def ask_export(self) -> ExportDialog:
        from workbench.ui.dialogs.export_dialog import ExportDialog

        dialog = ExportDialog(self.controller, self, settings=self.settings)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exported.connect(
            lambda report, path: self.show_message(
                f"Exported {counted(report.documents, 'document')}, "
                f"{counted(report.spans, 'span')} to {path}."
            )
        )
        dialog.open()
        return dialog

    def export_to(self, path: Path) -> bool:
        """Export the whole project as Workbench JSONL."""
        from workbench.exporter import export_project

        try:
            export_project(self.controller.project, path, format="jsonl")
        except WorkbenchError as e:
            self.show_error(str(e), modal=True)
            return False
        self.show_message(f"Exported to {path}.")
        return True

    # --- settings -------------------------------------------------------------------

    def show_settings(self) -> None:
        from workbench.ui.dialogs.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self.config, self)
        if dialog.exec():
            self.apply_settings()

    def apply_settings(self) -> None:
        self.controller.annotator = self.config.annotator
        apply_theme(self.settings.theme)
        self.pane_area.apply_settings()
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
            clamp_to_screen(self)
        if state is not None:
            self.restoreState(state)
        else:  # first run: leave most of the width to the articles
            self.resizeDocks(
                [self.documents_dock, self.annotations_dock], [330, 380], Qt.Orientation.Horizontal
            )
            self.analysis.first_run_sizes()

    def _save_layout(self) -> None:
        self.settings.set_window_state(self.saveGeometry(), self.saveState())
        path = self.controller.project.path
        if path is not None and self._panes_restored:
            self.settings.set_open_documents(path, self.pane_area.open_documents())
            self.settings.set_scroll_positions(path, scroll_fractions(self.pane_area.panes))
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._save_layout()
        self.linking.cancel()
        for lazy in self.findChildren(LazyDock):  # a dock due to be built: not any more
            lazy.stop()
        if self.owns_project:
            self.controller.project.close()
        super().closeEvent(event)
