"""Inter-annotator agreement: per pair of annotators and label, and per label for all.

A document counts for a pair when each of the two marked it done or has a span in it;
for the all-annotator measures (alpha, alpha_U) when every chosen annotator did. Spans are
laid on one axis (the counted documents one after another), so every measure is interval
arithmetic on numpy arrays; nothing loops over characters in Python.

- exact_f1: 2·|A∩B| / (|A|+|B|), spans matched on (document, start, end, label);
- overlap_f1: harmonic mean of P (share of A's spans that share a character with a
  same-label span of B) and R (the same from B to A);
- kappa: Cohen's kappa over the characters, each 1 when inside a span of the label;
- alpha: Krippendorff's alpha (nominal, the `krippendorff` package) over those characters;
- alpha_u: Krippendorff's unitizing alpha (workbench.unitizing);
- relations: exact F1 of relations matched on (head span, tail span, type), both spans
  matched exactly, across documents too.
A measure with nothing to measure (no span on either side) is None.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

import krippendorff
import numpy as np
from numpy.typing import NDArray

from workbench.annotator_status import annotators as project_annotators
from workbench.errors import WorkbenchError
from workbench.project import Project
from workbench.unitizing import union_intervals, unitizing_alpha

Array = NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class PairScores:
    """One pair's agreement on one label (or on all labels)."""

    exact_f1: float | None
    overlap_f1: float | None
    kappa: float | None
    spans_a: int
    spans_b: int
    matched: int  # exact matches
    characters: int  # the units of kappa


@dataclass(frozen=True, slots=True)
class PairResult:
    annotators: tuple[str, str]
    documents: int
    labels: dict[str, PairScores]
    all: PairScores
    relations_f1: float | None
    relations: tuple[int, int, int]  # A's, B's, matched


@dataclass(frozen=True, slots=True)
class LabelAlpha:
    alpha: float | None
    alpha_u: float | None
    characters: int


@dataclass(slots=True)
class AgreementResult:
    annotators: list[str]
    labels: list[str]
    documents: int  # in the project
    documents_all: int  # counted for every annotator (alpha, alpha_U)
    pairs: list[PairResult] = field(default_factory=list)
    label_alpha: dict[str, LabelAlpha] = field(default_factory=dict)


@dataclass(slots=True)
class _Layer:
    """One annotator's spans on the global axis."""

    start: Array
    end: Array
    label: Array
    doc: Array
    active: NDArray[np.bool_]  # per document


class _Corpus:
    """Documents on one axis and every annotator's layer, loaded once."""

    def __init__(self, project: Project, annotators: Sequence[str], labels: Sequence[str]):
        self.doc_ids = project.document_ids()
        index = {d: i for i, d in enumerate(self.doc_ids)}
        lengths = [len(t) for (t,) in project.conn.execute(
            "SELECT text FROM documents ORDER BY rowid")]
        self.lengths = np.array(lengths, np.int64)
        self.offsets = np.concatenate(([0], np.cumsum(self.lengths)))[:-1]
        label_ids = {lb.name: lb.id for lb in project.labels()}
        self.label_index = {label_ids[name]: i for i, name in enumerate(labels)}
        self.layers: dict[str, _Layer] = {}
        wanted = set(annotators)
        rows: dict[str, list[tuple[int, int, int, int]]] = {a: [] for a in annotators}
        active = {a: np.zeros(len(self.doc_ids), bool) for a in annotators}
        for doc_id, start, end, label_id, annotator in project.conn.execute(
                "SELECT document_id, start, end, label_id, annotator FROM spans"):
            if annotator in wanted:
                # A span of a label left out still makes the document count.
                active[annotator][index[doc_id]] = True
                if label_id in self.label_index:
                    rows[annotator].append(
                        (index[doc_id], start, end, self.label_index[label_id]))
        for doc_id, annotator in project.conn.execute(
                "SELECT document_id, annotator FROM annotator_statuses WHERE status = 'done'"):
            if annotator in wanted:
                active[annotator][index[doc_id]] = True
        for annotator in annotators:
            data = np.array(rows[annotator], np.int64).reshape(-1, 4)
            doc = data[:, 0]
            self.layers[annotator] = _Layer(
                self.offsets[doc] + data[:, 1], self.offsets[doc] + data[:, 2], data[:, 3],
                doc, active[annotator])

    def char_mask(self, docs: NDArray[np.bool_]) -> NDArray[np.bool_]:
        return np.repeat(docs, self.lengths)

    @property
    def size(self) -> int:
        return int(self.lengths.sum())


