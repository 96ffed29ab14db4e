"""Taking documents out of the project from the window, and taking an import back: both
are one undo step, and what they removed comes back whole."""

from __future__ import annotations

from pathlib import Path

from analysis_helpers import annotate_sample
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot
from window_helpers import open_window

from workbench.project import Project


def _counts(path: Path) -> tuple[int, int, int]:
    with Project.open(path) as project:
        return len(project.document_ids()), project.span_count(), len(project.relations())


def test_delete_in_the_documents_list_asks_removes_and_undo_brings_it_back(
    qtbot: QtBot, sample_project_file: Path
) -> None:
    with Project.open(sample_project_file) as project:
        annotate_sample(project)
        first = project.document_ids()[0]
        spans_of_first = project.span_count(first)
    before = _counts(sample_project_file)
    window = open_window(qtbot, sample_project_file)
    window.open_document(first)
    assert [p.document_id for p in window.panes] == [first]
    documents = window.document_list
    documents.select_document(first)
    documents.table.setFocus()

    qtbot.keyClick(documents.table, Qt.Key.Key_Delete)
    box = window.findChild(QMessageBox)
    assert box is not None and box.isVisible()
    assert f"{spans_of_first} spans" in box.text()
    assert _counts(sample_project_file) == before  # nothing goes before the answer
    box.defaultButton().click()

    documents_left, spans_left, relations_left = _counts(sample_project_file)
    assert documents_left == before[0] - 1 and spans_left == before[1] - spans_of_first
    assert relations_left < before[2]  # its links, the one across documents too
    assert window.panes == []  # its pane closed, no error about a missing document
    assert documents.proxy.rowCount() == before[0] - 1
    assert window.last_error == ""

    window.controller.undo_stack.undo()
    assert _counts(sample_project_file) == before
    assert documents.proxy.rowCount() == before[0]
    window.controller.undo_stack.redo()
    assert _counts(sample_project_file)[0] == before[0] - 1
    window.close()


def test_cancel_keeps_the_document(qtbot: QtBot, sample_project_file: Path) -> None:
    before = _counts(sample_project_file)
    window = open_window(qtbot, sample_project_file)
    pane = window.open_document(window.controller.project.document_ids()[2])
    assert pane is not None
    box = window.ask_remove_document()  # Document › Remove from project…: the active one
    assert box is not None
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert _counts(sample_project_file) == before and window.panes == [pane]
    window.close()


def test_an_import_is_one_undo_step(
    qtbot: QtBot, sample_project_file: Path, tmp_path: Path
) -> None:
    article = tmp_path / "wire.txt"
    article.write_text("A wire story\nOfficials said troops moved north.", encoding="utf-8")
    before = _counts(sample_project_file)
    window = open_window(qtbot, sample_project_file)
    assert window.import_files([article])
    assert _counts(sample_project_file)[0] == before[0] + 1
    stack = window.controller.undo_stack
    assert stack.undoText() == "Import"
    new = window.controller.project.document_ids()[-1]
    window.open_document(new)
    stack.undo()
    assert _counts(sample_project_file) == before
    assert all(p.document_id != new for p in window.panes)
    stack.redo()
    assert _counts(sample_project_file)[0] == before[0] + 1
    window.close()


def test_a_document_deleted_by_another_program_closes_its_pane_quietly(
    qtbot: QtBot, sample_project_file: Path
) -> None:
    window = open_window(qtbot, sample_project_file)
    first, second = window.controller.project.document_ids()[:2]
    window.open_document(first)
    window.open_document(second)
    with Project.open(sample_project_file) as other:
        other.delete_document(first)
    assert window._watcher is not None and window._watcher.poll()
    assert [p.document_id for p in window.panes] == [second]
    assert window.last_error == ""
    window.close()


def test_f2_in_the_documents_list_renames_and_undo_gives_the_old_title(
    qtbot: QtBot, sample_project_file: Path
) -> None:
    window = open_window(qtbot, sample_project_file)
    first = window.controller.project.document_ids()[0]
    old = window.controller.project.document(first).title
    pane = window.open_document(first)
    assert pane is not None
    documents = window.document_list
    documents.select_document(first)
    documents.table.setFocus()
    qtbot.keyClick(documents.table, Qt.Key.Key_F2)
    dialog = documents.findChild(QInputDialog)
    assert dialog is not None and dialog.textValue() == old
    dialog.setTextValue("Seoul summons envoy (Yonhap)")
    dialog.accept()
    with Project.open(sample_project_file) as again:
        assert again.document(first).title == "Seoul summons envoy (Yonhap)"
    assert pane.title.text() == "Seoul summons envoy (Yonhap)"
    assert documents.current_document_id() == first  # the list stays on the renamed row
    assert documents.document_id_at(documents.table.currentIndex().row()) == first
    assert window.controller.undo_stack.undoText() == "Rename document"
    window.controller.undo_stack.undo()
    with Project.open(sample_project_file) as again:
        assert again.document(first).title == old
    assert pane.title.text() == old
    window.close()


def test_several_chosen_documents_change_status_and_go_together(
    qtbot: QtBot, sample_project_file: Path
) -> None:
    from workbench.annotator_status import statuses_seen_by

    window = open_window(qtbot, sample_project_file)
    documents = window.document_list
    table = documents.table
    ids = [documents.document_id_at(row) for row in range(documents.proxy.rowCount())]

    def click(row: int, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        rect = table.visualRect(documents.proxy.index(row, 0))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())

    click(1)
    click(3, Qt.KeyboardModifier.ShiftModifier)
    assert documents.selected_document_ids() == ids[1:4]

    menu = documents.context_menu(ids[2])  # a chosen row: the menu takes all three
    status = next(a.menu() for a in menu.actions() if a.menu() is not None)
    next(a for a in status.actions() if a.text() == "Done").trigger()
    who = window.controller.annotator
    with Project.open(sample_project_file) as again:
        seen = statuses_seen_by(again, who)
    assert [seen.get(d) for d in ids[1:4]] == ["done"] * 3 and seen.get(ids[0]) != "done"
    window.controller.undo_stack.undo()  # one step for the three
    with Project.open(sample_project_file) as again:
        assert all(statuses_seen_by(again, who).get(d) != "done" for d in ids)

    qtbot.keyClick(table, Qt.Key.Key_Delete)
    box = window.findChild(QMessageBox)
    assert box is not None and "Remove 3 documents" in box.text()
    box.defaultButton().click()
    assert _counts(sample_project_file)[0] == 2
    window.controller.undo_stack.undo()
    assert _counts(sample_project_file)[0] == 5
    window.close()
