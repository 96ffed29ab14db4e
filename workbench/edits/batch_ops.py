"""Operations that change many things at once: deciding suggestions, running the
suggester (importing files and merging projects are in workbench/edits/file_ops.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import KW_ONLY, dataclass, field

from workbench import suggest
from workbench.edits.change import Applied, ChangeRecord, transaction_for
from workbench.edits.span_ops import RemoveSpans, RestoreSpans
from workbench.model import Relation, Span
from workbench.project import Project
from workbench.suggestion_groups import accept_linked

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class SetSuggestionStatuses:
    """Mark suggestions pending, accepted or rejected, each its own way."""

    statuses: tuple[tuple[str, str], ...]  # (suggestion id, status)

    def apply(self, project: Project) -> Applied:
        ids = [sid for sid, _ in self.statuses]
        marks = ",".join("?" * len(ids))
        before = dict(
            project.conn.execute(
                f"SELECT id, status FROM suggestions WHERE id IN ({marks})", ids
            ).fetchall()
        )
        by_status: dict[str, list[str]] = {}
        for sid, status in self.statuses:
            by_status.setdefault(status, []).append(sid)
        with transaction_for(project, len(by_status)):
            for status, same in by_status.items():
                suggest.set_status(project, same, status)
        inverse = SetSuggestionStatuses(tuple((sid, before[sid]) for sid in ids if sid in before))
        return Applied(ChangeRecord(suggestions_changed=True), inverse)


def reject_suggestions(suggestion_ids: tuple[str, ...]) -> SetSuggestionStatuses:
    return SetSuggestionStatuses(tuple((sid, "rejected") for sid in suggestion_ids))


@dataclass(frozen=True, slots=True)
class AcceptSuggestions:
    """Turn suggestions into spans of `annotator` with the suggested links whose two ends
    are spans now."""

    suggestion_ids: tuple[str, ...]
    annotator: str = suggest.SUGGESTER

    def apply(self, project: Project) -> Applied:
        spans, relations = accept_linked(project, self.suggestion_ids, annotator=self.annotator)
        record = ChangeRecord(
            spans_added=tuple(spans), relations_added=tuple(relations), suggestions_changed=True
        )
        return Applied(
            record, UnacceptSuggestions(self.suggestion_ids, tuple(spans), tuple(relations))
        )


@dataclass(frozen=True, slots=True)
class UnacceptSuggestions:
    """Undo of an accept: the spans and links go, the suggestions are pending again;
    its inverse puts the very same spans back."""

    suggestion_ids: tuple[str, ...]
    spans: tuple[Span, ...]
    relations: tuple[Relation, ...]
    _: KW_ONLY
    accepted: bool = False  # True: redo (put them back, accepted)

    def apply(self, project: Project) -> Applied:
        status = "accepted" if self.accepted else "pending"
        with project.transaction():
            if self.accepted:
                record = RestoreSpans(self.spans, self.relations).apply(project).record
            else:
                record = (
                    RemoveSpans(
                        tuple(s.id for s in self.spans),
                        relation_ids=tuple(r.id for r in self.relations),
                    )
                    .apply(project)
                    .record
                )
            suggest.set_status(project, self.suggestion_ids, status)
        inverse = UnacceptSuggestions(
            self.suggestion_ids, self.spans, self.relations, accepted=not self.accepted
        )
        return Applied(record.then(ChangeRecord(suggestions_changed=True)), inverse)


@dataclass(frozen=True, slots=True)
class RunSuggester:
    """Propose spans (not undoable: proposals change nothing an analyst made)."""

    _: KW_ONLY
    labels: tuple[str, ...] | None = None
    document_ids: frozenset[str] | None = None
    from_rules: bool = True  # False: only from what the analysts tagged
    progress: Progress | None = field(default=None, compare=False)

    def apply(self, project: Project) -> Applied[suggest.SuggestReport]:
        report = suggest.run_suggester(
            project,
            labels=self.labels,
            document_ids=self.document_ids,
            from_rules=self.from_rules,
            progress=self.progress,
            workers=True,  # the window and the command line: guarded main modules
        )
        return Applied(ChangeRecord(suggestions_changed=True), None, result=report)
