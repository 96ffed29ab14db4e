"""Adjudication: settling several annotators' layers into one adjudicated layer.

`adjudicate` copies every span on which at least K of the chosen annotators agree exactly
(document, start, end, label) into the layer of the adjudicator, with the names of those
who agreed in its `agreed` attribute, and the relations whose two spans were both copied
and which K annotators share. It runs in one transaction and returns what it added;
running it again adds nothing twice. `accept_span` copies one span (the window's
Adjudicate mode does it span by span).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field

from workbench.annotator_status import annotators as project_annotators
from workbench.errors import EditError, WorkbenchError
from workbench.model import Relation, Span, new_id, now
from workbench.project import Project

AGREED = "agreed"  # the span attribute naming the annotators whose span was copied

SpanKey = tuple[str, int, int, int]  # document, start, end, label id


@dataclass(slots=True)
class AdjudicationReport:
    into: str
    annotators: list[str]
    min_agree: int
    spans_added: list[Span] = field(default_factory=list)
    relations_added: list[Relation] = field(default_factory=list)
    spans_present: int = 0  # agreed spans the adjudicated layer already had

    def summary(self) -> str:
        return (
            f"Copied {len(self.spans_added)} spans and {len(self.relations_added)} "
            f"relations on which at least {self.min_agree} of {', '.join(self.annotators)} "
            f"agree into '{self.into}' ({self.spans_present} agreed spans were there "
            "already)."
        )


def _key(span: Span) -> SpanKey:
    return (span.document_id, span.start, span.end, span.label_id)


def adjudicate(
    project: Project,
    *,
    into: str,
    annotators: Collection[str] | None = None,
    min_agree: int | None = None,
    document_ids: Collection[str] | None = None,
) -> AdjudicationReport:
    """Copy the spans and relations that K annotators share into `into`'s layer (in the
    given documents only, when `document_ids` is set)."""
    into = into.strip()
    if not into:
        raise WorkbenchError("The adjudicated layer needs an annotator name (--into).")
    everyone = project_annotators(project)
    chosen = list(dict.fromkeys(annotators)) if annotators else [a for a in everyone if a != into]
    for name in chosen:
        if name not in everyone:
            raise WorkbenchError(f"The project has no annotator '{name}'.")
    if into in chosen:
        raise WorkbenchError(f"'{into}' cannot be both adjudicated and the adjudicator.")
    if not chosen:
        raise WorkbenchError("There are no annotators to adjudicate.")
    k = len(chosen) if min_agree is None else min_agree
    if not 1 <= k <= len(chosen):
        raise WorkbenchError(f"--min-agree must be between 1 and {len(chosen)}, not {k}.")

    report = AdjudicationReport(into, chosen, k)
    spans = [
        s
        for s in project.spans()
        if (s.annotator in chosen or s.annotator == into)
        and (document_ids is None or s.document_id in document_ids)
    ]
    layer: dict[SpanKey, str] = {_key(s): s.id for s in spans if s.annotator == into}
    votes: dict[SpanKey, list[Span]] = defaultdict(list)
    for s in spans:
        if s.annotator in chosen:
            votes[_key(s)].append(s)
    with project.transaction():
        for key, group in votes.items():
            who = sorted({s.annotator for s in group})
            if len(who) < k:
                continue
            if key in layer:
                report.spans_present += 1
                continue
            group.sort(key=lambda s: s.annotator)
            attrs: dict[str, object] = {}
            for s in group:  # every agreeing span's attributes, the first name's first
                for name, value in s.attrs.items():
                    attrs.setdefault(name, value)
            copy = _copy(group[0], into, who, attrs=attrs)
            project.insert_spans([copy])
            layer[key] = copy.id
            report.spans_added.append(copy)
        report.relations_added = _relations(project, chosen, k, into, layer)
    return report


def _relations(
    project: Project, chosen: list[str], k: int, into: str, layer: dict[SpanKey, str]
) -> list[Relation]:
    by_id = {s.id: s for s in project.spans()}
    votes: dict[tuple[SpanKey, SpanKey, int], set[str]] = defaultdict(set)
    existing: set[tuple[str, str, int]] = set()
    for r in project.relations():
        head, tail = by_id[r.head], by_id[r.tail]
        if head.annotator in chosen:
            votes[(_key(head), _key(tail), r.type_id)].add(head.annotator)
        existing.add((r.head, r.tail, r.type_id))
    added = []
    for (head_key, tail_key, type_id), who in votes.items():
        if len(who) < k or head_key not in layer or tail_key not in layer:
            continue
        triple = (layer[head_key], layer[tail_key], type_id)
        if triple in existing:
            continue
        relation = Relation(new_id(), *triple, annotator=into, created_at=now())
        project.insert_relations([relation])
        existing.add(triple)
        added.append(relation)
    return added


def _copy(
    span: Span, into: str, agreed: list[str], *, attrs: dict[str, object] | None = None
) -> Span:
    stamp = now()
    return Span(
        new_id(),
        span.document_id,
        span.start,
        span.end,
        span.label_id,
        into,
        span.note,
        stamp,
        stamp,
        {**(span.attrs if attrs is None else attrs), AGREED: agreed},
    )


def accept_span(
    project: Project, span_id: str, *, into: str, start: int | None = None, end: int | None = None
) -> Span:
    """Copy one annotator's span (its bounds optionally edited) into `into`'s layer."""
    span = project.span(span_id)
    if span.annotator == into:
        raise EditError("That span is already in the adjudicated layer.")
    copy = _copy(span, into, [span.annotator])
    copy = Span(
        copy.id,
        copy.document_id,
        span.start if start is None else start,
        span.end if end is None else end,
        copy.label_id,
        into,
        copy.note,
        copy.created_at,
        copy.updated_at,
        copy.attrs,
    )
    project.restore_span(copy)
    return copy


@dataclass(frozen=True, slots=True)
class Candidate:
    """One version of a span in a document: the annotators who drew exactly it."""

    versions: tuple[Span, ...]  # one per annotator, sorted by annotator
    state: str  # "agreed" (all of two or more have it), "disagreed" (others drew it
    # otherwise), "only" (one annotator: with nobody else in the document, nothing agreed)
    adopted: Span | None  # the adjudicated layer's copy, if any

    @property
    def span(self) -> Span:
        return self.versions[0]

    @property
    def annotators(self) -> list[str]:
        return [s.annotator for s in self.versions]


def candidates(
    project: Project, document_id: str, *, into: str, annotators: Collection[str] | None = None
) -> list[Candidate]:
    """The annotators' versions of each span in a document, for adjudicating it by hand."""
    spans = project.spans(document_id)
    chosen = set(annotators) if annotators else {s.annotator for s in spans} - {into}
    layer = {_key(s): s for s in spans if s.annotator == into}
    groups: dict[SpanKey, list[Span]] = defaultdict(list)
    for s in spans:
        if s.annotator in chosen:
            groups[_key(s)].append(s)
    out = []
    for key, group in sorted(groups.items(), key=lambda kv: (kv[0][1], kv[0][2], kv[0][3])):
        who = {s.annotator for s in group}
        if who >= chosen and len(chosen) > 1:
            state = "agreed"
        elif any(k[3] == key[3] and k[1] < key[2] and key[1] < k[2] for k in groups if k != key):
            state = "disagreed"
        else:
            state = "only"
        versions = tuple(sorted(group, key=lambda s: s.annotator))
        out.append(Candidate(versions, state, layer.get(key)))
    return out
