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

from workbench.agreement_data import Array, Mask, TeamLayers, Track, load_spans
from workbench.errors import WorkbenchError
from workbench.project import Project
from workbench.unitizing import intersection_length, unitizing_alpha


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
    spans = load_spans(project)
    everyone = sorted(spans, key=lambda a: (-len(spans[a][0]), a))
    everyone += sorted(
        {a for (a,) in project.conn.execute("SELECT DISTINCT annotator FROM annotator_statuses")}
        - set(spans)
    )
    chosen = list(dict.fromkeys(annotators)) if annotators else everyone
    for name in chosen:
        if name not in everyone:
            raise WorkbenchError(
                f"The project has no annotator '{name}' (it has {', '.join(everyone) or 'none'})."
            )
    if len(chosen) < 2:
        raise WorkbenchError(
            "Agreement needs at least two annotators, and there "
            f"{'is only ' + chosen[0] if chosen else 'are none'}."
        )
    team = TeamLayers(project, chosen, label_names, spans=spans)
    all_docs = np.logical_and.reduce([team.active[a] for a in chosen])
    result = AgreementResult(chosen, label_names, len(team.doc_ids), int(all_docs.sum()))
    relations = _relation_keys(project, chosen, set(label_names))
    for a, b in itertools.combinations(chosen, 2):
        result.pairs.append(_pair(team, relations, a, b))
    all_chars = team.char_mask(all_docs)
    shift = np.cumsum(~all_chars, dtype=np.int64)  # characters left out up to each position
    for i, name in enumerate(label_names):
        result.label_alpha[name] = _label_alpha(team, i, all_docs, all_chars, shift)
    return result


def _overlap_hits(a: Track, b: Track) -> int:
    """How many of a's spans share a character with one of b's (b's union)."""
    starts, ends = b.union
    idx = np.searchsorted(ends, a.start, side="right")
    inside = idx < len(starts)
    return int(np.count_nonzero(starts[idx[inside]] < a.end[inside]))


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


def _pair(
    team: TeamLayers, relations: dict[str, set[tuple[str, str, str]]], a: str, b: str
) -> PairResult:
    docs = team.active[a] & team.active[b]
    every = bool(docs.all())
    n_chars = int(team.lengths[docs].sum())
    scores: dict[str, PairScores] = {}
    totals = np.zeros(5, np.int64)
    for i, name in enumerate(team.labels):
        ta, tb = team.tracks[(a, i)], team.tracks[(b, i)]
        if not every:
            ta, tb = ta.within(docs), tb.within(docs)
        matched = len(np.intersect1d(ta.keys, tb.keys, assume_unique=True))
        hits_a, hits_b = _overlap_hits(ta, tb), _overlap_hits(tb, ta)
        kappa = cohen_kappa(
            n_chars, ta.covered, tb.covered, intersection_length(ta.union, tb.union)
        )
        n_a, n_b = len(ta.start), len(tb.start)
        scores[name] = PairScores(
            _f1(matched, matched, n_a, n_b),
            _f1(hits_a, hits_b, n_a, n_b),
            kappa,
            n_a,
            n_b,
            matched,
            n_chars,
        )
        totals += (n_a, n_b, matched, hits_a, hits_b)
    n_a, n_b, matched, hits_a, hits_b = (int(x) for x in totals)
    overall = PairScores(
        _f1(matched, matched, n_a, n_b),
        _f1(hits_a, hits_b, n_a, n_b),
        None,
        n_a,
        n_b,
        matched,
        n_chars,
    )
    ra, rb = relations.get(a, set()), relations.get(b, set())
    if not every:
        doc_ids = {d for d, on in zip(team.doc_ids, docs, strict=True) if on}
        ra = {k for k in ra if k[0] in doc_ids and k[1] in doc_ids}
        rb = {k for k in rb if k[0] in doc_ids and k[1] in doc_ids}
    shared = len(ra & rb)
    return PairResult(
        (a, b),
        int(docs.sum()),
        scores,
        overall,
        _f1(shared, shared, len(ra), len(rb)),
        (len(ra), len(rb), shared),
    )


def _relation_keys(
    project: Project, annotators: Sequence[str], labels: set[str]
) -> dict[str, set[tuple[str, str, str]]]:
    """Each annotator's relations as (head document, tail document, the rest of the key:
    both spans' start, end and label, and the type); a relation belongs to the annotator
    of its head span."""
    out: dict[str, set[tuple[str, str, str]]] = {a: set() for a in annotators}
    label_ids = [lb.id for lb in project.labels() if lb.name in labels]
    wanted = ",".join("?" * len(label_ids))
    rows = project.conn.execute(
        "SELECT h.annotator, h.document_id, t.document_id, "
        "h.start || ' ' || h.end || ' ' || h.label_id || ' ' || t.start || ' ' || t.end "
        "|| ' ' || t.label_id || ' ' || r.type_id "
        "FROM relations r JOIN spans h ON h.id = r.head JOIN spans t ON t.id = r.tail "
        f"WHERE h.label_id IN ({wanted}) AND t.label_id IN ({wanted})",
        label_ids * 2,
    )
    for annotator, head_doc, tail_doc, rest in rows:
        if annotator in out:
            out[annotator].add((head_doc, tail_doc, rest))
    return out


def _label_alpha(team: TeamLayers, label: int, docs: Mask, chars: Mask, shift: Array) -> LabelAlpha:
    n_chars = int(chars.sum())
    r = len(team.annotators)
    if n_chars == 0:
        return LabelAlpha(None, None, 0)
    raters = [team.tracks[(a, label)].within(docs).union for a in team.annotators]
    # How many annotators cover each character (each one's union is disjoint).
    starts = np.concatenate([u[0] for u in raters])
    ends = np.concatenate([u[1] for u in raters])
    diff = np.bincount(starts, minlength=team.size + 1) - np.bincount(ends, minlength=team.size + 1)
    ones = np.cumsum(diff[:-1])[chars]
    alpha: float | None = None
    if 0 < int(ones.sum()) < r * n_chars:  # else nothing varies: undefined
        alpha = float(
            krippendorff.alpha(value_counts=_value_counts(ones, r), level_of_measurement="nominal")
        )
    # Unitizing alpha on the axis of the counted documents only.
    moved = [(s - shift[s], e - shift[e - 1]) for s, e in raters]
    alpha_u = unitizing_alpha(moved, begin=0, length=n_chars).alpha
    return LabelAlpha(alpha, alpha_u, n_chars)


def _value_counts(ones: Array, coders: int) -> Array:
    """Krippendorff's value counts (units × [0, 1]) of characters marked by `ones` of
    `coders` annotators each.

    A unit on which all m coders agree adds m to the coincidence of its value and nothing
    else, so all unanimous units of a value make one unit with their coders summed: the
    same alpha from far fewer rows (most characters are unanimous).
    """
    mixed = ones[(ones > 0) & (ones < coders)]
    unanimous = [
        [coders * int(np.count_nonzero(ones == 0)), 0],
        [0, coders * int(np.count_nonzero(ones == coders))],
    ]
    rows = [row for row in unanimous if sum(row)]
    return np.concatenate(
        (np.array(rows, np.int64).reshape(-1, 2), np.stack((coders - mixed, mixed), axis=1))
    )
