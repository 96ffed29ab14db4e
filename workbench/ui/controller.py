"""The window's single path for edits: undoable commands over the core, announced by signals.

Every edit goes through `ProjectController`. It commits to the project file at once (the
core makes each call its own transaction), pushes a QUndoCommand whose undo/redo change
the file too, and emits one past-tense signal so each view refreshes only what changed.
Failures the user can act on come back as `error_raised(message)`, never as a traceback.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from workbench import connection
from workbench.annotator_status import set_annotator_status, statuses_seen_by
from workbench.config import Config
from workbench.errors import WorkbenchError
from workbench.figures import FIGURE_LABEL, with_figure
from workbench.model import Label, Relation, Span
from workbench.project import Project
from workbench.ui.annotator_filter import AnnotatorFilter


class _Command(QUndoCommand):
    """An edit already applied once; redo() re-applies it after an undo."""

    def __init__(self, text: str, do: Callable[[], None], undo: Callable[[], None]) -> None:
        super().__init__(text)
        self._do = do
        self._undo = undo
        self._first = True

    def redo(self) -> None:
        if self._first:  # the edit was made before push(), so errors reach the caller
            self._first = False
            return
        self._do()

    def undo(self) -> None:
        self._undo()


READ_SLICE_CHARS = 50_000  # a long article's spans are read this many code points at a time


@dataclass(slots=True)
class _Reading:
    spans: list[Span]  # read so far, in reading order
    next: int  # the code point the next slice starts at
    length: int  # of the text
    intact: bool = True  # no edit of the document meanwhile


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
        self._read_timer = QTimer(self, interval=0)
        self._read_timer.timeout.connect(self._on_read_due)
        self.span_added.connect(self._on_spans_changed)
        self.span_removed.connect(self._on_spans_changed)
        self.span_updated.connect(self._on_spans_changed)
        self.reloaded.connect(self._spans.clear)
        self.documents_changed.connect(self._spans.clear)

    def document_spans(self, document_id: str) -> list[Span]:
        """The spans of one document in reading order, read once for every view that opens
        it (don't change the list)."""
        spans = self._spans.get(document_id)
        if spans is None:
            spans = self._spans[document_id] = self.project.spans(document_id)
        return spans

    def document_spans_first(self, document_id: str, *, before: int,
                             length: int) -> tuple[list[Span], bool]:
        """What a view shows first: the spans starting before code point `before` (all of
        them when already read or the text, `length` long, is that short), and whether
        that is all. If not, the rest follow in slices (`spans_arrived`, then `spans_read`)."""
        if document_id in self._spans or length <= before:
            return self.document_spans(document_id), True
        head = self.project.spans(document_id, starting_before=before)
        self._reading[document_id] = _Reading(list(head), before, length)
        self._read_timer.start()
        return head, False

    def reading_spans(self) -> bool:
        """Spans of some document are still arriving in slices."""
        return bool(self._reading)

    def _on_read_due(self) -> None:
        if not self._reading or self.project.closed:
            self._reading.clear()
            self._read_timer.stop()
            return
        document_id, reading = next(iter(self._reading.items()))
        end = reading.next + READ_SLICE_CHARS
        try:
            chunk = self.project.spans(document_id, starting_from=reading.next,
                                       starting_before=end)
        except WorkbenchError as e:
            del self._reading[document_id]
            self.error_raised.emit(str(e))
            return
        reading.spans.extend(chunk)
        reading.next = end
        self.spans_arrived.emit(document_id, chunk)
        if end > reading.length:
            del self._reading[document_id]
            if reading.intact:
                self._spans[document_id] = reading.spans
            # Tens of thousands of spans stay for the session: out of the collector's
            # full scans (each would be a pause of 50 ms and more); they hold no cycles.
            gc.freeze()
            self.spans_read.emit(document_id)

    def forget_spans(self) -> None:
        """Spans changed without an edit signal (figures parsed in bulk): read them again."""
        self._spans.clear()

    def _on_spans_changed(self, span: Span, *args: object) -> None:
        for changed in (span, *args):  # an update: the new span may have moved
            if isinstance(changed, Span):
                self._spans.pop(changed.document_id, None)
                if changed.document_id in self._reading:  # what was read is out of date
                    self._reading[changed.document_id].intact = False

    def reload(self) -> None:
        """Announce that the file changed outside this window; every view reloads."""
        self.reloaded.emit()
        self.documents_changed.emit()
        self.labels_changed.emit()
        self.relations_changed.emit()
        self.suggestions_changed.emit()

    # --- spans ---------------------------------------------------------------

    def add_span(self, document_id: str, start: int, end: int, label_id: int) -> Span | None:
        try:
            span = self.project.add_span(
                document_id, start, end, label_id, annotator=self.annotator,
                attrs=self._derived_attrs({}, document_id, start, end, label_id),
            )
        except WorkbenchError as e:
            self.error_raised.emit(str(e))
            return None
        self.span_added.emit(span)
        label = self.project.label(label_id).name
        self._push(f"Tag {label}", lambda: self._restore(span, ()), lambda: self._remove(span.id))
        return span

    def add_spans(self, spans: Sequence[tuple[str, int, int, int]], text: str) -> list[Span]:
        """Add many spans as one undoable step (find > tag all); existing duplicates are skipped."""
        added: list[Span] = []
        with self.project.transaction():
            for document_id, start, end, label_id in spans:
                try:
                    added.append(
                        self.project.add_span(
                            document_id, start, end, label_id, annotator=self.annotator,
                            attrs=self._derived_attrs({}, document_id, start, end, label_id),
                        )
                    )
                except WorkbenchError:
                    continue  # already tagged this way
        for span in added:
            self.span_added.emit(span)
        if added:
            self._push(
                text,
                lambda: self._restore_many(added),
                lambda: self._remove_many([s.id for s in added]),
            )
        return added

    def record_added(self, text: str, spans: Sequence[Span],
                     relations: Sequence[Relation] = ()) -> None:
        """Announce spans (and relations) a core operation just added, as one undoable step."""
        for span in spans:
            self.span_added.emit(span)
        if relations:
            self.relations_changed.emit()
        if spans:
            self._push(text, lambda: self._restore_added(spans, relations),
                       lambda: self._remove_many([s.id for s in spans]))

    def _restore_added(self, spans: Sequence[Span], relations: Sequence[Relation]) -> None:
        self._restore_many(spans)
        if relations:
            with self.project.transaction():
                self.project.insert_relations(relations)
            self.relations_changed.emit()

    def delete_span(self, span_id: str) -> None:
        try:
            span, relations = self.project.delete_span(span_id)
        except WorkbenchError as e:
            self.error_raised.emit(str(e))
            return
        self.span_removed.emit(span)
        if relations:
            self.relations_changed.emit()
        self._push(
            "Delete span", lambda: self._remove(span.id), lambda: self._restore(span, relations)
        )

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
        try:
            old = self.project.span(span_id)
            attrs = self._derived_attrs(
                old.attrs, old.document_id, old.start if start is None else start,
                old.end if end is None else end, old.label_id if label_id is None else label_id,
            )
            new = self.project.update_span(
                span_id, start=start, end=end, label_id=label_id, note=note,
                annotator=self.annotator, attrs=attrs,
            )
        except WorkbenchError as e:
            self.error_raised.emit(str(e))
            return None
        self.span_updated.emit(old, new)
        self._push(text, lambda: self._set(old, new), lambda: self._set(new, old))
        return new

    def relabel_span(self, span_id: str, label_id: int) -> Span | None:
        return self.update_span(span_id, label_id=label_id, text="Relabel span")

    def set_span_note(self, span_id: str, note: str) -> Span | None:
        return self.update_span(span_id, note=note, text="Edit note")

    def set_span_bounds(self, span_id: str, start: int, end: int) -> Span | None:
        return self.update_span(span_id, start=start, end=end, text="Resize span")

    # --- documents -----------------------------------------------------------

    def set_status(self, document_id: str, status: str) -> None:
        """Set this annotator's own status of the document."""
        old = self.status_of(document_id)
        if old == status:
            return
        try:
            set_annotator_status(self.project, document_id, self.annotator, status)
        except WorkbenchError as e:
            self.error_raised.emit(str(e))
            return
        self.document_status_changed.emit(document_id, status)
        self._push(
            "Change status",
            lambda: self._status(document_id, status),
            lambda: self._status(document_id, old),
        )

    # --- labels --------------------------------------------------------------

    def add_label(self, name: str, *, color: str | None = None) -> Label | None:
        try:
            label = self.project.add_label(name, color=color)
        except WorkbenchError as e:
            self.error_raised.emit(str(e))
            return None
        self.labels_changed.emit()
        return label

    def update_label(self, label_id: int, **changes: str | None) -> Label | None:
        """Rename, recolour or re-key a label (see Project.update_label)."""
        try:
            label = self.project.update_label(label_id, **changes)
        except WorkbenchError as e:
            self.error_raised.emit(str(e))
            return None
        self.labels_changed.emit()
        return label

    def reorder_labels(self, label_ids: Sequence[int]) -> None:
        try:
            self.project.reorder_labels(label_ids)
        except WorkbenchError as e:
            self.error_raised.emit(str(e))
            return
        self.labels_changed.emit()

    def delete_label(self, label_id: int) -> None:
        try:
            self.project.delete_label(label_id)
        except WorkbenchError as e:
            self.error_raised.emit(str(e))
            return
        self.labels_changed.emit()

    # --- relations -----------------------------------------------------------

    def add_relation(self, head: str, tail: str, type_id: int) -> Relation | None:
        try:
            relation = self.project.add_relation(head, tail, type_id, annotator=self.annotator)
        except WorkbenchError as e:
            self.error_raised.emit(str(e))
            return None
        self.relations_changed.emit()
        self._push(
            "Link spans",
            lambda: self._relation_restore(relation),
            lambda: self._relation_remove(relation.id),
        )
        return relation

    def delete_relation(self, relation_id: str) -> None:
        try:
            relation = self.project.delete_relation(relation_id)
        except WorkbenchError as e:
            self.error_raised.emit(str(e))
            return
        self.relations_changed.emit()
        self._push(
            "Unlink spans",
            lambda: self._relation_remove(relation.id),
            lambda: self._relation_restore(relation),
        )

    def _derived_attrs(self, attrs: dict[str, Any], document_id: str, start: int, end: int,
                       label_id: int) -> dict[str, Any]:
        """A span's attributes as its label implies: a figure carries its parsed value,
        stored in the same transaction as the edit that made or moved it."""
        if self.project.label(label_id).name != FIGURE_LABEL:
            return {k: v for k, v in attrs.items() if k != "figure"}
        text = self._texts.get(document_id)
        if text is None:
            text = self._texts[document_id] = self.project.document(document_id).text
        return with_figure(attrs, text, start, end)

    # --- undo/redo primitives: change the file, then announce ----------------

    def _push(self, text: str, do: Callable[[], None], undo: Callable[[], None]) -> None:
        self.undo_stack.push(_Command(text, self._guarded(do), self._guarded(undo)))

    def _guarded(self, action: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            try:
                action()
            except WorkbenchError as e:
                self.error_raised.emit(str(e))

        return run

    def _restore(self, span: Span, relations: Sequence[Relation]) -> None:
        self.project.restore_span(span, relations)
        self.span_added.emit(span)
        if relations:
            self.relations_changed.emit()

    def _remove(self, span_id: str) -> None:
        span, relations = self.project.delete_span(span_id)
        self.span_removed.emit(span)
        if relations:
            self.relations_changed.emit()

    def _restore_many(self, spans: Sequence[Span]) -> None:
        with self.project.transaction():
            for span in spans:
                self.project.restore_span(span)
        for span in spans:
            self.span_added.emit(span)

    def _remove_many(self, span_ids: Sequence[str]) -> None:
        removed = []
        with self.project.transaction():
            for span_id in span_ids:
                removed.append(self.project.delete_span(span_id)[0])
        for span in removed:
            self.span_removed.emit(span)
        self.relations_changed.emit()  # relations of the spans went with them

    def _set(self, current: Span, target: Span) -> None:
        self.project.update_span(
            target.id,
            start=target.start,
            end=target.end,
            label_id=target.label_id,
            note=target.note,
            annotator=target.annotator,
            updated_at=target.updated_at,
            attrs=target.attrs,
        )
        self.span_updated.emit(current, replace(target))

    def status_of(self, document_id: str) -> str:
        """The status of the document as this annotator sees it (their own)."""
        return statuses_seen_by(self.project, self.annotator,
                                document_id=document_id).get(document_id, "todo")

    def _status(self, document_id: str, status: str) -> None:
        set_annotator_status(self.project, document_id, self.annotator, status)
        self.document_status_changed.emit(document_id, status)

    def _relation_restore(self, relation: Relation) -> None:
        with self.project.transaction():
            self.project.insert_relations([relation])
        self.relations_changed.emit()

    def _relation_remove(self, relation_id: str) -> None:
        self.project.delete_relation(relation_id)
        self.relations_changed.emit()


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
