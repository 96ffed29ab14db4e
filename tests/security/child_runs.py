"""Helpers for the hostile-file tests: run the command in a child process, hash files.

A child process is what makes "finishes within seconds" and "memory stays under a
bound" testable: the test waits with a generous timeout instead of hanging, and the
child reports its own peak resident memory.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

# Generous: the work must take seconds, but the test machine may be busy.
CHILD_TIMEOUT_SECONDS = 60

# The peak is VmHWM from /proc, the high-water mark of this process's own memory: on
# Linux, getrusage's ru_maxrss of a child also counts the parent's memory at the fork.
_RUN_CLI = """
import re, sys
from pathlib import Path
from workbench.cli import main
code = main(sys.argv[1:])
sys.stderr.flush()
status = Path("/proc/self/status").read_text()
print("peak-rss-kib", re.search(r"VmHWM:\\s*(\\d+) kB", status).group(1), file=sys.stderr)
sys.exit(code)
"""


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    lines: list[str]  # stderr, without the peak-memory line
    peak_rss_mib: float


def run_cli(*args: str | Path) -> Run:
    """`workbench ARGS` in a child process; fails the test if it takes over a minute."""
    done = subprocess.run(
        [sys.executable, "-c", _RUN_CLI, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT_SECONDS,
        check=False,
    )
    lines = done.stderr.splitlines()
    peak = [line for line in lines if line.startswith("peak-rss-kib ")]
    assert peak, f"the child did not finish normally: {done.stderr[-2000:]}"
    rest = [line for line in lines if not line.startswith("peak-rss-kib ")]
    return Run(done.returncode, done.stdout, rest, int(peak[-1].split()[1]) / 1024)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def hashes(*paths: Path) -> dict[Path, str]:
    """Every file under `paths` (files or folders) with its hash."""
    found: dict[Path, str] = {}
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        found.update((f, sha256(f)) for f in files)
    return found


def assert_one_sentence_refusal(run: Run, *, names: str) -> None:
    """Exit status 1 and one line on stderr, naming the file."""
    assert run.returncode == 1, run.lines
    assert len(run.lines) == 1, run.lines
    assert run.lines[0].startswith("workbench: "), run.lines
    assert names in run.lines[0], run.lines
    assert "Traceback" not in run.lines[0]
