"""Span highlights drawn straight into the text layout of each block.

`SpanLayer` keeps the spans of one open document indexed by block and sets
`QTextLayout.setFormats` only on the blocks a change touches, so adding, relabelling
or deleting one span repaints one or two blocks however many spans the text holds.
Overlapping spans get a blended background here; the view stacks one underline per
span (see `span_lines`), so neither hides the other.

Opening a document formats the blocks on screen (from `focus()`, the first visible block)
at once and the rest in slices between input events (`background.Slices`), nearest the
screen first, so a 5 MB article paints its visible text with highlights before the rest
is done and input is never blocked for more than a frame.
"""

from __future__ import annotations

import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextBlock, QTextCharFormat, QTextDocument, QTextLayout

from workbench.model import Span
from workbench.offsets import Utf16Map
from workbench.ui.shared.background import Slices
from workbench.ui.shared.span_index import SpanIndex

HIGHLIGHT_ALPHA = 0.38
FIRST_SLICE_CHARS = 20_000  # formatted before the first paint: more than a screen shows
SCREEN_BLOCKS = 300  # more paragraphs than any screen shows after the first visible one


def blend(base: QColor, colors: Iterable[QColor], alpha: float = HIGHLIGHT_ALPHA) -> QColor:
    """Composite each colour over `base` in turn, so overlaps mix visibly."""
    r, g, b = base.redF(), base.greenF(), base.blueF()
    for c in colors:
        r = r * (1 - alpha) + c.redF() * alpha
        g = g * (1 - alpha) + c.greenF() * alpha
        b = b * (1 - alpha) + c.blueF() * alpha
    return QColor.fromRgbF(r, g, b)


