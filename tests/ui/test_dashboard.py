"""The dashboard's charts follow edits and save as PNG; the command draws the same picture."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from analysis_helpers import annotate_sample
from PySide6.QtCharts import QBarSet, QValueAxis
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot
from window_helpers import annotated_controller, view_of_sample

from workbench.chart_data import chart_data
from workbench.cli import main
from workbench.project import Project
from workbench.ui.docks.charts import axis_moves
from workbench.ui.docks.dashboard import CHART_NAMES, Dashboard


@pytest.fixture
def dashboard(qtbot: QtBot, sample_project_file: Path) -> Iterator[Dashboard]:
    controller, _ = annotated_controller(sample_project_file)
    widget = Dashboard(controller)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: not widget.reading())  # it reads in a thread of its own
    yield widget
    controller.project.close()


def _bars(dashboard: Dashboard, chart: int) -> dict[str, list[float]]:
    series = dashboard.views[chart].chart().series()[0]
    sets: list[QBarSet] = series.barSets()
    return {s.label(): [s.at(i) for i in range(s.count())] for s in sets}


def test_charts_show_the_project_and_follow_edits(qtbot: QtBot, dashboard: Dashboard) -> None:
    figures = _bars(dashboard, 0)["figure"]
    assert list(reversed(figures)) == [2, 2, 1, 0, 1]  # first document drawn on top
    assert _bars(dashboard, 2) == {"analyst": [13.0]}
    project = dashboard.controller.project
    dashboard.controller.set_status(project.document_ids()[0], "done")
    qtbot.waitUntil(lambda: _bars(dashboard, 1)["documents done"] == [1.0])


def test_hovering_a_bar_names_its_document_and_counts(dashboard: Dashboard) -> None:
    # Beside the bars, a dock's narrow chart elides every title to "…".
    chart = dashboard.views[0].chart()
    series = chart.series()[0]
    bars = {b.label(): b for b in series.barSets()}
    project = dashboard.controller.project
    first = project.documents()[0]
    top = len(project.documents()) - 1  # the first document is the top bar
    figures = int(bars["figure"].at(top))
    total = len(project.spans(first.id))
    series.hovered.emit(True, top, bars["figure"])
    assert chart.toolTip() == f"{first.title}\nfigure: {figures} of {total} spans"
    series.hovered.emit(False, top, bars["figure"])
    assert chart.toolTip() == ""


def test_each_chart_saves_as_png(dashboard: Dashboard, tmp_path: Path) -> None:
    for name in CHART_NAMES:
        assert dashboard.save_chart(name, tmp_path / f"{name}.png")
        image = QImage(str(tmp_path / f"{name}.png"))
        assert not image.isNull() and image.width() > 0
    messages = []
    dashboard.controller.error_raised.connect(messages.append)
    assert not dashboard.save_chart(CHART_NAMES[0], tmp_path / "missing" / "x.png")
    assert "does not exist" in messages[0]


def test_stats_plot_writes_the_three_charts(sample_project_file: Path, tmp_path: Path) -> None:
    with Project.open(sample_project_file) as project:
        annotate_sample(project)
    out = tmp_path / "charts.png"
    assert main(["stats", str(sample_project_file), "--plot", str(out)]) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1000, 3 * 420)
    # not a blank picture: the bars put colour in it
    colours = {image.pixelColor(x, y).name() for x in range(0, 1000, 25) for y in range(0, 420, 10)}
    assert "#e69f00" in colours  # the figure label's colour


def test_the_count_axis_moves_only_when_the_largest_count_does(
    qtbot: QtBot, dashboard: Dashboard
) -> None:
    chart = dashboard.views[0].chart()
    (axis,) = [a for a in chart.axes() if isinstance(a, QValueAxis)]
    moved: list[float] = []
    axis.rangeChanged.connect(lambda _low, high: moved.append(high))
    controller = dashboard.controller
    span = controller.project.spans()[0]
    label = next(lb.id for lb in controller.project.labels() if lb.id != span.label_id)
    document_id = span.document_id
    text = controller.project.document(document_id).text
    total = len(controller.project.spans(document_id))
    starts = iter(range(0, len(text) - 1, 2))

    # More spans in one document than the axis reaches: it grows to show them, to a
    # round number past the largest count.
    while axis.max() <= total:
        start = next(starts)
        if controller.add_span(document_id, start, start + 1, label) is not None:
            total += 1
        qtbot.waitUntil(lambda: not dashboard._timer.isActive())
    assert moved and axis.max() > total

    moved.clear()
    before = _bars(dashboard, 0)
    controller.relabel_span(span.id, label)  # every document keeps its total
    qtbot.waitUntil(lambda: _bars(dashboard, 0) != before)
    assert moved == []

    # One more span, still inside the axis: the bars grow, the axis stays.
    before = _bars(dashboard, 0)
    start = next(starts)
    assert controller.add_span(document_id, start, start + 1, label) is not None
    qtbot.waitUntil(lambda: _bars(dashboard, 0) != before)
    assert total + 1 <= axis.max() and moved == []


@pytest.mark.parametrize(
    ("shown", "maximum", "moves"),
    [(15, 16, True), (15, 15, False), (15, 8, False), (15, 7, True), (4, 1, False), (0, 0, False)],
)
def test_the_count_axis_grows_past_the_largest_count_and_shrinks_below_half(
    shown: float, maximum: int, moves: bool
) -> None:
    assert axis_moves(shown, maximum) is moves


def test_an_edit_made_while_the_charts_are_read_is_not_lost(
    qtbot: QtBot, sample_project_file: Path
) -> None:
    widget = view_of_sample(qtbot, sample_project_file, Dashboard)
    project = widget.controller.project
    assert widget.reading()
    for thread in threading.enumerate():  # the read is done, but not yet taken in
        if thread.name == "workbench-read":
            thread.join()
    figure = project.label_named("figure")
    assert figure is not None
    doc = project.document_ids()[4]
    assert widget.controller.add_span(doc, 0, 5, figure.id) is not None
    qtbot.waitUntil(lambda: not widget.reading())
    fresh = chart_data(project)
    assert widget.data == fresh
    names = [name for name, _ in fresh.by_label.labels]
    drawn = list(reversed(_bars(widget, 0)["figure"]))  # first document on top
    assert drawn == fresh.by_label.counts[names.index("figure")] and drawn[4] == 2
    project.close()
