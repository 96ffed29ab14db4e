"""The comparison view: the troop figures across the five articles, clicks, CSV, refresh."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from window_helpers import annotated_controller, view_of_sample

from workbench.compare import build_table, table_rows
from workbench.figures import figure_of
from workbench.project import Project
from workbench.ui.docks.compare_view import CompareView


@pytest.fixture
def view(qtbot: QtBot, sample_project_file: Path) -> Iterator[CompareView]:
    controller, ids = annotated_controller(sample_project_file)
    widget = CompareView(controller)
    widget.ids = ids  # type: ignore[attr-defined]
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: not widget.reading())  # it reads the project in slices
    yield widget
    controller.project.close()


def _values(view: CompareView) -> list[str]:
    model = view.model
    return [model.data(model.index(r, 1)) for r in range(model.rowCount())]


def test_troop_figures_side_by_side(qtmodeltester, view: CompareView) -> None:
    qtmodeltester.check(view.model)
    assert _values(view) == ["≈1,500", "≤3,000", "≤10,000", "≤12,000"]
    assert view.model.columnCount() == 2 + 5
    # the figures got their parsed value stored in the file
    with Project.open(view.controller.project.path) as again:
        assert figure_of(again.span(view.ids["fig2"]).attrs).value == 3000


def test_clicking_a_cell_announces_its_span(qtbot: QtBot, view: CompareView) -> None:
    view.show()
    index = view.model.index(1, 2 + 2)  # ≤3,000 in the third article
    view.table_view.scrollTo(index)
    with qtbot.waitSignal(view.span_activated) as blocker:
        qtbot.mouseClick(
            view.table_view.viewport(),
            Qt.MouseButton.LeftButton,
            pos=view.table_view.visualRect(index).center(),
        )
    assert blocker.args[0].id == view.ids["fig2"]


def test_new_link_refreshes_and_csv_exports(
    qtbot: QtBot, view: CompareView, tmp_path: Path
) -> None:
    project = view.controller.project
    same_as = project.relation_type_named("same_as").id
    view.controller.add_relation(view.ids["fig0a"], view.ids["fig4"], same_as)
    qtbot.waitUntil(
        lambda: (
            view.model.table.rows[0].kind == "same_as" and len(view.model.table.rows[0].cells) == 3
        )
    )
    view.controller.delete_span(view.ids["fig1b"])
    qtbot.waitUntil(lambda: _values(view) == ["≈1,500", "≤3,000", "≤12,000"])
    assert view.export_csv(tmp_path / "c.csv")
    with (tmp_path / "c.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert [r[1] for r in rows[1:]] == ["≈1,500", "≤3,000", "≤12,000"]


def test_a_figure_tagged_in_the_window_shows_without_parsing_every_figure_again(
    qtbot: QtBot, view: CompareView, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[object] = []
    monkeypatch.setattr(view.controller, "sync_figures", lambda *a, **k: calls.append(a) or 0)
    project = view.controller.project
    doc = project.document_ids()[2]
    text = project.document(doc).text
    start = text.index("3,000")
    figure = project.label_named("figure")
    assert figure is not None
    view.controller.delete_span(view.ids["fig2"])  # the ≤3,000 row goes...
    qtbot.waitUntil(lambda: "≤3,000" not in _values(view))
    view.controller.add_span(doc, start, start + len("3,000"), figure.id)  # ...and comes back
    qtbot.waitUntil(lambda: "3,000" in _values(view))
    assert calls == []  # the controller stored the value; no walk over every figure


def test_the_table_is_read_in_slices_and_follows_the_edits_made_meanwhile(
    qtbot: QtBot, sample_project_file: Path
) -> None:
    view = view_of_sample(qtbot, sample_project_file, CompareView)
    project = view.controller.project
    assert view.reading() and view.model.rowCount() == 0  # nothing read in the constructor
    assert view.status.text()
    while view._building is None:  # the figures parsed; the snapshot taken
        view._step(0.0)
    figure = project.label_named("figure")
    assert figure is not None
    doc = project.document_ids()[0]
    start = project.document(doc).text.index("12,000 North Korean soldiers")
    added = view.controller.add_span(doc, start, start + 28, figure.id)
    assert added is not None
    qtbot.waitUntil(lambda: not view.reading())
    assert not view.status.text()
    assert table_rows(view.model.table) == table_rows(build_table(project))
    shown = [e.span_id for r in view.model.table.rows for e in r.cells.get(doc, [])]
    assert added.id in shown
    project.close()


def test_an_edit_shows_while_the_rows_still_fit_their_text(
    qtbot: QtBot, sample_project_file: Path
) -> None:
    view = view_of_sample(qtbot, sample_project_file, CompareView)
    project = view.controller.project
    while not view._source_read():
        view._step(0.0)
    assert view.model.rowCount() == 4  # built; its rows fit their text in later passes,
    view._unfitted = iter(range(10**9))  # here for longer than the edit's timer waits
    figure = project.label_named("figure")
    assert figure is not None
    doc = project.document_ids()[0]
    start = project.document(doc).text.index("12,000 North Korean soldiers")
    assert view.controller.add_span(doc, start, start + 28, figure.id) is not None
    qtbot.waitUntil(lambda: view.model.rowCount() == 5)
    view._slices.stop()
    project.close()
