"""Team features in the window, driven with keys and clicks and checked in the project file:
blind mode, the Agreement dock, the Adjudicate dock and File › Merge projects."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from window_helpers import label_id, open_window, stored_spans

from workbench.annotator_status import annotator_status
from workbench.project import Project
from workbench.ui.window.main_window import MainWindow


def _key(text: str, quote: str, nth: int = 0) -> tuple[int, int]:
    at = -1
    for _ in range(nth + 1):
        at = text.index(quote, at + 1)
    return at, at + len(quote)


@pytest.fixture
def team_file(sample_project_file: Path) -> Path:
    """The sample with two layers on the first article: ana and bob agree on a source, draw
    a claim differently, and each has a span the other lacks."""
    with Project.open(sample_project_file) as p:
        doc = p.document_ids()[0]
        text = p.document(doc).text
        source, claim, figure = (label_id(p, n) for n in ("source", "claim", "figure"))
        agreed = _key(text, "Seoul’s intelligence agency")
        for ann in ("ana", "bob"):
            p.add_span(doc, *agreed, source, annotator=ann)
        start, end = _key(
            text,
            "approximately 1,500 North Korean soldiers, including special "
            "forces, have already made their way to Russia",
        )
        p.add_span(doc, start, end, claim, annotator="ana")
        p.add_span(doc, start, start + 41, claim, annotator="bob")  # without the predicate
        p.add_span(doc, *_key(text, "Ambassador Zinoviev"), source, annotator="ana")
        p.add_span(doc, start, start + 41, figure, annotator="bob")
    return sample_project_file


@pytest.fixture
def window(qtbot: QtBot, team_file: Path) -> Iterator[MainWindow]:
    w = open_window(qtbot, team_file, size=(1500, 950))
    yield w
    w.close()


def _first_doc(window: MainWindow) -> str:
    return window.controller.project.document_ids()[0]


def test_blind_mode_shows_only_my_layer_until_i_choose_more(
    qtbot: QtBot, window: MainWindow, team_file: Path
) -> None:
    shown = window.controller.annotator_filter
    assert shown.blind  # two annotators in the project: blind by default
    pane = window.open_document(_first_doc(window))
    assert pane is not None and pane.layer is not None
    assert {s.annotator for s in pane.layer.spans.values()} == {"ana"}
    assert window.annotation_list is not None
    count = window.annotation_list.count_label
    qtbot.waitUntil(lambda: count.text() == "3 of 3 spans")  # the list fills after the paint
    assert window.counts_label.text() == "5 documents · 3 spans"
    # Tagging in blind mode goes into my layer; the counts follow.
    assert pane.document is not None
    start = pane.document.text.index("Kim Hong-kyun")
    pane.select_range(start, start + len("Kim Hong-kyun"))
    qtbot.keyClick(pane.view, "2")
    assert [
        (s.start, s.annotator)
        for s in stored_spans(team_file)
        if s.label_id == label_id(team_file, "source") and s.start == start
    ] == [(start, "ana")]
    assert window.counts_label.text() == "5 documents · 4 spans"

    menu = window.team.annotators_menu
    menu.aboutToShow.emit()
    [everyone] = [a for a in menu.actions() if a.text() == "All annotators"]
    everyone.trigger()
    assert {s.annotator for s in pane.layer.spans.values()} == {"ana", "bob"}
    assert window.annotation_list.count_label.text() == "7 of 7 spans"
    assert window.counts_label.text() == "5 documents · 7 spans"
    assert pane.layer.pen_style("ana") != pane.layer.pen_style("bob")

    menu.aboutToShow.emit()
    [bob] = [a for a in menu.actions() if a.text() == "bob"]
    bob.trigger()  # unticks bob: back to ana's layer only
    assert {s.annotator for s in pane.layer.spans.values()} == {"ana"}

    # My status is mine: marking the document done leaves bob's untouched.
    pane.status.setCurrentIndex(pane.status.findData("done"))
    with Project.open(team_file) as p:
        assert annotator_status(p, _first_doc(window), "ana") == "done"
        assert annotator_status(p, _first_doc(window), "bob") == "todo"


def test_agreement_dock_lists_disagreements_and_opens_both_layers(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.team.agreement_action.trigger()
    view = window.team.agreement
    assert view is not None and view.result is not None
    assert view.cell_text(0, 0) and view.table.rowCount() == 1
    headers = [view.table.horizontalHeaderItem(c) for c in range(view.table.columnCount())]
    columns = [h.text() for h in headers if h is not None]
    row_header = view.table.verticalHeaderItem(0)
    assert row_header is not None and row_header.text() == "ana × bob"
    source_col, claim_col = columns.index("source"), columns.index("claim")
    # source: ana 2 spans, bob 1, one exact match -> 2*1/3.
    assert view.cell_text(0, source_col) == "0.67  (3)"
    cell = view.table.item(0, claim_col)
    assert cell is not None
    rect = view.table.visualItemRect(cell)
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.list.count() == 1 and "boundaries differ" in view.list.item(0).text()
    item_rect = view.list.visualItemRect(view.list.item(0))
    qtbot.mouseClick(view.list.viewport(), Qt.MouseButton.LeftButton, pos=item_rect.center())
    # Side by side: the document in two panes, ana's layer left and bob's right.
    left, right = window.panes[:2]
    assert left.document_id == right.document_id == _first_doc(window)
    assert left.layer is not None and right.layer is not None
    assert {s.annotator for s in left.layer.spans.values()} == {"ana"}
    assert {s.annotator for s in right.layer.spans.values()} == {"bob"}
    d = view.shown[0]
    assert d.a is not None and d.b is not None
    assert (left.selected_span_id, right.selected_span_id) == (d.a.id, d.b.id)
    assert window.controller.annotator_filter.shown == frozenset({"ana", "bob"})
    # Choosing whose spans show again puts both panes back on the window's choice.
    window.controller.annotator_filter.show(None)
    assert {s.annotator for s in left.layer.spans.values()} == {"ana", "bob"}


def _layer(path: Path, name: str) -> set[tuple[int, int, int]]:
    return {(s.start, s.end, s.label_id) for s in stored_spans(path) if s.annotator == name}


def test_adjudicate_mode_with_keys_and_undo(
    qtbot: QtBot, window: MainWindow, team_file: Path
) -> None:
    window.team.adjudicate_action.trigger()
    assert window.controller.annotator_filter.shown is None  # every version visible
    window.open_document(_first_doc(window))
    panel = window.team.adjudication
    assert panel is not None and panel.document_id == _first_doc(window)
    states = [c.state for c in panel.candidates]
    assert states.count("agreed") == 1 and states.count("disagreed") == 2

    qtbot.mouseClick(panel.side_by_side_button, Qt.MouseButton.LeftButton)
    left, right = window.panes[:2]
    assert left.document_id == right.document_id == _first_doc(window)
    assert left.layer is not None and right.layer is not None
    assert {s.annotator for s in left.layer.spans.values()} == {"ana", "bob"}
    assert right.layer.spans == {}  # the adjudicated layer, empty so far

    qtbot.mouseClick(panel.accept_agreed_button, Qt.MouseButton.LeftButton)
    [(start, end, _label)] = _layer(team_file, "curator")
    assert [(s.start, s.annotator) for s in right.layer.spans.values()] == [(start, "curator")]
    with Project.open(team_file) as p:
        assert p.document(_first_doc(window)).text[start:end] == "Seoul’s intelligence agency"

    claims = [
        i
        for i, c in enumerate(panel.candidates)
        if c.state == "disagreed" and c.span.label_id == label_id(team_file, "claim")
    ]
    bob_version = next(i for i in claims if panel.candidates[i].annotators == ["bob"])
    panel.list.setFocus()
    panel.list.setCurrentRow(bob_version)
    qtbot.keyClick(panel.list, Qt.Key.Key_A)
    bob_claim = panel.candidates[bob_version].span
    assert (bob_claim.start, bob_claim.end, bob_claim.label_id) in _layer(team_file, "curator")
    ana_version = next(i for i in claims if panel.candidates[i].annotators == ["ana"])
    panel.list.setCurrentRow(ana_version)
    qtbot.keyClick(panel.list, Qt.Key.Key_A)  # replaces bob's version
    curator = _layer(team_file, "curator")
    assert (bob_claim.start, bob_claim.end, bob_claim.label_id) not in curator
    assert len(curator) == 2

    panel.list.setCurrentRow(ana_version)
    qtbot.keyClick(panel.list, Qt.Key.Key_R)  # reject every version of the claim
    assert len(_layer(team_file, "curator")) == 1
    window.controller.undo_stack.undo()
    assert len(_layer(team_file, "curator")) == 2
    window.controller.undo_stack.undo()  # back to bob's version
    assert (bob_claim.start, bob_claim.end, bob_claim.label_id) in _layer(team_file, "curator")

    only = next(i for i, c in enumerate(panel.candidates) if c.state == "only")
    panel.list.setCurrentRow(only)
    qtbot.keyClick(panel.list, Qt.Key.Key_E)  # accept, then edit its edges in the pane
    pane = window.active_pane
    assert pane is not None and pane.selected_span() is not None
    assert pane.selected_span().annotator == "curator"  # type: ignore[union-attr]  # checked


def test_a_hidden_adjudication_panel_waits_until_it_shows(
    qtbot: QtBot, window: MainWindow, team_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.team.adjudicate_action.trigger()
    window.open_document(_first_doc(window))
    panel = window.team.adjudication
    assert panel is not None and panel.candidates
    before = len(panel.candidates)
    window.team.adjudicate_action.trigger()  # hide the dock
    assert not panel.isVisible()
    fills: list[int] = []
    original = type(panel)._fill
    monkeypatch.setattr(type(panel), "_fill", lambda self: (fills.append(1), original(self)))
    text = window.controller.project.document(_first_doc(window)).text
    start = text.index("Ambassador Zinoviev")
    window.controller.add_span(_first_doc(window), start, start + 10, label_id(team_file, "claim"))
    assert fills == []  # an edit does not pay for a list nobody sees
    window.team.adjudicate_action.trigger()  # show it again: the list catches up once
    qtbot.waitUntil(lambda: fills == [1])
    assert len(panel.candidates) == before + 1


def test_merge_projects_from_the_file_menu(
    qtbot: QtBot, sample_project_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    theirs = tmp_path / "bob.wbproj"
    shutil.copy(sample_project_file, theirs)
    with Project.open(theirs) as p:
        doc = p.document_ids()[1]
        p.add_span(doc, 0, 5, label_id(p, "source"), annotator="bob")
    w = open_window(qtbot, sample_project_file)
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getOpenFileNames",  # imported when asked
        lambda *a, **k: ([str(theirs)], ""),
    )
    w.team.merge_action.trigger()
    assert [(s.start, s.end, s.annotator) for s in stored_spans(sample_project_file, doc)] == [
        (0, 5, "bob")
    ]
    box = w.findChild(QMessageBox)
    assert box is not None and "1 by bob" in box.text()
    before = sample_project_file.read_bytes()
    junk = tmp_path / "junk.wbproj"
    junk.write_text("not a project")
    assert w.team.merge([junk]) is None
    assert "junk.wbproj" in w.last_error
    assert sample_project_file.read_bytes() == before
    w.close()


def test_adjudicate_turned_on_over_an_open_document_shows_every_version(
    window: MainWindow,
) -> None:
    # The panel is built hidden as the mode turns on: the left pane must not wait for its
    # list to be shown (it showed nobody's spans: "Left:  · right: curator").
    window.open_document(_first_doc(window))
    window.team.adjudicate_action.trigger()
    left, right = window.panes[:2]
    assert left.document_id == right.document_id == _first_doc(window)
    assert left.layer is not None
    assert {s.annotator for s in left.layer.spans.values()} == {"ana", "bob"}
    assert window.statusBar().currentMessage() == "Left: ana, bob · right: curator"


def test_one_annotators_document_has_nothing_agreed(
    qtbot: QtBot, window: MainWindow, team_file: Path
) -> None:
    second = window.controller.project.document_ids()[1]
    text = window.controller.project.document(second).text
    source = label_id(team_file, "source")
    window.controller.project.add_span(second, 0, text.index(" "), source, annotator="ana")
    window.open_document(second)
    window.team.adjudicate_action.trigger()
    panel = window.team.adjudication
    assert panel.document_id == second
    assert [c.state for c in panel.candidates] == ["only"]
    assert not panel.accept_agreed_button.isEnabled()
    panel.accept_all_agreed()
    assert _layer(team_file, "curator") == set()
