"""Operations on spans and relations: add, relabel, resize, annotate, delete, link, unlink.

Every span an analyst makes or moves gets its attributes from `figures.span_attrs`, the one
place of the rule "a figure span stores its parsed value".
"""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass, field, replace

from workbench.edits.change import Applied, ChangeRecord, transaction_for
from workbench.errors import EditError
from workbench.figures import FIGURE_LABEL, resync_figures, span_attrs
from workbench.model import Relation, Span, new_id, now
from workbench.project import Project

SpanPlace = tuple[str, int, int, int]  # document id, start, end, label id


@dataclass(frozen=True, slots=True)
class AddSpans:
    """Tag one or many places (find › tag all); with `skip_taken`, places already tagged
    this way are skipped instead of refused."""

    places: tuple[SpanPlace, ...]
    annotator: str
    _: KW_ONLY
    skip_taken: bool = False
    texts: dict[str, str] | None = field(default=None, compare=False)  # document texts read

    def apply(self, project: Project) -> Applied:
        added: list[Span] = []
        texts = {} if self.texts is None else self.texts
        with transaction_for(project, len(self.places)):
            for document_id, start, end, label_id in self.places:
                attrs = span_attrs(project, {}, document_id, start, end, label_id, texts=texts)
                stamp = now()
                span = Span(
                    new_id(),
                    document_id,
                    start,
                    end,
                    label_id,
                    self.annotator,
                    "",
                    stamp,
                    stamp,
                    attrs,
                )
                try:
                    project.restore_span(span)
                except EditError:
                    if not self.skip_taken:
                        raise
                    continue
                added.append(span)
        return Applied(
            ChangeRecord(spans_added=tuple(added)), RemoveSpans(tuple(s.id for s in added))
        )


@dataclass(frozen=True, slots=True)
class RestoreSpans:
    """Put spans (and relations) back exactly as they were: ids, annotators, times."""

    spans: tuple[Span, ...]
    relations: tuple[Relation, ...] = ()

    def apply(self, project: Project) -> Applied:
        with transaction_for(project, len(self.spans) + 1):
            for span in self.spans[:-1]:
                project.restore_span(span)
            if self.spans:  # the last one with the relations, in its own or the outer one
                project.restore_span(self.spans[-1], self.relations)
            elif self.relations:
                RestoreRelations(self.relations).apply(project)
        return Applied(
            ChangeRecord(spans_added=self.spans, relations_added=self.relations),
            RemoveSpans(
                tuple(s.id for s in self.spans), relation_ids=tuple(r.id for r in self.relations)
            ),
        )


@dataclass(frozen=True, slots=True)
class RemoveSpans:
    """Delete spans with their relations (and, first, other relations named)."""

    span_ids: tuple[str, ...]
    _: KW_ONLY
    relation_ids: tuple[str, ...] = ()

    def apply(self, project: Project) -> Applied:
        removed: list[Span] = []
        relations: dict[str, Relation] = {}
        with transaction_for(project, len(self.span_ids) + len(self.relation_ids)):
            for relation_id in self.relation_ids:
                try:
                    relation = project.delete_relation(relation_id)
                except EditError:
                    continue  # it went with a span already
                relations[relation.id] = relation
            for span_id in self.span_ids:
                span, linked = project.delete_span(span_id)
                removed.append(span)
                relations.update((r.id, r) for r in linked)
        gone = tuple(relations.values())
        return Applied(
            ChangeRecord(spans_removed=tuple(removed), relations_removed=gone),
            RestoreSpans(tuple(removed), gone),
        )


@dataclass(frozen=True, slots=True)
class UpdateSpan:
    """Relabel, resize or annotate a span; the editor becomes its annotator."""

    span_id: str
    annotator: str
    _: KW_ONLY
    start: int | None = None
    end: int | None = None
    label_id: int | None = None
    note: str | None = None
    texts: dict[str, str] | None = field(default=None, compare=False)  # document texts read

    def apply(self, project: Project) -> Applied:
        old = project.span(self.span_id)
        start = old.start if self.start is None else self.start
        end = old.end if self.end is None else self.end
        label_id = old.label_id if self.label_id is None else self.label_id
        attrs = span_attrs(
            project, old.attrs, old.document_id, start, end, label_id, texts=self.texts
        )
        new = project.update_span(
            self.span_id,
            start=start,
            end=end,
            label_id=label_id,
            note=self.note,
            annotator=self.annotator,
            attrs=attrs,
        )
        return Applied(ChangeRecord(spans_updated=((old, new),)), SetSpans((old,)))


@dataclass(frozen=True, slots=True)
class SetSpans:
    """Give spans exactly these fields (undo and redo of an update)."""

    targets: tuple[Span, ...]

    def apply(self, project: Project) -> Applied:
        changes = []
        with transaction_for(project, len(self.targets)):
            for target in self.targets:
                current = project.span(target.id)
                project.update_span(
                    target.id,
                    start=target.start,
                    end=target.end,
                    label_id=target.label_id,
                    note=target.note,
                    annotator=target.annotator,
                    updated_at=target.updated_at,
                    attrs=target.attrs,
                )
                changes.append((current, replace(target)))
        return Applied(
            ChangeRecord(spans_updated=tuple(changes)), SetSpans(tuple(old for old, _ in changes))
        )


@dataclass(frozen=True, slots=True)
class SyncFigures:
    """Parse every figure span whose value is missing or was parsed from other text
    (a value set by hand stays); see `figures.with_figure`. With a `limit`, only the next
    `limit` figure spans stored after row `after`: the result is the row to go on after,
    None when all are done."""

    label: str = FIGURE_LABEL
    after: int = 0
    limit: int | None = None

    def apply(self, project: Project) -> Applied[int | None]:
        changes, next_after = resync_figures(
            project, label=self.label, after=self.after, limit=self.limit
        )
        return Applied(
            ChangeRecord(spans_updated=tuple(changes)),
            SetSpans(tuple(old for old, _ in changes)),
            next_after,
        )


@dataclass(frozen=True, slots=True)
class AddRelation:
    head: str
    tail: str
    type_id: int
    annotator: str

    def apply(self, project: Project) -> Applied:
        relation = project.add_relation(
            self.head, self.tail, self.type_id, annotator=self.annotator
        )
        return Applied(ChangeRecord(relations_added=(relation,)), RemoveRelations((relation.id,)))


@dataclass(frozen=True, slots=True)
class RestoreRelations:
    relations: tuple[Relation, ...]

    def apply(self, project: Project) -> Applied:
        with project.transaction():
            project.insert_relations(self.relations)
        return Applied(
            ChangeRecord(relations_added=self.relations),
            RemoveRelations(tuple(r.id for r in self.relations)),
        )


@dataclass(frozen=True, slots=True)
class RemoveRelations:
    relation_ids: tuple[str, ...]

    def apply(self, project: Project) -> Applied:
        with transaction_for(project, len(self.relation_ids)):
            removed = tuple(project.delete_relation(i) for i in self.relation_ids)
        return Applied(ChangeRecord(relations_removed=removed), RestoreRelations(removed))
