"""An edit in the window refreshes every view from the edit itself, never from a re-read of
the whole project: counted calls of the project-wide queries, while a person's keys tag,
relabel, delete and undo in the real window with the analysis docks open; then every view
shows what a fresh read of the file shows."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from analysis_helpers import annotate_sample
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from window_helpers import open_window, point_of

from workbench import chart_data, compare, compare_source, suggest
from workbench.compare import build_table, table_rows
from workbench.project import Project
from workbench.ui.pane.article_pane import ArticlePane
from workbench.ui.window.main_window import MainWindow

SETTLED_MS = 700  # longer than every view's burst timer (150-300 ms)


@pytest.fixture
def window(qtbot: QtBot, sample_project_file: Path) -> Iterator[MainWindow]:
    with Project.open(sample_project_file) as project:
        annotate_sample(project)
        suggest.run_suggester(project)
    window = open_window(qtbot, sample_project_file, size=(1500, 950))
    qtbot.waitUntil(window.windowHandle().isExposed)
    for dock in window.analysis.docks:
        dock.show()
        dock.raise_()  # seen once: its view is built (lazy_dock) and follows edits from then on
    assert all(window.analysis.built(dock) for dock in window.analysis.docks)
    qtbot.wait(SETTLED_MS)  # the views' first reads are done before counting starts
    yield window
    window.close()


@pytest.fixture
def project_wide_calls(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Calls of every query that reads the whole project, by name."""
    calls: Counter[str] = Counter()

    def counted(
        name: str, original: Callable[..., Any], whole: Callable[..., bool] = lambda *a, **k: True
    ) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if whole(*args, **kwargs):
                calls[name] += 1
            return original(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(
        Project,
        "spans",
        counted(
            "Project.spans()", Project.spans, lambda self, document_id=None: document_id is None
        ),
    )
    monkeypatch.setattr(compare, "build_table", counted("build_table", compare.build_table))
    import workbench.ui.docks.compare_view as compare_view

    monkeypatch.setattr(
        compare_view,
        "build_table",  # where a view imported it by name
        counted("build_table", compare.build_table),
        raising=False,
    )
    monkeypatch.setattr(
        compare_source.CompareSource,
        "__init__",
        counted("CompareSource()", compare_source.CompareSource.__init__),
    )
    monkeypatch.setattr(chart_data, "chart_data", counted("chart_data", chart_data.chart_data))
    import workbench.ui.docks.dashboard as dashboard

    monkeypatch.setattr(dashboard, "chart_data", counted("chart_data", dashboard.chart_data))
    monkeypatch.setattr(
        suggest,
        "suggestions",
        counted(
            "suggestions() of every document",
            suggest.suggestions,
            lambda project, document_id=None, **k: document_id is None,
        ),
    )
    return calls


def _figure_text(window: MainWindow) -> tuple[str, int, int]:
    project = window.controller.project
    doc_id = project.document_ids()[0]
    text = project.document(doc_id).text
    start = text.index("12,000 North Korean soldiers")  # untagged alone: a row of its own
    return doc_id, start, start + len("12,000 North Korean soldiers")


def test_edits_refresh_the_views_without_reading_the_whole_project(
    qtbot: QtBot,
    window: MainWindow,
    project_wide_calls: Counter[str],
    sample_project_file: Path,
) -> None:
    doc_id, start, end = _figure_text(window)
    pane = window.open_document(doc_id)
    assert isinstance(pane, ArticlePane)
    qtbot.wait(SETTLED_MS)
    project_wide_calls.clear()  # opening a document is not an edit
    compare_view, dashboard = window.analysis.compare, window.analysis.dashboard
    assert compare_view is not None and dashboard is not None
    rows_before = len(compare_view.model.table.rows)

    pane.select_range(start, end)
    with qtbot.waitSignal(window.controller.span_added):
        qtbot.keyClick(pane.view, "4")  # tag as figure
    qtbot.waitUntil(lambda: len(compare_view.model.table.rows) == rows_before + 1)
    qtbot.keyClick(pane.view, Qt.Key.Key_Escape)
    qtbot.mouseClick(pane.view.viewport(), Qt.MouseButton.LeftButton, pos=point_of(pane, start + 3))
    with qtbot.waitSignal(window.controller.span_updated):
        qtbot.keyClick(pane.view, "1")  # relabel as claim: the figure row goes
    qtbot.waitUntil(lambda: len(compare_view.model.table.rows) == rows_before)
    with qtbot.waitSignal(window.controller.span_updated):
        qtbot.keyClick(pane.view, "4")  # back to a figure
    qtbot.wait(SETTLED_MS)
    with qtbot.waitSignal(window.controller.span_removed):
        qtbot.keyClick(pane.view, Qt.Key.Key_Delete)
    qtbot.wait(SETTLED_MS)
    window.controller.undo_stack.undo()  # the figure is back
    qtbot.wait(SETTLED_MS)

    assert project_wide_calls == Counter()
    with Project.open(sample_project_file) as fresh:
        assert table_rows(compare_view.model.table) == table_rows(build_table(fresh))
        assert dashboard.data == chart_data.chart_data(fresh)
        pending = suggest.suggestions(fresh)
    panel = window.analysis.suggestions
    assert panel is not None
    assert [
        panel.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(panel.list.count())
    ] == pending
    assert len(compare_view.model.table.rows) == rows_before + 1
