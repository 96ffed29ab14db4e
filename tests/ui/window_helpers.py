"""Shared helpers for the window tests (imported by test modules, not collected)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from analysis_helpers import annotate_sample
from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from workbench.config import Config
from workbench.model import Span
from workbench.project import Project
from workbench.ui.controller import ProjectController
from workbench.ui.docks.lazy_dock import docks_to_build
from workbench.ui.pane.article_pane import ArticlePane
from workbench.ui.shared.window_settings import WindowSettings
from workbench.ui.window.main_window import MainWindow, open_controller

EMOJI_TEXT = (
    "Smile 😀, flag 🇰🇷, family 👨\u200d👩\u200d👧 and cafe\u0301 first.\n"
    "North Korea sent 1,500 troops to Russia, officials said.\n"
    "Moscow denied it.\u2028Seoul\u00a0disagreed."
)


def stored_spans(path: Path, document_id: str | None = None) -> list[Span]:
    """The spans as another program sees them: a fresh connection to the file."""
    with Project.open(path) as project:
        return project.spans(document_id)


def stored_text(path: Path, span: Span) -> str:
    with Project.open(path) as project:
        return project.document(span.document_id).text[span.start : span.end]


def point_of(pane: ArticlePane, cp: int) -> QPoint:
    """A viewport point just inside the character at code point `cp`."""
    assert pane.map is not None
    cursor = QTextCursor(pane.view.document())
    cursor.setPosition(pane.map.to_utf16(cp))
    rect = pane.view.cursorRect(cursor)
    return QPoint(rect.x() + 2, rect.center().y())


def shown_pane(
    qtbot: QtBot, project: Project, *, size: tuple[int, int] = (900, 600)
) -> ArticlePane:
    """An article pane on `project` for the analyst "ana", shown at `size`, nothing open."""
    pane = ArticlePane(ProjectController(project, "ana"), WindowSettings())
    qtbot.addWidget(pane)
    pane.resize(*size)
    pane.show()
    qtbot.waitExposed(pane)
    return pane


def label_id(path_or_project: Path | Project, name: str) -> int:
    if isinstance(path_or_project, Project):
        label = path_or_project.label_named(name)
    else:
        with Project.open(path_or_project) as project:
            label = project.label_named(name)
    assert label is not None
    return label.id


def annotated_controller(path: Path) -> tuple[ProjectController, dict[str, str]]:
    """The sample project, annotated (`annotate_sample`: its span ids by name), open under
    a controller for "analyst"."""
    project = Project.open(path)
    ids = annotate_sample(project)
    return ProjectController(project, "analyst"), ids


W = TypeVar("W", bound=QWidget)


def view_of_sample(qtbot: QtBot, path: Path, view: Callable[[ProjectController], W]) -> W:
    """A view made over the annotated sample (`annotated_controller`), not yet waited for:
    what it reads in slices or in a thread is still to come."""
    controller, _ = annotated_controller(path)
    widget = view(controller)
    qtbot.addWidget(widget)
    return widget


def open_window(qtbot: QtBot, path: Path, *, size: tuple[int, int] = (1400, 900)) -> MainWindow:
    """The window on a project file, shown, with the annotator "ana"."""
    config = Config.load()
    config.annotator = "ana"
    window = MainWindow(open_controller(path, config), WindowSettings(), config, owns_project=True)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not docks_to_build(window))  # one a pass after the first paint
    return window
