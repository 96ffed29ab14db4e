"""An analyst selects text in a pane and presses a label key; the file follows at once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QMimeData, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QAction, QImage, QMouseEvent, QPaintEvent, QTextCursor, QTextLine
from PySide6.QtWidgets import QInputDialog, QPlainTextEdit
from pytestqt.qtbot import QtBot
from window_helpers import (
    EMOJI_TEXT,
    label_id,
    point_of,
    shown_pane,
    stored_spans,
    stored_text,
)

from workbench.project import Project
from workbench.ui.pane import article_view
from workbench.ui.pane.article_pane import ArticlePane
from workbench.ui.pane.article_view import DOCUMENT_MIME


@pytest.fixture
def emoji_file(tmp_path: Path) -> Path:
    path = tmp_path / "emoji.wbproj"
    with Project.create(path) as project:
        project.add_document(EMOJI_TEXT, title="Emoji", source="wire")
    return path


@pytest.fixture
def pane(qtbot: QtBot, emoji_file: Path) -> Iterator[ArticlePane]:
    project = Project.open(emoji_file)
    pane = shown_pane(qtbot, project)
    assert pane.open_document(project.document_ids()[0])
    yield pane
    pane.close()
    project.close()


def _cp(word: str, nth: int = 0) -> int:
    index = -1
    for _ in range(nth + 1):
        index = EMOJI_TEXT.index(word, index + 1)
    return index


def test_key_1_tags_a_selection_after_emoji_and_combining_marks(
    qtbot: QtBot, pane: ArticlePane, emoji_file: Path
) -> None:
    start = _cp("North Korea")
    pane.select_range(start, start + len("North Korea"))
    with qtbot.waitSignal(pane.controller.span_added):
        qtbot.keyClick(pane.view, "1")
    [span] = stored_spans(emoji_file)
    assert (span.start, span.end) == (start, start + 11)
    assert stored_text(emoji_file, span) == "North Korea"
    assert span.label_id == label_id(emoji_file, "claim") and span.annotator == "ana"


def test_keyboard_selection_tags_the_right_code_points(
    qtbot: QtBot, pane: ArticlePane, emoji_file: Path
) -> None:
    assert pane.map is not None
    cursor = pane.view.textCursor()
    cursor.setPosition(pane.map.to_utf16(_cp("troops")))
    pane.view.setTextCursor(cursor)
    for _ in range(len("troops")):
        qtbot.keyClick(pane.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(pane.view, "4")
    [span] = stored_spans(emoji_file)
    assert stored_text(emoji_file, span) == "troops"
    assert span.label_id == label_id(emoji_file, "figure")


def test_mouse_drag_selects_and_snaps_to_words(
    qtbot: QtBot, pane: ArticlePane, emoji_file: Path
) -> None:
    viewport = pane.view.viewport()
    begin = point_of(pane, _cp("Korea") + 2)  # inside "Korea"
    end = point_of(pane, _cp("troops") + 3)  # inside "troops"
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=begin)
    qtbot.mouseMove(viewport, end)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    assert pane.selection() == (_cp("Korea"), _cp("troops") + len("troops"))
    qtbot.keyClick(pane.view, "2")
    [span] = stored_spans(emoji_file)
    assert stored_text(emoji_file, span) == "Korea sent 1,500 troops"


def test_hover_and_a_plain_drag_are_the_panes_alone(
    qtbot: QtBot, pane: ArticlePane, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Neither a move with no button down nor a drag from a plain press is handed to
    QPlainTextEdit, whose text control walks every block of the document on each move and
    press; the drag still selects."""
    to_qt: list[QEvent.Type] = []
    qt_move, qt_press = QPlainTextEdit.mouseMoveEvent, QPlainTextEdit.mousePressEvent

    def spy_move(view: QPlainTextEdit, event: QMouseEvent) -> None:
        to_qt.append(event.type())
        qt_move(view, event)

    def spy_press(view: QPlainTextEdit, event: QMouseEvent) -> None:
        to_qt.append(event.type())
        qt_press(view, event)

    monkeypatch.setattr(QPlainTextEdit, "mouseMoveEvent", spy_move)
    monkeypatch.setattr(QPlainTextEdit, "mousePressEvent", spy_press)
    hovered: list[int | None] = []
    monkeypatch.setattr(pane.marks, "hover", hovered.append)
    viewport = pane.view.viewport()
    qtbot.mouseMove(viewport, point_of(pane, _cp("Korea") + 2))
    assert hovered and hovered[-1] is not None and to_qt == []
    begin, end = point_of(pane, _cp("Korea") + 2), point_of(pane, _cp("troops") + 3)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=begin)
    qtbot.mouseMove(viewport, end)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    assert to_qt == []
    assert pane.selection() == (_cp("Korea"), _cp("troops") + len("troops"))


