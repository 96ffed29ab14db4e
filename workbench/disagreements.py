"""Where two annotators disagree: the spans behind an agreement figure, one by one.

For the documents that count for the pair (each marked it done or has a span in it), every
span of one annotator without an exact twin (same start, end and label) in the other's
layer is a disagreement: "boundaries" when a same-label span of the other overlaps it
(listed once, with both versions), else "only" that annotator's.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from workbench.model import Span
from workbench.project import Project


@dataclass(frozen=True, slots=True)
class Disagreement:
    document_id: str
    label: str
    kind: str  # "boundaries", "only_a" or "only_b"
    a: Span | None
    b: Span | None

    @property
    def start(self) -> int:
        return min(s.start for s in (self.a, self.b) if s is not None)

    @property
    def end(self) -> int:
        return max(s.end for s in (self.a, self.b) if s is not None)


def counted_documents(project: Project, a: str, b: str) -> set[str]:
    """The documents each of the two marked done or has a span in."""
    active: dict[str, set[str]] = defaultdict(set)
    for doc_id, annotator in project.conn.execute(
        "SELECT DISTINCT document_id, annotator FROM spans WHERE annotator IN (?, ?) "
        "UNION SELECT document_id, annotator FROM annotator_statuses "
        "WHERE status = 'done' AND annotator IN (?, ?)",
        (a, b, a, b),
    ):
        active[annotator].add(doc_id)
    return active[a] & active[b]


def disagreements(
    project: Project, a: str, b: str, *, label: str | None = None
) -> list[Disagreement]:
    """The pair's disagreements in reading order (optionally on one label only)."""
    names = {lb.id: lb.name for lb in project.labels()}
    docs = counted_documents(project, a, b)
    mine: dict[tuple[str, int], list[Span]] = defaultdict(list)
    theirs: dict[tuple[str, int], list[Span]] = defaultdict(list)
    for span in project.spans():
        if span.document_id not in docs or (label and names[span.label_id] != label):
            continue
        if span.annotator == a:
            mine[(span.document_id, span.label_id)].append(span)
        elif span.annotator == b:
            theirs[(span.document_id, span.label_id)].append(span)
    found: list[Disagreement] = []
    order = {d: i for i, d in enumerate(project.document_ids())}
    for key in sorted(set(mine) | set(theirs), key=lambda k: (order[k[0]], k[1])):
        ours, others = mine.get(key, []), theirs.get(key, [])
        exact = {(s.start, s.end) for s in ours} & {(s.start, s.end) for s in others}
        ours = [s for s in ours if (s.start, s.end) not in exact]
        others = [s for s in others if (s.start, s.end) not in exact]
        paired: set[str] = set()
        for s in ours:
            twin = next((o for o in others if o.start < s.end and s.start < o.end), None)
            if twin is None:
                found.append(Disagreement(key[0], names[key[1]], "only_a", s, None))
            else:
                paired.add(twin.id)
                found.append(Disagreement(key[0], names[key[1]], "boundaries", s, twin))
        for o in others:
            if o.id not in paired:
                found.append(Disagreement(key[0], names[key[1]], "only_b", None, o))
    found.sort(key=lambda d: (order[d.document_id], d.start, d.end))
    return found
