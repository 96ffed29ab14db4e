"""Real X key events (xdotool under Xvfb with openbox) reach the window's actions.

The offscreen platform maps keys differently from X11: Redo once passed there and did
nothing on a desktop. Here the window runs on xcb in a subprocess and every key is a
real X event; the project file is the witness.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.ui.x_display import x_display, xdotool
from workbench.sample import build_sample
from workbench.ui.window.app import SHOWN_LINE

WAIT_S = 30.0


def spans_in(path: Path) -> list[tuple[int, int, str]]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        rows = db.execute(
            "SELECT s.start, s.end, l.name FROM spans s JOIN labels l ON l.id = s.label_id"
        ).fetchall()
    return sorted(rows)


def wait_for_spans(path: Path, expected: list[tuple[int, int, str]], after: str) -> None:
    deadline = time.monotonic() + WAIT_S
    seen = spans_in(path)
    while seen != expected and time.monotonic() < deadline:
        time.sleep(0.1)
        seen = spans_in(path)
    assert seen == expected, f"after {after}: {seen}"


def test_undo_redo_tagging_and_span_edges_with_real_key_events(tmp_path: Path) -> None:
    project = tmp_path / "sample.wbproj"
    build_sample(project)
    with x_display(1366, 768) as display:
        env = dict(
            os.environ,
            DISPLAY=display,
            QT_QPA_PLATFORM="xcb",
            WORKBENCH_CONFIG_DIR=str(tmp_path / "config"),
            WORKBENCH_DATA_DIR=str(tmp_path / "data"),
        )
        window = subprocess.Popen(
            [sys.executable, "-m", "workbench.ui.window.app", str(project)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            assert window.stdout is not None
            assert window.stdout.readline().strip() == SHOWN_LINE
            window_id = xdotool(
                display, "search", "--sync", "--onlyvisible", "--name", "Workbench"
            ).split()[0]
            xdotool(display, "windowactivate", "--sync", window_id)
            time.sleep(0.5)  # the first pane takes the focus a moment after it is shown

            def key(*keys: str) -> None:
                xdotool(display, "key", "--delay", "80", *keys)

            # The first article opens with "South Korea Calls for Withdrawal…".
            key("ctrl+Home", "ctrl+shift+Right", "1")
            claim = (0, 5, "claim")
            wait_for_spans(project, [claim], "selecting a word and pressing 1")
            key("ctrl+z")
            wait_for_spans(project, [], "ctrl+z")
            key("ctrl+shift+z")
            wait_for_spans(project, [claim], "ctrl+shift+z")
            key("ctrl+z")
            wait_for_spans(project, [], "ctrl+z again")
            key("ctrl+y")
            wait_for_spans(project, [claim], "ctrl+y")

            key("ctrl+Home", "ctrl+Right", "ctrl+shift+Right", "2")  # "Korea" as a source
            wait_for_spans(project, [claim, (6, 11, "source")], "pressing 2")
            key("ctrl+shift+Right")
            wait_for_spans(project, [claim, (6, 17, "source")], "ctrl+shift+Right (end right)")
            key("alt+Left")
            wait_for_spans(project, [(0, 5, "claim"), (0, 17, "source")], "alt+Left (start left)")
            key("alt+Right")
            wait_for_spans(project, [claim, (6, 17, "source")], "alt+Right (start right)")
            key("ctrl+shift+Left")
            wait_for_spans(project, [claim, (6, 11, "source")], "ctrl+shift+Left (end left)")
            key("ctrl+z")
            wait_for_spans(project, [claim, (6, 17, "source")], "ctrl+z after an edge move")
            key("ctrl+q")
            assert window.wait(timeout=WAIT_S) == 0
        finally:
            if window.poll() is None:
                window.kill()
            _, errors = window.communicate(timeout=WAIT_S)
        assert "Ambiguous shortcut" not in errors, errors
        assert "Traceback" not in errors, errors
