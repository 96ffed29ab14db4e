"""Linking spans (within and across articles) and the relations list, checked in the file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from analysis_helpers import annotate_sample
from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from workbench.project import Project
from workbench.ui.controller import ProjectController
from workbench.ui.docks.relations_list import RelationsList
from workbench.ui.pane.link_mode import LinkMode


class _Pane(QObject):
    """Stands in for an article pane: only its span_selected signal matters here."""

    span_selected = Signal(object)


@pytest.fixture
def setup(qtbot: QtBot, sample_project_file: Path) -> Iterator[tuple[ProjectController, dict]]:
    project = Project.open(sample_project_file)
    ids = annotate_sample(project, links=False)
    yield ProjectController(project, "analyst"), ids
    project.close()


def _links_in_file(path: Path) -> set[tuple[str, str, str]]:
    with Project.open(path) as again:
        types = {t.id: t.name for t in again.relation_types()}
        return {(r.head, r.tail, types[r.type_id]) for r in again.relations()}


def test_link_across_panes_with_default_types_and_undo(qtbot: QtBot, setup) -> None:
    controller, ids = setup
    left, right = _Pane(), _Pane()
    mode = LinkMode(controller)
    mode.watch(left.span_selected)
    mode.watch(right.span_selected)
    project = controller.project

    # the denial in article 3 denies the claim beside it
    assert mode.start(project.span(ids["den2"]))
    with qtbot.waitSignal(mode.finished) as done:
        left.span_selected.emit(project.span(ids["claim2"]))
    assert done.args[0] is not None
    # each figure to its twin in another article: same label gives same_as
    mode.start(project.span(ids["fig0a"]))
    right.span_selected.emit(project.span(ids["fig4"]))
    mode.start(project.span(ids["fig0a"]))
    right.span_selected.emit(project.span(ids["fig1a"]))
    expected = {
        (ids["den2"], ids["claim2"], "denies"),
        (ids["fig0a"], ids["fig4"], "same_as"),
        (ids["fig0a"], ids["fig1a"], "same_as"),
    }
    assert _links_in_file(project.path) == expected
    controller.undo_stack.undo()
    assert _links_in_file(project.path) == expected - {(ids["fig0a"], ids["fig1a"], "same_as")}


def test_no_span_selected_or_same_span_links_nothing(qtbot: QtBot, setup) -> None:
    controller, ids = setup
    messages: list[str] = []
    controller.error_raised.connect(messages.append)
    mode = LinkMode(controller)
    assert not mode.start(None) and "Select a span" in messages[0]
    span = controller.project.span(ids["fig2"])
    mode.start(span)
    assert mode.link_to(span) is None and not mode.active
    assert controller.project.relations() == []


def test_chooser_overrides_the_default(setup) -> None:
    controller, ids = setup
    attributed = controller.project.relation_type_named("attributed_to")
    mode = LinkMode(controller, choose_type=lambda head, tail, default: attributed)
    mode.start(controller.project.span(ids["fig2"]))
    mode.link_to(controller.project.span(ids["src2"]))
    assert _links_in_file(controller.project.path) == {(ids["fig2"], ids["src2"], "attributed_to")}


def test_relations_list_shows_deletes_and_jumps(qtbot: QtBot, qtmodeltester, setup) -> None:
    controller, ids = setup
    widget = RelationsList(controller)
    qtbot.addWidget(widget)
    denies = controller.project.relation_type_named("denies").id
    controller.add_relation(ids["den2"], ids["claim2"], denies)
    qtmodeltester.check(widget.model)
    assert widget.model.rowCount() == 1
    row = [widget.model.data(widget.model.index(0, c)) for c in range(3)]
    assert row[1] == "denies" and row[0].startswith("dismissed allegations")
    with qtbot.waitSignal(widget.span_activated) as jumped:
        widget.table_view.doubleClicked.emit(widget.model.index(0, 2))
    assert jumped.args[0].id == ids["claim2"]
    widget.table_view.selectRow(0)
    widget.delete_selected()
    assert widget.model.rowCount() == 0
    assert _links_in_file(controller.project.path) == set()
