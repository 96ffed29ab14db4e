"""Kill an editing process with SIGKILL at random moments; check the file after each kill.

Used by tests/reliability/test_crash.py (a few kills) and `make bench` (many).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from workbench.project import Project

CHILD = Path(__file__).with_name("crash_child.py")


@dataclass
class CrashStats:
    kills: int = 0
    edits: int = 0  # committed edits the children reported
    verified: int = 0  # span states checked against the file after the kills
    problems: list[str] = field(default_factory=list)


def make_project(path: Path) -> None:
    """A project with one article of about 20,000 characters."""
    words = [
        "officials",
        "said",
        "troops",
        "crossed",
        "the",
        "border",
        "while",
        "ministers",
        "denied",
        "it",
    ]
    rng = random.Random(0)
    text = "\n\n".join(" ".join(rng.choices(words, k=80)) + "." for _ in range(40))
    with Project.create(path) as project:
        project.add_document(text, title="Crash test")


def _read_lines(stream: object, sink: list[str]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        sink.append(line)


def run_kills(
    path: Path, *, kills: int, seed: int = 1, min_s: float = 0.05, max_s: float = 0.6
) -> CrashStats:
    """Start the child `kills` times on `path`, SIGKILL it after a random delay, verify."""
    import threading

    rng = random.Random(seed)
    stats = CrashStats()
    expected: dict[str, int | None] = {}  # span id -> label id, or None when deleted
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUNBUFFERED": "1"}
    for round_ in range(kills):
        child = subprocess.Popen(
            [sys.executable, str(CHILD), str(path), str(seed * 100_000 + round_)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        lines: list[str] = []
        reader = threading.Thread(target=_read_lines, args=(child.stdout, lines), daemon=True)
        reader.start()
        deadline = time.monotonic() + 30
        while not lines and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        if child.poll() is not None:
            reader.join(timeout=5)
            stats.problems.append(f"child exited early: {_close(child)[-500:]}")
            break
        time.sleep(rng.uniform(min_s, max_s))
        child.send_signal(signal.SIGKILL)
        child.wait()
        reader.join(timeout=5)
        _close(child)
        stats.kills += 1
        pending = _apply(lines, expected, stats)
        problems = verify(path, expected, pending)
        stats.verified += len(expected)
        stats.problems += [f"after kill {round_ + 1}: {p}" for p in problems]
        if problems:
            break
    return stats


def _close(child: subprocess.Popen[str]) -> str:
    """Close the child's pipes; returns what it wrote to stderr."""
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()
    err = child.stderr.read()
    child.stderr.close()
    return err


def _apply(
    lines: list[str], expected: dict[str, int | None], stats: CrashStats
) -> tuple[str, int | None] | None:
    """Fold complete `C` lines into `expected`; return the edit in flight, if any."""
    pending: tuple[str, int | None] | None = None
    for line in lines:
        if not line.endswith("\n"):
            break  # cut by the kill: not reported
        kind, *rest = line.split()
        if kind == "I":
            pending = (rest[0], None if rest[1] == "-" else int(rest[1]))
        elif kind == "C":
            expected[rest[0]] = None if rest[1] == "-" else int(rest[1])
            stats.edits += 1
            pending = None
    return pending


def verify(
    path: Path, expected: dict[str, int | None], pending: tuple[str, int | None] | None
) -> list[str]:
    """What is wrong with the file, given the committed states and the edit in flight."""
    problems = []
    with Project.open(path) as project:
        check = project.conn.execute("PRAGMA integrity_check").fetchall()
        if check != [("ok",)]:
            problems.append(f"integrity_check: {check[:3]}")
        if project.conn.execute("PRAGMA foreign_key_check").fetchall():
            problems.append("foreign_key_check failed")
        stored = {s.id: s.label_id for s in project.spans()}
    for span_id, state in expected.items():
        actual = stored.get(span_id)
        if actual == state:
            continue
        if pending is not None and pending[0] == span_id and actual == pending[1]:
            expected[span_id] = actual  # the edit in flight committed; it is now the truth
            continue
        problems.append(f"span {span_id}: expected {state}, file has {actual}")
    unknown = [i for i in stored if i not in expected]
    if pending is not None and pending[0] == "-" and len(unknown) == 1:
        expected[unknown[0]] = stored[unknown[0]]  # an add committed just before the kill
        unknown = []
    if unknown:
        problems.append(f"{len(unknown)} spans nobody reported: {unknown[:3]}")
    return problems
