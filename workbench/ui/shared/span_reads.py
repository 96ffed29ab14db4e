"""The spans of the documents the window's views open, read once and kept for all of them
(a part of `ProjectController`): a long article's in slices after its first screen, and
the kept lists mended, not dropped, when a span changes where it stands."""

from __future__ import annotations

import time
from bisect import bisect_left
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, SignalInstance

from workbench.errors import WorkbenchError
from workbench.model import Span
from workbench.project import Project
from workbench.ui.shared.background import Slices, keep_for_the_session

READ_SLICE_CHARS = 10_000  # a long article's spans are read this many code points at a time,
READ_SLICE_SECONDS = 0.003  # more or fewer so that a slice and its views take about this long
# The slices start when the view has painted (`read_now`), or after this if none paints.
READ_DELAY_MS = 250
FREE_DELAY_MS = 500  # spans a change made out of date are freed this long after it


@dataclass(slots=True)
class _Reading:
    spans: list[Span]  # read so far, in reading order
    next: int  # the code point the next slice starts at
    length: int  # of the text
    intact: bool = True  # no span of the document added, removed or moved meanwhile
    chars: int = READ_SLICE_CHARS  # the next slice's width, kept to about READ_SLICE_SECONDS


def _reading_order(span: Span) -> tuple[int, int, str]:
    return span.start, span.end, span.id


def _replace(spans: list[Span], new: Span) -> bool:
    """Put `new` in the place of the span of its id in `spans` (in reading order)."""
    at = bisect_left(spans, _reading_order(new), key=_reading_order)
    if at < len(spans) and spans[at].id == new.id:
        spans[at] = new
        return True
    return False


class SpanReads(QObject):
    """The reading of spans for the views; mixed into `ProjectController`, whose signals
    these are."""

    project: Project
    span_added: SignalInstance
    span_updated: SignalInstance
    span_removed: SignalInstance
    spans_arrived: SignalInstance
    spans_read: SignalInstance
    error_raised: SignalInstance
    reloaded: SignalInstance
    documents_changed: SignalInstance

    def _start_reads(self) -> None:
        # The spans of a document as last read, for the views that open it together (the
        # pane and the annotation list); an add, a removal or a move of one drops them.
        self._spans: dict[str, list[Span]] = {}
        self._reading: dict[str, _Reading] = {}  # long articles read in slices
        self._dropped: list[list[Span]] = []
        self._free_dropped = QTimer(self, singleShot=True, interval=FREE_DELAY_MS)
        self._free_dropped.timeout.connect(self._dropped.clear)
        self._read_slices = Slices(self, self._on_read_due)
        self._read_delay = QTimer(self, singleShot=True, interval=READ_DELAY_MS)
        self._read_delay.timeout.connect(self._read_slices.start)
        self.span_added.connect(self._on_spans_changed)
        self.span_removed.connect(self._on_spans_changed)
        self.span_updated.connect(self._on_spans_changed)
        self.reloaded.connect(self._spans.clear)
        self.documents_changed.connect(self._spans.clear)

    def document_spans(self, document_id: str) -> list[Span]:
        """The spans of one document in reading order, read once for every view that opens
        it (don't change the list: the controller puts a span changed where it stands in
        its place, and drops the list when a span is added, removed or moved)."""
        spans = self._spans.get(document_id)
        if spans is None:
            spans = self._spans[document_id] = self.project.spans(document_id)
        return spans

    def document_spans_first(
        self, document_id: str, *, before: int, length: int
    ) -> tuple[list[Span], bool]:
        """What a view shows first: the spans starting before code point `before` (all of
        them when already read or the text, `length` long, is that short), and whether
        that is all. If not, the rest follow in slices (`spans_arrived`, then `spans_read`)."""
        if document_id in self._spans or length <= before:
            return self.document_spans(document_id), True
        head = self.project.spans(document_id, starting_before=before)
        self._reading[document_id] = _Reading(list(head), before, length)
        if not self._read_slices.isActive() and not self._read_delay.isActive():
            self._read_delay.start()
        return head, False

    def read_now(self) -> None:
        """A view showing a document has painted its first screen: read the rest now."""
        if self._reading and self._read_delay.isActive():
            self._read_delay.stop()
            self._read_slices.start()

    def reading_spans(self) -> bool:
        """Spans of some document are still arriving in slices."""
        return bool(self._reading)

    def _on_read_due(self, deadline: float = 0.0) -> bool:
        """Read the next slice of a long article's spans; whether any are left to read."""
        if not self._reading or self.project.closed:
            self._reading.clear()
            return False
        document_id, reading = next(iter(self._reading.items()))
        started = time.perf_counter()
        end = reading.next + reading.chars
        try:
            chunk = self.project.spans(document_id, starting_from=reading.next, starting_before=end)
        except WorkbenchError as e:
            del self._reading[document_id]
            self.error_raised.emit(str(e))
            return bool(self._reading)
        reading.spans.extend(chunk)
        reading.next = end
        self.spans_arrived.emit(document_id, chunk)
        keep_for_the_session()  # tens of thousands of spans, arriving slice by slice
        took = time.perf_counter() - started
        if took > 2 * READ_SLICE_SECONDS:
            reading.chars = max(reading.chars // 2, 2_000)
        elif took < READ_SLICE_SECONDS / 2:
            reading.chars = min(reading.chars * 2, 1_000_000)
        if end > reading.length:
            del self._reading[document_id]
            if reading.intact:
                self._spans[document_id] = reading.spans
            self.spans_read.emit(document_id)
        return bool(self._reading)

    def _on_spans_changed(self, span: Span, *args: object) -> None:
        new = args[0] if args and isinstance(args[0], Span) else None
        if new is not None and _reading_order(new) == _reading_order(span):
            # Changed where it stands (the compare view parsing an imported project's
            # figures updates thousands): the spans read stay good with the new version in
            # its place. Dropped, the annotation list read 200k spans again at once after
            # a 20 MB article's slices (1.5 s, 150 MB more).
            # A span still to be read comes with its new version from the file.
            cached = self._spans.get(new.document_id)
            if cached is None or _replace(cached, new):
                reading = self._reading.get(new.document_id)
                if reading is not None:
                    _replace(reading.spans, new)
                return
        for changed in (span, *args):  # an update: the new span may have moved
            if isinstance(changed, Span):
                dropped = self._spans.pop(changed.document_id, None)
                if dropped is not None:  # freed a moment later, not in the edit's pass:
                    self._dropped.append(dropped)  # 50k spans take 0.6 ms to free
                    self._free_dropped.start()
                if changed.document_id in self._reading:  # what was read is out of date
                    self._reading[changed.document_id].intact = False
