"""Edit › Keyboard shortcuts: every action's keys, rebindable, kept in the settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from window_helpers import open_window, stored_spans

from workbench.ui.shared.shortcuts import parse_keys, standard_keys
from workbench.ui.shared.shortcuts_dialog import ShortcutsDialog


def test_redo_has_each_key_once_and_ctrl_y(qapp: QApplication) -> None:  # keys need the app
    keys = standard_keys(QKeySequence.StandardKey.Redo, "Ctrl+Shift+Z", "Ctrl+Y")
    texts = [k.toString() for k in keys]
    assert "Ctrl+Shift+Z" in texts and "Ctrl+Y" in texts
    assert len(texts) == len(set(texts))


def test_parse_keys(qapp: QApplication) -> None:
    assert [k.toString() for k in parse_keys("Ctrl+Y; Ctrl+Shift+Z") or []] == [
        "Ctrl+Y",
        "Ctrl+Shift+Z",
    ]
    assert parse_keys("") == []
    assert parse_keys("Ctrl+Nonsense") is None


def test_rebinding_is_applied_and_kept_after_a_restart(
    qtbot: QtBot, sample_project_file: Path
) -> None:
    window = open_window(qtbot, sample_project_file)
    dialog = window.window_actions.edit_shortcuts()
    assert isinstance(dialog, ShortcutsDialog)
    names = set(dialog.edits)
    assert {"undo", "redo", "find", "move_start_left", "move_end_right"} <= names
    dialog.edits["find"].setText("Ctrl+Shift+F")
    dialog.edits["move_start_right"].setText("Alt+.")
    dialog.accept()
    assert window.window_actions.find_action.shortcut().toString() == "Ctrl+Shift+F"
    window.close()

    again = open_window(qtbot, sample_project_file)
    assert again.window_actions.find_action.shortcut().toString() == "Ctrl+Shift+F"
    pane = again.open_document(again.controller.project.document_ids()[0])
    assert pane is not None and pane.document is not None
    start = pane.document.text.index("South Korea")
    pane.select_range(start, start + len("South Korea"))
    qtbot.keyClick(pane.view, "1")
    qtbot.keyClick(pane.view, Qt.Key.Key_Period, Qt.KeyboardModifier.AltModifier)
    [span] = stored_spans(sample_project_file)
    assert span.start == start + len("South ")  # the rebound key moved the start right
    again.close()


def test_a_key_given_twice_is_refused(qtbot: QtBot, sample_project_file: Path) -> None:
    window = open_window(qtbot, sample_project_file)
    dialog = window.window_actions.edit_shortcuts()
    dialog.edits["find"].setText("Ctrl+Z")
    dialog.accept()
    assert dialog.isVisible() and "Ctrl+Z" in dialog.error.text()
    assert window.window_actions.find_action.shortcut().toString() != "Ctrl+Z"
    dialog.edits["find"].setText("Ctrl+Nonsense")
    dialog.accept()
    assert "is not a key" in dialog.error.text()
    dialog.close()
    window.close()


def test_a_rebound_edge_key_works_at_once(qtbot: QtBot, sample_project_file: Path) -> None:
    # The pane reads the edge keys once: a rebinding must reach the open window too.
    window = open_window(qtbot, sample_project_file)
    pane = window.open_document(window.controller.project.document_ids()[0])
    assert pane is not None and pane.document is not None
    start = pane.document.text.index("South Korea has")
    pane.select_range(start, start + len("South Korea has"))
    qtbot.keyClick(pane.view, "1")
    qtbot.keyClick(pane.view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)  # the default
    [span] = stored_spans(sample_project_file)
    assert span.start == start + len("South ")
    dialog = window.window_actions.edit_shortcuts()
    dialog.edits["move_start_right"].setText("Alt+.")
    dialog.accept()
    qtbot.keyClick(pane.view, Qt.Key.Key_Period, Qt.KeyboardModifier.AltModifier)
    [span] = stored_spans(sample_project_file)
    assert span.start == start + len("South Korea ")  # the next word, with the new key
    window.close()
