"""Selecting an article's text with the mouse, without Qt's walk of every block per press.

On every mouse press, QPlainTextEdit's text control looks for a list item's checkbox under
the pointer by walking every block of the document from the first
(QAbstractTextDocumentLayout::blockWithMarkerAt): 1 ms at 5 MB, 3-4 ms at 20 MB, at each
click and at the start of each drag to tag, for checkboxes plain text never has. A plain
left press (or Shift+press, which extends the selection) and the drag that follows it are
handled here instead, as Qt does them: the cursor goes to the press, the selection follows
the pointer, the view scrolls while the pointer is held above or below it, and the X11
primary selection gets the text on release. Presses Qt must see (with another modifier, the
third of a triple click, on the selection, which may start a drag of the text) still go to
Qt.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QClipboard, QCursor, QGuiApplication, QMouseEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QPlainTextEdit

AUTOSCROLL_MS = 50  # while the pointer is held outside the view


class DragSelection:
    """The plain presses and drags of one view."""

    def __init__(self, view: QPlainTextEdit) -> None:
        self.view = view
        self.anchor: int | None = None  # where the press put the cursor, while it is held
        self._double_click: tuple[float, QPoint] | None = None
        self._scroll = QTimer(view)
        self._scroll.setInterval(AUTOSCROLL_MS)
        self._scroll.timeout.connect(self._on_scroll_due)

    def double_clicked(self, pos: QPoint) -> None:
        """Qt selected a word; a press soon after near it is a triple click, Qt's too."""
        self._double_click = (time.monotonic(), pos)

    def press(self, event: QMouseEvent) -> bool:
        """Start a selection at a plain left press, or extend it to a Shift+press; False
        leaves the press to Qt."""
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        pos = event.position().toPoint()
        if event.modifiers() == Qt.KeyboardModifier.ShiftModifier:
            # Qt would extend from the word of a double click it saw long ago: the presses
            # that reset its state since then were ours.
            cursor = self.view.textCursor()
            cursor.setPosition(self._position_at(pos), QTextCursor.MoveMode.KeepAnchor)
            self._show(cursor)
            self.anchor = cursor.anchor()
            return True
        if event.modifiers() != Qt.KeyboardModifier.NoModifier:
            return False
        if self._double_click is not None:
            at, where = self._double_click
            self._double_click = None
            near = (pos - where).manhattanLength() < QApplication.startDragDistance()
            if near and time.monotonic() - at < QApplication.doubleClickInterval() / 1000:
                return False  # Qt selects the paragraph
        position = self._position_at(pos)
        current = self.view.textCursor()
        if current.hasSelection() and (
            current.selectionStart() <= position <= current.selectionEnd()
        ):
            return False  # Qt may start dragging the selected text
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(position)
        self._show(cursor)
        self.anchor = position
        return True

    def move(self, event: QMouseEvent) -> bool:
        """Follow the pointer with the selection; False when no drag of ours is on."""
        if self.anchor is None:
            return False
        if not event.buttons() & Qt.MouseButton.LeftButton:
            self._end()  # the release went elsewhere
            return False
        pos = event.position().toPoint()
        self._extend_to(pos)
        if self.view.viewport().rect().contains(pos):
            self._scroll.stop()
        elif not self._scroll.isActive():
            self._scroll.start()
        return True

    def release(self, event: QMouseEvent) -> None:
        if self.anchor is None or event.button() != Qt.MouseButton.LeftButton:
            return
        self._end()
        cursor = self.view.textCursor()
        clipboard = QGuiApplication.clipboard()
        if cursor.hasSelection() and clipboard.supportsSelection():
            text = cursor.selectedText().replace("\u2029", "\n")
            clipboard.setText(text, QClipboard.Mode.Selection)

    def _end(self) -> None:
        self.anchor = None
        self._scroll.stop()

    def _extend_to(self, pos: QPoint) -> None:
        assert self.anchor is not None
        position = self._position_at(pos)
        current = self.view.textCursor()
        if current.anchor() == self.anchor and current.position() == position:
            return
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(self.anchor)
        cursor.setPosition(position, QTextCursor.MoveMode.KeepAnchor)
        self._show(cursor)

    def _position_at(self, pos: QPoint) -> int:
        return self.view.cursorForPosition(pos).position()

    def _show(self, cursor: QTextCursor) -> None:
        # Qt's own press and drag leave the view where it is (`setTextCursor` would scroll
        # a line half in view into view under the pointer); scrolling is the timer's.
        bar = self.view.verticalScrollBar()
        value = bar.value()
        self.view.setTextCursor(cursor)
        bar.setValue(value)

    def _on_scroll_due(self) -> None:
        if self.anchor is None or not (QGuiApplication.mouseButtons() & Qt.MouseButton.LeftButton):
            self._end()
            return
        viewport = self.view.viewport()
        pos = viewport.mapFromGlobal(QCursor.pos())
        bar = self.view.verticalScrollBar()  # in lines: faster the further out
        line = max(1, self.view.fontMetrics().lineSpacing())
        if pos.y() < 0:
            bar.setValue(bar.value() - 1 - -pos.y() // line)
        elif pos.y() >= viewport.height():
            bar.setValue(bar.value() + 1 + (pos.y() - viewport.height()) // line)
        inside = viewport.rect()
        clamped = QPoint(
            min(max(pos.x(), inside.left()), inside.right()),
            min(max(pos.y(), inside.top()), inside.bottom()),
        )
        self._extend_to(clamped)