def compute_agreement(
    project: Project,
    *,
    annotators: Collection[str] | None = None,
    labels: Collection[str] | None = None,
) -> AgreementResult:
    """Agreement of the annotators (default: everyone with spans) on the labels (default: all)."""
    known_labels = [lb.name for lb in project.labels()]
    for name in labels or ():
        if name not in known_labels:
            raise WorkbenchError(f"The project has no label '{name}'.")
    label_names = [n for n in known_labels if not labels or n in labels]
    everyone = project_annotators(project)
    chosen = list(dict.fromkeys(annotators)) if annotators else everyone
    for name in chosen:
        if name not in everyone:
            raise WorkbenchError(f"The project has no annotator '{name}' (it has "
                                 f"{', '.join(everyone) or 'none'}).")
    if len(chosen) < 2:
        raise WorkbenchError("Agreement needs at least two annotators; the project has "
                             f"{', '.join(chosen) or 'none'}.")
    corpus = _Corpus(project, chosen, label_names)
    all_docs = np.logical_and.reduce([corpus.layers[a].active for a in chosen])
    result = AgreementResult(chosen, label_names, len(corpus.doc_ids), int(all_docs.sum()))
    relations = _relation_keys(project, chosen, set(label_names))
    for a, b in itertools.combinations(chosen, 2):
        result.pairs.append(_pair(corpus, relations, a, b, label_names))
    all_chars = corpus.char_mask(all_docs)
    for i, name in enumerate(label_names):
        result.label_alpha[name] = _label_alpha(corpus, chosen, i, all_docs, all_chars)
    return result


def _covered(starts: Array, ends: Array) -> int:
    """How many characters the intervals cover together."""
    u_starts, u_ends = union_intervals(starts, ends)
    return int((u_ends - u_starts).sum())


def _keys(layer: _Layer, pick: NDArray[np.bool_], n_labels: int, size: int) -> Array:
    """One integer per span: (start, end, label) on the axis."""
    return (layer.start[pick] * (size + 1) + layer.end[pick]) * n_labels + layer.label[pick]


def _overlap_hits(a: _Layer, pa: NDArray[np.bool_], b: _Layer, pb: NDArray[np.bool_]) -> int:
    """How many of a's picked spans share a character with a same-label picked span of b."""
    hits = 0
    for label in np.unique(a.label[pa]):
        sa = pa & (a.label == label)
        sb = pb & (b.label == label)
        starts, ends = union_intervals(b.start[sb], b.end[sb])
        idx = np.searchsorted(ends, a.start[sa], side="right")
        inside = idx < len(starts)
        hit = np.zeros(len(idx), bool)
        hit[inside] = starts[idx[inside]] < a.end[sa][inside]
        hits += int(hit.sum())
    return hits


def _f1(tp_a: int, tp_b: int, n_a: int, n_b: int) -> float | None:
    if n_a + n_b == 0:
        return None
    if n_a == 0 or n_b == 0:
        return 0.0
    p, r = tp_a / n_a, tp_b / n_b
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def cohen_kappa(n: int, a: int, b: int, both: int) -> float | None:
    """Cohen's kappa of two binary codings of n units: a and b ones, both ones in common."""
    if n == 0:
        return None
    agree = (n - a - b + 2 * both) / n
    pa, pb = a / n, b / n
    chance = pa * pb + (1 - pa) * (1 - pb)
    if chance == 1.0:
        return None  # both coded every unit alike (all 0 or all 1): undefined
    return (agree - chance) / (1 - chance)


