"""One article in a pane: its header (title, source, status) above a read-only text view.

Offsets cross the widget edge only through the document's `Utf16Map`; the text always
comes from the project, never back from the widget. Every edit goes to the controller,
and the controller's signals repaint only the blocks a span touches. Keys and mouse are
in `pane_input`, selecting and editing spans in `pane_spans`, links and suggestions in
`pane_marks`.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workbench.errors import WorkbenchError
from workbench.model import STATUSES, Document, Label, Span
from workbench.offsets import Utf16Map
from workbench.ui.controller import ProjectController
from workbench.ui.pane.article_view import (
    ArticleView,
    SpanBoxes,
    paint_span_marks,
    visible_blocks,
)
from workbench.ui.pane.pane_input import PaneInput
from workbench.ui.pane.pane_marks import PaneMarks
from workbench.ui.pane.snapping import Snapper
from workbench.ui.pane.span_highlighter import FIRST_SLICE_CHARS, SpanLayer
from workbench.ui.shared.elided_label import ElidedLabel
from workbench.ui.shared.label_combo import show_whole_names
from workbench.ui.shared.texts import STATUS_TEXT
from workbench.ui.shared.window_settings import WindowSettings

READING_WIDTH_CHARS = 90
PARAGRAPH_GAP = 0.6  # of a line


class ArticlePane(PaneInput):
    """A document in the annotation view: select text and press a label key to tag it.

    Opening, settings, painting and the controller's signals here; keys and mouse in
    `PaneInput`, selecting and editing spans in `PaneSpans`.
    """

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
        self.boxes = SpanBoxes()  # where the spans' text lies, for their underlines
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

        self.marks = PaneMarks(controller, self, self)
        controller.spans_arrived.connect(self._on_spans_arrived)
        controller.spans_read.connect(self._on_spans_read)
        controller.span_added.connect(self._on_span_added)
        controller.span_updated.connect(self._on_span_updated)
        controller.span_removed.connect(self._on_span_removed)
        controller.labels_changed.connect(self._on_labels_changed)
        controller.document_status_changed.connect(self._on_document_status_changed)
        controller.reloaded.connect(self._on_reloaded)
        controller.documents_changed.connect(self._on_documents_changed)
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
                document_id, before=FIRST_SLICE_CHARS, length=len(document.text)
            )
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
        self.boxes.clear()
        self.layer = SpanLayer(
            self.view.document(),
            self.map,
            focus=lambda: self.view.firstVisibleBlock().blockNumber(),
            repaint=self._repaint_blocks,
        )
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

    def _on_documents_changed(self) -> None:
        """A rename shows in the title (a removed document's pane is closed elsewhere)."""
        if self.document is not None:
            title = self.controller.project.document_titles().get(self.document.id)
            if title is not None and title != self.document.title:
                self.document = replace(self.document, title=title)
                self.title.setText(title or "(untitled)")
                self.title.setToolTip(title)

    def _on_reloaded(self) -> None:
        """Show the document as the file now has it, at the same place (one that is gone
        is left to the pane area, which closes its pane)."""
        if self.document is None or not self.controller.project.has_document(self.document.id):
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

    # --- painting: underlines per span, the selected span's outline -----------

    def paint_marks(self, event: QPaintEvent) -> None:
        self.controller.read_now()  # after the first screen, not before it
        if self.layer is not None and self.map is not None and self.layer.spans:
            paint_span_marks(
                self.view, self.layer, self.map, self.selected_span_id, event.rect(), self.boxes
            )
        self.marks.paint(event.rect())

    def _repaint_blocks(self, blocks: list[QTextBlock]) -> None:
        # Just the blocks on screen. The document's markContentsDirty repaints the whole
        # viewport: QPlainTextDocumentLayout counts a format change's characters twice,
        # takes it for a change of several blocks and lays out and paints everything (the
        # pane's repaint after an edit: the whole article on screen, 7-13 ms under xcb).
        # A span's colours move no text, so the blocks' layouts stand as they are.
        viewport = self.view.viewport()
        numbers = {block.blockNumber() for block in blocks}
        area = QRect()
        for block, geometry in visible_blocks(self.view, viewport.rect()):
            if block.blockNumber() in numbers:
                top, height = int(geometry.top()), int(geometry.height()) + 1
                area = area.united(QRect(0, top, viewport.width(), height))
        if not area.isEmpty():
            viewport.update(area.adjusted(-4, -2, 4, 2))

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
        if (
            self.layer is not None
            and span.document_id == self.document_id
            and self.controller.annotator_filter.shows_in(self, span)
        ):
            self.layer.add(span)

    def _on_span_updated(self, old: Span, new: Span) -> None:
        if self.layer is not None and new.document_id == self.document_id:
            if not self.controller.annotator_filter.shows_in(self, new):
                self._on_span_removed(old)
                return
            if self.layer.update(new):
                self._update_span_area(old)  # its outline moved or changed colour
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
