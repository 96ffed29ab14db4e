"""The label manager changes labels in the project file through the controller, at once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from workbench.model import Label, Span
from workbench.project import Project
from workbench.ui.controller import ProjectController
from workbench.ui.dialogs.label_manager import LabelManagerDialog


class Setup:
    def __init__(self, project: Project, path: Path) -> None:
        self.project = project
        self.path = path
        self.doc = project.add_document("Moscow denied that troops arrived.", title="t").id
        self.controller = ProjectController(project, "ana")
        claim = project.label_named("claim")
        assert claim is not None
        self.claim = claim
        self.span: Span = project.add_span(self.doc, 0, 6, claim.id, annotator="ana")

    def on_disk(self) -> list[Label]:
        """The labels as another reader of the project file sees them."""
        with Project.open(self.path) as reader:
            return reader.labels()

    def disk_label(self, label_id: int) -> Label:
        return next(label for label in self.on_disk() if label.id == label_id)


@pytest.fixture
def setup(project_file: Path) -> Iterator[Setup]:
    project = Project.open(project_file)
    yield Setup(project, project_file)
    project.close()


@pytest.fixture
def dialog(qtbot: QtBot, setup: Setup) -> LabelManagerDialog:
    d = LabelManagerDialog(setup.controller)
    qtbot.addWidget(d)
    return d


def _type(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    """Replace a field's text as a user would, then press Enter."""
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    if text:
        qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def _names(dialog: LabelManagerDialog) -> list[str]:
    items = [dialog.label_list.item(r) for r in range(dialog.label_list.count())]
    return [item.text().split(maxsplit=1)[-1] for item in items]


def test_lists_labels_with_shortcut_and_colour(dialog: LabelManagerDialog) -> None:
    assert _names(dialog) == ["claim", "source", "denial", "figure"]
    assert dialog.label_list.item(0).text().startswith("1")
    assert dialog.name_edit.text() == "claim"
    assert dialog.color_edit.text() == "#0072B2"
    assert dialog.shortcut_edit.text() == "1"
    # A description longer than its field reads from its start, for every label shown.
    for row in range(2):
        dialog.label_list.setCurrentRow(row)
        assert dialog.description_edit.text() and dialog.description_edit.cursorPosition() == 0


def test_add_a_label(qtbot: QtBot, dialog: LabelManagerDialog, setup: Setup) -> None:
    with qtbot.waitSignal(setup.controller.labels_changed):
        qtbot.keyClicks(dialog.new_label_edit, "quote")
        dialog.add_button.click()
    assert [label.name for label in setup.on_disk()][-1] == "quote"
    assert _names(dialog)[-1] == "quote"
    assert dialog.name_edit.text() == "quote"  # the new label is selected
    assert dialog.new_label_edit.text() == ""


def test_add_a_duplicate_name_is_refused_with_a_message(
    qtbot: QtBot, dialog: LabelManagerDialog, setup: Setup
) -> None:
    qtbot.keyClicks(dialog.new_label_edit, "claim")
    dialog.add_button.click()
    assert "already a label named 'claim'" in dialog.message_label.text()
    assert len(setup.on_disk()) == 4


def test_rename_keeps_spans_attached(
    qtbot: QtBot, dialog: LabelManagerDialog, setup: Setup
) -> None:
    dialog.select_label(setup.claim.id)
    with qtbot.waitSignal(setup.controller.labels_changed):
        _type(qtbot, dialog.name_edit, "assertion")
    assert setup.disk_label(setup.claim.id).name == "assertion"
    with Project.open(setup.path) as reader:
        assert reader.span(setup.span.id).label_id == setup.claim.id
    assert _names(dialog)[0] == "assertion"
    assert dialog.current_label_id() == setup.claim.id


def test_recolour_through_the_hex_field(
    qtbot: QtBot, dialog: LabelManagerDialog, setup: Setup
) -> None:
    dialog.select_label(setup.claim.id)
    with qtbot.waitSignal(setup.controller.labels_changed):
        _type(qtbot, dialog.color_edit, "#ff0088")
    assert setup.disk_label(setup.claim.id).color == "#FF0088"
    assert dialog.color_edit.text() == "#FF0088"
    dialog.set_current_color("#00ff00")
    assert setup.disk_label(setup.claim.id).color == "#00FF00"


