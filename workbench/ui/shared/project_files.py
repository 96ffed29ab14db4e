"""Where the analyst's files are: projects and exports start in the documents folder (or
beside the open project), the last folder used is remembered, and the window says where
the project file is, shows it in the file manager and saves a copy of it elsewhere.

The sample's working copy lives in the hidden data folder (`workbench.config.data_dir`);
dialogs never start there.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from workbench.config import data_dir
from workbench.connection import copy_project
from workbench.project import SUFFIX
from workbench.ui.shared.window_settings import WindowSettings

if TYPE_CHECKING:
    from workbench.ui.controller import ProjectController


class FilesWindow(Protocol):
    """What these actions need of their window (MainWindow), without importing it."""

    controller: ProjectController
    settings: WindowSettings

    def show_error(self, message: str, *, modal: bool = False) -> None: ...
    def show_message(self, message: str) -> None: ...


def documents_folder() -> Path:
    """The user's documents folder (their home when the platform names none)."""
    from PySide6.QtCore import QStandardPaths  # not at start-up: a file dialog asks

    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(location) if location else Path.home()
    return folder if folder.is_dir() else Path.home()


def in_data_folder(path: Path) -> bool:
    """True for files in Workbench's own hidden data folder (the sample's working copy)."""
    try:
        path.resolve().relative_to(data_dir().resolve())
    except ValueError:
        return False
    return True


def start_folder(project_path: Path | None, settings: WindowSettings) -> Path:
    """Where a file dialog opens: the last folder used, else beside the open project
    (unless that is the hidden data folder), else the documents folder."""
    last = settings.last_folder
    if last and Path(last).is_dir():
        return Path(last)
    if project_path is not None and not in_data_folder(project_path):
        return project_path.parent
    return documents_folder()


def remember_folder(settings: WindowSettings, path: Path) -> None:
    """Remember the folder of a file (or the folder) the analyst just chose."""
    folder = path if path.is_dir() else path.parent
    settings.last_folder = str(folder)
    settings.sync()


def shown_path(path: Path) -> str:
    """A path as people read it: the home folder as ~."""
    home = Path.home()
    try:
        return str(Path("~") / path.resolve().relative_to(home.resolve()))
    except ValueError:
        return str(path)


def window_title(project_path: Path | None) -> str:
    if project_path is None:
        return "unsaved project — Workbench"
    return f"{project_path.name} ({shown_path(project_path.parent)}) — Workbench"


def save_copy(source: Path, target: Path) -> None:
    """Copy the project consistently to `target`, all or nothing (a temp file renamed)."""
    if target.resolve() == source.resolve():
        raise ValueError(f"{target} is the open project itself; choose another name.")
    partial = target.with_name(f".{target.name}.partial")
    try:
        copy_project(source, partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


class ProjectFileActions(QObject):
    """*File › Save a copy as…* and *File › Show project file* for one window."""

    def __init__(self, window: FilesWindow, parent: QWidget) -> None:
        """`parent` is the window itself, as a widget (the file dialog opens over it)."""
        super().__init__(parent)
        self.window = window
        self.parent_widget = parent

    def ask_copy_path(self) -> Path | None:
        """The file dialog for the copy (tests replace this)."""
        from PySide6.QtWidgets import QFileDialog  # its type costs start-up time: when asked

        project_path = self.window.controller.project.path
        folder = start_folder(project_path, self.window.settings)
        name = project_path.name if project_path else f"project{SUFFIX}"
        path, _ = QFileDialog.getSaveFileName(
            self.parent_widget,
            "Save a copy as",
            str(folder / name),
            f"Workbench projects (*{SUFFIX})",
        )
        if path and not path.endswith(SUFFIX):
            path += SUFFIX
        return Path(path) if path else None

    def save_copy_as(self) -> Path | None:
        source = self.window.controller.project.path
        if source is None:
            self.window.show_error("This project has no file to copy.", modal=True)
            return None
        target = self.ask_copy_path()
        if target is None:
            return None
        try:
            save_copy(source, target)
        except (OSError, ValueError) as e:
            reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
            self.window.show_error(f"Cannot save a copy as {target}: {reason}", modal=True)
            return None
        remember_folder(self.window.settings, target)
        self.window.show_message(
            f"Saved a copy as {shown_path(target)}; you keep working in {shown_path(source)}."
        )
        return target

    def show_project_file(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        path = self.window.controller.project.path
        if path is None:
            self.window.show_message("This project is not saved in a file.")
            return
        self.window.show_message(f"The project file is {path}.")
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
