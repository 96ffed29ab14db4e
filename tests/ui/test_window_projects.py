"""The window's project handling (window_projects.py): open, switch, import, export, layout."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from window_helpers import open_window

from workbench.config import Config
from workbench.ui.window.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, sample_project_file: Path) -> Iterator[MainWindow]:
    window = open_window(qtbot, sample_project_file)
    yield window
    window.close()


def test_open_project_errors_and_switching(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, project_file: Path
) -> None:
    assert not window.open_project(tmp_path / "missing.wbproj")
    assert "does not exist" in window.last_error and "workbench new" not in window.last_error
    assert not (tmp_path / "missing.wbproj").exists()
    not_a_project = tmp_path / "notes.wbproj"
    not_a_project.write_text("hello")
    assert not window.open_project(not_a_project)
    assert "not a Workbench project" in window.last_error
    assert window.open_project(project_file)
    assert window.controller.project.path == project_file
    assert window.panes == [] and window.document_list is not None
    assert window.document_list.proxy.rowCount() == 0
    assert str(project_file.resolve()) in Config.load().recent_projects


def test_import_adds_documents_and_failed_import_says_why(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    article = tmp_path / "new.txt"
    article.write_text("A new article\nPyongyang said nothing.\n", encoding="utf-8")
    assert window.import_files([article])
    assert window.document_list is not None and window.document_list.proxy.rowCount() == 6
    assert "6 documents" in window.counts_label.text()
    empty = tmp_path / "empty"
    empty.mkdir()
    assert not window.import_files([empty])
    assert window.last_error


def test_export_writes_the_file(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert window.export_to(out)
    assert len(out.read_text(encoding="utf-8").splitlines()) == 5


def test_geometry_and_dock_layout_are_remembered(qtbot: QtBot, sample_project_file: Path) -> None:
    window = open_window(qtbot, sample_project_file)
    window.annotations_dock.hide()
    window.close()
    again = open_window(qtbot, sample_project_file)
    assert not again.annotations_dock.isVisible()
    again.close()
