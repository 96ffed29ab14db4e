"""Presses and drags in a long article: the pane's own, Qt's where Qt must see them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from pytestqt.qtbot import QtBot
from window_helpers import point_of, shown_pane

from workbench.project import Project
from workbench.ui.pane import drag_selection
from workbench.ui.pane.article_pane import ArticlePane

PARAGRAPHS = [
    f"Paragraph {n}: officials in Seoul said {n * 100} troops had moved north on Monday."
    for n in range(80)
]
TEXT = "\n".join(PARAGRAPHS)


@pytest.fixture
def pane(qtbot: QtBot, tmp_path: Path) -> Iterator[ArticlePane]:
    path = tmp_path / "long.wbproj"
    with Project.create(path) as project:
        project.add_document(TEXT, title="Long")
    project = Project.open(path)
    pane = shown_pane(qtbot, project, size=(700, 400))
    assert pane.open_document(project.document_ids()[0])
    yield pane
    pane.close()
    project.close()


@pytest.fixture
def qt_presses(monkeypatch: pytest.MonkeyPatch) -> list[QPoint]:
    """Where presses reached QPlainTextEdit's own handler."""
    seen: list[QPoint] = []
    qt_press = QPlainTextEdit.mousePressEvent

    def spy(view: QPlainTextEdit, event: QMouseEvent) -> None:
        seen.append(event.position().toPoint())
        qt_press(view, event)

    monkeypatch.setattr(QPlainTextEdit, "mousePressEvent", spy)
    return seen


def _cp(paragraph: int, word: str) -> int:
    start = sum(len(p) + 1 for p in PARAGRAPHS[:paragraph])
    return start + PARAGRAPHS[paragraph].index(word)


def test_a_plain_click_puts_the_cursor_there_without_qt(
    qtbot: QtBot, pane: ArticlePane, qt_presses: list[QPoint]
) -> None:
    at = point_of(pane, _cp(2, "Seoul") + 1)
    qtbot.mouseClick(pane.view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert qt_presses == []
    cursor = pane.view.textCursor()
    assert not cursor.hasSelection()
    assert cursor.position() == pane.map.to_utf16(_cp(2, "Seoul") + 1)  # type: ignore[union-attr]


def test_presses_qt_must_see_still_reach_it(
    qtbot: QtBot, pane: ArticlePane, qt_presses: list[QPoint]
) -> None:
    viewport = pane.view.viewport()
    at = point_of(pane, _cp(1, "troops") + 2)
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, at)
    assert qt_presses == [at]
    # On the selection: Qt may start dragging the selected text.
    pane.select_range(_cp(1, "officials"), _cp(1, "troops") + len("troops"))
    inside = point_of(pane, _cp(1, "Seoul") + 1)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=inside)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=inside)
    assert qt_presses == [at, inside]


def test_the_third_press_of_a_triple_click_is_qts(
    qtbot: QtBot, pane: ArticlePane, qt_presses: list[QPoint]
) -> None:
    viewport = pane.view.viewport()
    at = point_of(pane, _cp(3, "moved") + 1)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=at)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=at)
    double = QMouseEvent(
        QEvent.Type.MouseButtonDblClick,
        QPointF(at),
        QPointF(viewport.mapToGlobal(at)),
        Qt.MouseButton.LeftButton,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, double)
    assert pane.view.textCursor().selectedText() == "moved"  # Qt's word selection
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=at)
    assert qt_presses == []
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=at)
    assert qt_presses == [at]
    assert PARAGRAPHS[3] in pane.view.textCursor().selectedText()  # the whole paragraph


def test_a_press_leaves_the_view_where_it_is(qtbot: QtBot, pane: ArticlePane) -> None:
    """Qt's press does not scroll a line half in view into view; nor does ours."""
    viewport = pane.view.viewport()
    bar = pane.view.verticalScrollBar()
    bottom = QPoint(40, viewport.height() - 3)  # the last line, cut by the edge
    before = bar.value()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=bottom)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=bottom)
    assert bar.value() == before
    assert pane.view.textCursor().position() > 0


def test_a_drag_held_below_the_view_scrolls_it_and_selects_on(
    qtbot: QtBot, pane: ArticlePane, monkeypatch: pytest.MonkeyPatch
) -> None:
    viewport = pane.view.viewport()
    drag = pane.view.drag
    start = _cp(0, "officials")
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=point_of(pane, start + 1))
    below = QPoint(60, viewport.height() + 30)
    qtbot.mouseMove(viewport, below)
    assert drag._scroll.isActive()
    first_end = pane.view.textCursor().position()
    # The pointer stays below the view, the button down, while the timer runs.
    monkeypatch.setattr(drag_selection.QCursor, "pos", lambda: viewport.mapToGlobal(below))
    monkeypatch.setattr(
        drag_selection.QGuiApplication, "mouseButtons", lambda: Qt.MouseButton.LeftButton
    )
    bar = pane.view.verticalScrollBar()
    before = bar.value()
    for _ in range(3):
        drag._on_scroll_due()
    assert bar.value() > before
    cursor = pane.view.textCursor()
    assert cursor.position() > first_end and cursor.anchor() == pane.map.to_utf16(start + 1)  # type: ignore[union-attr]
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=below)
    assert not drag._scroll.isActive() and drag.anchor is None
    selection = pane.selection()
    assert selection is not None and selection[0] == start and selection[1] > _cp(8, "Paragraph")


def test_shift_click_extends_from_the_last_click_not_an_old_double_click(
    qtbot: QtBot, pane: ArticlePane, qt_presses: list[QPoint]
) -> None:
    """Qt remembers a double-clicked word until its next press; the presses since were
    ours, so a Shift+click handed to Qt extended from that old word."""
    viewport = pane.view.viewport()
    word = point_of(pane, _cp(1, "troops") + 1)
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=word)
    click = point_of(pane, _cp(4, "officials"))
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=click)
    shift = point_of(pane, _cp(4, "north") + 2)  # inside the word: the selection snaps to it
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier, shift)
    assert qt_presses == []
    assert pane.selection() == (_cp(4, "officials"), _cp(4, "north") + len("north"))