def test_a_note_changes_the_panes_span_but_not_its_highlight(
    qtbot: QtBot, pane: ArticlePane, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A note or a figure's parsed value leaves a span's highlight as it was: the layer
    keeps the new span (tooltips read it) without formatting its blocks again (the compare
    view's first figure sync on an imported project updates thousands of spans)."""
    pane.select_range(_cp("Korea"), _cp("Korea") + len("Korea"))
    qtbot.keyClick(pane.view, "2")
    layer = pane.layer
    assert layer is not None and pane.selected_span_id is not None
    span_id = pane.selected_span_id
    formatted: list[object] = []
    monkeypatch.setattr(layer, "_apply", formatted.append)
    repainted: list[tuple[int, int]] = []
    monkeypatch.setattr(pane, "update_range", lambda s, e: repainted.append((s, e)))
    pane.controller.set_span_note(span_id, "per Yonhap")
    assert layer.spans[span_id].note == "per Yonhap"
    assert "per Yonhap" in pane.tooltip_at(point_of(pane, _cp("Korea") + 2))
    assert formatted == [] and repainted == []
    pane.controller.set_span_bounds(span_id, _cp("Korea"), _cp("Korea") + 3)
    assert formatted and repainted


@pytest.mark.parametrize(
    ("snap", "start", "end", "expected"),
    [
        (True, _cp("orth"), _cp("orth") + 3, "North"),
        (False, _cp("orth"), _cp("orth") + 3, "ort"),
        # Half of the family emoji (a ZWJ sequence) always takes the whole cluster.
        (False, _cp("👩"), _cp("👩") + 1, "👨\u200d👩\u200d👧"),
        (True, _cp("👩"), _cp("👩") + 1, "👨\u200d👩\u200d👧"),
        # One half of a flag, and a letter without its combining accent.
        (False, _cp("🇰🇷") + 1, _cp("🇰🇷") + 2, "🇰🇷"),
        (False, _cp("cafe") + 3, _cp("cafe") + 4, "e\u0301"),
        (True, _cp("cafe"), _cp("cafe") + 4, "cafe\u0301"),
    ],
)
def test_snapping_never_splits_a_cluster(
    qtbot: QtBot,
    pane: ArticlePane,
    emoji_file: Path,
    snap: bool,
    start: int,
    end: int,
    expected: str,
) -> None:
    pane.settings.snap_words = snap
    pane.select_range(start, end)
    qtbot.keyClick(pane.view, "1")
    [span] = stored_spans(emoji_file)
    assert stored_text(emoji_file, span) == expected


def test_click_selects_span_then_relabel_delete_undo_redo(
    qtbot: QtBot, pane: ArticlePane, emoji_file: Path
) -> None:
    start = _cp("Moscow")
    pane.select_range(start, start + len("Moscow denied"))
    qtbot.keyClick(pane.view, "1")
    qtbot.keyClick(pane.view, Qt.Key.Key_Escape)
    assert pane.selected_span_id is None
    qtbot.mouseClick(pane.view.viewport(), Qt.MouseButton.LeftButton, pos=point_of(pane, start + 2))
    [span] = stored_spans(emoji_file)
    assert pane.selected_span_id == span.id
    qtbot.keyClick(pane.view, "3")  # relabel as denial
    assert stored_spans(emoji_file)[0].label_id == label_id(emoji_file, "denial")
    qtbot.keyClick(pane.view, Qt.Key.Key_Delete)
    assert stored_spans(emoji_file) == []
    stack = pane.controller.undo_stack
    stack.undo()
    assert [s.label_id for s in stored_spans(emoji_file)] == [label_id(emoji_file, "denial")]
    stack.undo()
    assert [s.label_id for s in stored_spans(emoji_file)] == [label_id(emoji_file, "claim")]
    stack.redo()
    stack.redo()
    assert stored_spans(emoji_file) == []


def test_overlapping_spans_are_both_drawn_and_clicks_cycle(
    qtbot: QtBot, pane: ArticlePane, emoji_file: Path
) -> None:
    controller = pane.controller
    doc = pane.document_id
    assert doc is not None
    a = _cp("North Korea")
    outer = controller.add_span(doc, a, a + len("North Korea sent"), label_id(emoji_file, "claim"))
    inner = controller.add_span(
        doc, a + 6, a + len("North Korea sent 1,500"), label_id(emoji_file, "figure")
    )
    assert outer is not None and inner is not None
    assert pane.layer is not None and pane.map is not None
    owners = [set(ids) for _, _, ids in pane.layer.ranges(1)]
    assert owners == [{outer.id}, {outer.id, inner.id}, {inner.id}]
    block = pane.view.document().findBlockByNumber(1)
    ranges = block.layout().formats()
    u16 = pane.map.to_utf16
    assert [(r.start + block.position(), r.length) for r in ranges] == [
        (u16(a), 6),
        (u16(a + 6), 10),
        (u16(a + 16), 6),
    ]
    colors = [r.format.background().color().name() for r in ranges]
    assert len(set(colors)) == 3  # the overlap is a blend, distinct from either span
    # Underlines stack: the two spans sit on different levels.
    levels = pane.layer.levels(1)  # type: ignore[union-attr]
    assert levels[outer.id] != levels[inner.id]
    where = point_of(pane, a + 8)
    qtbot.mouseClick(pane.view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    first = pane.selected_span_id
    qtbot.mouseClick(pane.view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    second = pane.selected_span_id
    assert {first, second} == {outer.id, inner.id}
    tip = pane.tooltip_at(where)
    assert "claim" in tip and "figure" in tip and "ana" in tip


def test_a_change_repaints_only_the_blocks_it_touches(
    qtbot: QtBot, pane: ArticlePane, emoji_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert pane.layer is not None
    touched: list[int] = []
    apply = pane.layer._apply
    monkeypatch.setattr(
        pane.layer, "_apply", lambda numbers: touched.extend(numbers) or apply(touched[-0:])
    )
    pane.select_range(_cp("Moscow"), _cp("Moscow") + 6)
    qtbot.keyClick(pane.view, "1")
    assert sorted(set(touched)) == [2]


class _PaintSpy(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.rects: list[QRect] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            assert isinstance(event, QPaintEvent)
            self.rects.append(event.rect())
        return False


def _on_screen(pane: ArticlePane) -> QImage:
    """The viewport as the window's backing store holds it (not painted anew)."""
    viewport = pane.view.viewport()
    window = viewport.window()
    top = viewport.mapTo(window, QPoint(0, 0))
    shown = window.screen().grabWindow(
        window.winId(), top.x(), top.y(), viewport.width(), viewport.height()
    )
    return shown.toImage().convertToFormat(QImage.Format.Format_RGB32)


def test_an_edit_repaints_its_blocks_and_the_screen_shows_what_a_full_paint_would(
    qtbot: QtBot, pane: ArticlePane, emoji_file: Path
) -> None:
    # A format change through the document repaints the whole viewport; the pane repaints
    # the blocks it changed and nothing else, and what is on screen is still exactly what
    # painting everything anew gives.
    view = pane.view
    spy = _PaintSpy()
    view.viewport().installEventFilter(spy)
    first = view.blockBoundingGeometry(view.document().firstBlock()).translated(
        view.contentOffset()
    )
    controller = pane.controller
    claim, denial = label_id(emoji_file, "claim"), label_id(emoji_file, "denial")
    document_id = pane.document_id
    assert document_id is not None
    added: list[str] = []

    def add(start: int, end: int, label: int) -> None:
        span = controller.add_span(document_id, start, end, label)
        assert span is not None
        added.append(span.id)

    edits = [
        lambda: add(_cp("Moscow"), _cp("Moscow") + 6, claim),
        lambda: add(_cp("North"), _cp("disagreed"), denial),  # across two blocks
        lambda: add(_cp("Moscow") + 1, _cp("Moscow") + 4, claim),  # over another span
        lambda: controller.relabel_span(added[0], denial),
        lambda: controller.delete_span(added[1]),
        controller.undo_stack.undo,
    ]
    for edit in edits:
        qtbot.wait(5)
        spy.rects.clear()
        edit()
        qtbot.wait(5)
        assert spy.rects
        assert all(r.top() > first.center().y() for r in spy.rects)  # the first line stays
        assert _on_screen(pane) == view.viewport().grab().toImage().convertToFormat(
            QImage.Format.Format_RGB32
        )


def test_underlines_are_measured_once_and_again_when_the_text_wraps_anew(
    qtbot: QtBot, pane: ArticlePane, emoji_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    claim = label_id(emoji_file, "claim")
    document_id = pane.document_id
    assert document_id is not None
    for word in ("Moscow", "North", "disagreed"):
        assert pane.controller.add_span(document_id, _cp(word), _cp(word) + len(word), claim)
    measured: list[int] = []
    measure = article_view.cursor_x

    def counted(line: QTextLine, position: int) -> float:
        measured.append(position)
        return measure(line, position)

    monkeypatch.setattr(article_view, "cursor_x", counted)
    viewport = pane.view.viewport()

    def painted_anew() -> QImage:
        """The viewport painted with every box measured again."""
        pane.boxes.clear()
        return viewport.grab().toImage()

    viewport.repaint()
    assert measured  # the first paint measures the spans' text
    measured.clear()
    viewport.repaint()
    assert measured == []  # the next ones take the boxes kept

    def zoom() -> None:
        pane.settings.zoom = 3
        pane.apply_settings()

    for change in (lambda: pane.resize(pane.width() - 310, pane.height()), zoom):
        change()  # the lines wrap anew
        qtbot.wait(5)
        shown = viewport.grab().toImage()
        assert measured  # measured again, not the kept boxes
        assert shown == painted_anew()
        measured.clear()


def test_note_and_span_edges_by_keyboard(
    qtbot: QtBot, pane: ArticlePane, emoji_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    start = _cp("sent")
    pane.select_range(start, start + 4)
    qtbot.keyClick(pane.view, "1")
    monkeypatch.setattr(
        QInputDialog, "getMultiLineText", staticmethod(lambda *a, **k: ("per Seoul", True))
    )
    qtbot.keyClick(pane.view, Qt.Key.Key_N)
    [span] = stored_spans(emoji_file)
    assert span.note == "per Seoul"
    assert "per Seoul" in pane.tooltip_at(point_of(pane, start + 1))
    # Span-edge keys no desktop takes: Alt+arrows move the start, Ctrl+Shift+arrows the end.
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    alt = Qt.KeyboardModifier.AltModifier
    qtbot.keyClick(pane.view, Qt.Key.Key_Right, ctrl_shift)  # end to the end of "1,500"
    assert stored_text(emoji_file, stored_spans(emoji_file)[0]) == "sent 1,500"
    qtbot.keyClick(pane.view, Qt.Key.Key_Left, alt)  # start back to "Korea"
    assert stored_text(emoji_file, stored_spans(emoji_file)[0]) == "Korea sent 1,500"
    qtbot.keyClick(pane.view, Qt.Key.Key_Left, ctrl_shift)
    assert stored_text(emoji_file, stored_spans(emoji_file)[0]) == "Korea sent"


def test_span_start_moves_to_the_previous_word_not_onto_a_comma(
    qtbot: QtBot, pane: ArticlePane, emoji_file: Path
) -> None:
    start = _cp("officials")
    pane.select_range(start, start + len("officials"))
    qtbot.keyClick(pane.view, "1")
    qtbot.keyClick(pane.view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert stored_text(emoji_file, stored_spans(emoji_file)[0]) == "Russia, officials"
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(pane.view, Qt.Key.Key_Left, ctrl_shift)  # the end leaves ", officials"
    assert stored_text(emoji_file, stored_spans(emoji_file)[0]) == "Russia"


def test_span_edges_by_shift_click(qtbot: QtBot, pane: ArticlePane, emoji_file: Path) -> None:
    start = _cp("sent")
    pane.select_range(start, start + 4)
    qtbot.keyClick(pane.view, "1")  # the new span is selected

    def shift_click(word: str, offset: int = 1) -> str:
        qtbot.mouseClick(
            pane.view.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.ShiftModifier,
            point_of(pane, _cp(word) + offset),
        )
        [span] = stored_spans(emoji_file)
        return stored_text(emoji_file, span)

    assert shift_click("troops") == "sent 1,500 troops"  # after the span: its end follows
    assert shift_click("Korea") == "Korea sent 1,500 troops"  # before it: its start follows
    assert shift_click("1,500", 2) == "Korea sent 1,500"  # inside, nearer the end: end shrinks
    assert pane.selection() is None  # Shift+click on a span edits it; it selects no text
    pane.controller.undo_stack.undo()
    assert stored_text(emoji_file, stored_spans(emoji_file)[0]) == "Korea sent 1,500 troops"


def test_status_combo_changes_the_file(qtbot: QtBot, pane: ArticlePane, emoji_file: Path) -> None:
    pane.status.setCurrentIndex(pane.status.findData("in_progress"))
    with Project.open(emoji_file) as project:
        assert project.document(pane.document_id or "").status == "in_progress"
    pane.controller.undo_stack.undo()
    assert pane.status.currentData() == "todo"


def test_refused_edit_does_not_raise(qtbot: QtBot, pane: ArticlePane, emoji_file: Path) -> None:
    pane.select_range(_cp("Moscow"), _cp("Moscow") + 6)
    qtbot.keyClick(pane.view, "1")
    pane.select_range(_cp("Moscow"), _cp("Moscow") + 6)
    with qtbot.waitSignal(pane.controller.error_raised) as blocker:
        qtbot.keyClick(pane.view, "1")
    assert "already exists" in blocker.args[0]
    assert len(stored_spans(emoji_file)) == 1


def test_text_view_keeps_special_characters(pane: ArticlePane) -> None:
    # The line separator and the no-break space stay one UTF-16 unit each, so offsets line up.
    assert pane.map is not None
    assert pane.view.document().characterCount() - 1 == pane.map.utf16_length
    cursor = QTextCursor(pane.view.document())
    cursor.setPosition(pane.map.to_utf16(EMOJI_TEXT.index("\u00a0")))
    cursor.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "\u00a0"


def test_dropping_a_document_asks_to_open_it(qtbot: QtBot, pane: ArticlePane) -> None:
    mime = QMimeData()
    mime.setData(DOCUMENT_MIME, b"some-id")
    with qtbot.waitSignal(pane.document_dropped) as blocker:
        assert pane.drop(mime)
    assert blocker.args[1] == "some-id"


def test_span_context_menu_selects_links_notes_and_deletes(
    qtbot: QtBot, pane: ArticlePane, emoji_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    start = _cp("Moscow")
    pane.select_range(start, start + len("Moscow"))
    qtbot.keyClick(pane.view, "1")
    pane.select_span(None)
    [span] = stored_spans(emoji_file)

    def span_action(text: str) -> QAction:
        menu = pane.context_menu(point_of(pane, start + 2))
        [sub] = [a.menu() for a in menu.actions() if a.text().startswith("Span: claim")]
        [action] = [a for a in sub.actions() if a.text().startswith(text)]
        return action

    span_action("Select").trigger()
    assert pane.selected_span_id == span.id
    with qtbot.waitSignal(pane.link_requested) as linked:
        span_action("Link to").trigger()
    assert linked.args is not None and linked.args[0].id == span.id
    pane.select_span(None)
    monkeypatch.setattr(
        QInputDialog, "getMultiLineText", staticmethod(lambda *a, **k: ("per Kyiv", True))
    )
    span_action("Edit note").trigger()
    assert pane.selected_span_id == span.id and stored_spans(emoji_file)[0].note == "per Kyiv"
    span_action("Delete").trigger()
    assert stored_spans(emoji_file) == []