def test_an_incomplete_colour_is_refused(
    qtbot: QtBot, dialog: LabelManagerDialog, setup: Setup
) -> None:
    _type(qtbot, dialog.color_edit, "#ff")
    assert "not a colour" in dialog.message_label.text()
    assert setup.disk_label(setup.claim.id).color == "#0072B2"
    assert dialog.color_edit.text() == "#0072B2"


def test_set_a_shortcut_and_refuse_a_duplicate(
    qtbot: QtBot, dialog: LabelManagerDialog, setup: Setup
) -> None:
    figure = setup.project.label_named("figure")
    assert figure is not None
    dialog.select_label(figure.id)
    _type(qtbot, dialog.shortcut_edit, "f")
    assert setup.disk_label(figure.id).shortcut == "f"
    assert dialog.message_label.text() == ""

    with qtbot.waitSignal(setup.controller.error_raised):
        _type(qtbot, dialog.shortcut_edit, "1")
    assert dialog.message_label.text() == "Shortcut 1 already belongs to label 'claim'."
    assert setup.disk_label(figure.id).shortcut == "f"
    assert dialog.shortcut_edit.text() == "f"  # the field shows what is stored

    _type(qtbot, dialog.shortcut_edit, "")
    assert setup.disk_label(figure.id).shortcut is None


def test_edit_the_description(qtbot: QtBot, dialog: LabelManagerDialog, setup: Setup) -> None:
    _type(qtbot, dialog.description_edit, "Anything asserted.")
    assert setup.disk_label(setup.claim.id).description == "Anything asserted."


def test_reorder_with_move_buttons(dialog: LabelManagerDialog, setup: Setup) -> None:
    dialog.select_label(setup.claim.id)
    assert not dialog.up_button.isEnabled()
    dialog.down_button.click()
    assert [label.name for label in setup.on_disk()] == ["source", "claim", "denial", "figure"]
    assert _names(dialog) == ["source", "claim", "denial", "figure"]
    assert dialog.current_label_id() == setup.claim.id
    dialog.down_button.click()
    dialog.down_button.click()
    assert [label.name for label in setup.on_disk()][-1] == "claim"
    assert not dialog.down_button.isEnabled()
    dialog.up_button.click()
    assert [label.name for label in setup.on_disk()] == ["source", "denial", "claim", "figure"]


def test_delete_an_unused_label(qtbot: QtBot, dialog: LabelManagerDialog, setup: Setup) -> None:
    denial = setup.project.label_named("denial")
    assert denial is not None
    dialog.select_label(denial.id)
    with qtbot.waitSignal(setup.controller.labels_changed):
        dialog.delete_button.click()
    assert [label.name for label in setup.on_disk()] == ["claim", "source", "figure"]
    assert _names(dialog) == ["claim", "source", "figure"]
    assert dialog.name_edit.text() == "figure"  # the neighbour is selected


def test_delete_of_a_used_label_is_refused_with_the_message(
    qtbot: QtBot, dialog: LabelManagerDialog, setup: Setup
) -> None:
    dialog.select_label(setup.claim.id)
    with qtbot.waitSignal(setup.controller.error_raised):
        dialog.delete_button.click()
    assert dialog.message_label.text() == (
        "Label 'claim' is used by 1 span; relabel or delete them first."
    )
    assert "claim" in [label.name for label in setup.on_disk()]
    assert _names(dialog)[0] == "claim"


def test_changes_made_elsewhere_show_in_the_dialog(
    dialog: LabelManagerDialog, setup: Setup
) -> None:
    setup.controller.update_label(setup.claim.id, name="allegation")
    assert _names(dialog)[0] == "allegation"
    assert dialog.name_edit.text() == "allegation"
    setup.controller.error_raised.emit("not the dialog's business")
    assert dialog.message_label.text() == ""
