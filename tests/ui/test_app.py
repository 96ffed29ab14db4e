"""The real program: it comes up on a project, and says what to do without a display."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from workbench.config import data_dir
from workbench.ui.window import app

TIMEOUT_S = 60


def _env(**changes: str | None) -> dict[str, str]:
    env = dict(os.environ)
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


@pytest.mark.parametrize("command", [["workbench.ui.window.app"], ["workbench.cli", "open"]])
def test_the_window_comes_up_and_quits(sample_project_file: Path, command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", *command, str(sample_project_file)],
        env=_env(QT_QPA_PLATFORM="offscreen", WORKBENCH_QUIT_AFTER_MS="500"),
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
    )
    assert result.returncode == 0, result.stderr
    assert app.SHOWN_LINE in result.stdout.splitlines()
    assert "Traceback" not in result.stderr


def test_a_missing_project_fails_with_a_sentence(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "workbench.ui.window.app", str(tmp_path / "nope.wbproj")],
        env=_env(QT_QPA_PLATFORM="offscreen", WORKBENCH_QUIT_AFTER_MS="500"),
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
    )
    assert result.returncode == 1
    assert "does not exist" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="display variables are X11/Wayland"
)
def test_without_a_display_it_says_how_to_run(sample_project_file: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "workbench.ui.window.app", str(sample_project_file)],
        env=_env(DISPLAY=None, WAYLAND_DISPLAY=None, QT_QPA_PLATFORM=None),
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
    )
    assert result.returncode != 0
    assert "xvfb-run" in result.stderr
    assert result.stderr.strip() == app.NO_DISPLAY_MESSAGE
    assert app.SHOWN_LINE not in result.stdout


def test_unexpected_errors_are_logged_and_shown(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    app._install_logging()
    app.install_excepthook()
    try:
        raise RuntimeError("boom")
    except RuntimeError as e:
        sys.excepthook(type(e), e, e.__traceback__)
    boxes = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]
    assert any("boom" in box.text() for box in boxes)
    for box in boxes:
        box.close()
    assert "RuntimeError: boom" in (data_dir() / "workbench.log").read_text(encoding="utf-8")
    assert "RuntimeError: boom" in capsys.readouterr().err
    for handler in list(app.log.handlers):
        app.log.removeHandler(handler)
        handler.close()
