"""The real window on real screens (xcb under Xvfb with openbox, not offscreen).

Each run starts the window in a subprocess on a fresh virtual screen, opens four panes,
switches theme live, and reads back what a user would see (tests/ui/xcb_window_probe.py).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.ui.x_display import x_display
from workbench.project import Project
from workbench.sample import EXAMPLE_ANNOTATOR, build_sample

PROBE = Path(__file__).with_name("xcb_window_probe.py")
GOLD = Path(__file__).resolve().parents[1] / "data" / "gold" / "sample_gold.jsonl"
DOCS = Path(__file__).resolve().parents[2] / "docs"
PROBE_TIMEOUT_S = 120


def tagged_sample(path: Path) -> Path:
    """The first-run sample (its examples in the first article, the hint showing) with one
    span of every label the annotation has in each of the next three articles, taken from
    the hand annotation
    (tests/data/gold), by the same example annotator."""
    build_sample(path, examples=True)
    gold = {}
    for line in GOLD.read_text("utf-8").splitlines():
        record = json.loads(line)
        gold[record["text"]] = record["spans"]
    with Project.open(path) as project:
        labels = {label.name: label.id for label in project.labels()}
        for document_id in project.document_ids()[1:4]:
            spans = gold[project.document(document_id).text]
            for name, label_id in labels.items():
                first = next((s for s in spans if s["label"] == name), None)
                if first is None:  # not every article states a figure
                    continue
                project.add_span(
                    document_id, first["start"], first["end"], label_id, annotator=EXAMPLE_ANNOTATOR
                )
    return path


def run_probe(
    display: str,
    project: Path,
    out: Path,
    home: Path,
    *,
    panes: int,
    themes: str = "",
    find: bool = True,
) -> dict[str, Any]:
    env = dict(
        os.environ,
        DISPLAY=display,
        QT_QPA_PLATFORM="xcb",
        WORKBENCH_CONFIG_DIR=str(home / "config"),
        WORKBENCH_DATA_DIR=str(home / "data"),
        PYTHONPATH=str(Path(__file__).resolve().parents[2]),
    )
    result = subprocess.run(
        [
            sys.executable,
            str(PROBE),
            str(project),
            str(out),
            "--panes",
            str(panes),
            "--themes",
            themes,
            *([] if find else ["--no-find"]),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=PROBE_TIMEOUT_S,
    )
    assert result.returncode == 0, result.stderr
    report: dict[str, Any] = json.loads((out / "report.json").read_text("utf-8"))
    return report


def _inside(rect: dict[str, int], screen: dict[str, int]) -> bool:
    return (
        rect["x"] >= screen["x"]
        and rect["y"] >= screen["y"]
        and rect["x"] + rect["width"] <= screen["x"] + screen["width"]
        and rect["y"] + rect["height"] <= screen["y"] + screen["height"]
    )


def assert_fits(step: str, seen: dict[str, Any]) -> None:
    screen = seen["screen"]
    assert _inside(seen["frame"], screen), f"{step}: frame {seen['frame']} outside {screen}"
    assert _inside(seen["status_bar"], screen), f"{step}: status bar off screen"
    assert seen["docks"], f"{step}: no dock visible"
    for dock in seen["docks"]:
        assert _inside(dock, screen), f"{step}: {dock['name']} off screen: {dock}"
        assert dock["width"] >= dock["min_width"], f"{step}: {dock['name']} squeezed: {dock}"
    for combo in seen["combos"]:
        assert combo["field_width"] >= combo["field_needed"], f"{step}: {combo} cuts a label"
        assert combo["popup_width"] >= combo["popup_needed"], (
            f"{step}: popup of {combo} cuts a label"
        )


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1920, 1080)])
def test_window_fits_the_screen_with_four_panes_and_a_live_theme_switch(
    tmp_path: Path, width: int, height: int
) -> None:
    project = tagged_sample(tmp_path / "sample.wbproj")
    with x_display(width, height) as display:
        report = run_probe(
            display, project, tmp_path / "shots", tmp_path / "home", panes=4, themes="dark,light"
        )
    for step, seen in report.items():
        assert_fits(step, seen)
    start, panes, dark, light = report.values()
    assert len(panes["panes"]) == 4 and min(panes["panes"]) > 0
    assert start["hint_visible"], "the first run shows how to tag, link and export"
    assert any(panes["highlights"]) and light["highlights"] != dark["highlights"]
    assert light["highlights"] == panes["highlights"], "light after dark keeps dark highlights"
    if os.environ.get("WORKBENCH_SCREENSHOTS_TO_DOCS"):  # make window-screenshots
        for step in ("1-panes", "2-dark"):
            target = DOCS / f"window-{width}x{height}-{step[2:]}.png"
            shutil.copyfile(tmp_path / "shots" / f"{step}.png", target)


def test_restored_geometry_is_clamped_to_a_smaller_screen(tmp_path: Path) -> None:
    project = tagged_sample(tmp_path / "sample.wbproj")
    home = tmp_path / "home"
    with x_display(1920, 1080) as display:
        big = run_probe(display, project, tmp_path / "big", home, panes=4)
    assert big["1-panes"]["frame"]["width"] > 1366  # the saved geometry is wider than the laptop
    with x_display(1366, 768) as display:
        small = run_probe(display, project, tmp_path / "small", home, panes=0)
    assert_fits("restored on 1366x768", small["0-start"])


def test_a_small_screen_puts_the_document_list_in_a_tab(tmp_path: Path) -> None:
    """1152 px: four panes fit beside both docks, but the find bar does not; the
    document list then goes into a tab beside the annotations."""
    project = tagged_sample(tmp_path / "sample.wbproj")
    with x_display(1152, 864) as display:
        report = run_probe(display, project, tmp_path / "shots", tmp_path / "home", panes=4)
    for step, seen in report.items():
        assert_fits(step, seen)
        shown = {dock["name"] for dock in seen["docks"]}
        assert "documentsDock" in shown and "annotationsDock" not in shown, shown
