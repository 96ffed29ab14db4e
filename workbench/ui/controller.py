"""The window's single path for edits: operations of the core, undoable, announced by signals.

Every edit goes through `ProjectController.run`: it applies one operation of
workbench.edits (its own transaction), pushes ONE QUndoCommand built from the operation's
inverse (undo applies the inverse, redo the inverse's inverse), and announces the change
record: `changed(record)`, then the past-tense signals derived from it (span_added, …) so
each view refreshes only what changed. Failures the user can act on come back as
`error_raised(message)`, never as a traceback.
"""

from __future__ import annotations

import time
from bisect import bisect_left
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from workbench import connection
from workbench.annotator_status import statuses_seen_by
from workbench.config import Config
from workbench.errors import WorkbenchError
from workbench.model import Label, Relation, Span
from workbench.project import Project
from workbench.ui.shared.annotator_filter import AnnotatorFilter
from workbench.ui.shared.background import Slices, keep_for_the_session
from workbench.ui.shared.undo_step import UndoStep
from workbench.wording import counted

if TYPE_CHECKING:  # each operation's module is imported when it first runs, not at start-up
    from workbench.edits.change import Applied, ChangeRecord, Operation, R
    from workbench.formats.records import Report
    from workbench.merge import MergeReport
    from workbench.suggest import SuggestReport


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
    # Spans changed where they stand meanwhile (a figure's value, a note, a label): their
    # new versions go into the list read, once it is whole.
    changed: dict[str, Span] = field(default_factory=dict)


def _reading_order(span: Span) -> tuple[int, int, str]:
    return span.start, span.end, span.id


def _replace(spans: list[Span], new: Span) -> bool:
    """Put `new` in the place of the span of its id in `spans` (in reading order)."""
    at = bisect_left(spans, _reading_order(new), key=_reading_order)
    if at < len(spans) and spans[at].id == new.id:
        spans[at] = new
        return True
    return False


