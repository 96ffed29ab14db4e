"""The dashboard's charts (QtCharts), shared by the window and `workbench stats --plot`.

Spans per label per document, documents done over time, and annotator activity. Each
chart can be saved alone as PNG; `render_png` draws all three into one picture.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from workbench.chart_data import ChartData
from workbench.errors import WorkbenchError

CHART_SIZE = (1000, 420)
_PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442"]


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setMargins(QMargins(8, 8, 8, 8))
    return chart


def _value_axis(maximum: int, title: str) -> QValueAxis:
    axis = QValueAxis()
    _set_maximum(axis, maximum)
    axis.setLabelFormat("%d")
    axis.setTitleText(title)
    return axis


def _set_maximum(axis: QValueAxis, maximum: int) -> None:
    axis.setRange(0, max(1, maximum))
    axis.setTickCount(min(max(2, maximum + 1), 6))
    axis.applyNiceNumbers()


def axis_moves(shown: float, maximum: int) -> bool:
    """Whether a count axis ending at `shown` is fitted anew to a largest count of `maximum`:
    when the count passes its end, or falls below half of it (short axes stay)."""
    return maximum > shown or (shown > 4 and maximum * 2 < shown)


def spans_per_label_chart(data: ChartData) -> QChart:
    counts = data.by_label
    chart = _chart("Spans per label per document")
    series = QHorizontalStackedBarSeries()
    for (name, color), row in zip(counts.labels, counts.counts, strict=True):
        bar = QBarSet(name)
        bar.setColor(QColor(color))
        bar.append([float(n) for n in reversed(row)])  # the first document on top
        series.append(bar)
    chart.addSeries(series)
    titles = list(reversed(counts.documents))
    # In a dock the titles beside the bars are elided to "…": hovering a bar names it. The
    # chart's own tooltip, as the scene hides any other when the pointer rests.
    series.hovered.connect(
        lambda over, index, bar: chart.setToolTip(
            bar_tip(series, titles, index, bar) if over else ""
        )
    )
    documents = QBarCategoryAxis()
    documents.append([_clip(t) for t in titles] or ["(no documents)"])
    totals = [sum(col) for col in zip(*counts.counts, strict=True)] if counts.counts else [0]
    chart.addAxis(documents, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(_value_axis(max(totals, default=0), "spans"), Qt.AlignmentFlag.AlignBottom)
    for axis in chart.axes():
        series.attachAxis(axis)
    return chart


def bar_tip(
    series: QHorizontalStackedBarSeries, titles: list[str], index: int, bar: QBarSet
) -> str:
    """What hovering one label's part of a document's bar says: the document's whole title,
    that label's count and the document's total."""
    total = sum(int(b.at(index)) for b in series.barSets())
    return f"{titles[index]}\n{bar.label()}: {int(bar.at(index))} of {total} spans"


def done_over_time_chart(data: ChartData) -> QChart:
    chart = _chart("Documents done over time")
    done = QBarSet("documents done")
    done.setColor(QColor("#009E73"))
    done.append([float(n) for _, n in data.done_over_time])
    return _bars(chart, [done], [day for day, _ in data.done_over_time], "documents")


def activity_chart(data: ChartData) -> QChart:
    chart = _chart("Annotator activity (spans created per day)")
    sets = []
    for i, (who, series) in enumerate(sorted(data.activity.items())):
        per_day = dict(series)
        bar = QBarSet(who)
        bar.setColor(QColor(_PALETTE[i % len(_PALETTE)]))
        bar.append([float(per_day.get(day, 0)) for day in data.days])
        sets.append(bar)
    return _bars(chart, sets, data.days, "spans")


def _bars(chart: QChart, sets: list[QBarSet], categories: list[str], unit: str) -> QChart:
    series = QBarSeries()
    for bar in sets:
        series.append(bar)
    chart.addSeries(series)
    axis = QBarCategoryAxis()
    axis.append(categories or ["(nothing yet)"])
    highest = max((int(bar.at(i)) for bar in sets for i in range(bar.count())), default=0)
    chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(_value_axis(highest, unit), Qt.AlignmentFlag.AlignLeft)
    for a in chart.axes():
        series.attachAxis(a)
    return chart


# Narrower than the annotations dock on a 1366 px laptop, so no horizontal scroll bar.
CHART_MIN_SIZE = (300, 240)


def update_spans_per_label(chart: QChart, data: ChartData) -> bool:
    """Set the counts of a chart made by `spans_per_label_chart` to `data`, in place.

    False (nothing changed) when labels or documents differ: build the chart again then."""
    counts = data.by_label
    series = chart.series()
    if len(series) != 1 or not isinstance(series[0], QHorizontalStackedBarSeries):
        return False
    bars = series[0].barSets()
    if [bar.label() for bar in bars] != [name for name, _ in counts.labels] or any(
        bar.count() != len(counts.documents) for bar in bars
    ):
        return False
    _replace_values(bars, [list(reversed(row)) for row in counts.counts])
    totals = [sum(col) for col in zip(*counts.counts, strict=True)] if counts.counts else [0]
    _update_value_axis(chart, max(totals, default=0))
    return True


def update_activity(chart: QChart, data: ChartData) -> bool:
    """Set the counts of a chart made by `activity_chart` to `data`, in place (False when
    annotators or days differ: build it again then)."""
    series = chart.series()
    if len(series) != 1 or not isinstance(series[0], QBarSeries):
        return False
    bars = series[0].barSets()
    names = sorted(data.activity)
    categories = [axis for axis in chart.axes() if isinstance(axis, QBarCategoryAxis)]
    if (
        [bar.label() for bar in bars] != names
        or len(categories) != 1
        or categories[0].categories() != (data.days or ["(nothing yet)"])
    ):
        return False
    values = [
        [per_day.get(day, 0) for day in data.days]
        for per_day in (dict(data.activity[who]) for who in names)
    ]
    _replace_values(bars, values)
    _update_value_axis(chart, max((n for row in values for n in row), default=0))
    return True


def _replace_values(bars: list[QBarSet], values: list[list[int]]) -> None:
    for bar, row in zip(bars, values, strict=True):
        for i, n in enumerate(row):
            if bar.at(i) != n:
                bar.replace(i, float(n))


def _update_value_axis(chart: QChart, maximum: int) -> None:
    # A fit lays the chart out again and makes its tick labels anew (20-25 ms at 50k spans);
    # with the largest count changing at each edit of one long article, a fit per edit was
    # a pass of 25-35 ms after each.
    for axis in chart.axes():
        if isinstance(axis, QValueAxis) and axis_moves(axis.max(), maximum):
            _set_maximum(axis, maximum)


def build_charts(data: ChartData) -> list[QChart]:
    return [spans_per_label_chart(data), done_over_time_chart(data), activity_chart(data)]


def chart_view(chart: QChart) -> QChartView:
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumSize(*CHART_MIN_SIZE)
    return view


def _image(views: list[QChartView], width: int, height: int) -> QImage:
    image = QImage(width, height * len(views), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    for i, view in enumerate(views):
        # An unshown view never lays its chart out: size the chart and scene directly.
        view.resize(width, height)
        view.chart().resize(QSizeF(width, height))
        view.scene().setSceneRect(QRectF(0, 0, width, height))
        view.scene().render(
            painter, QRectF(0, i * height, width, height), QRectF(0, 0, width, height)
        )
    painter.end()
    return image


def save_png(
    views: list[QChartView], path: str | Path, *, size: tuple[int, int] = CHART_SIZE
) -> None:
    """Write the charts, one under the other, as a PNG; an unwritable path is an error."""
    if not Path(path).parent.is_dir():
        raise WorkbenchError(f"Cannot write {path}: folder {Path(path).parent} does not exist.")
    if not _image(views, *size).save(str(path), "PNG"):  # type: ignore[call-overload]  # stubs: bytes; runs: str
        raise WorkbenchError(f"Cannot write {path} as a PNG picture.")


def render_png(data: ChartData, path: str | Path, *, size: tuple[int, int] = CHART_SIZE) -> None:
    """All three charts into one PNG, without a window (creating the QApplication if needed)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])  # noqa: F841  # charts need one
    views = [chart_view(c) for c in build_charts(data)]
    try:
        save_png(views, path, size=size)
    finally:
        for view in views:
            view.deleteLater()


def _clip(title: str, limit: int = 34) -> str:
    return title if len(title) <= limit else title[: limit - 1] + "…"
