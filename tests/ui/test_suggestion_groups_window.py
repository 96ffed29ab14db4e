"""Attribution groups in the window: Enter on any member accepts the group with its link,
Shift+Enter one member alone, undo takes it all back; the pane draws suggested links."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from window_helpers import open_window, point_of

from workbench.project import Project
from workbench.ui.controller import ProjectController
from workbench.ui.docks.suggestion_review import SuggestionPanel

TEXT = "Port officials said that the terminal would reopen on Friday. The weather was mild."


@pytest.fixture
def path(project_file: Path) -> Path:
    with Project.open(project_file) as project:
        project.add_document(TEXT, title="port")
    return project_file


@pytest.fixture
def panel(qtbot: QtBot, path: Path) -> Iterator[SuggestionPanel]:
    project = Project.open(path)
    widget = SuggestionPanel(ProjectController(project, "analyst"))
    qtbot.addWidget(widget)
    yield widget
    project.close()


def _file(path: Path) -> tuple[set[tuple[str, str]], set[tuple[str, str, str]]]:
    """(label, text) of the spans and (head, tail, type) of the relations in the file."""
    with Project.open(path) as again:
        labels = {lb.id: lb.name for lb in again.labels()}
        types = {t.id: t.name for t in again.relation_types()}
        spans = {s.id: (labels[s.label_id], TEXT[s.start : s.end]) for s in again.spans()}
        relations = {
            (spans[r.head][1], spans[r.tail][1], types[r.type_id]) for r in again.relations()
        }
    return set(spans.values()), relations


def _row_of(panel: SuggestionPanel, label: str) -> int:
    return next(
        i
        for i in range(panel.list.count())
        if panel.list.item(i).data(Qt.ItemDataRole.UserRole).label == label
    )


def test_enter_on_the_source_accepts_source_claim_and_link(
    qtbot: QtBot, panel: SuggestionPanel
) -> None:
    path = panel.controller.project.path
    panel.run_button.click()
    claim_row = panel.list.item(_row_of(panel, "claim")).text()
    assert "┄▸ source: Port officials" in claim_row  # the link is shown before accepting
    panel.list.setCurrentRow(_row_of(panel, "source"))
    with qtbot.waitSignal(panel.controller.relations_changed):
        qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    group = (
        {("source", "Port officials"), ("claim", "the terminal would reopen on Friday")},
        {("the terminal would reopen on Friday", "Port officials", "attributed_to")},
    )
    assert _file(path) == group
    assert panel.list.count() == 0
    panel.controller.undo_stack.undo()
    assert _file(path) == (set(), set())
    assert panel.list.count() == 2
    panel.controller.undo_stack.redo()
    assert _file(path) == group


def test_shift_enter_accepts_one_member_and_backspace_rejects_one(
    qtbot: QtBot, panel: SuggestionPanel
) -> None:
    path = panel.controller.project.path
    panel.run_button.click()
    panel.list.setCurrentRow(_row_of(panel, "claim"))
    qtbot.keyClick(panel.list, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert _file(path) == ({("claim", "the terminal would reopen on Friday")}, set())
    panel.list.setCurrentRow(_row_of(panel, "source"))
    qtbot.keyClick(panel.list, Qt.Key.Key_Backspace)
    assert _file(path) == ({("claim", "the terminal would reopen on Friday")}, set())
    assert panel.list.count() == 0


def test_the_pane_draws_the_suggested_link_and_enter_there_accepts_the_group(
    qtbot: QtBot, path: Path
) -> None:
    window = open_window(qtbot, path, size=(1200, 800))
    pane = window.open_document(window.controller.project.document_ids()[0], new_pane=True)
    assert pane is not None
    window.run_suggester()
    assert [(h.label, t.label) for h, t, _ in pane.marks.suggested] == [("claim", "source")]
    pane.view.viewport().repaint()  # paints the dashed arc without an error
    source = next(s for s in pane.marks.suggestions if s.label == "source")
    qtbot.mouseClick(
        pane.view.viewport(), Qt.MouseButton.LeftButton, pos=point_of(pane, source.start + 1)
    )
    assert pane.marks.selected == source
    qtbot.keyClick(pane.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert _file(path) == ({("source", "Port officials")}, set())  # alone
    window.controller.undo_stack.undo()
    claim = next(s for s in pane.marks.suggestions if s.label == "claim")
    qtbot.mouseClick(
        pane.view.viewport(), Qt.MouseButton.LeftButton, pos=point_of(pane, claim.start + 1)
    )
    assert pane.marks.selected == claim
    qtbot.keyClick(pane.view, Qt.Key.Key_Return)  # with its group
    assert _file(path)[1] == {
        ("the terminal would reopen on Friday", "Port officials", "attributed_to")
    }
    assert pane.marks.suggested == []
    window.close()


def test_a_group_accepted_in_the_window_is_the_analysts_and_keeps_their_own_span(
    qtbot: QtBot, panel: SuggestionPanel
) -> None:
    controller = panel.controller
    project = controller.project
    panel.run_button.click()
    source = next(s for s in panel.reviewer.pending() if s.label == "source")
    label = project.label_named("source")
    assert label is not None
    # The analyst tagged the speaker themselves first (the same span exactly).
    own = project.add_span(
        source.document_id, source.start, source.end, label.id, annotator="analyst"
    )
    accepted = panel.reviewer.accept_group(source.id)
    spans = {s.id: s for s in project.spans()}
    assert own.id not in accepted and len(accepted) == 1  # the claim; no second source
    assert {spans[i].annotator for i in accepted} == {"analyst"}
    (relation,) = project.relations()
    assert relation.tail == own.id and relation.head == accepted[0]  # linked to their span
    assert relation.annotator == "analyst"
    controller.undo_stack.undo()
    assert [s.id for s in project.spans()] == [own.id] and not project.relations()


def test_two_analysts_acceptances_stay_apart_through_a_merge(
    qtbot: QtBot, path: Path, tmp_path: Path
) -> None:
    from workbench import suggest
    from workbench.merge import merge_projects

    other = tmp_path / "other.wbproj"
    other.write_bytes(path.read_bytes())
    for file, name in ((path, "ana"), (other, "ben")):
        project = Project.open(file)
        controller = ProjectController(project, name)
        suggest.run_suggester(project)
        source = next(s for s in suggest.suggestions(project) if s.label == "source")
        controller.accept_suggestions([source.id])
        project.close()
    with Project.open(path) as project:
        merge_projects(project, [other])
        sources = [s for s in project.spans() if project.label(s.label_id).name == "source"]
    assert sorted(s.annotator for s in sources) == ["ana", "ben"]  # agreement can compare
