"""One article in a pane: its header (title, source, status) above a read-only text view.

Offsets cross the widget edge only through the document's `Utf16Map`; the text always
comes from the project, never back from the widget. Every edit goes to the controller,
and the controller's signals repaint only the blocks a span touches.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QEvent, QMimeData, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeyEvent,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextLine,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workbench.errors import WorkbenchError
from workbench.model import STATUSES, Document, Label, Span
from workbench.offsets import Utf16Map
from workbench.suggest import Suggestion
from workbench.ui.article_view import DOCUMENT_MIME, ArticleView, paint_span_marks
from workbench.ui.controller import ProjectController
from workbench.ui.elided_label import ElidedLabel
from workbench.ui.label_combo import show_whole_names
from workbench.ui.pane_marks import PaneMarks
from workbench.ui.shortcuts import edge_move_for
from workbench.ui.snapping import Snapper
from workbench.ui.span_highlighter import FIRST_SLICE_CHARS, SpanLayer
from workbench.ui.window_settings import WindowSettings

STATUS_TEXT = {"todo": "To do", "in_progress": "In progress", "done": "Done"}
FLASH_MS = 700
READING_WIDTH_CHARS = 90
PARAGRAPH_GAP = 0.6  # of a line


class ArticlePane(QWidget):
    """A document in the annotation view: select text and press a label key to tag it."""

    activated = Signal(object)  # this pane
    close_requested = Signal(object)  # this pane
    swap_requested = Signal(object, int)  # this pane, -1 (left) or +1 (right)
    document_dropped = Signal(object, str)  # this pane, document id
    span_selected = Signal(object)  # Span or None
    message_posted = Signal(str)  # a short status-bar message
    link_requested = Signal(object)  # the Span to link from ("Link to…" in the menu)
    escaped = Signal()  # Escape pressed in the text (cancels linking)

    def __init__(
        self,
        controller: ProjectController,
        settings: WindowSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.settings = settings
        self.document: Document | None = None
        self.layer: SpanLayer | None = None
        self.snapper: Snapper | None = None
        self.map: Utf16Map | None = None
        self.selected_span_id: str | None = None
        self._labels: dict[int, Label] = {}
        self._last_click: tuple[int, list[str], int] | None = None  # cp, span ids, index
        self._flash: tuple[int, int] | None = None
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.timeout.connect(self._on_flash_ended)

        self.title = ElidedLabel("No document")  # the whole title in its tooltip
        title_font = self.title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.25)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.source = QLabel("")
        self.source.setObjectName("source")
        self.source.setWordWrap(True)
        self.source.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.status = QComboBox()
        for status in STATUSES:
            self.status.addItem(STATUS_TEXT[status], status)
        self.status.setToolTip("Document status")
        show_whole_names(self.status)  # "To do", not "To d", in a narrow pane
        self.status.setEnabled(False)
        self.status.currentIndexChanged.connect(self._on_status_chosen)
        self.left_button = self._tool_button("◀", "Swap with the pane on the left", -1)
        self.right_button = self._tool_button("▶", "Swap with the pane on the right", +1)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setToolTip("Close this pane")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(lambda: self.close_requested.emit(self))

        header = QWidget()
        header.setObjectName("paneHeader")
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.title, 1)
        top.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        second = QHBoxLayout()
        second.setContentsMargins(0, 0, 0, 0)
        second.addWidget(self.source, 1)
        second.addWidget(self.status)
        second.addWidget(self.left_button)
        second.addWidget(self.right_button)
        head_layout = QVBoxLayout(header)
        head_layout.setContentsMargins(12, 8, 8, 6)
        head_layout.setSpacing(4)
        head_layout.addLayout(top)
        head_layout.addLayout(second)

        self.view = ArticleView(self, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)
        layout.addWidget(self.view, 1)

        self.marks = PaneMarks(controller, self)
        controller.spans_arrived.connect(self._on_spans_arrived)
        controller.spans_read.connect(self._on_spans_read)
        controller.span_added.connect(self._on_span_added)
        controller.span_updated.connect(self._on_span_updated)
        controller.span_removed.connect(self._on_span_removed)
        controller.labels_changed.connect(self._on_labels_changed)
        controller.document_status_changed.connect(self._on_document_status_changed)
        controller.reloaded.connect(self._on_reloaded)
        controller.annotator_filter.changed.connect(self._on_reloaded)
        self._load_labels()
        self.apply_settings()

    def _tool_button(self, text: str, tip: str, direction: int) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(lambda: self.swap_requested.emit(self, direction))
        return button

    # --- opening -------------------------------------------------------------

    @property
    def document_id(self) -> str | None:
        return self.document.id if self.document else None

    def open_document(self, document_id: str) -> bool:
        try:
            document = self.controller.project.document(document_id)
            # A long article shows its first screens with their spans; the rest come next.
            spans, _ = self.controller.document_spans_first(
                document_id, before=FIRST_SLICE_CHARS, length=len(document.text))
        except WorkbenchError as e:
            self.controller.report_error(str(e))
            return False
        self.document = document
        self.selected_span_id = None
        self._last_click = None
        self.map = Utf16Map(document.text)
        self.snapper = Snapper(document.text, self.map)
        self.title.setText(document.title or "(untitled)")
        self.title.setToolTip(document.title)
        self.source.setText(document.source or "")
        self.source.setVisible(bool(document.source))
        self._show_status(self.controller.status_of(document.id))
        self.status.setEnabled(True)
        if self.layer is not None:
            self.layer.stop()  # its slices belong to the text shown before
        self.view.setPlainText(document.text)
        self.layer = SpanLayer(self.view.document(), self.map,
                               focus=lambda: self.view.firstVisibleBlock().blockNumber())
        self.layer.pen_style = self.controller.annotator_filter.pen_style
        self._push_colors(apply=False)
        shows = self.controller.annotator_filter.shows_in  # View › Show annotators
        self.layer.set_spans(s for s in spans if shows(self, s))
        self.marks.open()
        self.view.moveCursor(QTextCursor.MoveOperation.Start)
        self._update_extra()
        return True

    def _on_spans_arrived(self, document_id: str, spans: list[Span]) -> None:
        """A slice of the spans past the first screens (read after the first paint)."""
        if self.layer is not None and document_id == self.document_id:
            shows = self.controller.annotator_filter.shows_in  # View › Show annotators
            self.layer.add_spans([s for s in spans if shows(self, s)])

    def _on_spans_read(self, document_id: str) -> None:
        if self.layer is not None and document_id == self.document_id:
            self.marks.reload_links()
            self.view.viewport().update()

    def _on_reloaded(self) -> None:
        """Show the document as the file now has it, at the same place."""
        if self.document is None:
            return
        bar = self.view.verticalScrollBar()
        position = bar.value()
        if self.open_document(self.document.id):
            bar.setValue(position)

    def apply_settings(self) -> None:
        """Font, zoom and colours from the settings (after the settings dialog or a zoom)."""
        font = QFont(self.settings.font_family)
        font.setPointSizeF(max(6.0, float(self.settings.font_size + self.settings.zoom)))
        font.setStyleHint(QFont.StyleHint.Serif)
        self.view.setFont(font)
        self.view.set_paragraph_gap(round(self.view.fontMetrics().lineSpacing() * PARAGRAPH_GAP))
        # Keep lines at a readable length: centre a column of about 90 characters.
        self._update_margins()
        self._push_colors(apply=True)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_margins()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            # A live theme switch: repaint the highlights over the new page colour once
            # every widget (the view too) has its new palette.
            QTimer.singleShot(0, lambda: self._push_colors(apply=True))

    def _update_margins(self) -> None:
        width = self.view.fontMetrics().averageCharWidth() * READING_WIDTH_CHARS
        spare = self.view.width() - width - 40
        side = max(0, spare // 2)
        self.view.setViewportMargins(side, 0, side, 0)

    def _push_colors(self, *, apply: bool) -> None:
        if self.layer is None:
            return
        palette = self.view.palette()
        colors = {label.id: QColor(label.color) for label in self._labels.values()}
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        if apply:
            self.layer.set_colors(colors, base, text)
        else:
            self.layer.colors, self.layer.base, self.layer.text_color = colors, base, text

    def _load_labels(self) -> None:
        self._labels = {label.id: label for label in self.controller.project.labels()}

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
            start, end = self.snapper.step(span.start, direction, edge="start", words=words), span.end
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

    # --- keys and mouse --------------------------------------------------------

    def _label_for_key(self, event: QKeyEvent) -> Label | None:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                   | Qt.KeyboardModifier.MetaModifier):
            return None
        text = event.text()
        if not text:
            return None
        return next((label for label in self._labels.values() if label.shortcut == text), None)

    def wants_key(self, event: QKeyEvent) -> bool:
        if self.marks.wants_key(event) or self._label_for_key(event) is not None:
            return True
        if edge_move_for(event, self.settings) is not None and self.selected_span() is not None:
            return True
        key = event.key()
        if key == Qt.Key.Key_Escape and (self.selected_span() or self.view.textCursor().hasSelection()):
            return True
        return key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.selected_span() is not None

    def handle_key(self, event: QKeyEvent) -> bool:
        if self.marks.handle_key(event):
            return True
        label = self._label_for_key(event)
        if label is not None:
            self.tag(label.id)
            return True
        key, mods = event.key(), event.modifiers()
        ctrl = Qt.KeyboardModifier.ControlModifier
        alt = Qt.KeyboardModifier.AltModifier
        edge_move = edge_move_for(event, self.settings)
        if edge_move is not None and self.selected_span():
            self.move_edge(*edge_move)
            return True
        if key == Qt.Key.Key_Escape:
            cursor = self.view.textCursor()
            cursor.clearSelection()
            self.view.setTextCursor(cursor)
            self.select_span(None)
            self.escaped.emit()
            return True
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.selected_span():
            self.delete_selected_span()
            return True
        if key == Qt.Key.Key_N and not mods & (ctrl | alt) and self.selected_span():
            self.edit_note()
            return True
        return False

    def on_focused(self) -> None:
        self.activated.emit(self)

    def on_mouse_released(self, pos: QPoint) -> None:
        cursor = self.view.textCursor()
        if cursor.hasSelection():
            self._last_click = None
            if self.selected_span_id is not None:
                self.select_span(None)
            if self.settings.snap_words and self.snapper is not None:
                selection = self.selection()
                assert selection is not None
                self.select_range(*self.snapper.snap(*selection, words=True))
            return
        self.click_at(self._cp_at(pos))

    def click_at(self, cp: int | None) -> None:
        """A click on the text: select the span there; clicking again cycles overlaps."""
        spans = self.spans_at(cp) if cp is not None else []
        if cp is None or not spans:
            self._last_click = None
            suggestions = self.marks.at(cp) if cp is not None else []
            self.select_suggestion(suggestions[0] if suggestions else None)
            return
        ids = [s.id for s in spans]
        index = 0
        if self._last_click and self._last_click[1] == ids and self._last_click[0] == cp:
            index = (self._last_click[2] + 1) % len(ids)
        elif self.selected_span_id in ids and len(ids) > 1 and self._last_click is None:
            index = (ids.index(self.selected_span_id) + 1) % len(ids)
        self._last_click = (cp, ids, index)
        self.select_span(ids[index])
        if len(ids) > 1:
            self.message_posted.emit(
                f"{len(ids)} spans overlap here; click again to select the next one."
            )

    def tooltip_at(self, pos: QPoint) -> str:
        cp = self._cp_at(pos)
        if cp is None:
            return ""
        parts = []
        for span in self.spans_at(cp):
            label = self._labels.get(span.label_id)
            name = label.name if label else "?"
            color = label.color if label else "#999"
            note = f"<br><i>{_escape(span.note)}</i>" if span.note else ""
            parts.append(
                f"<b style='color:{color}'>■</b> <b>{_escape(name)}</b>"
                f" — {_escape(span.annotator)}{note}"
            )
        marks = self.marks.tooltip(cp)
        return "<br>".join(parts + ([marks] if marks else []))

    def on_mouse_moved(self, pos: QPoint | None) -> None:
        self.marks.hover(self._cp_at(pos) if pos is not None else None)

    def context_menu(self, pos: QPoint) -> QMenu:
        menu = self.view.createStandardContextMenu(pos)
        cp = self._cp_at(pos)
        spans = self.spans_at(cp) if cp is not None else []
        if self.view.textCursor().hasSelection():
            tag_menu = menu.addMenu("Tag selection as")
            for label in self._labels.values():
                action = tag_menu.addAction(_label_text(label))
                action.triggered.connect(lambda _=False, lid=label.id: self._tag_selection(lid))
        for span in spans:
            span_label = self._labels.get(span.label_id)
            name = span_label.name if span_label else "?"
            sub = menu.addMenu(f"Span: {name} “{self._excerpt(span)}”")
            sub.addAction("Select", partial(self.select_span, span.id))
            sub.addAction("Link to…\tL", partial(self.link_requested.emit, span))
            relabel = sub.addMenu("Relabel as")
            for other in self._labels.values():
                action = relabel.addAction(_label_text(other))
                action.triggered.connect(
                    lambda _=False, sid=span.id, lid=other.id: self.controller.relabel_span(sid, lid)
                )
            sub.addAction("Edit note…", partial(self._edit_note_of, span.id))
            sub.addAction("Delete", partial(self.controller.delete_span, span.id))
        for suggestion in self.marks.at(cp) if cp is not None else []:
            sub = menu.addMenu(f"Suggested {suggestion.label}")
            for text, accept in (("Accept\tEnter", True), ("Reject\tBackspace", False)):
                sub.addAction(text, partial(self.marks.decided.emit, suggestion, accept))
        return menu

    def _edit_note_of(self, span_id: str) -> None:
        self.select_span(span_id)
        self.edit_note()

    def _tag_selection(self, label_id: int) -> None:
        self.select_span(None)
        self.tag(label_id)

    def _excerpt(self, span: Span) -> str:
        assert self.document is not None
        text = self.document.text[span.start:span.end].replace("\n", " ")
        return text if len(text) <= 30 else text[:28] + "…"

    def drop(self, mime: QMimeData) -> bool:
        if not mime.hasFormat(DOCUMENT_MIME):
            return False
        document_id = bytes(mime.data(DOCUMENT_MIME).data()).decode("utf-8")
        self.document_dropped.emit(self, document_id)
        return True

    # --- painting: underlines per span, the selected span's outline -----------

    def paint_marks(self, event: QPaintEvent) -> None:
        if self.layer is not None and self.map is not None and self.layer.spans:
            paint_span_marks(self.view, self.layer, self.map, self.selected_span_id, event.rect())
        self.marks.paint(event.rect())

    def refresh_extra(self) -> None:
        self._update_extra()

    def _update_extra(self) -> None:
        """Short-lived marks only (the flash after jumping to a span, hover highlights)."""
        marks = self.marks.extra_selections()
        if self._flash is not None and self.map is not None:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.view.document())
            cursor.setPosition(self.map.to_utf16(self._flash[0]))
            cursor.setPosition(self.map.to_utf16(self._flash[1]), QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            fmt = QTextCharFormat()
            fmt.setBackground(QColor("#ffe066"))
            fmt.setForeground(QColor("black"))
            selection.format = fmt
            marks.append(selection)
        self.view.setExtraSelections(marks)

    def _on_flash_ended(self) -> None:
        self._flash = None
        self._update_extra()

    # --- controller signals ---------------------------------------------------

    # The layer marks the blocks it changes dirty, so Qt repaints just those blocks.
    def _on_span_added(self, span: Span) -> None:
        if self.layer is not None and span.document_id == self.document_id \
                and self.controller.annotator_filter.shows_in(self, span):
            self.layer.add(span)

    def _on_span_updated(self, old: Span, new: Span) -> None:
        if self.layer is not None and new.document_id == self.document_id:
            if not self.controller.annotator_filter.shows_in(self, new):
                self._on_span_removed(old)
                return
            self.layer.update(new)
            self._update_span_area(old)
            if self.selected_span_id == new.id:
                self.span_selected.emit(new)

    def _on_span_removed(self, span: Span) -> None:
        if self.layer is not None and span.document_id == self.document_id:
            self.layer.remove(span)
            if self.selected_span_id == span.id:
                self.select_span(None)

    def _on_labels_changed(self) -> None:
        self._load_labels()
        self._push_colors(apply=True)
        self.view.viewport().update()

    def _on_document_status_changed(self, document_id: str, status: str) -> None:
        if document_id == self.document_id:
            self._show_status(status)

    def _show_status(self, status: str) -> None:
        self.status.blockSignals(True)
        self.status.setCurrentIndex(max(0, self.status.findData(status)))
        self.status.blockSignals(False)

    def _on_status_chosen(self, index: int) -> None:
        if self.document is not None:
            self.controller.set_status(self.document.id, self.status.itemData(index))


def _label_text(label: Label) -> str:
    return f"{label.name}\t{label.shortcut}" if label.shortcut else label.name


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
