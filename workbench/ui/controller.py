"""The window's single path for edits: operations of the core, undoable, announced by signals.

Every edit goes through `ProjectController.run`: it applies one operation of
workbench.edits (its own transaction), pushes ONE QUndoCommand built from the operation's
inverse (undo applies the inverse, redo the inverse's inverse), and announces the change
record: `changed(record)`, then the past-tense signals derived from it (span_added, …) so
each view refreshes only what changed. Failures the user can act on come back as
`error_raised(message)`, never as a traceback.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from workbench import connection
from workbench.annotator_status import statuses_seen_by
from workbench.config import Config
from workbench.errors import WorkbenchError
from workbench.model import Label, Relation, Span
from workbench.project import Project
from workbench.ui.shared.annotator_filter import AnnotatorFilter
from workbench.ui.shared.span_reads import SpanReads
from workbench.ui.shared.undo_step import UndoStep
from workbench.wording import counted

if TYPE_CHECKING:  # each operation's module is imported when it first runs, not at start-up
    from workbench.edits.change import Applied, ChangeRecord, Operation, R
    from workbench.formats.records import Report
    from workbench.merge import MergeReport
    from workbench.suggest import SuggestReport


class ProjectController(SpanReads):
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
        self._start_reads()

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
        self.set_statuses([document_id], status)

    def set_statuses(self, document_ids: Sequence[str], status: str) -> None:
        """Set this annotator's own status of these documents, one undo step."""
        from workbench.edits.change import steps
        from workbench.edits.scheme_ops import SetStatus

        changes = [
            SetStatus(document_id, self.annotator, status)
            for document_id in document_ids
            if self.status_of(document_id) != status
        ]
        if changes:
            self.run(steps(changes), text="Change status")

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
            ImportFiles(tuple(paths), format=format, progress=progress),
            text="Import",
            raising=True,
        )
        assert applied is not None  # raising: a refusal never comes back as None
        return applied.result

    def rename_document(self, document_id: str, title: str) -> bool:
        from workbench.edits.document_ops import RenameDocument

        return self.run(RenameDocument(document_id, title), text="Rename document") is not None

    def remove_documents(self, document_ids: Sequence[str]) -> bool:
        """Take documents out of the project with their spans, links, suggestions and
        statuses (one undo step puts them all back)."""
        from workbench.edits.document_ops import RemoveRows

        text = "Remove document" if len(document_ids) == 1 else "Remove documents"
        return self.run(RemoveRows(documents=tuple(document_ids)), text=text) is not None

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
        """Turn suggestions into spans with their suggested links, as one undoable step.
        The spans are the analyst's: accepting is their decision (agreement compares it;
        blind mode hides it from the others)."""
        from workbench.edits import AcceptSuggestions

        ids = tuple(suggestion_ids)
        if not ids:
            return []
        applied = self.run(
            AcceptSuggestions(ids, annotator=self.annotator),
            text=f"Accept {counted(len(ids), 'suggestion')}",
        )
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
