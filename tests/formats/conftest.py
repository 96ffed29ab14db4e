"""A project with the hard cases every interchange format must carry.

Characters outside the Basic Multilingual Plane (an emoji, U+20000) before spans,
overlapping and nested spans, a span across a line break, a note, relations, a
span that cuts through a token, and a document without spans.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from workbench.exporter import export_project
from workbench.importer import import_paths
from workbench.project import Project

TEXT_1 = (
    "😀 Kim Jong Un said 𠀀 that 12,000 troops were sent.\n"
    "Seoul denied it; “no troops” 🇰🇷 went, said Lee."
)
TEXT_2 = "Reports from 𠀀 Pyongyang's state media claim 3 divisions 😀 moved."
TEXT_3 = "A document with no annotations at all."

# (document, text of the span, occurrence, label, note)
SPANS = [
    (1, "Kim Jong Un", 0, "source", "the leader 😀"),
    (1, "12,000 troops were sent", 0, "claim", ""),
    (1, "12,000 troops", 0, "figure", ""),
    (1, "12,000", 0, "figure", "nested"),
    (1, "sent.\nSeoul", 0, "claim", "crosses a line"),
    (1, "Seoul denied it", 0, "denial", ""),
    (1, "no troops", 0, "claim", ""),
    (1, "Lee", 0, "source", ""),
    (2, "Pyongyang", 0, "source", ""),
    (2, "3 division", 0, "figure", ""),  # ends inside the token "divisions"
]
# (head span index, tail span index, relation type)
RELATIONS = [(5, 0, "denies"), (1, 0, "attributed_to"), (6, 7, "attributed_to")]


def find(text: str, piece: str, occurrence: int = 0) -> int:
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(piece, at + 1)
    return at


@pytest.fixture
def annotated() -> Iterator[Project]:
    p = Project.memory()
    docs = [
        p.add_document(
            t, title=f"Doc {i}", source=f"doc{i}.txt", meta={"outlet": f"o{i}"}, id=f"doc-{i}"
        ).id
        for i, t in enumerate((TEXT_1, TEXT_2, TEXT_3), start=1)
    ]
    texts = {1: TEXT_1, 2: TEXT_2}
    labels = {lb.name: lb.id for lb in p.labels()}
    span_ids = []
    for doc, piece, occurrence, label, note in SPANS:
        start = find(texts[doc], piece, occurrence)
        span = p.add_span(
            docs[doc - 1], start, start + len(piece), labels[label], annotator="ana", note=note
        )
        span_ids.append(span.id)
    types = {t.name: t.id for t in p.relation_types()}
    for head, tail, name in RELATIONS:
        p.add_relation(span_ids[head], span_ids[tail], types[name])
    yield p
    p.close()


def spans_of(project: Project, *, notes: bool = True) -> set[tuple[str, int, int, str, str]]:
    """Every span as (document text, start, end, label, note)."""
    labels = {lb.id: lb.name for lb in project.labels()}
    return {
        (
            project.document(s.document_id).text,
            s.start,
            s.end,
            labels[s.label_id],
            s.note if notes else "",
        )
        for s in project.spans()
    }


def relations_of(project: Project) -> set[tuple[str, str, str]]:
    """Every relation as (head text, tail text, type)."""
    types = {t.id: t.name for t in project.relation_types()}

    def covered(span_id: str) -> str:
        s = project.span(span_id)
        return project.document(s.document_id).text[s.start : s.end]

    return {(covered(r.head), covered(r.tail), types[r.type_id]) for r in project.relations()}


def texts_of(project: Project) -> set[str]:
    return {project.document(d).text for d in project.document_ids()}


def reimport(
    source: Project, fmt: str, tmp_path: Path, name: str, *, inside: str = "", forced: bool = True
) -> Project:
    """Export `source` in `fmt` and import the result (or `inside` it) into a new project."""
    out = tmp_path / name
    export_project(source, out, format=fmt)
    target = Project.memory(labels=[])
    import_paths(
        target,
        [out / inside if inside else out],
        format=fmt if forced else None,
        annotator="importer",
    )
    return target
