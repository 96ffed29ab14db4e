"""The benchmark's window (`benchmarks/window.py`) shows what its rows claim: every dock
an analyst keeps open on screen at once, none behind a tab or laid out off the window."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from benchmarks.window import analysts_window, check_docks_shown, stacked_docks
from workbench.sample import build_sample
from workbench.ui.docks.lazy_dock import docks_to_build


def test_the_benchmark_window_has_every_dock_on_screen(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "bench.wbproj"
    build_sample(path)
    window = analysts_window(path, tmp_path)
    # Closed and deleted when the test ends, as every other test's window is: left to
    # the collector, it may be deleted at any moment of a later test.
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: not docks_to_build(window), timeout=10_000)
    check_docks_shown(window)  # a SystemExit here fails the test
    tops = sorted(dock.geometry().top() for dock in stacked_docks(window))
    assert len(set(tops)) == 4  # stacked one above another, not tabbed together
