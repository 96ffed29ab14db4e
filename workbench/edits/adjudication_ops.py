"""Adjudication as operations: copy one annotator's version, or what annotators agree on,
into the adjudicated layer (kept apart from span_ops: an edit need not load the adjudicator).
"""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass

from workbench.adjudicate import AdjudicationReport, accept_span, adjudicate
from workbench.edits.change import Applied, ChangeRecord
from workbench.edits.span_ops import RemoveSpans
from workbench.project import Project


@dataclass(frozen=True, slots=True)
class AcceptVersion:
    """Adjudication: copy one annotator's span into the adjudicated layer `into`."""

    span_id: str
    into: str

    def apply(self, project: Project) -> Applied:
        copy = accept_span(project, self.span_id, into=self.into)
        return Applied(ChangeRecord(spans_added=(copy,)), RemoveSpans((copy.id,)))


@dataclass(frozen=True, slots=True)
class AcceptAgreed:
    """Adjudication: copy the spans and relations the annotators agree on into `into`."""

    into: str
    annotators: tuple[str, ...] | None  # None: every annotator's
    _: KW_ONLY
    min_agree: int | None = None  # None: all of them
    document_ids: tuple[str, ...] | None = None

    def apply(self, project: Project) -> Applied[AdjudicationReport]:
        report = adjudicate(
            project,
            into=self.into,
            annotators=self.annotators,
            min_agree=self.min_agree,
            document_ids=self.document_ids,
        )  # one transaction
        spans, relations = tuple(report.spans_added), tuple(report.relations_added)
        return Applied(
            ChangeRecord(spans_added=spans, relations_added=relations),
            RemoveSpans(tuple(s.id for s in spans), relation_ids=tuple(r.id for r in relations)),
            result=report,
        )
