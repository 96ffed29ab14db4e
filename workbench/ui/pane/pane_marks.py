"""What an article pane shows besides span highlights: link badges, pending suggestions,
and the highlight of a hovered link's other end.

Badges and dashed suggestion outlines are painted over the exposed blocks only, like the
span underlines; a change repaints just the ranges whose marks changed. The hover
highlight and the selected suggestion's tint are short-lived ExtraSelections.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPen,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QTextEdit

from workbench.model import Span
from workbench.suggestion_rows import Suggestion, suggestions
from workbench.ui.controller import ProjectController
from workbench.ui.pane.article_view import cursor_x, line_rects, visible_blocks

if TYPE_CHECKING:
    from workbench.offsets import Utf16Map
    from workbench.ui.pane.article_view import ArticleView
    from workbench.ui.pane.span_highlighter import SpanLayer


class MarkedPane(Protocol):
    """What the marks need of their pane (ArticlePane); a Protocol, so that this module
    does not import the pane that imports it (as `PaneEvents` does for the view)."""

    @property
    def document_id(self) -> str | None: ...
    @property
    def layer(self) -> SpanLayer | None: ...
    @property
    def map(self) -> Utf16Map | None: ...
    @property
    def view(self) -> ArticleView: ...
    def spans_at(self, cp: int) -> list[Span]: ...
    def update_range(self, start: int, end: int) -> None: ...
    def refresh_extra(self) -> None: ...


HOVER_COLOR = QColor("#d2b4ff")  # apart from every default label colour
BADGE_RADIUS = 4.5
_DECIDE_KEYS = {
    Qt.Key.Key_Return: True,
    Qt.Key.Key_Enter: True,
    Qt.Key.Key_Backspace: False,
    Qt.Key.Key_Delete: False,
}


@dataclass(frozen=True, slots=True)
class LinkEnd:
    """One link as seen from a span of this pane."""

    relation_id: str
    type_name: str
    color: str
    other_id: str  # the span at the other end
    other_document_id: str
    outgoing: bool  # this span is the link's head


class PaneMarks(QObject):
    """Links and suggestions of the document shown in one pane."""

    hovered = Signal(object)  # frozenset of span ids: the other ends of the hovered links
    decided = Signal(object, bool)  # Suggestion, accepted (with its group)
    accepted_alone = Signal(object)  # Suggestion accepted without its group (Shift+Enter)
    suggestion_selected = Signal(object)  # Suggestion or None

    def __init__(self, controller: ProjectController, pane: MarkedPane, parent: QObject) -> None:
        """`parent` is the pane itself, as a QObject."""
        super().__init__(parent)
        self.controller = controller
        self.pane = pane
        self.links: dict[str, list[LinkEnd]] = {}
        self.suggestions: list[Suggestion] = []
        # links between pending suggestions here: (head, tail, relation type color)
        self.suggested: list[tuple[Suggestion, Suggestion, QColor]] = []
        self.selected: Suggestion | None = None
        self.partners: frozenset[str] = frozenset()  # spans here highlighted from a hover
        self._starts: list[int] = []
        self._longest = 0
        self._has_pending = False
        self._hover_sent: frozenset[str] = frozenset()
        self._resume_at: int | None = None
        self._colors: dict[str, QColor] = {}
        self._load_colors()
        controller.labels_changed.connect(self._load_colors)
        controller.relations_changed.connect(self.reload_links)
        controller.suggestions_changed.connect(self.reload_suggestions)
        controller.span_added.connect(self._on_span_changed)
        controller.span_removed.connect(self._on_span_changed)

    def open(self) -> None:
        """The pane shows another document."""
        self.links, self.suggestions, self.selected = {}, [], None
        self.partners = self._hover_sent = frozenset()
        self.reload_links()
        self.reload_suggestions()

    # --- links ------------------------------------------------------------------

    def reload_links(self) -> None:
        layer = self.pane.layer
        if layer is None:
            return
        project = self.controller.project
        types = {t.id: t for t in project.relation_types()}
        mine = layer.spans
        found: dict[str, list[LinkEnd]] = {}
        for r in project.relations():
            for this, other, outgoing in ((r.head, r.tail, True), (r.tail, r.head, False)):
                if this not in mine:
                    continue
                doc = mine[other].document_id if other in mine else project.span(other).document_id
                kind = types[r.type_id]
                found.setdefault(this, []).append(
                    LinkEnd(r.id, kind.name, kind.color, other, doc, outgoing)
                )
        changed = {i for i in found.keys() | self.links.keys() if found.get(i) != self.links.get(i)}
        self.links = found
        for span_id in changed:
            span = mine.get(span_id)
            if span is not None:
                self.pane.update_range(span.start, span.end)

    def links_of(self, span_id: str) -> list[LinkEnd]:
        return self.links.get(span_id, [])

    def hover(self, cp: int | None) -> None:
        """The mouse is over code point `cp` (None: it left the text)."""
        others: set[str] = set()
        if cp is not None and self.links:
            for span in self.pane.spans_at(cp):
                others.update(end.other_id for end in self.links.get(span.id, ()))
        ids = frozenset(others)
        if ids != self._hover_sent:
            self._hover_sent = ids
            self.hovered.emit(ids)

    def set_partners(self, span_ids: frozenset[str]) -> None:
        """Highlight these spans (those of this document) as the other end of a hover."""
        layer = self.pane.layer
        mine = frozenset(i for i in span_ids if layer is not None and i in layer.spans)
        if mine != self.partners:
            self.partners = mine
            self.pane.refresh_extra()

    # --- suggestions -----------------------------------------------------------

    def reload_suggestions(self) -> None:
        document_id = self.pane.document_id
        project = self.controller.project
        stored = suggestions(project, document_id=document_id, status=None) if document_id else []
        self._has_pending = any(s.status == "pending" for s in stored)
        new = suggestions(project, document_id=document_id) if self._has_pending else []
        for s in set(self.suggestions) ^ set(new):
            self.pane.update_range(s.start, s.end)
        self.suggestions = new
        self._load_suggested_links(new)
        self._starts = [s.start for s in new]
        self._longest = max((s.end - s.start for s in new), default=0)
        selected = self.selected
        if self._resume_at is not None:
            selected = next((s for s in new if s.start >= self._resume_at), None)
            self._resume_at = None
        elif selected is not None and selected not in new:
            selected = None
        if selected != self.selected:
            self.select(selected)

    def _load_suggested_links(self, pending: list[Suggestion]) -> None:
        by_id = {s.id: s for s in pending}
        colors = {t.name: QColor(t.color) for t in self.controller.project.relation_types()}
        document_id = self.pane.document_id
        links = []
        if pending and document_id:  # loads the suggester's modules: not for every article
            from workbench.suggestion_groups import suggested_links

            links = suggested_links(self.controller.project, document_id=document_id)
        self.suggested = [
            (by_id[k.head], by_id[k.tail], colors.get(k.relation, QColor("#999")))
            for k in links
            if k.head in by_id and k.tail in by_id
        ]
        if self.suggested:
            self.pane.view.viewport().update()

    def _on_span_changed(self, span: Span) -> None:
        # A span of the suggestion's label over it answers it; deleting the span asks again.
        if span.document_id == self.pane.document_id and self._has_pending:
            self.reload_suggestions()

    def between(self, start: int, end: int) -> list[Suggestion]:
        """Pending suggestions overlapping code points [start, end)."""
        lo = bisect_left(self._starts, start - self._longest)
        hi = bisect_left(self._starts, end)
        return [s for s in self.suggestions[lo:hi] if s.end > start]

    def at(self, cp: int) -> list[Suggestion]:
        return sorted(self.between(cp, cp + 1), key=lambda s: s.end - s.start)

    def select(self, suggestion: Suggestion | None) -> None:
        old, self.selected = self.selected, suggestion
        for s in (old, suggestion):
            if s is not None:
                self.pane.update_range(s.start, s.end)
        self.pane.refresh_extra()
        self.suggestion_selected.emit(suggestion)

    def wants_key(self, event: QKeyEvent) -> bool:
        return self.selected is not None and (
            event.key() in _DECIDE_KEYS or event.key() == Qt.Key.Key_Escape
        )

    def handle_key(self, event: QKeyEvent) -> bool:
        if not self.wants_key(event):
            return False
        if event.key() == Qt.Key.Key_Escape:
            self.select(None)
        elif (
            _DECIDE_KEYS[Qt.Key(event.key())]
            and event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            assert self.selected is not None
            self._resume_at = self.selected.start
            self.accepted_alone.emit(self.selected)
        else:
            self.decide(accept=_DECIDE_KEYS[Qt.Key(event.key())])
        return True

    def decide(self, *, accept: bool) -> None:
        """Accept or reject the selected suggestion; the next one in the text is selected."""
        if self.selected is not None:
            self._resume_at = self.selected.start
            self.decided.emit(self.selected, accept)

    # --- drawing ------------------------------------------------------------------

    def extra_selections(self) -> list[QTextEdit.ExtraSelection]:
        pane = self.pane
        marks: list[QTextEdit.ExtraSelection] = []
        if pane.layer is None or pane.map is None:
            return marks
        ranges = [
            (pane.layer.spans[i].start, pane.layer.spans[i].end, HOVER_COLOR)
            for i in sorted(self.partners)
            if i in pane.layer.spans
        ]
        if self.selected is not None:
            tint = QColor(self._label_color(self.selected.label))
            tint.setAlpha(70)
            ranges.append((self.selected.start, self.selected.end, tint))
        for start, end, color in ranges:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(pane.view.document())
            cursor.setPosition(pane.map.to_utf16(start))
            cursor.setPosition(pane.map.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            fmt = QTextCharFormat()
            fmt.setBackground(color)
            selection.format = fmt
            marks.append(selection)
        return marks

    def _load_colors(self) -> None:
        self._colors = {lb.name: QColor(lb.color) for lb in self.controller.project.labels()}

    def _label_color(self, name: str) -> QColor:
        return self._colors.get(name, QColor("#999999"))

    def paint(self, rect: QRect) -> None:
        """Dashed outlines around suggestions, a badge at the end of each linked span."""
        pane = self.pane
        layer, utf16 = pane.layer, pane.map
        if layer is None or utf16 is None or not (self.links or self.suggestions):
            return
        view = pane.view
        painter = QPainter(view.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        anchors: dict[str, QPointF] = {}  # a suggestion's first box, bottom middle
        # an arc between suggestions needs both ends, wherever the exposed part is
        exposed = view.viewport().rect() if self.suggested else rect
        for block, geometry in visible_blocks(view, exposed):
            number = block.blockNumber()
            block_start, block_end = layer.block_range(number)
            layout, base = block.layout(), block.position()
            for s in self.between(block_start, block_end + 1):
                start = utf16.to_utf16(max(s.start, block_start)) - base
                end = utf16.to_utf16(min(s.end, block_end)) - base
                color = self._label_color(s.label).darker(130)
                pen = QPen(color, 2.2 if s == self.selected else 1.3, Qt.PenStyle.DashLine)
                painter.setPen(pen)
                for box in line_rects(layout, start, end, geometry.left(), geometry.top()):
                    painter.drawRoundedRect(box.adjusted(-1, 1, 1, 0), 3, 3)
                    anchors.setdefault(s.id, QPointF(box.center().x(), box.bottom() + 1))
            for span in layer.spans_in_block(number):
                ends = self.links.get(span.id)
                if not ends or not block_start < span.end <= block_end:
                    continue
                center = self._badge_center(span, block, geometry)
                painter.setPen(QPen(QColor("white"), 1.2))
                painter.setBrush(QColor(ends[0].color))
                painter.drawEllipse(center, BADGE_RADIUS, BADGE_RADIUS)
                painter.setBrush(Qt.BrushStyle.NoBrush)
        self._paint_suggested_links(painter, anchors)
        painter.end()

    def _paint_suggested_links(self, painter: QPainter, anchors: dict[str, QPointF]) -> None:
        """A dashed arc under the text from each suggestion to the one it links to."""
        for head, tail, color in self.suggested:
            a, b = anchors.get(head.id), anchors.get(tail.id)
            if a is None or b is None:
                continue
            faint = QColor(color)
            faint.setAlpha(150)  # under the text it crosses, not over it
            painter.setPen(QPen(faint, 1.3, Qt.PenStyle.DashLine))
            path = QPainterPath(a)
            sag = 10 + min(abs(a.x() - b.x()), 200) / 20
            path.cubicTo(a + QPointF(0, sag), b + QPointF(0, sag), b)
            painter.drawPath(path)
            painter.drawEllipse(b, 2.5, 2.5)

    def _badge_center(self, span: Span, block: QTextBlock, geometry: QRectF) -> QPointF:
        """Just after the span's last character, raised like a superscript."""
        assert self.pane.map is not None
        position = self.pane.map.to_utf16(span.end) - block.position()
        line = block.layout().lineForTextPosition(max(position - 1, 0))
        x = cursor_x(line, position)
        return QPointF(geometry.left() + x + BADGE_RADIUS, geometry.top() + line.y() + BADGE_RADIUS)

    def badge_center(self, span_id: str) -> QPointF | None:
        """Where the link badge of a span is drawn (viewport coordinates), if it has one."""
        pane = self.pane
        if span_id not in self.links or pane.layer is None or pane.map is None:
            return None
        span = pane.layer.spans[span_id]
        block = pane.view.document().findBlock(pane.map.to_utf16(max(span.end - 1, span.start)))
        geometry = pane.view.blockBoundingGeometry(block).translated(pane.view.contentOffset())
        return self._badge_center(span, block, geometry)

    def tooltip(self, cp: int) -> str:
        project = self.controller.project
        parts = []
        for span in self.pane.spans_at(cp):
            for end in self.links.get(span.id, ()):
                other = project.span(end.other_id)
                text = " ".join(
                    project.document(other.document_id).text[other.start : other.end].split()
                )
                text = text if len(text) <= 40 else text[:39] + "…"
                where = (
                    ""
                    if other.document_id == span.document_id
                    else f" ({project.document(other.document_id).title})"
                )
                arrow = f"{end.type_name} →" if end.outgoing else f"← {end.type_name}"
                parts.append(f"🔗 {arrow} “{_escape(text)}”{_escape(where)}")
        text = project.document(self.pane.document_id).text if self.pane.document_id else ""
        for s in self.at(cp):
            parts.append(
                f"Suggested <b>{_escape(s.label)}</b> (rule {_escape(s.rule)}): "
                "Enter accepts it with its group, Shift+Enter alone, Backspace rejects"
            )
            for head, tail, _ in self.suggested:
                if head == s:
                    parts.append(
                        f"┄▸ suggested link to {_escape(tail.label)} "
                        f"“{_escape(' '.join(text[tail.start : tail.end].split()))}”"
                    )
        return "<br>".join(parts)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
