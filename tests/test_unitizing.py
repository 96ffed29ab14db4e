"""Krippendorff's unitizing alpha: the published example and a literal walk on random data."""

from __future__ import annotations

import random

import numpy as np
import pytest

from workbench.unitizing import Intervals, union_intervals, unitizing_alpha


def _units(*pairs: tuple[int, int]) -> Intervals:
    """Units given as (begin, length), as in Krippendorff's and DKPro's examples."""
    return (
        np.array([b for b, _ in pairs], np.int64),
        np.array([b + n for b, n in pairs], np.int64),
    )


def test_krippendorffs_example_gives_the_published_values() -> None:
    # Krippendorff (2004), "Measuring the reliability of qualitative text analysis data",
    # two observers on a continuum 150-450; DKPro's test expects D_o = 0.0144,
    # D_e = 0.0532 and alpha = 0.7285 for category c, alpha = 1 for category k.
    c_i = _units((225, 70), (370, 30))
    c_j = _units((220, 80), (355, 20), (400, 20))
    result = unitizing_alpha([c_i, c_j], begin=150, length=300)
    assert result.observed == pytest.approx(0.0144, abs=1e-4)
    assert result.expected == pytest.approx(0.0532, abs=1e-4)
    assert result.alpha == pytest.approx(0.7285, abs=2e-4)
    k = _units((180, 60), (300, 50))
    same = unitizing_alpha([k, k], begin=150, length=300)
    assert same.expected == pytest.approx(0.0490, abs=1e-4)
    assert same.alpha == 1.0


def test_nothing_marked_is_undefined() -> None:
    empty = _units()
    assert unitizing_alpha([empty, empty], begin=0, length=10).alpha is None


def test_union_merges_overlaps_but_keeps_touching_units_apart() -> None:
    starts, ends = union_intervals(np.array([0, 2, 5, 9]), np.array([4, 5, 8, 12]))
    assert list(zip(starts.tolist(), ends.tolist(), strict=True)) == [(0, 5), (5, 8), (9, 12)]


def _segments(units: list[tuple[int, int]], length: int) -> list[tuple[int, int, bool]]:
    """A rater's continuum cut into units (True) and gaps (False), in order."""
    out, pos = [], 0
    for b, e in units:
        if b > pos:
            out.append((pos, b, False))
        out.append((b, e, True))
        pos = e
    if pos < length:
        out.append((pos, length, False))
    return out


def _slow_alpha(raters: list[list[tuple[int, int]]], length: int) -> float | None:
    """Krippendorff 1995 written out pair of segments by pair of segments."""
    r = len(raters)
    observed = 0.0
    for i in range(r):
        for j in range(i + 1, r):
            for b1, e1, u1 in _segments(raters[i], length):
                for b2, e2, u2 in _segments(raters[j], length):
                    if not (b1 < e2 and b2 < e1):
                        continue
                    if u1 and u2:
                        observed += (b1 - b2) ** 2 + (e1 - e2) ** 2
                    elif u1 and b2 <= b1 and e1 <= e2:
                        observed += (e1 - b1) ** 2
                    elif u2 and b1 <= b2 and e2 <= e1:
                        observed += (e2 - b2) ** 2
    observed *= 2 / (r * (r - 1) * length**2)
    units = [e - b for rater in raters for b, e in rater]
    gaps = [e - b for rater in raters for b, e, u in _segments(rater, length) if not u]
    n = len(units)
    total = 0.0
    for ln in units:
        total += (n - 1) * (2 * ln**3 - 3 * ln**2 + ln) / 3
        total += ln**2 * sum(g - ln + 1 for g in gaps if g >= ln)
    squares = sum(u * (u - 1) for u in units)
    expected = total * 2 / length / (r * length * (r * length - 1) - squares)
    return None if expected == 0 else 1 - observed / expected


def _random_rater(rng: random.Random, length: int) -> list[tuple[int, int]]:
    units, pos = [], 0
    while pos < length - 1:
        b = pos + rng.randint(0, 12)
        e = b + rng.randint(1, 15)
        if e > length:
            break
        units.append((b, e))
        pos = e
    return units


@pytest.mark.parametrize("seed", range(10))
def test_the_vectorised_alpha_equals_the_literal_walk(seed: int) -> None:
    rng = random.Random(seed)
    length = rng.randint(30, 120)
    raters = [_random_rater(rng, length) for _ in range(rng.randint(2, 4))]
    arrays = [_units(*[(b, e - b) for b, e in rater]) for rater in raters]
    fast = unitizing_alpha(arrays, begin=0, length=length).alpha
    slow = _slow_alpha(raters, length)
    assert fast == pytest.approx(slow)
