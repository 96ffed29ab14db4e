"""Files where people look: dialogs start outside the hidden data folder and remember
the last folder, the window says where the project is, saves a copy of it, and brings
back each pane's scroll position."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot
from window_helpers import open_window

from workbench.config import data_dir
from workbench.project import Project
from workbench.sample import user_sample_project
from workbench.ui.dialogs.export_dialog import ExportDialog
from workbench.ui.shared.project_files import in_data_folder, start_folder
from workbench.ui.shared.window_settings import WindowSettings


def test_the_sample_copy_opens_dialogs_outside_the_data_folder(qtbot: QtBot) -> None:
    sample = user_sample_project()
    assert in_data_folder(sample)
    window = open_window(qtbot, sample)
    dialog = window.ask_export()
    target = Path(dialog.path_edit.text())
    assert not in_data_folder(target), target
    assert not in_data_folder(start_folder(sample, window.settings))
    assert str(data_dir()) not in target.as_posix()
    dialog.close()
    window.close()


def test_the_export_folder_is_remembered_after_a_restart(
    qtbot: QtBot, sample_project_file: Path, tmp_path: Path
) -> None:
    window = open_window(qtbot, sample_project_file)
    dialog = window.ask_export()
    dialog.set_format("jsonl")
    out = tmp_path / "exports" / "all.jsonl"
    out.parent.mkdir()
    dialog.set_path(out)
    assert dialog.run_export() is not None
    window.close()
    # a new window, new settings object: as after a restart
    again = open_window(qtbot, sample_project_file)
    fresh = ExportDialog(again.controller, again, settings=WindowSettings())
    assert Path(fresh.path_edit.text()).parent == out.parent
    fresh.close()
    again.close()


def test_save_a_copy_as_and_show_the_project_file(
    qtbot: QtBot, sample_project_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, sample_project_file)
    assert str(sample_project_file.parent.name) in window.windowTitle()
    files = window.window_actions.project_files
    copy = tmp_path / "elsewhere" / "copy.wbproj"
    copy.parent.mkdir()
    monkeypatch.setattr(files, "ask_copy_path", lambda: copy)
    window.window_actions.save_copy_action.trigger()
    with Project.open(copy) as project, Project.open(sample_project_file) as original:
        assert project.document_ids() == original.document_ids()
    assert window.controller.project.path == sample_project_file  # still working here
    assert "copy.wbproj" in window.statusBar().currentMessage()

    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url)))
    window.window_actions.show_file_action.trigger()
    assert [Path(u.toLocalFile()) for u in opened] == [sample_project_file.parent]
    assert str(sample_project_file) in window.statusBar().currentMessage()
    window.close()


def test_scroll_positions_come_back_with_the_panes(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "long.wbproj"
    with Project.create(path) as project:
        text = "\n\n".join(f"Paragraph {n} of a long article about troops." for n in range(400))
        long_id = project.add_document(text, title="Long").id
    window = open_window(qtbot, path)
    pane = window.open_document(long_id)
    assert pane is not None
    bar = pane.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 300)
    bar.setValue(bar.maximum() // 2)
    window.close()
    again = open_window(qtbot, path)
    [restored] = again.panes
    bar = restored.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 300 and abs(bar.value() / bar.maximum() - 0.5) < 0.03)
    again.close()