class SpanLayer:
    """The spans of one document, indexed by block, painted into the block layouts."""

    def __init__(
        self,
        document: QTextDocument,
        utf16: Utf16Map,
        *,
        focus: Callable[[], int] = lambda: 0,
        repaint: Callable[[list[QTextBlock]], None] | None = None,
    ) -> None:
        self.document = document
        self.map = utf16
        self.focus = focus  # the block on screen: slices start there
        # How blocks whose formats changed are shown again (the view knows where they are).
        self.repaint = repaint or self._mark_dirty
        self._pending: list[int] = []  # blocks whose formats are still to set, in order
        self._slices = Slices(document, self._on_slice_due)  # goes with its document
        self.colors: dict[int, QColor] = {}
        self.base = QColor("white")
        self.text_color = QColor("black")
        self.spans = SpanIndex()  # by id
        # The underline style of an annotator's spans (several layers shown at once).
        self.pen_style: Callable[[str], Qt.PenStyle] = lambda _annotator: Qt.PenStyle.SolidLine
        self._formats: dict[tuple[int, ...], QTextCharFormat] = {}
        # Code-point start of every block, and the ids of the spans touching each block.
        self._block_starts: list[int] = []
        block = document.begin()
        while block.isValid():
            self._block_starts.append(utf16.to_codepoint(min(block.position(), utf16.utf16_length)))
            block = block.next()
        self._by_block: list[list[str]] = [[] for _ in self._block_starts]

    # --- index ---------------------------------------------------------------

    def _blocks_of(self, span: Span) -> range:
        first = bisect_right(self._block_starts, span.start) - 1
        last = bisect_right(self._block_starts, max(span.start, span.end - 1)) - 1
        return range(max(first, 0), max(last, 0) + 1)

    def block_range(self, number: int) -> tuple[int, int]:
        """Code-point [start, end) of block `number`, separator excluded."""
        start = self._block_starts[number]
        if number + 1 < len(self._block_starts):
            return start, self._block_starts[number + 1] - 1
        return start, self.map.length

    def spans_in_block(self, number: int) -> list[Span]:
        if not 0 <= number < len(self._by_block):
            return []
        return sorted(
            (self.spans[i] for i in self._by_block[number]), key=lambda s: (s.start, -s.end, s.id)
        )

    def spans_at(self, cp: int) -> list[Span]:
        """Spans covering code point `cp`, innermost (shortest) first."""
        number = bisect_right(self._block_starts, cp) - 1
        found = [s for s in self.spans_in_block(number) if s.start <= cp < s.end]
        return sorted(found, key=lambda s: (s.end - s.start, s.start, s.id))

    # --- changes -------------------------------------------------------------

    def set_spans(self, spans: Iterable[Span]) -> None:
        """Replace every span (opening a document, or after a recolour)."""
        touched = {n for n, ids in enumerate(self._by_block) if ids}
        self.spans = SpanIndex()
        self._by_block = [[] for _ in self._block_starts]
        for span in spans:
            self.spans[span.id] = span
            for n in self._blocks_of(span):
                self._by_block[n].append(span.id)
                touched.add(n)
        self._apply_soon(touched)

    def add_spans(self, spans: Iterable[Span]) -> None:
        """More spans of the document (those already here are kept as they are)."""
        touched: set[int] = set()
        for span in spans:
            if span.id in self.spans:
                continue
            self.spans[span.id] = span
            for n in self._blocks_of(span):
                self._by_block[n].append(span.id)
                touched.add(n)
        if touched:
            self._apply_soon(touched)

    def add(self, span: Span) -> None:
        self.spans[span.id] = span
        blocks = self._blocks_of(span)
        for n in blocks:
            self._by_block[n].append(span.id)
        self._apply(blocks)

    def remove(self, span: Span) -> None:
        old = self.spans.pop(span.id, None)
        if old is None:
            return
        blocks = self._blocks_of(old)
        for n in blocks:
            self._by_block[n].remove(old.id)
        self._apply(blocks)

    def update(self, span: Span) -> bool:
        """Hold the span's new version; whether its highlight changed (bounds or label)."""
        old = self.spans.get(span.id)
        if old is not None and (old.start, old.end, old.label_id) == (
            span.start,
            span.end,
            span.label_id,
        ):
            self.spans[span.id] = span  # a note or a figure's value: the same highlight
            return False
        self.remove(span)
        self.add(span)
        return True

    def set_colors(self, colors: dict[int, QColor], base: QColor, text: QColor) -> None:
        self.colors = dict(colors)
        self.base = QColor(base)
        self.text_color = QColor(text)
        self._formats = {}
        self._apply_soon(n for n, ids in enumerate(self._by_block) if ids)

    def stop(self) -> None:
        """Drop the slices still to come (the view shows another document now)."""
        self._slices.stop()
        self._pending = []

    def finish(self) -> None:
        """Format every block still waiting for its slice, now."""
        pending, self._pending = self._pending, []
        self._slices.stop()
        self._apply(pending)

    @property
    def done(self) -> bool:
        return not self._pending

    def pending_blocks(self) -> int:
        """Blocks still waiting for their slice."""
        return len(self._pending)

    def _apply_soon(self, numbers: Iterable[int]) -> None:
        """Format the blocks around the screen now and the others in slices."""
        pending = sorted(set(self._pending).union(numbers))
        focus = min(max(0, self.focus()), len(self._block_starts) - 1)
        at = bisect_left(pending, focus)
        # Near the screen: the blocks of the next FIRST_SLICE_CHARS from its top (blocks
        # whose spans arrive later, far below, wait for their slice).
        end = bisect_left(self._block_starts, self._block_starts[focus] + FIRST_SLICE_CHARS)
        stop = max(at, bisect_left(pending, end))
        now, self._pending = pending[at:stop], pending[:at] + pending[stop:]
        self._apply(now)
        if self._pending:
            self._slices.start()

    def _on_slice_due(self, deadline: float) -> bool:
        pending = self._pending
        count = len(pending)
        focus = max(0, self.focus())
        start = bisect_left(pending, focus)  # from the screen on, then wrap to the top
        done = 0
        while done < count and (done == 0 or time.perf_counter() < deadline):
            number = pending[(start + done) % count]
            # Off screen, a block needs no repaint now: it is drawn with its formats when
            # it comes into view (a repaint per slice would cost a frame each).
            on_screen = focus - 1 <= number <= focus + SCREEN_BLOCKS
            self._apply((number,), repaint=on_screen)
            done += 1
        # What was done goes; the rest stays sorted, in place (a copy and a sort of 65,000
        # blocks took 1.3 ms a slice at 20 MB).
        del pending[start : start + done]
        del pending[: max(0, start + done - count)]
        return bool(pending)

    # --- painting into layouts ----------------------------------------------

    def _apply(self, numbers: Iterable[int], *, repaint: bool = True) -> None:
        document = self.document
        changed: list[QTextBlock] = []
        for n in sorted(set(numbers)):
            block = document.findBlockByNumber(n)
            if not block.isValid():
                continue
            block.layout().setFormats(list(self._ranges(n)))
            changed.append(block)
        if repaint and changed:
            self.repaint(changed)

    def _mark_dirty(self, blocks: list[QTextBlock]) -> None:
        for block in blocks:
            self.document.markContentsDirty(block.position(), block.length())

    def _ranges(self, number: int) -> Iterator[QTextLayout.FormatRange]:
        """One format range per stretch of text covered by the same set of spans."""
        block_start, block_end = self.block_range(number)
        spans = self.spans_in_block(number)
        if not spans:
            return
        events: list[tuple[int, int, Span]] = []
        for s in spans:
            events.append((max(s.start, block_start), 1, s))
            events.append((min(s.end, block_end), 0, s))
        events.sort(key=lambda e: (e[0], e[1]))
        active: dict[str, Span] = {}
        u16_block = self.map.to_utf16(block_start)
        previous = block_start
        i = 0
        while i < len(events):
            position = events[i][0]
            if active and position > previous:
                yield self._range(u16_block, previous, position, list(active.values()))
            while i < len(events) and events[i][0] == position:
                _, kind, s = events[i]
                if kind:
                    active[s.id] = s
                else:
                    active.pop(s.id, None)
                i += 1
            previous = position

    def _range(
        self, u16_block: int, start: int, end: int, spans: list[Span]
    ) -> QTextLayout.FormatRange:
        spans.sort(key=lambda s: (s.start, -s.end, s.id))
        r = QTextLayout.FormatRange()
        u16_start = self.map.to_utf16(start)
        r.start = u16_start - u16_block
        r.length = self.map.to_utf16(end) - u16_start
        r.format = self.format_for(tuple(s.label_id for s in spans))
        return r

    def format_for(self, label_ids: tuple[int, ...]) -> QTextCharFormat:
        """The (shared) format of text covered by spans with these labels, outermost first."""
        fmt = self._formats.get(label_ids)
        if fmt is None:
            fmt = QTextCharFormat()
            colors = (self.colors.get(i, QColor("#999999")) for i in label_ids)
            fmt.setBackground(blend(self.base, colors))
            fmt.setForeground(self.text_color)
            self._formats[label_ids] = fmt
        return fmt

    def ranges(self, number: int) -> list[tuple[int, int, list[str]]]:
        """Code-point stretches of block `number` and the ids of the spans covering each."""
        block_start, block_end = self.block_range(number)
        bounds = sorted(
            {block_start, block_end}
            | {
                p
                for s in self.spans_in_block(number)
                for p in (s.start, s.end)
                if block_start <= p <= block_end
            }
        )
        out = []
        for a, b in pairwise(bounds):
            ids = [s.id for s in self.spans_in_block(number) if s.start <= a and s.end >= b]
            if ids:
                out.append((a, b, ids))
        return out

    def _color(self, span: Span) -> QColor:
        return self.colors.get(span.label_id, QColor("#999999"))

    def color_of(self, span: Span) -> QColor:
        return self._color(span)

    def levels(self, number: int) -> dict[str, int]:
        """A stacking level per span of block `number`: overlapping spans never share one."""
        ends: list[int] = []  # end of the span holding each level
        levels: dict[str, int] = {}
        for s in self.spans_in_block(number):
            for level, end in enumerate(ends):
                if end <= s.start:
                    ends[level] = s.end
                    levels[s.id] = level
                    break
            else:
                levels[s.id] = len(ends)
                ends.append(s.end)
        return levels