class ProjectController(QObject):
    span_added = Signal(object)  # Span
    span_updated = Signal(object, object)  # old Span, new Span
    span_removed = Signal(object)  # Span
    labels_changed = Signal()
    relations_changed = Signal()
    document_status_changed = Signal(str, str)  # document id, status
    documents_changed = Signal()  # documents added or removed
    suggestions_changed = Signal()  # suggestions proposed, accepted, rejected (or undone)
    spans_arrived = Signal(str, object)  # document id, a slice of its spans in reading order
    spans_read = Signal(str)  # document id: all its spans have arrived
    error_raised = Signal(str)
    reloaded = Signal()  # another program changed the file: views show it as it is now
    changed = Signal(object)  # ChangeRecord of an operation (or its undo/redo), after the above

    def __init__(self, project: Project, annotator: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.annotator = annotator
        self.undo_stack = QUndoStack(self)
        self.annotator_filter = AnnotatorFilter(annotator, self)  # whose spans views show
        self._texts: dict[str, str] = {}  # document texts never change once imported
        # The spans of a document as last read, for the views that open it together (the
        # pane and the annotation list); any change of its spans drops them.
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
            if reading.intact and all(_replace(reading.spans, s) for s in reading.changed.values()):
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
            cached = self._spans.get(new.document_id)
            if cached is None or _replace(cached, new):
                reading = self._reading.get(new.document_id)
                if reading is not None:
                    reading.changed[new.id] = new
                return
        for changed in (span, *args):  # an update: the new span may have moved
            if isinstance(changed, Span):
                dropped = self._spans.pop(changed.document_id, None)
                if dropped is not None:  # freed a moment later, not in the edit's pass:
                    self._dropped.append(dropped)  # 50k spans take 0.6 ms to free
                    self._free_dropped.start()
                if changed.document_id in self._reading:  # what was read is out of date
                    self._reading[changed.document_id].intact = False

    def reload(self) -> None:
        """Announce that the file changed outside this window; every view reloads."""
        self.reloaded.emit()
        self.documents_changed.emit()
        self.labels_changed.emit()
        self.relations_changed.emit()
        self.suggestions_changed.emit()

    def report_error(self, message: str) -> None:
        """Tell the window about a refusal (one sentence); views call this, never emit."""
        self.error_raised.emit(message)

    # --- running operations ----------------------------------------------------

    def run(
        self, operation: Operation[R], *, text: str | None, raising: bool = False
    ) -> Applied[R] | None:
        """Apply an operation, push its undo step (`text` None: it has none) and announce
        what changed. A refusal is reported by `error_raised` (None returned), or raised
        when `raising`."""
        try:
            applied = operation.apply(self.project)
        except WorkbenchError as e:
            if raising:
                raise
            self.error_raised.emit(str(e))
            return None
        self._announce(applied.record)
        if text is not None and applied.inverse is not None and not applied.record.empty:
            self.undo_stack.push(UndoStep(text, self, applied.inverse))
        return applied

    def replay(self, operation: Operation) -> Operation | None:
        """Apply an undo or redo step; returns its inverse (None when it was refused)."""
        try:
            applied = operation.apply(self.project)
        except WorkbenchError as e:
            self.error_raised.emit(str(e))
            return None
        self._announce(applied.record)
        return applied.inverse

    def _announce(self, record: ChangeRecord) -> None:
        if record.everything_changed:
            self.reload()
        if record.documents_changed:
            self.documents_changed.emit()
        if record.labels_changed:
            self.labels_changed.emit()
        for span in record.spans_removed:
            self.span_removed.emit(span)
        for old, new in record.spans_updated:
            self.span_updated.emit(old, new)
        for span in record.spans_added:
            self.span_added.emit(span)
        if record.relations_changed:
            self.relations_changed.emit()
        for document_id, status in record.statuses:
            self.document_status_changed.emit(document_id, status)
        if record.suggestions_changed:
            self.suggestions_changed.emit()
        self.changed.emit(record)

    # --- spans ---------------------------------------------------------------

    def add_span(self, document_id: str, start: int, end: int, label_id: int) -> Span | None:
        from workbench.edits.span_ops import AddSpans

        try:
            label = self.project.label(label_id).name
        except WorkbenchError as e:
            self.error_raised.emit(str(e))
            return None
        applied = self.run(
            AddSpans(((document_id, start, end, label_id),), self.annotator, texts=self._texts),
            text=f"Tag {label}",
        )
        return None if applied is None else applied.record.spans_added[0]

    def add_spans(self, spans: Sequence[tuple[str, int, int, int]], text: str) -> list[Span]:
        """Add many spans as one undoable step (find > tag all); existing duplicates are skipped."""
        from workbench.edits.span_ops import AddSpans

        applied = self.run(
            AddSpans(tuple(spans), self.annotator, skip_taken=True, texts=self._texts), text=text
        )
        return [] if applied is None else list(applied.record.spans_added)

    def delete_span(self, span_id: str) -> None:
        from workbench.edits.span_ops import RemoveSpans

        self.run(RemoveSpans((span_id,)), text="Delete span")

    def update_span(
        self,
        span_id: str,
        *,
        start: int | None = None,
        end: int | None = None,
        label_id: int | None = None,
        note: str | None = None,
        text: str = "Edit span",
    ) -> Span | None:
        """Relabel, resize or annotate a span; the editor becomes its annotator."""
        from workbench.edits.span_ops import UpdateSpan

        applied = self.run(
            UpdateSpan(
                span_id,
                self.annotator,
                start=start,
                end=end,
                label_id=label_id,
                note=note,
                texts=self._texts,
            ),
            text=text,
        )
        return None if applied is None else applied.record.spans_updated[0][1]

    def relabel_span(self, span_id: str, label_id: int) -> Span | None:
        return self.update_span(span_id, label_id=label_id, text="Relabel span")

    def set_span_note(self, span_id: str, note: str) -> Span | None:
        return self.update_span(span_id, note=note, text="Edit note")

    def set_span_bounds(self, span_id: str, start: int, end: int) -> Span | None:
        return self.update_span(span_id, start=start, end=end, text="Resize span")

    def sync_figures(self, after: int = 0, limit: int | None = None) -> int | None:
        """Parse the figure spans whose value is missing or stale (spans that came in by an
        import or another program). The views hear of each, but no undo step is pushed:
        the analyst did not make this edit, and it happens on its own (the compare view
        runs it when it opens and after documents change). With a `limit`, only the next
        `limit` figure spans stored after row `after`; returns the row to go on after, None
        when all are done (or the sync was refused, which `error_raised` reported)."""
        from workbench.edits.span_ops import SyncFigures

        applied = self.run(SyncFigures(after=after, limit=limit), text=None)
        return None if applied is None else applied.result

    # --- documents -----------------------------------------------------------

    def set_status(self, document_id: str, status: str) -> None:
        """Set this annotator's own status of the document."""
        from workbench.edits.scheme_ops import SetStatus

        if self.status_of(document_id) == status:
            return
        self.run(SetStatus(document_id, self.annotator, status), text="Change status")

    def import_files(
        self,
        paths: Sequence[Path],
        *,
        format: str | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> Report:
        """Import files (all or nothing); raises WorkbenchError with one sentence."""
        from workbench.edits import ImportFiles

        applied = self.run(
            ImportFiles(tuple(paths), format=format, progress=progress), text=None, raising=True
        )
        assert applied is not None  # raising: a refusal never comes back as None
        return applied.result

    def merge(self, sources: Sequence[str | Path]) -> MergeReport:
        """Merge project files into this one; earlier undo steps may no longer fit the
        merged file (the merge's backup undoes it), so the undo history goes."""
        from workbench.edits import MergeProjects

        applied = self.run(MergeProjects(tuple(sources)), text=None, raising=True)
        assert applied is not None  # raising: a refusal never comes back as None
        if applied.result.changed:
            self.undo_stack.clear()
        return applied.result

    # --- suggestions and adjudication ------------------------------------------

    def run_suggester(
        self,
        *,
        labels: Sequence[str] | None = None,
        document_ids: Collection[str] | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> SuggestReport:
        """Propose spans (raises WorkbenchError; a progress callback may raise Cancelled)."""
        from workbench.edits import RunSuggester

        operation = RunSuggester(
            labels=None if labels is None else tuple(labels),
            document_ids=None if document_ids is None else frozenset(document_ids),
            progress=progress,
        )
        applied = self.run(operation, text=None, raising=True)
        assert applied is not None  # raising: a refusal never comes back as None
        return applied.result

    def accept_suggestions(self, suggestion_ids: Sequence[str]) -> list[Span]:
        """Turn suggestions into spans with their suggested links, as one undoable step."""
        from workbench.edits import AcceptSuggestions

        ids = tuple(suggestion_ids)
        if not ids:
            return []
        applied = self.run(AcceptSuggestions(ids), text=f"Accept {counted(len(ids), 'suggestion')}")
        return [] if applied is None else list(applied.record.spans_added)

    def reject_suggestions(self, suggestion_ids: Sequence[str]) -> None:
        from workbench.edits import reject_suggestions

        ids = tuple(suggestion_ids)
        if ids:
            self.run(reject_suggestions(ids), text=f"Reject {counted(len(ids), 'suggestion')}")

    def adjudicate(self, operations: Sequence[Operation], *, text: str) -> Applied | None:
        """Adjudication steps (remove rivals, accept a version, accept all agreed) as one
        undoable step."""
        from workbench.edits.change import steps

        return self.run(steps(operations), text=text) if operations else None

    # --- labels --------------------------------------------------------------

    def add_label(self, name: str, *, color: str | None = None) -> Label | None:
        from workbench.edits.scheme_ops import AddLabel

        applied = self.run(AddLabel(name, color=color), text=f"Add label {name}")
        return None if applied is None else applied.record.labels[0]

    def update_label(self, label_id: int, **changes: str | None) -> Label | None:
        """Rename, recolour or re-key a label (see Project.update_label)."""
        from workbench.edits.scheme_ops import UpdateLabel

        applied = self.run(UpdateLabel(label_id, **changes), text="Change label")
        return None if applied is None else applied.record.labels[0]

    def reorder_labels(self, label_ids: Sequence[int]) -> None:
        from workbench.edits.scheme_ops import ReorderLabels

        self.run(ReorderLabels(tuple(label_ids)), text="Reorder labels")

    def delete_label(self, label_id: int) -> None:
        from workbench.edits.scheme_ops import DeleteLabel

        self.run(DeleteLabel(label_id), text="Delete label")

    # --- relations -----------------------------------------------------------

    def add_relation(self, head: str, tail: str, type_id: int) -> Relation | None:
        from workbench.edits.span_ops import AddRelation

        applied = self.run(AddRelation(head, tail, type_id, self.annotator), text="Link spans")
        return None if applied is None else applied.record.relations_added[0]

    def delete_relation(self, relation_id: str) -> None:
        from workbench.edits.span_ops import RemoveRelations

        self.run(RemoveRelations((relation_id,)), text="Unlink spans")

    def status_of(self, document_id: str) -> str:
        """The status of the document as this annotator sees it (their own)."""
        return statuses_seen_by(self.project, self.annotator, document_id=document_id).get(
            document_id, "todo"
        )


def open_controller(path: Path, config: Config) -> ProjectController:
    """Open a project file for the window (raises WorkbenchError with a sentence)."""
    project = Project.open(path)
    try:
        connection.require_sound(project.conn, path)  # a damaged file is refused up front
    except WorkbenchError:
        project.close()
        raise
    project.checkpoint_in_background()  # no edit pays for a WAL checkpoint
    return ProjectController(project, config.annotator)
