"""Going through the documents from the keyboard: next / previous in the Documents list as
shown, "mark done, open next", the find bar's matches from the article (F3); and the
menus' keys an analyst reads."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from window_helpers import open_window

from workbench.annotator_status import statuses_seen_by
from workbench.project import Project

ALT = Qt.KeyboardModifier.AltModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _statuses(path: Path) -> dict[str, str]:
    project = Project.open(path)
    try:
        return statuses_seen_by(project, "ana")
    finally:
        project.close()


def test_alt_page_keys_walk_the_list_as_shown(qtbot: QtBot, sample_project_file: Path) -> None:
    window = open_window(qtbot, sample_project_file)
    documents = window.document_list
    shown = [documents.document_id_at(row) for row in range(documents.proxy.rowCount())]
    pane = window.open_document(shown[0])
    assert pane is not None
    pane.view.setFocus()
    # The Document menu has never been opened: its keys work all the same.
    qtbot.keyClick(pane.view, Qt.Key.Key_PageDown, ALT)
    assert window.active_pane is not None and window.active_pane.document_id == shown[1]
    assert len(window.panes) == 1  # in the same pane, not a new one
    qtbot.keyClick(window.active_pane.view, Qt.Key.Key_PageUp, ALT)
    assert window.active_pane.document_id == shown[0]

    qtbot.keyClick(window.active_pane.view, Qt.Key.Key_PageUp, ALT)  # the first: no further
    assert window.active_pane.document_id == shown[0]
    assert window.statusBar().currentMessage() == "No previous document."

    # Filtered, the next one is the next shown: the others are skipped.
    title = documents.model.document_at(3).title
    documents.filter.setText(title)
    assert documents.proxy.rowCount() == 1
    target = documents.document_id_at(0)
    qtbot.keyClick(window.active_pane.view, Qt.Key.Key_PageDown, ALT)
    assert window.active_pane.document_id == target
    window.close()


def test_mark_done_and_open_next_is_one_key_and_undoes(
    qtbot: QtBot, sample_project_file: Path
) -> None:
    window = open_window(qtbot, sample_project_file)
    documents = window.document_list
    first, second = documents.document_id_at(0), documents.document_id_at(1)
    pane = window.open_document(first)
    assert pane is not None
    qtbot.keyClick(pane.view, Qt.Key.Key_D, CTRL_SHIFT)
    assert _statuses(sample_project_file)[first] == "done"
    assert _statuses(sample_project_file)[second] == "todo"
    assert window.active_pane is not None and window.active_pane.document_id == second

    window.controller.undo_stack.undo()
    assert _statuses(sample_project_file)[first] == "todo"

    last = documents.document_id_at(documents.proxy.rowCount() - 1)
    window.open_document(last)
    qtbot.keyClick(window.active_pane.view, Qt.Key.Key_D, CTRL_SHIFT)
    assert _statuses(sample_project_file)[last] == "done"  # marked, though nothing follows
    assert window.active_pane.document_id == last
    assert window.statusBar().currentMessage() == "No next document."
    window.close()


def test_keys_a_selection_takes_are_shown_and_names_differ(
    qtbot: QtBot, sample_project_file: Path
) -> None:
    window = open_window(qtbot, sample_project_file)
    actions = window.window_actions
    # Delete span has no key of its own (Delete belongs to whatever holds the selection);
    # the menu still says which key deletes.
    assert actions.delete_action.shortcuts() == []
    assert actions.delete_action.text().endswith("\tDel")
    assert actions.note_action.text().endswith("\tN")

    dialog = actions.edit_shortcuts()
    texts = [dialog.texts[name] for name in dialog.edits]
    assert len(texts) == len(set(texts)), "two actions share a name in the dialog"
    assert dialog.texts["delete"] == "Delete span"
    assert "Del on a selected span" in dialog.edits["delete"].placeholderText()
    assert dialog.edits["next_document"].text() == "Alt+PgDown"
    dialog.edits["delete"].setText("Ctrl+Del")
    dialog.accept()
    # Its own key now shows in the menu instead.
    assert actions.delete_action.text() == "&Delete span"
    assert actions.delete_action.shortcut().toString() == "Ctrl+Del"
    window.close()


def test_f3_steps_through_the_matches_from_the_article(
    qtbot: QtBot, sample_project_file: Path
) -> None:
    # Enter in the find field selects a match and hands the keys to the article, so that
    # 1 – 9 tag it; the next match was then out of reach of the keyboard.
    window = open_window(qtbot, sample_project_file)
    documents = window.document_list
    pane = window.open_document(documents.document_id_at(0))
    assert pane is not None and pane.document is not None
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_F3)  # no search yet: the bar opens
    bar = window.find_bar
    assert bar.isVisible() and bar.query_edit.hasFocus()
    qtbot.keyClicks(bar.query_edit, "Russia")
    qtbot.keyClick(bar.query_edit, Qt.Key.Key_Return)
    assert pane.view.hasFocus()
    starts = [m for m in bar.matches() if m[0] == pane.document_id]
    assert len(starts) >= 3 and bar.count_label.text().startswith("1 of")

    def selected() -> tuple[int, int]:
        return pane.selection() or (-1, -1)

    assert selected() == starts[0][1:]
    qtbot.keyClick(pane.view, Qt.Key.Key_F3)
    assert selected() == starts[1][1:] and bar.count_label.text().startswith("2 of")
    qtbot.keyClick(pane.view, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert selected() == starts[0][1:]
    window.close()
