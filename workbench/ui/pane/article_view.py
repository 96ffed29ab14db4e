"""The read-only text widget of an article pane, and the marks it paints over the text.

Highlights live in the block layouts (see `span_highlighter`); this view adds what
formats cannot show: one underline per span, stacked where spans overlap, and an
outline around the selected span. Keys, clicks and drops go to the owning pane.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol, cast

from PySide6.QtCore import QEvent, QMimeData, QPoint, QRect, QRectF, Qt, QTimer
from PySide6.QtGui import (
    QContextMenuEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFocusEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QTextBlock,
    QTextDocument,
    QTextLayout,
    QTextLine,
    QTextOption,
)
from PySide6.QtWidgets import (
    QFrame,
    QMenu,
    QPlainTextDocumentLayout,
    QPlainTextEdit,
    QToolTip,
    QWidget,
)

from workbench.offsets import Utf16Map
from workbench.ui.pane.drag_selection import DragSelection
from workbench.ui.pane.span_highlighter import SpanLayer

DOCUMENT_MIME = "application/x-workbench-document-id"


class PaneEvents(Protocol):
    """What the view asks of its pane."""

    def handle_key(self, event: QKeyEvent) -> bool: ...
    def wants_key(self, event: QKeyEvent) -> bool: ...
    def on_mouse_released(self, pos: QPoint) -> None: ...
    def resize_span_to(self, pos: QPoint) -> bool: ...
    def on_focused(self) -> None: ...
    def tooltip_at(self, pos: QPoint) -> str: ...
    def context_menu(self, pos: QPoint) -> QMenu: ...
    def drop(self, mime: QMimeData) -> bool: ...
    def paint_marks(self, event: QPaintEvent) -> None: ...
    def on_mouse_moved(self, pos: QPoint | None) -> None: ...


class ParagraphGapLayout(QPlainTextDocumentLayout):
    """QPlainTextEdit's layout with a gap under each paragraph.

    The plain layout ignores block margins; making each block's rectangle taller moves
    the blocks below it on screen (painting and hit tests both ask this method) while
    the text, its offsets and the per-block formats stay exactly as they are.
    """

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.gap = 0.0

    def blockBoundingRect(self, block: QTextBlock) -> QRectF:
        rect = super().blockBoundingRect(block)
        following = block.next()
        if self.gap and block.length() > 1 and following.isValid() and following.length() > 1:
            rect.setHeight(rect.height() + self.gap)
        return rect


class ArticleView(QPlainTextEdit):
    """The read-only text of one article; keys and clicks go to its pane."""

    def __init__(self, pane: PaneEvents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pane = pane
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMouseTracking(True)
        self.setAcceptDrops(True)
        # The viewport takes drops as well, from just after the first paint: PySide's first
        # wrap of the viewport creates the type of every widget class (~25 ms), and the
        # text does not need it to show.
        self._first_paint = True
        self.document().setDocumentMargin(14)
        self.paragraph_layout = ParagraphGapLayout(self.document())
        self.document().setDocumentLayout(self.paragraph_layout)
        self.drag = DragSelection(self)

    def set_paragraph_gap(self, gap: float) -> None:
        """Space between paragraphs, in pixels."""
        if gap != self.paragraph_layout.gap:
            self.paragraph_layout.gap = gap
            if self.isVisible():  # a view not shown yet paints it all when it shows
                self.viewport().update()

    # Keys: the pane decides first (label shortcuts, Delete, Escape, N, span edges).
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._pane.handle_key(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        # Claim our keys before window-wide shortcuts see them.
        if event.type() == QEvent.Type.ShortcutOverride and self._pane.wants_key(
            cast(QKeyEvent, event)
        ):
            event.accept()
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._pane.on_focused()
        if (
            event.button() == Qt.MouseButton.LeftButton
            and event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            and self._pane.resize_span_to(event.position().toPoint())
        ):
            event.accept()  # Shift+click moved the selected span's edge; no text selection
            return
        if self.drag.press(event):
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.drag.release(event)
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self._pane.on_mouse_released(event.position().toPoint())

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        super().mouseDoubleClickEvent(event)  # Qt selects the word
        if event.button() == Qt.MouseButton.LeftButton:
            self.drag.double_clicked(event.position().toPoint())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        # A move with no button down is only hover, and ours. Qt's text control would look
        # for a list item's checkbox under the pointer by walking every block of the
        # document from the first (QAbstractTextDocumentLayout::blockWithMarkerAt): 3 ms a
        # move in a 20 MB article, for checkboxes plain text never has. A drag from a
        # plain press is ours too (`DragSelection`).
        if not self.drag.move(event) and event.buttons() != Qt.MouseButton.NoButton:
            super().mouseMoveEvent(event)
        self._pane.on_mouse_moved(event.position().toPoint())

    def leaveEvent(self, event: QEvent) -> None:
        super().leaveEvent(event)
        self._pane.on_mouse_moved(None)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._pane.on_focused()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            help_event = cast(QHelpEvent, event)
            tip = self._pane.tooltip_at(help_event.pos())
            if tip:
                QToolTip.showText(help_event.globalPos(), tip, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self._pane.context_menu(event.pos())
        menu.exec(event.globalPos())

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(DOCUMENT_MIME):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasFormat(DOCUMENT_MIME):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        if self._pane.drop(event.mimeData()):
            event.acceptProposedAction()
        else:
            super().dropEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self._pane.paint_marks(event)
        if self._first_paint:
            self._first_paint = False
            QTimer.singleShot(0, self, self._on_first_painted)

    def _on_first_painted(self) -> None:
        self.viewport().setAcceptDrops(True)


class SpanBoxes:
    """The boxes (relative to their block) of spans' text on screen, kept while the text
    wraps as it did: `cursorToX` took 10 µs a call, two per line of a span, 1.5 of the
    2.8 ms of a repaint of 27 underlined spans. Only the view's width, its font and the
    text move glyphs (the layer's formats change colours only; a screen's pixel ratio may
    change hinting); the pane clears the kept boxes when it shows another text."""

    LIMIT = 20_000  # boxes kept at most (a few screens' worth); then they start again

    def __init__(self) -> None:
        self._boxes: dict[tuple[int, int, int], list[QRectF]] = {}
        self._wrap: tuple[int, str, float] | None = None

    def clear(self) -> None:
        self._boxes.clear()

    def wrapped(self, view: QPlainTextEdit) -> None:
        """Before a paint: forget every box if the text may wrap differently now."""
        wrap = (view.viewport().width(), view.font().key(), view.devicePixelRatioF())
        if wrap != self._wrap or len(self._boxes) > self.LIMIT:
            self._wrap = wrap
            self._boxes.clear()

    def of(self, block: QTextBlock, start: int, end: int) -> list[QRectF]:
        key = (block.blockNumber(), start, end)
        boxes = self._boxes.get(key)
        if boxes is None:
            boxes = self._boxes[key] = line_rects(block.layout(), start, end, 0.0, 0.0)
        return boxes


def paint_span_marks(
    view: QPlainTextEdit,
    layer: SpanLayer,
    utf16: Utf16Map,
    selected_id: str | None,
    rect: QRect,
    boxes: SpanBoxes,
) -> None:
    """Underline every span in the exposed blocks (one level per overlap) and outline the
    selected one."""
    painter = QPainter(view.viewport())
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    selected = selected_id
    u16 = utf16.to_utf16
    boxes.wrapped(view)
    for block, geometry in visible_blocks(view, rect):
        number = block.blockNumber()
        spans = layer.spans_in_block(number)
        if spans:
            levels = layer.levels(number)
            ascent = block.layout().lineAt(0).ascent()
            base = block.position()
            left, top = geometry.left(), geometry.top()
            for span in spans:
                color = layer.color_of(span).darker(125)
                level = levels.get(span.id, 0)
                start = max(u16(span.start) - base, 0)
                end = min(u16(span.end) - base, block.length() - 1)
                rects = [box.translated(left, top) for box in boxes.of(block, start, end)]
                pen = QPen(color, 2)
                pen.setStyle(layer.pen_style(span.annotator))
                painter.setPen(pen)
                for box in rects:
                    y = min(box.top() + ascent + 3 + 3 * level, box.bottom() + 1)
                    # Whole pixels, as PySide6 truncated the floats before.
                    painter.drawLine(int(box.left() + 1), int(y), int(box.right() - 1), int(y))
                if span.id == selected:
                    painter.setPen(QPen(color.darker(140), 2))
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    for box in rects:
                        painter.drawRoundedRect(box.adjusted(-2, 0, 2, 1), 3, 3)
    painter.end()


def visible_blocks(view: QPlainTextEdit, rect: QRect) -> Iterator[tuple[QTextBlock, QRectF]]:
    """The blocks inside `rect` (viewport coordinates), each with its geometry there."""
    offset = view.contentOffset()
    block = view.firstVisibleBlock()
    # Each block lies under the one before: Qt's blockBoundingGeometry would add up the
    # heights from the first block on screen again for every block.
    top = view.blockBoundingGeometry(block).translated(offset).top()
    while block.isValid():
        geometry = view.blockBoundingRect(block).translated(offset.x(), top)
        if geometry.top() > rect.bottom():
            break
        if geometry.bottom() >= rect.top() and block.isVisible():
            yield block, geometry
        top = geometry.bottom()
        block = block.next()


def line_rects(layout: QTextLayout, start: int, end: int, left: float, top: float) -> list[QRectF]:
    """Rectangles (viewport coordinates) covering UTF-16 [start, end) of one block."""
    rects: list[QRectF] = []
    if end <= start:
        return rects
    first = layout.lineForTextPosition(start)
    last = layout.lineForTextPosition(max(start, end - 1))
    if not first.isValid():
        return rects
    stop = last.lineNumber() if last.isValid() else layout.lineCount() - 1
    for i in range(first.lineNumber(), stop + 1):
        line = layout.lineAt(i)
        line_start = line.textStart()
        s, e = max(start, line_start), min(end, line_start + line.textLength())
        if s >= e:
            continue
        x1, x2 = cursor_x(line, s), cursor_x(line, e)
        if x2 < x1:
            x1, x2 = x2, x1
        rects.append(QRectF(left + x1, top + line.y(), max(x2 - x1, 2.0), line.height()))
    return rects


def cursor_x(line: QTextLine, position: int) -> float:
    """The x of a UTF-16 position on a line (PySide6 returns (x, position); stubs say object)."""
    x, _ = cast("tuple[float, int]", line.cursorToX(position))
    return x
