"""An article pane's span work: positions under the mouse, selecting, showing, tagging,
relabelling, resizing and deleting spans (a part of `ArticlePane`)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QTimer, SignalInstance
from PySide6.QtGui import QTextCursor, QTextLine
from PySide6.QtWidgets import QInputDialog, QWidget

from workbench.model import Document, Label, Span
from workbench.offsets import Utf16Map
from workbench.suggestion_rows import Suggestion
from workbench.ui.controller import ProjectController
from workbench.ui.pane.article_view import ArticleView
from workbench.ui.pane.pane_marks import PaneMarks
from workbench.ui.pane.snapping import Snapper
from workbench.ui.pane.span_highlighter import SpanLayer
from workbench.ui.shared.window_settings import WindowSettings

FLASH_MS = 700


class PaneSpans(QWidget):
    """Spans in one pane; mixed into `ArticlePane`, which sets these up."""

    span_selected: SignalInstance
    message_posted: SignalInstance
    controller: ProjectController
    settings: WindowSettings
    document: Document | None
    layer: SpanLayer | None
    snapper: Snapper | None
    map: Utf16Map | None
    selected_span_id: str | None
    view: ArticleView
    marks: PaneMarks
    _labels: dict[int, Label]
    _flash: tuple[int, int] | None
    _flash_timer: QTimer

    def _update_extra(self) -> None:
        raise NotImplementedError  # ArticlePane's

    # --- positions ------------------------------------------------------------

    def selection(self) -> tuple[int, int] | None:
        """The current text selection in code points, or None."""
        cursor = self.view.textCursor()
        if self.map is None or not cursor.hasSelection():
            return None
        return (
            self.map.to_codepoint(cursor.selectionStart()),
            self.map.to_codepoint(cursor.selectionEnd()),
        )

    def select_range(self, start: int, end: int) -> None:
        """Select [start, end) (code points) as text, ready to be tagged."""
        if self.map is None:
            return
        start, end = max(0, min(start, self.map.length)), max(0, min(end, self.map.length))
        if self.selected_span_id is not None:
            self.select_span(None)
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(self.map.to_utf16(start))
        cursor.setPosition(self.map.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.view.setTextCursor(cursor)
        self.view.ensureCursorVisible()

    def _cp_at(self, pos: QPoint) -> int | None:
        """The code point of the character under a viewport position, or None beyond the text."""
        if self.map is None:
            return None
        view = self.view
        block = view.cursorForPosition(pos).block()
        if not block.isValid():
            return None
        geometry = view.blockBoundingGeometry(block).translated(view.contentOffset())
        layout = block.layout()
        x, y = pos.x() - geometry.left(), pos.y() - geometry.top()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            if line.y() <= y < line.y() + line.height():
                if x > line.x() + line.naturalTextWidth() or x < line.x():
                    return None
                rel = line.xToCursor(x, QTextLine.CursorPosition.CursorOnCharacter)
                u16 = min(block.position() + rel, self.map.utf16_length)
                return self.map.to_codepoint(u16)
        return None

    # --- spans ----------------------------------------------------------------

    def selected_span(self) -> Span | None:
        if self.layer is None or self.selected_span_id is None:
            return None
        return self.layer.spans.get(self.selected_span_id)

    def _update_span_area(self, span: Span | None) -> None:
        """Repaint the blocks a span covers (its outline and underline)."""
        if span is not None:
            self.update_range(span.start, span.end)

    def update_range(self, start: int, end: int) -> None:
        """Repaint the blocks holding code points [start, end) (painted marks changed)."""
        if self.map is None:
            return
        view = self.view
        document = view.document()
        first = document.findBlock(self.map.to_utf16(start))
        last = document.findBlock(self.map.to_utf16(end))
        offset = view.contentOffset()
        top = view.blockBoundingGeometry(first).translated(offset)
        bottom = view.blockBoundingGeometry(last).translated(offset)
        rect = top.united(bottom).toAlignedRect().adjusted(-4, -2, 4, 2)
        view.viewport().update(rect)

    def select_span(self, span_id: str | None) -> None:
        if span_id is not None and (self.layer is None or span_id not in self.layer.spans):
            span_id = None
        if self.marks.selected is not None:
            self.marks.select(None)
        self._update_span_area(self.selected_span())
        self.selected_span_id = span_id
        span = self.selected_span()
        if span is not None and self.map is not None:
            cursor = self.view.textCursor()
            cursor.setPosition(self.map.to_utf16(span.start))
            self.view.setTextCursor(cursor)
        self.span_selected.emit(span)
        self._update_extra()
        self._update_span_area(span)

    def show_span(self, span_id: str) -> bool:
        """Scroll to a span, select it and flash it briefly."""
        if self.layer is None or span_id not in self.layer.spans:
            return False
        span = self.layer.spans[span_id]
        self.select_span(span_id)
        self._reveal(span.start, span.end)
        self._flash = (span.start, span.end)
        self._flash_timer.start(FLASH_MS)
        self._update_extra()
        return True

    def select_suggestion(self, suggestion: Suggestion | None) -> None:
        """Select a pending suggestion of this document (Enter accepts, Backspace rejects)."""
        self.select_span(None)
        if suggestion is not None:
            self._reveal(suggestion.start, suggestion.end)
        self.marks.select(suggestion)

    def _reveal(self, start: int, end: int) -> None:
        """Scroll so [start, end) shows, its start preferred; the cursor ends at start."""
        if self.map is None:
            return
        cursor = self.view.textCursor()
        for position in (end, start):
            cursor.setPosition(self.map.to_utf16(position))
            self.view.setTextCursor(cursor)
            self.view.ensureCursorVisible()

    def tag(self, label_id: int) -> Span | None:
        """Tag the selected text with a label or, with no text selected, relabel the
        selected span."""
        if self.document is None or self.snapper is None or self.map is None:
            return None
        selection = self.selection()
        if selection is None:
            span = self.selected_span()
            if span is None:
                self.message_posted.emit("Select some text first, then press a label key.")
                return None
            if span.label_id == label_id:
                return span
            return self.controller.relabel_span(span.id, label_id)
        start, end = self.snapper.snap(*selection, words=self.settings.snap_words)
        if start >= end:
            self.message_posted.emit("The selection holds no text to tag.")
            return None
        new = self.controller.add_span(self.document.id, start, end, label_id)
        if new is not None:
            cursor = self.view.textCursor()
            cursor.clearSelection()
            cursor.setPosition(self.map.to_utf16(end))
            self.view.setTextCursor(cursor)
            self.select_span(new.id)
        return new

    def delete_selected_span(self) -> None:
        span = self.selected_span()
        if span is not None:
            self.controller.delete_span(span.id)

    def edit_note(self) -> None:
        span = self.selected_span()
        if span is None:
            return
        label = self._labels.get(span.label_id)
        note, ok = QInputDialog.getMultiLineText(
            self, "Note", f"Note on this {label.name if label else 'span'}:", span.note
        )
        if ok and note != span.note:
            self.controller.set_span_note(span.id, note)

    def move_edge(self, edge: str, direction: int) -> None:
        """Move the selected span's start or end to the next word (or cluster) edge."""
        span = self.selected_span()
        if span is None or self.snapper is None:
            return
        words = self.settings.snap_words
        if edge == "start":
            start, end = (
                self.snapper.step(span.start, direction, edge="start", words=words),
                span.end,
            )
        else:
            start, end = span.start, self.snapper.step(span.end, direction, edge="end", words=words)
        if start >= end or (start, end) == (span.start, span.end):
            return
        self.controller.set_span_bounds(span.id, start, end)

    def resize_span_to(self, pos: QPoint) -> bool:
        """Shift+click with a span selected: move its nearer edge to take in (or leave out)
        the clicked word. False when there is no span to resize there."""
        span = self.selected_span()
        cp = self._cp_at(pos)
        if span is None or cp is None or self.snapper is None:
            return False
        word_start, word_end = self.snapper.snap(cp, cp + 1, words=self.settings.snap_words)
        if cp < span.start or (cp < span.end and cp - span.start < span.end - cp):
            start, end = word_start, span.end
        else:
            start, end = span.start, word_end
        if start < end and (start, end) != (span.start, span.end):
            self.controller.set_span_bounds(span.id, start, end)
        return True

    def spans_at(self, cp: int) -> list[Span]:
        return self.layer.spans_at(cp) if self.layer else []
