"""A damaged project (a page overwritten mid-file) is one sentence, never a traceback."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from workbench import cli, connection
from workbench.config import Config
from workbench.ui import controller as controller_module
from workbench.ui.shared.window_settings import WindowSettings
from workbench.ui.window import app
from workbench.ui.window.main_window import MainWindow

from .hostile import assert_one_sentence, corrupt_page_holding, hashes, project_with_documents

TIMEOUT_S = 60


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    path = project_with_documents(tmp_path / "damaged.wbproj")
    corrupt_page_holding(path)
    return path


def _commands(path: Path, tmp_path: Path) -> dict[str, list[str]]:
    data = tmp_path / "in" / "new.jsonl"
    data.parent.mkdir(exist_ok=True)
    data.write_text(json.dumps({"text": "Troops moved.", "title": "New"}) + "\n", encoding="utf-8")
    return {
        "stats": ["stats", str(path)],
        "export": ["export", str(path), "-o", str(tmp_path / "out.jsonl")],
        "import": ["import", str(path), str(data)],
        "suggest": ["suggest", str(path)],
        "compare": ["compare", str(path)],
    }


@pytest.mark.parametrize("command", ["stats", "export", "import", "suggest", "compare"])
def test_every_command_says_one_sentence_and_changes_nothing(
    damaged: Path, tmp_path: Path, command: str
) -> None:
    argv = _commands(damaged, tmp_path)[command]
    before = hashes(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "workbench.cli", *argv],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )
    assert result.returncode == cli.EXIT_ERROR
    assert "is damaged" in result.stderr
    assert_one_sentence(result.stderr.removeprefix("workbench: "), damaged)
    assert hashes(tmp_path) == before


@pytest.mark.parametrize("command", ["stats", "export", "import", "suggest", "compare"])
def test_damage_found_later_by_a_query_is_one_sentence_too(
    damaged: Path,
    tmp_path: Path,
    command: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Without the check on open, the damage surfaces inside a query: main converts it."""
    monkeypatch.setattr(connection, "require_sound", lambda conn, path: None)
    argv = _commands(damaged, tmp_path)[command]
    before = hashes(tmp_path)
    code = cli.main(argv)
    message = capsys.readouterr().err
    assert code == cli.EXIT_ERROR
    assert "is damaged" in message
    assert_one_sentence(message.removeprefix("workbench: "), damaged)
    assert hashes(tmp_path) == before


@pytest.mark.gui
def test_the_window_shows_a_box_and_keeps_the_open_project(
    qtbot: QtBot, damaged: Path, project_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "open", lambda box: shown.append(box.text()))
    config = Config.load()
    window = MainWindow(
        controller_module.open_controller(project_file, config),
        WindowSettings(),
        config,
        owns_project=True,
    )
    qtbot.addWidget(window)
    window.show()
    before = hashes(damaged.parent)

    monkeypatch.setattr(window, "_ask_path", lambda kind: damaged)  # the file dialog's answer
    window.window_actions.open_action.trigger()  # File › Open

    assert len(shown) == 1
    assert_one_sentence(shown[0], damaged)
    assert "is damaged" in shown[0]
    assert window.isVisible()
    assert window.controller.project.path == project_file
    assert window.controller.project.documents() == []  # still usable
    assert hashes(damaged.parent) == before


@pytest.mark.gui
def test_damage_met_by_a_query_in_the_window_is_a_box_not_a_crash(
    qtbot: QtBot, project_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "open", lambda box: shown.append(box.text()))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    config = Config.load()
    window = MainWindow(
        controller_module.open_controller(project_file, config),
        WindowSettings(),
        config,
        owns_project=True,
    )
    qtbot.addWidget(window)
    window.show()
    app.install_excepthook()
    try:
        raise sqlite3.DatabaseError("database disk image is malformed")
    except sqlite3.DatabaseError as e:
        sys.excepthook(type(e), e, e.__traceback__)
    assert len(shown) == 1 and "is damaged" in shown[0]
    assert window.isVisible()


@pytest.mark.gui
def test_the_window_started_on_a_damaged_project_says_so(damaged: Path) -> None:
    for command in (["workbench.ui.window.app"], ["workbench.cli", "open"]):
        result = subprocess.run(
            [sys.executable, "-m", *command, str(damaged)],
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "WORKBENCH_QUIT_AFTER_MS": "300"},
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            check=False,
        )
        assert result.returncode == 1, result.stderr
        assert "is damaged" in result.stderr and "Traceback" not in result.stderr