def _pair(corpus: _Corpus, relations: dict[str, set[tuple[object, ...]]], a: str, b: str,
          labels: Sequence[str]) -> PairResult:
    la, lb = corpus.layers[a], corpus.layers[b]
    docs = la.active & lb.active
    pa, pb = docs[la.doc], docs[lb.doc]
    n_chars = int(corpus.lengths[docs].sum())
    scores: dict[str, PairScores] = {}
    totals = np.zeros(5, np.int64)
    for i, name in enumerate(labels):
        sa, sb = pa & (la.label == i), pb & (lb.label == i)
        ka = _keys(la, sa, len(labels), corpus.size)
        kb = _keys(lb, sb, len(labels), corpus.size)
        matched = len(np.intersect1d(ka, kb))
        hits_a, hits_b = _overlap_hits(la, sa, lb, sb), _overlap_hits(lb, sb, la, sa)
        cover_a, cover_b = _covered(la.start[sa], la.end[sa]), _covered(lb.start[sb], lb.end[sb])
        cover_either = _covered(np.concatenate((la.start[sa], lb.start[sb])),
                                np.concatenate((la.end[sa], lb.end[sb])))
        kappa = cohen_kappa(n_chars, cover_a, cover_b, cover_a + cover_b - cover_either)
        n_a, n_b = int(sa.sum()), int(sb.sum())
        scores[name] = PairScores(_f1(matched, matched, n_a, n_b),
                                  _f1(hits_a, hits_b, n_a, n_b), kappa, n_a, n_b, matched,
                                  n_chars)
        totals += (n_a, n_b, matched, hits_a, hits_b)
    n_a, n_b, matched, hits_a, hits_b = (int(x) for x in totals)
    overall = PairScores(_f1(matched, matched, n_a, n_b), _f1(hits_a, hits_b, n_a, n_b), None,
                         n_a, n_b, matched, n_chars)
    doc_ids = {d for d, on in zip(corpus.doc_ids, docs, strict=True) if on}
    ra = {k for k in relations.get(a, set()) if k[0] in doc_ids and k[4] in doc_ids}
    rb = {k for k in relations.get(b, set()) if k[0] in doc_ids and k[4] in doc_ids}
    shared = len(ra & rb)
    return PairResult((a, b), int(docs.sum()), scores, overall,
                      _f1(shared, shared, len(ra), len(rb)), (len(ra), len(rb), shared))


def _relation_keys(project: Project, annotators: Sequence[str],
                   labels: set[str]) -> dict[str, set[tuple[object, ...]]]:
    """Each annotator's relations as (head doc, start, end, label, tail doc, ..., type);
    a relation belongs to the annotator of its head span."""
    out: dict[str, set[tuple[object, ...]]] = {a: set() for a in annotators}
    rows = project.conn.execute(
        "SELECT h.annotator, h.document_id, h.start, h.end, hl.name, "
        "t.document_id, t.start, t.end, tl.name, rt.name "
        "FROM relations r JOIN spans h ON h.id = r.head JOIN spans t ON t.id = r.tail "
        "JOIN labels hl ON hl.id = h.label_id JOIN labels tl ON tl.id = t.label_id "
        "JOIN relation_types rt ON rt.id = r.type_id")
    for annotator, *key in rows:
        if annotator in out and key[3] in labels and key[7] in labels:
            out[annotator].add(tuple(key))
    return out


def _label_alpha(corpus: _Corpus, annotators: Sequence[str], label: int,
                 docs: NDArray[np.bool_], chars: NDArray[np.bool_]) -> LabelAlpha:
    n_chars = int(chars.sum())
    if n_chars == 0:
        return LabelAlpha(None, None, 0)
    raters = []
    for a in annotators:
        layer = corpus.layers[a]
        pick = (layer.label == label) & docs[layer.doc]
        raters.append(union_intervals(layer.start[pick], layer.end[pick]))
    # How many annotators cover each character (their unions are disjoint).
    starts = np.concatenate([r[0] for r in raters])
    ends = np.concatenate([r[1] for r in raters])
    diff = np.bincount(starts, minlength=corpus.size + 1) - \
        np.bincount(ends, minlength=corpus.size + 1)
    ones = np.cumsum(diff[:-1])[chars]
    alpha: float | None = None
    if 0 < int(ones.sum()) < len(annotators) * n_chars:  # else nothing varies: undefined
        value_counts = np.stack((len(annotators) - ones, ones), axis=1)
        alpha = float(krippendorff.alpha(value_counts=value_counts,
                                         level_of_measurement="nominal"))
    # Unitizing alpha on the axis of the counted documents only.
    shift = np.cumsum(~chars)  # characters dropped up to each position
    moved = [(s - shift[s], e - shift[e - 1]) for s, e in raters]
    alpha_u = unitizing_alpha(moved, begin=0, length=n_chars).alpha
    return LabelAlpha(alpha, alpha_u, n_chars)
