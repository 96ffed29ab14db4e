"""Start-up: fresh processes, against floors in the same run that are no code of the tool.

- the window until its first paint, against a bare QMainWindow with a QPlainTextEdit;
- `import workbench.cli`, and the whole `workbench import` / `workbench export` of one
  generated article (25k code points, 300 spans, native JSONL) as a person runs them,
  against `python -c "import sqlite3, orjson"` (Label Studio's server took 0.25-0.36 s to
  import and 0.07-0.08 s to export such a document: issue 13).

Tool and floor processes run in turn (tool, floor, tool, floor...), so a change in the
machine's load falls on both; each figure is the best run, the note gives the medians.
The children write and read their bytecode in a cache of their own (this environment sets
PYTHONDONTWRITEBYTECODE, which would make every process compile every module again),
warmed by one run of each before timing.
`python -X importtime -c "import workbench.cli"` names the slowest import in the note.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

RUNS = 5  # the window: ~0.5 s a run
CLI_RUNS = 11  # a command: ~0.1 s a run
DOCUMENT = (1, 25_000, 300)  # documents, code points, spans
# The `workbench` console script, but importing the checked-out tree (as `-c` puts the
# working folder first on sys.path), not whichever one is installed.
_WORKBENCH = "import sys; from workbench.cli import main; sys.exit(main())"

_WINDOW = """
import os, sys
from pathlib import Path
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from workbench.config import Config
from workbench.ui.pane.article_pane import ArticlePane
from workbench.ui.window.main_window import MainWindow, open_controller
from workbench.ui.shared.window_settings import WindowSettings
app = QApplication([])
painted = []
original = ArticlePane.paint_marks
def probe(pane, event):
    original(pane, event)
    painted.append(1)
ArticlePane.paint_marks = probe
config = Config()
config.annotator = "bench"
settings = WindowSettings(QSettings(sys.argv[2], QSettings.Format.IniFormat))
window = MainWindow(open_controller(Path(sys.argv[1]), config), settings, config)
window.resize(1400, 900)
window.show()
project = window.controller.project
window.open_document(project.document_ids()[0])
while not painted:
    app.processEvents()
os._exit(0)
"""

_BARE_WINDOW = """
import os, sqlite3, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit
app = QApplication([])
painted = []
class View(QPlainTextEdit):
    def paintEvent(self, event):
        super().paintEvent(event)
        painted.append(1)
conn = sqlite3.connect(sys.argv[1])
(text,) = conn.execute("SELECT text FROM documents ORDER BY rowid LIMIT 1").fetchone()
window = QMainWindow()
view = View()
view.setPlainText(text)
window.setCentralWidget(view)
window.resize(1400, 900)
window.show()
while not painted:
    app.processEvents()
os._exit(0)
"""


class _Run:
    """A command to time, and what to do before each run (outside the timing)."""

    def __init__(
        self, argv: list[str], env: dict[str, str], before: Callable[[], None] | None = None
    ) -> None:
        self.argv, self.env, self.before = argv, env, before
        self.times: list[float] = []

    def once(self) -> None:
        if self.before is not None:
            self.before()
        started = time.perf_counter()
        subprocess.run(self.argv, check=True, capture_output=True, env=self.env)
        self.times.append(time.perf_counter() - started)


def _in_turn(runs: list[_Run], rounds: int) -> None:
    """Each run once to warm the bytecode cache, then `rounds` rounds of all in turn."""
    for run in runs:
        run.once()
        run.times.clear()
    for _ in range(rounds):
        for run in runs:
            run.once()


def _child_env(cache: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    return env


def _slowest_import(env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import workbench.cli"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    rows = []
    for line in done.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            rows.append((int(parts[1]), parts[2].strip()))
    top = [r for r in rows if not r[1].startswith("workbench")]
    us, name = max(top) if top else (0, "?")
    return f"slowest import outside workbench: {name} {us / 1000:.0f} ms"


def _row(label: str, tool: _Run, floor: _Run, note: str = "") -> dict[str, Any]:
    medians = f"medians {statistics.median(tool.times) * 1000:.0f} / "
    medians += f"{statistics.median(floor.times) * 1000:.0f} ms"
    return {
        "label": label,
        "figure": min(tool.times),
        "floor": min(floor.times),
        "unit": "s",
        "note": f"{note}; {medians}" if note else medians,
    }


def bench_startup(work: Path) -> list[dict[str, Any]]:
    from benchmarks.corpus import LABELS, Size, write_jsonl
    from workbench.project import Project
    from workbench.sample import build_sample

    env = _child_env(work / "pycache")
    python = [sys.executable, "-c"]

    sample = work / "sample.wbproj"
    build_sample(sample)
    ini = work / "window.ini"
    window = _Run([*python, _WINDOW, str(sample), str(ini)], env)
    bare = _Run([*python, _BARE_WINDOW, str(sample)], env)
    _in_turn([window, bare], RUNS)

    size = Size(*DOCUMENT)
    document = work / "article.jsonl"
    nbytes = write_jsonl(size, document)
    empty = work / "empty.wbproj"
    Project.create(empty, labels=list(LABELS)).close()
    target = work / "imported.wbproj"

    def fresh_target() -> None:
        for leftover in (Path(f"{target}-wal"), Path(f"{target}-shm")):
            leftover.unlink(missing_ok=True)
        shutil.copyfile(empty, target)

    exported = work / "exported.jsonl"
    floor = _Run([*python, "import sqlite3, orjson"], env)
    cli = _Run([*python, "import workbench.cli"], env)
    cli_import = _Run(
        [*python, _WORKBENCH, "import", str(target), str(document)], env, fresh_target
    )
    # Exports what the run before it imported: the same document every time.
    cli_export = _Run([*python, _WORKBENCH, "export", str(target), "-o", str(exported)], env)
    _in_turn([floor, cli, cli_import, cli_export], CLI_RUNS)

    what = f"{size.name}, {nbytes / 1000:.0f} kB JSONL"
    return [
        _row("start-up to first paint, sample project", window, bare),
        _row("CLI start-up (import workbench.cli)", cli, floor, _slowest_import(env)),
        _row(f"CLI import, whole process ({what})", cli_import, floor, "Label Studio 0.25-0.36 s"),
        _row(f"CLI export, whole process ({what})", cli_export, floor, "Label Studio 0.07-0.08 s"),
    ]
