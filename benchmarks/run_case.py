"""Run one benchmark case in this process and print its rows as JSON (used by __main__).

Each case runs in its own process so its peak RSS is its own.
"""

from __future__ import annotations

import json
import os
import resource
import sys
from pathlib import Path
from typing import Any

from benchmarks.corpus import Size

# The offscreen platform's own screen is 800×800: the 1600×1000 window shrank to fit and its
# right-hand docks were laid out off the window. The same screen as under Xvfb instead.
OFFSCREEN = f"offscreen:configfile={Path(__file__).with_name('offscreen_screen.json')}"


def run(kind: str, size: Size, *, edits: int = 15) -> list[dict[str, Any]]:
    from benchmarks import core

    with core.scratch() as tmp:
        work = Path(tmp)
        if kind == "import":
            return [core.bench_import(size, work)]
        if kind == "export":
            return core.bench_export(size, work)
        if kind == "open":
            return [core.bench_open(size, work)]
        if kind == "pane":
            from benchmarks import pane

            return pane.bench_pane(size, work)
        if kind == "startup":
            from benchmarks import startup

            return startup.bench_startup(work)
        if kind == "window":
            from benchmarks import window

            return window.bench_window(size, work, edits=edits)
    raise SystemExit(f"unknown case {kind}")


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", OFFSCREEN)
    kind, documents, chars, spans = sys.argv[1], *map(int, sys.argv[2:5])
    edits = int(sys.argv[5]) if len(sys.argv) > 5 else 15
    rows = run(kind, Size(documents, chars, spans), edits=edits)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for row in rows:
        row.setdefault("rss_mb", rss_mb)  # a case may measure the tool's own elsewhere
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
