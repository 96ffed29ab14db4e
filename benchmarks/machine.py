"""How this machine treats work that comes after a pause: the window's rows depend on it.

The same few milliseconds of plain Python (no Qt, no Workbench), timed back to back and a
second after the last work. On the shared machine these benchmarks run on, the second took
4-6× the first on 2026-12-03 (3 ms against 12-17 ms), with no page faults and nothing
else busy: an edit a person makes a second after the last pays that too, in any program.
"""

from __future__ import annotations

import statistics
import time
from typing import Any

RUNS = 9


def _work(kept: list[list[int]]) -> int:
    groups: dict[str, list[int]] = {}
    for i in range(20_000):
        groups.setdefault(str(i % 1000), []).append(i)
    return len(groups) + sum(row[500] for row in kept[::7])


def _timed(kept: list[list[int]], pause: float) -> float:
    """Median ms of the work, each run `pause` seconds after the last."""
    times = []
    for _ in range(RUNS):
        time.sleep(pause)
        started = time.perf_counter()
        _work(kept)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def machine_row(when: str) -> dict[str, Any]:
    kept = [list(range(1000)) for _ in range(2000)]  # objects a program holds (~60 MB)
    _work(kept)
    back_to_back = _timed(kept, 0.0)
    paused = _timed(kept, 1.0)
    return {
        "label": f"this machine, {when}: plain Python a second after the last work",
        "figure": paused,
        "floor": back_to_back,
        "unit": "ms",
        "no_target": True,
        "note": "floor: the same back to back",
    }
