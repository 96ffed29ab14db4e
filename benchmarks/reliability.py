"""The crash and fuzz runs of `make bench`, as table rows (harnesses live in tests/reliability)."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "reliability"))

from crash_harness import make_project, run_kills  # noqa: E402
from fuzzing import fuzz, importable  # noqa: E402


def crash_rows(*, kills: int) -> list[list[str]]:
    with tempfile.TemporaryDirectory(prefix="wb-crash-") as tmp:
        path = Path(tmp) / "crash.wbproj"
        make_project(path)
        started = time.perf_counter()
        stats = run_kills(path, kills=kills, seed=int(time.time()))
        took = time.perf_counter() - started
    problem = stats.problems[0][:60] if stats.problems else ""
    return [
        [
            f"crash: SIGKILL × {stats.kills}",
            f"{stats.edits:,} edits reported, {stats.verified:,} states checked",
            "",
            "",
            "0 lost, integrity ok",
            "✓" if not stats.problems else "✗",
            problem or f"{took:.0f} s",
        ]
    ]


def fuzz_rows(*, inputs: int) -> list[list[str]]:
    rows = []
    for name in importable():
        started = time.perf_counter()
        stats = fuzz(name, inputs=inputs, seed=int(time.time()))
        took = time.perf_counter() - started
        rows.append(
            [
                f"fuzz {name}",
                f"{stats.inputs:,} inputs: {stats.imported:,} imported, {stats.refused:,} refused",
                "",
                "",
                "0 tracebacks, 0 half imports",
                "✓" if not stats.failures else "✗",
                stats.failures[0][:80] if stats.failures else f"{took:.0f} s",
            ]
        )
    return rows
