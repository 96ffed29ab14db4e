"""A first run that teaches: the sample's first article comes tagged (a link, a figure in
Compare) and a hint says how to tag, link and export, until the analyst tags something."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from window_helpers import open_window

from workbench.compare import build_table
from workbench.project import Project
from workbench.sample import EXAMPLE_ANNOTATOR, build_sample, user_sample_project
from workbench.ui.shared.window_settings import WindowSettings


def _examples(tmp_path: Path) -> Path:
    path = tmp_path / "first.wbproj"
    build_sample(path, examples=True)
    return path


def test_the_users_sample_has_the_first_article_tagged() -> None:
    with Project.open(user_sample_project()) as project:
        first = project.document_ids()[0]
        spans = project.spans(first)
        labels = {project.label(s.label_id).name for s in spans}
        assert {"claim", "source", "denial", "figure"} <= labels
        assert all(s.annotator == EXAMPLE_ANNOTATOR for s in spans)
        assert len(project.relations()) >= 2
        figures = [s for s in spans if "figure" in s.attrs]
        assert figures and figures[0].attrs["figure"]["value"] == 1500
        table = build_table(project)
        assert any(row.kind == "figure" for row in table.rows)


def test_the_hint_shows_until_the_analyst_tags(qtbot: QtBot, tmp_path: Path) -> None:
    path = _examples(tmp_path)
    window = open_window(qtbot, path)
    assert window.first_run.isVisible()
    assert "press" in window.first_run.label.text() and "Export" in window.first_run.label.text()
    pane = window.open_document(window.controller.project.document_ids()[1])
    assert pane is not None and pane.document is not None
    start = pane.document.text.index("Seoul")
    pane.select_range(start, start + len("Seoul"))
    qtbot.keyClick(pane.view, "2")
    assert not window.first_run.isVisible()
    assert not WindowSettings().first_run_done  # written a moment later, not in the key press
    qtbot.waitUntil(lambda: WindowSettings().first_run_done, timeout=3000)
    window.close()
    again = open_window(qtbot, path)
    assert not again.first_run.isVisible()  # out of the way for good
    again.close()


def test_the_hint_can_be_closed(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, _examples(tmp_path))
    qtbot.mouseClick(window.first_run.close_button, Qt.MouseButton.LeftButton)
    assert not window.first_run.isVisible()
    assert WindowSettings().first_run_done
    window.close()


def test_no_hint_on_a_project_the_analyst_already_tagged(qtbot: QtBot, tmp_path: Path) -> None:
    path = _examples(tmp_path)
    with Project.open(path) as project:
        first = project.document_ids()[0]
        project.add_span(first, 0, 5, project.labels()[0].id, annotator="ana")
    window = open_window(qtbot, path)
    assert not window.first_run.isVisible()
    window.close()
