"""Start-up: a fresh process until the window's first paint, and until a CLI command's
modules are imported, against floors in the same run that are no code of the tool:
a bare QMainWindow with a QPlainTextEdit, and `python -c "import sqlite3, orjson"`.

Each figure is the best of several fresh processes (wall time around the process).
`python -X importtime -c "import workbench.cli"` names the slowest import in the note.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Any

RUNS = 5

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


def _best(argv: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return min(times)


def _slowest_import() -> str:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import workbench.cli"],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = []
    for line in done.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            rows.append((int(parts[1]), parts[2].strip()))
    top = [r for r in rows if not r[1].startswith("workbench")]
    us, name = max(top) if top else (0, "?")
    return f"slowest import outside workbench: {name} {us / 1000:.0f} ms"


def bench_startup(work: Path) -> list[dict[str, Any]]:
    from workbench.sample import build_sample

    sample = work / "sample.wbproj"
    build_sample(sample)
    ini = work / "window.ini"
    env_python = [sys.executable, "-c"]
    window = _best([*env_python, _WINDOW, str(sample), str(ini)])
    bare = _best([*env_python, _BARE_WINDOW, str(sample)])
    cli = _best([*env_python, "import workbench.cli"])
    floor = _best([*env_python, "import sqlite3, orjson"])
    return [
        {
            "label": "start-up to first paint, sample project",
            "figure": window,
            "floor": bare,
            "unit": "s",
            "note": "",
        },
        {
            "label": "CLI start-up (import workbench.cli)",
            "figure": cli,
            "floor": floor,
            "unit": "s",
            "note": _slowest_import(),
        },
    ]
