"""Reviewing suggestions in the window: Enter accepts, Backspace rejects, a label at once; undo."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from workbench import suggest
from workbench.project import Project
from workbench.ui.controller import ProjectController
from workbench.ui.docks.suggestion_review import SuggestionPanel


@pytest.fixture
def panel(qtbot: QtBot, sample_project_file: Path) -> Iterator[SuggestionPanel]:
    project = Project.open(sample_project_file)
    controller = ProjectController(project, "analyst")
    widget = SuggestionPanel(controller)
    qtbot.addWidget(widget)
    yield widget
    project.close()


def _file_state(path: Path) -> tuple[list[tuple[str, str]], dict[str, int]]:
    """Spans (label, annotator) and suggestion statuses, read back from the file."""
    with Project.open(path) as again:
        labels = {lb.id: lb.name for lb in again.labels()}
        spans = sorted((labels[s.label_id], s.annotator) for s in again.spans())
        statuses = dict(
            again.conn.execute(
                "SELECT status, count(*) FROM suggestions GROUP BY status"
            ).fetchall()
        )
    return spans, statuses


def test_enter_accepts_backspace_rejects_and_undo(qtbot: QtBot, panel: SuggestionPanel) -> None:
    path = panel.controller.project.path
    panel.label_filter.setCurrentIndex(panel.label_filter.findData("figure"))
    panel.run_button.click()
    assert panel.list.count() == 7
    with qtbot.waitSignal(panel.controller.span_added):
        qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert panel.list.count() == 6
    qtbot.keyClick(panel.list, Qt.Key.Key_Backspace)
    assert panel.list.count() == 5
    spans, statuses = _file_state(path)
    assert spans == [("figure", "analyst")]
    assert statuses == {"accepted": 1, "rejected": 1, "pending": 5}

    panel.controller.undo_stack.undo()  # the rejection
    panel.controller.undo_stack.undo()  # the acceptance
    assert panel.list.count() == 7
    assert _file_state(path) == ([], {"pending": 7})
    panel.controller.undo_stack.redo()
    assert _file_state(path)[0] == [("figure", "analyst")]


def test_accept_all_of_one_label_and_rejected_stay_away(
    qtbot: QtBot, panel: SuggestionPanel
) -> None:
    path = panel.controller.project.path
    panel.run_button.click()
    total = panel.list.count()
    denials = len(panel.reviewer.pending(labels=["denial"]))
    panel.reviewer.reject_label("denial")
    panel.label_filter.setCurrentIndex(panel.label_filter.findData("figure"))
    panel.accept_all.click()
    assert panel.list.count() == 0
    spans, statuses = _file_state(path)
    assert spans == [("figure", "analyst")] * 7
    assert statuses["rejected"] == denials
    panel.label_filter.setCurrentIndex(0)
    panel.run_button.click()  # the suggester again: nothing rejected or accepted returns
    assert panel.list.count() == total - denials - 7


def test_editing_an_accepted_span_makes_it_the_analysts(panel: SuggestionPanel) -> None:
    panel.reviewer.run(labels=["figure"])
    (span_id,) = panel.reviewer.accept([panel.reviewer.pending()[0].id])
    panel.controller.set_span_note(span_id, "checked")
    assert panel.controller.project.span(span_id).annotator == "analyst"
    assert suggest.suggestions(panel.controller.project, status="accepted")


def test_a_span_tagged_over_a_suggestion_answers_it_after_the_edit_not_inside_it(
    qtbot: QtBot, panel: SuggestionPanel
) -> None:
    panel.label_filter.setCurrentIndex(panel.label_filter.findData("figure"))
    panel.run_button.click()
    assert panel.list.count() == 7
    first = panel.list.item(0).data(Qt.ItemDataRole.UserRole)
    figure = panel.controller.project.label_named("figure")
    assert figure is not None
    panel.controller.add_span(first.document_id, first.start, first.end, figure.id)
    assert panel.list.count() == 7  # the edit's frame does not rebuild the list...
    qtbot.waitUntil(lambda: panel.list.count() == 6)  # ...it catches up right after
