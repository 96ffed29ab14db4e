"""Krippendorff's unitizing alpha (alpha_U, Krippendorff 1995) for one category.

Computed as DKPro Agreement's KrippendorffAlphaUnitizingAgreement does (the measure
INCEpTION reports), with interval arithmetic on numpy arrays instead of a walk over the
continuum. Each rater's units of the category must not overlap (merge them first:
`union_intervals`); a rater's continuum is cut into units and the gaps between them.

- Observed disagreement: for every pair of raters, every unit of one that overlaps a unit
  of the other adds (start difference)² + (end difference)²; a unit that lies in a gap of
  the other rater (overlaps none of their units) adds its length²; the sum is scaled by
  2 / (R (R-1) L²).
- Expected disagreement: over all units u of the category (all raters), with N units and
  the gaps g of all raters, Σ_u [(N-1)(2l³-3l²+l)/3 + l² Σ_{g≥l} (g-l+1)], times 2/L,
  divided by R·L·(R·L-1) - Σ_u l(l-1).
- alpha_U = 1 - observed / expected (None when nothing was marked: expected is 0).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Intervals = tuple[NDArray[np.int64], NDArray[np.int64]]  # starts, ends; sorted, disjoint


@dataclass(frozen=True, slots=True)
class UnitizingAlpha:
    observed: float
    expected: float

    @property
    def alpha(self) -> float | None:
        if self.expected == 0:
            return None
        return 1.0 - self.observed / self.expected


def union_intervals(starts: NDArray[np.int64], ends: NDArray[np.int64]) -> Intervals:
    """Sorted, disjoint intervals covering the same characters (touching ones stay apart)."""
    if len(starts) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    order = np.lexsort((ends, starts))
    s, e = starts[order].astype(np.int64), ends[order].astype(np.int64)
    reach = np.maximum.accumulate(e)
    # A new interval begins where the start is at or past everything before it.
    new = np.empty(len(s), dtype=bool)
    new[0] = True
    new[1:] = s[1:] >= reach[:-1]
    group = np.cumsum(new) - 1
    out_starts = s[new]
    out_ends = np.zeros(len(out_starts), np.int64)
    np.maximum.at(out_ends, group, e)
    return out_starts, out_ends


def _gaps(units: Intervals, begin: int, length: int) -> NDArray[np.int64]:
    starts, ends = units
    edges_start = np.concatenate(([begin], ends))
    edges_end = np.concatenate((starts, [begin + length]))
    gaps = edges_end - edges_start
    return gaps[gaps > 0]


def overlapping(a: Intervals, b: Intervals) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """For each unit of a: the index of the first unit of b that overlaps it, and how many."""
    first = np.searchsorted(b[1], a[0], side="right")
    last = np.searchsorted(b[0], a[1], side="left")
    return first, np.maximum(last - first, 0)


def intersection_length(a: Intervals, b: Intervals) -> int:
    """How many characters two sets of sorted, disjoint intervals share."""
    first, count = overlapping(a, b)
    if not count.sum():
        return 0
    idx_a = np.repeat(np.arange(len(a[0])), count)
    idx_b = np.repeat(first, count) + _ranks(count)
    return int(np.sum(np.minimum(a[1][idx_a], b[1][idx_b]) - np.maximum(a[0][idx_a], b[0][idx_b])))


def _ranks(count: NDArray[np.int64]) -> NDArray[np.int64]:
    """0, 1, ..., count[i]-1 for each i, concatenated."""
    return np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)


def _squares(units: Intervals, alone: NDArray[np.bool_]) -> float:
    """Σ length² of the units marked alone."""
    return float(np.sum((units[1][alone] - units[0][alone]).astype(np.float64) ** 2))


def _observed_pair(a: Intervals, b: Intervals) -> float:
    """The sum of distances between the segments of two raters: overlapping units by
    their boundary differences, a unit alone in the other's gap by its length²."""
    first, count = overlapping(a, b)
    idx_a = np.repeat(np.arange(len(a[0])), count)
    idx_b = np.repeat(first, count) + _ranks(count)
    b_overlapped = np.bincount(idx_b, minlength=len(b[0])) > 0
    total = _squares(a, count == 0) + _squares(b, ~b_overlapped)
    if len(idx_a):
        ds = (a[0][idx_a] - b[0][idx_b]).astype(np.float64)
        de = (a[1][idx_a] - b[1][idx_b]).astype(np.float64)
        total += float(np.sum(ds * ds + de * de))
    return total


def unitizing_alpha(raters: Sequence[Intervals], *, begin: int, length: int) -> UnitizingAlpha:
    """alpha_U of one category: each rater's units as disjoint sorted intervals in
    [begin, begin + length)."""
    r = len(raters)
    if r < 2 or length <= 0:
        return UnitizingAlpha(0.0, 0.0)
    big_l = float(length)
    observed = 0.0
    for i in range(r):
        for j in range(i + 1, r):
            observed += _observed_pair(raters[i], raters[j])
    observed = 2.0 * observed / (r * (r - 1) * big_l * big_l)

    lengths = np.concatenate([e - s for s, e in raters]).astype(np.float64)
    n_units = len(lengths)
    if n_units == 0:
        return UnitizingAlpha(observed, 0.0)
    gaps = np.sort(np.concatenate([_gaps(u, begin, length) for u in raters]).astype(np.float64))
    # Σ_{g ≥ l} (g - l + 1) = (sum of those gaps) - (l - 1)·(their count)
    suffix_sum = np.concatenate((np.cumsum(gaps[::-1])[::-1], [0.0]))
    first = np.searchsorted(gaps, lengths, side="left")
    count = len(gaps) - first
    gap_term = suffix_sum[first] - (lengths - 1.0) * count
    per_unit = (n_units - 1) * (
        2 * lengths**3 - 3 * lengths**2 + lengths
    ) / 3.0 + lengths**2 * gap_term
    squared = float(np.sum(lengths * (lengths - 1.0)))
    expected = float(np.sum(per_unit)) * 2.0 / big_l
    denominator = r * big_l * (r * big_l - 1.0) - squared
    return UnitizingAlpha(observed, expected / denominator if denominator else 0.0)
