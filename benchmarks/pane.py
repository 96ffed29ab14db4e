"""The window: opening a big document in an ArticlePane, and one edit through the controller.

Floor: a bare QPlainTextEdit showing the same text with the same highlights set per
block with QTextLayout.setFormats, read from the same project.
"""

from __future__ import annotations

import statistics
import time
from bisect import bisect_right
from pathlib import Path
from typing import Any

from benchmarks.corpus import Size, build_project
from workbench.offsets import Utf16Map
from workbench.project import Project

EDITS = 200


def _first_paint(widget: Any, viewport: Any) -> None:
    from PySide6.QtWidgets import QApplication

    widget.show()
    QApplication.processEvents()
    viewport.grab()


def _floor(project: Project, doc_id: str) -> float:
    from PySide6.QtGui import QColor, QTextCharFormat, QTextLayout
    from PySide6.QtWidgets import QPlainTextEdit

    colors = {lb.id: QColor(lb.color) for lb in project.labels()}
    started = time.perf_counter()
    text = project.document(doc_id).text
    spans = project.spans(doc_id)
    view = QPlainTextEdit()
    view.resize(900, 700)
    view.setReadOnly(True)
    view.setPlainText(text)
    u16 = Utf16Map(text)
    document = view.document()
    starts, blocks = [], []
    block = document.begin()
    while block.isValid():
        starts.append(block.position())
        blocks.append([])
        block = block.next()
    for s in spans:
        a, b = u16.to_utf16(s.start), u16.to_utf16(s.end)
        n = bisect_right(starts, a) - 1
        while n < len(starts) and starts[n] < b:
            fr = QTextLayout.FormatRange()
            fr.start = max(a, starts[n]) - starts[n]
            end = min(b, starts[n + 1] - 1 if n + 1 < len(starts) else b)
            fr.length = max(0, end - starts[n] - fr.start)
            fmt = QTextCharFormat()
            fmt.setBackground(colors[s.label_id])
            fr.format = fmt
            blocks[n].append(fr)
            n += 1
    block = document.begin()
    for ranges in blocks:
        if ranges:
            block.layout().setFormats(ranges)
        block = block.next()
    _first_paint(view, view.viewport())
    took = time.perf_counter() - started
    view.close()
    view.deleteLater()
    return took


def bench_pane(size: Size, work: Path) -> list[dict[str, Any]]:
    import random

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from workbench.ui.controller import ProjectController
    from workbench.ui.pane.article_pane import ArticlePane
    from workbench.ui.shared.window_settings import WindowSettings

    app = QApplication.instance() or QApplication([])  # noqa: F841
    path = build_project(size, work / "pane.wbproj")
    project = Project.open(path)
    doc_id = project.document_ids()[0]
    floor = min(_floor(project, doc_id) for _ in range(2))

    project.checkpoint_in_background()  # as the window's open_controller() does
    controller = ProjectController(project, annotator="bench")
    settings = WindowSettings(QSettings(str(work / "window.ini"), QSettings.Format.IniFormat))
    times = []
    for _ in range(2):
        pane = ArticlePane(controller, settings)
        pane.resize(900, 700)
        started = time.perf_counter()
        pane.open_document(doc_id)
        _first_paint(pane, pane.view.viewport())
        times.append(time.perf_counter() - started)
    rows = [
        {"label": "open in pane", "figure": min(times), "floor": floor, "unit": "s", "note": ""}
    ]

    rng = random.Random(6)
    labels = [lb.id for lb in project.labels()]
    viewport = pane.view.viewport()

    def timed(action: Any) -> float:
        """One edit and the synchronous repaint it causes, in ms."""
        QApplication.processEvents()
        started = time.perf_counter()
        action()
        viewport.repaint()
        return (time.perf_counter() - started) * 1000

    latencies: dict[str, list[float]] = {"add": [], "relabel": [], "delete": []}
    while len(latencies["delete"]) < EDITS:
        # On screen (near the top); each span is added, relabelled and deleted in turn,
        # so the density of spans stays that of the corpus.
        start = rng.randrange(0, 3000)
        holder: list[Any] = []
        ms = timed(
            lambda holder=holder, start=start: holder.append(
                controller.add_span(doc_id, start, start + rng.randint(3, 30), rng.choice(labels))
            )
        )
        span = holder[0]
        if span is None:
            continue
        latencies["add"].append(ms)
        label = next(x for x in labels if x != span.label_id)
        latencies["relabel"].append(
            timed(lambda span=span, label=label: controller.relabel_span(span.id, label))
        )
        latencies["delete"].append(timed(lambda span=span: controller.delete_span(span.id)))
    for kind, values in latencies.items():
        values.sort()
        rows.append(
            {
                "label": f"{kind} span",
                "figure": statistics.median(values),
                "p99": values[int(len(values) * 0.99) - 1],
                "floor": None,
                "unit": "ms",
                "note": "",
            }
        )
    pane.close()
    project.close()
    return rows
