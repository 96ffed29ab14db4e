"""The find bar finds in one document or all, steps in code points, and tags all in one step."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QSignalSpy
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from workbench.project import Project
from workbench.ui.controller import ProjectController
from workbench.ui.dialogs.find_dialog import FindBar

# Emoji (astral, one code point but two UTF-16 units), a flag and a combining accent
# come before the matches, so UTF-16 or byte offsets would be wrong.
TEXT_A = "😀🇰🇵 Cafe\u0301 talk: troops in Kursk. More Troops."
TEXT_B = "No troops, said the Kremlin; troopship is one word."


class Setup:
    def __init__(self, project: Project, path: Path) -> None:
        self.project = project
        self.path = path
        self.a = project.add_document(TEXT_A, title="A").id
        self.b = project.add_document(TEXT_B, title="B").id
        claim = project.label_named("claim")
        assert claim is not None
        self.claim = claim.id
        self.controller = ProjectController(project, "ana")

    def spans_on_disk(self) -> list[tuple[str, int, int, int, str]]:
        with Project.open(self.path) as reader:
            return [
                (s.document_id, s.start, s.end, s.label_id, s.annotator) for s in reader.spans()
            ]


@pytest.fixture
def setup(project_file: Path) -> Iterator[Setup]:
    project = Project.open(project_file)
    yield Setup(project, project_file)
    project.close()


@pytest.fixture
def bar(qtbot: QtBot, setup: Setup) -> FindBar:
    b = FindBar(setup.controller)
    qtbot.addWidget(b)
    b.set_current_document(setup.a)
    return b


def test_find_in_this_document(qtbot: QtBot, bar: FindBar, setup: Setup) -> None:
    qtbot.keyClicks(bar.query_edit, "troops")
    assert [m[0] for m in bar.matches()] == [setup.a, setup.a]
    assert bar.count_label.text() == "2 matches"
    bar.set_current_document(setup.b)
    assert [m[0] for m in bar.matches()] == [setup.b, setup.b]
    bar.set_current_document(None)
    assert bar.matches() == []
    assert bar.count_label.text() == "No matches"


def test_find_across_all_documents_with_options(qtbot: QtBot, bar: FindBar, setup: Setup) -> None:
    qtbot.keyClicks(bar.query_edit, "troop")
    bar.scope_combo.setCurrentIndex(FindBar.ALL_DOCUMENTS)
    assert [m[0] for m in bar.matches()] == [setup.a, setup.a, setup.b, setup.b]
    bar.match_case_check.setChecked(True)
    assert len(bar.matches()) == 3  # not "Troops"
    bar.match_case_check.setChecked(False)
    bar.query_edit.setText("troops")
    bar.whole_words_check.setChecked(True)
    assert len(bar.matches()) == 3  # not "troopship"
    assert bar.count_label.text() == "3 matches"


def test_next_emits_code_point_offsets_after_emoji(
    qtbot: QtBot, bar: FindBar, setup: Setup
) -> None:
    qtbot.keyClicks(bar.query_edit, "troops")
    first = TEXT_A.index("troops")
    second = TEXT_A.index("Troops")
    assert first == 16  # 😀, 🇰, 🇵, " ", "Cafe", U+0301, ... each one code point
    with qtbot.waitSignal(bar.match_activated) as found:
        bar.next_button.click()
    assert found.args == [setup.a, first, first + 6]
    assert TEXT_A[found.args[1] : found.args[2]] == "troops"
    assert bar.count_label.text() == "1 of 2"
    with qtbot.waitSignal(bar.match_activated) as found:
        qtbot.keyClick(bar.query_edit, Qt.Key.Key_Return)
    assert found.args == [setup.a, second, second + 6]
    with qtbot.waitSignal(bar.match_activated) as found:
        bar.next_button.click()  # wraps around
    assert found.args == [setup.a, first, first + 6]
    with qtbot.waitSignal(bar.match_activated) as found:
        bar.previous_button.click()
    assert found.args == [setup.a, second, second + 6]


def test_across_documents_next_starts_in_the_current_one(
    qtbot: QtBot, bar: FindBar, setup: Setup
) -> None:
    bar.set_current_document(setup.b)
    bar.set_all_documents(True)
    qtbot.keyClicks(bar.query_edit, "kremlin")
    with qtbot.waitSignal(bar.match_activated) as found:
        qtbot.keyClick(bar.query_edit, Qt.Key.Key_Return)
    assert found.args == [setup.b, TEXT_B.index("Kremlin"), TEXT_B.index("Kremlin") + 7]
    bar.query_edit.setText("troops")
    with qtbot.waitSignal(bar.match_activated) as found:
        qtbot.keyClick(bar.query_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert found.args[0] == setup.b  # Previous from B starts at B's last match
    assert found.args[1] == TEXT_B.index("troopship")


def test_no_match_emits_nothing(qtbot: QtBot, bar: FindBar) -> None:
    spy = QSignalSpy(bar.match_activated)
    qtbot.keyClicks(bar.query_edit, "zebra")
    bar.find_next()
    assert spy.count() == 0
    assert not bar.next_button.isEnabled() and not bar.tag_all_button.isEnabled()


def test_tag_all_is_one_undo_step_in_the_file(qtbot: QtBot, bar: FindBar, setup: Setup) -> None:
    qtbot.keyClicks(bar.query_edit, "troops")
    bar.whole_words_check.setChecked(True)
    bar.set_all_documents(True)
    bar.set_label(setup.claim)
    with qtbot.waitSignal(setup.controller.span_added):
        bar.tag_all_button.click()
    expected = sorted([(d, s, e, setup.claim, "ana") for d, s, e in bar.matches()])
    assert len(expected) == 3
    assert sorted(setup.spans_on_disk()) == expected
    assert setup.controller.undo_stack.count() == 1
    assert setup.controller.undo_stack.undoText() == "Tag all 'troops' as claim"
    assert bar.count_label.text() == "Tagged 3 as claim"

    setup.controller.undo_stack.undo()
    assert setup.spans_on_disk() == []
    setup.controller.undo_stack.redo()
    assert sorted(setup.spans_on_disk()) == expected


def test_tag_all_skips_matches_already_tagged_with_that_label(
    qtbot: QtBot, bar: FindBar, setup: Setup
) -> None:
    first = TEXT_A.index("troops")
    setup.controller.add_span(setup.a, first, first + 6, setup.claim)
    # Another annotator's tag does not count as this annotator's.
    second = TEXT_A.index("Troops")
    setup.project.add_span(setup.a, second, second + 6, setup.claim, annotator="bob")
    qtbot.keyClicks(bar.query_edit, "troops")
    bar.set_label(setup.claim)
    new_ids = bar.tag_all()
    assert len(new_ids) == 1
    assert setup.project.span(new_ids[0]).start == second
    assert setup.controller.undo_stack.count() == 2
    assert bar.tag_all() == []
    assert bar.count_label.text() == "All 2 already tagged as claim"
    assert setup.controller.undo_stack.count() == 2


def test_escape_hides_the_bar(qtbot: QtBot, setup: Setup) -> None:
    window = QWidget()  # never shown: the offscreen platform warns about top-level windows
    qtbot.addWidget(window)
    bar = FindBar(setup.controller, window)
    bar.show()
    assert not bar.isHidden()
    with qtbot.waitSignal(bar.closed):
        qtbot.keyClick(bar.query_edit, Qt.Key.Key_Escape)
    assert bar.isHidden()


def test_label_combo_follows_label_changes(bar: FindBar, setup: Setup) -> None:
    bar.set_label(setup.claim)
    setup.controller.update_label(setup.claim, name="assertion")
    assert bar.label_combo.currentText() == "assertion"
    setup.controller.add_label("quote")
    assert bar.label_combo.findText("quote") >= 0
