"""The docks' widgets are built when each dock is first seen, not at start-up: the window
paints its article first (`workbench/ui/docks/lazy_dock.py`). Once built, a dock follows
edits like any view, and a saved layout still places the docks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QWidget
from pytestqt.qtbot import QtBot
from test_cli_imports import imported, loaded
from window_helpers import label_id, open_window

from workbench.config import Config
from workbench.ui.docks.annotation_list import AnnotationList
from workbench.ui.docks.compare_view import CompareView
from workbench.ui.docks.document_list import DocumentList
from workbench.ui.docks.lazy_dock import LazyDock, docks_to_build
from workbench.ui.docks.relations_list import RelationsList
from workbench.ui.shared.background import BUDGET_SECONDS
from workbench.ui.shared.window_settings import WindowSettings
from workbench.ui.window.main_window import MainWindow, open_controller

REPO = Path(__file__).resolve().parents[2]

# What the window needs only after its first paint, or when the analyst asks for it.
NOT_BEFORE_THE_FIRST_PAINT = [
    "workbench.ui.docks.annotation_list",
    "workbench.ui.docks.document_list",
    "workbench.ui.docks.compare_view",
    "workbench.ui.docks.dashboard",
    "workbench.ui.docks.relations_list",
    "workbench.ui.docks.suggestion_review",
    "workbench.ui.docks.agreement_view",
    "workbench.ui.docks.adjudication",
    "workbench.ui.dialogs.find_dialog",
    "workbench.ui.dialogs.export_dialog",
    "workbench.ui.dialogs.import_dialog",
    "workbench.ui.dialogs.settings_dialog",
    "workbench.ui.dialogs.label_manager",
    "workbench.edits.span_ops",
    "workbench.edits.batch_ops",
    "workbench.suggest",
    "workbench.merge",
    "workbench.exporter",
    "PySide6.QtCharts",
]

# The start-up of benchmarks/startup.py: a fresh process until the pane's first paint;
# then the modules imported so far, and the docks whose widgets were built.
_FIRST_PAINT = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from workbench.config import Config
from workbench.ui.pane.article_pane import ArticlePane
from workbench.ui.shared.window_settings import WindowSettings
from workbench.ui.window.main_window import MainWindow, open_controller
app = QApplication([])
painted = []
original = ArticlePane.paint_marks
def probe(pane, event):
    original(pane, event)
    if not painted:
        painted.append(sorted(sys.modules))
ArticlePane.paint_marks = probe
config = Config()
config.annotator = "ana"
settings = WindowSettings(QSettings(sys.argv[2], QSettings.Format.IniFormat))
window = MainWindow(open_controller(Path(sys.argv[1]), config), settings, config)
window.resize(1400, 900)
window.show()
window.open_document(window.controller.project.document_ids()[0])
while not painted:
    app.processEvents()
built = [d.objectName() for d in window.findChildren(type(window.documents_dock))
         if type(d.widget()).__name__ != "_Placeholder"]
print(json.dumps({"modules": painted[0], "built": built}))
"""


def _lazy_docks(window: MainWindow) -> list[QDockWidget]:
    return [
        window.documents_dock,
        window.annotations_dock,
        *window.analysis.docks,
        window.team.agreement_dock,
        window.team.adjudication_dock,
    ]


def test_until_the_first_paint_no_dock_is_built_and_no_later_module_imported(
    sample_project_file: Path, tmp_path: Path
) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", _FIRST_PAINT, str(sample_project_file), str(tmp_path / "w.ini")],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=REPO,
    )
    seen = json.loads(done.stdout.splitlines()[-1])
    assert [m for m in NOT_BEFORE_THE_FIRST_PAINT if m in seen["modules"]] == []
    assert "workbench.ui.docks.lazy_dock" in seen["modules"]  # the probe saw the window
    assert seen["built"] == []


def _unshown_window(qtbot: QtBot, path: Path) -> MainWindow:
    config = Config.load()
    config.annotator = "ana"
    window = MainWindow(open_controller(path, config), WindowSettings(), config, owns_project=True)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    return window


def test_docks_laid_out_are_built_after_the_first_paint_hidden_ones_when_shown(
    qtbot: QtBot, sample_project_file: Path
) -> None:
    window = _unshown_window(qtbot, sample_project_file)
    assert not any(window.analysis.built(dock) for dock in window.analysis.docks)
    assert not isinstance(window.documents_dock.widget(), DocumentList)
    window.show()
    # Shown (Documents, Annotations, Compare) or tabs behind Annotations (Relations,
    # Suggestions, Charts): built once the window has painted, so they settle as before.
    qtbot.waitUntil(lambda: not docks_to_build(window))
    assert isinstance(window.annotations_dock.widget(), AnnotationList)
    assert isinstance(window.documents_dock.widget(), DocumentList)
    assert isinstance(window.analysis.compare_dock.widget(), CompareView)
    assert all(window.analysis.built(dock) for dock in window.analysis.docks)
    hidden = [window.team.agreement_dock, window.team.adjudication_dock]
    qtbot.wait(50)
    assert [type(dock.widget()).__name__ for dock in hidden] == ["_Placeholder"] * 2

    window.team.agreement_action.trigger()  # View › Agreement: built as it shows
    qtbot.waitUntil(lambda: type(window.team.agreement_dock.widget()).__name__ == "AgreementView")
    assert window.team.agreement.summary.text()  # computed as it showed
    window.close()


def _shown_with_slow_docks(qtbot: QtBot, path: Path) -> tuple[MainWindow, list[int]]:
    """The window, shown, every dock's build outlasting a pass's budget (as over a large
    project); the list fills with the pass each was built in (a zero timer counts them)."""
    window = _unshown_window(qtbot, path)
    passes = [0]
    ticker = QTimer(window, interval=0)  # Qt fires every due timer once a pass
    ticker.timeout.connect(lambda: passes.__setitem__(0, passes[0] + 1))
    ticker.start()
    built_in: list[int] = []

    def slow(build: Callable[[], QWidget]) -> QWidget:
        built_in.append(passes[0])
        time.sleep(2 * BUDGET_SECONDS)
        return build()

    for lazy in window.findChildren(LazyDock):
        build = lazy._build
        assert build is not None
        lazy._build = partial(slow, build)
    window.show()
    return window, built_in


def test_each_dock_is_built_in_a_pass_of_the_event_loop_of_its_own(
    qtbot: QtBot, sample_project_file: Path
) -> None:
    window, built_in = _shown_with_slow_docks(qtbot, sample_project_file)
    qtbot.waitUntil(lambda: not docks_to_build(window))
    assert len(built_in) >= 5 and len(set(built_in)) == len(built_in)
    # and a pass at least between two builds: the repaint around the last one goes first
    assert all(later - earlier >= 2 for earlier, later in pairwise(built_in))
    window.close()


def test_a_dock_due_to_be_built_is_not_once_its_window_closed(
    qtbot: QtBot, sample_project_file: Path
) -> None:
    window, built_in = _shown_with_slow_docks(qtbot, sample_project_file)
    qtbot.waitUntil(lambda: len(built_in) >= 1)
    built = len(built_in)
    assert docks_to_build(window) >= 1  # the others wait for their passes
    window.close()  # closes its project
    qtbot.wait(100)  # their passes: they would read the closed project
    assert len(built_in) == built and docks_to_build(window) == 0


def test_a_dock_built_late_follows_edits(qtbot: QtBot, sample_project_file: Path) -> None:
    window = _unshown_window(qtbot, sample_project_file)
    controller = window.controller
    doc = controller.project.document_ids()[0]
    source = controller.add_span(doc, 0, 5, label_id(sample_project_file, "source"))
    claim = controller.add_span(doc, 10, 20, label_id(sample_project_file, "claim"))
    assert source is not None and claim is not None
    assert not window.analysis.built(window.analysis.relations_dock)
    window.show()  # built after the edits above, then follows the next ones
    qtbot.waitUntil(lambda: window.analysis.built(window.analysis.relations_dock))
    relations = window.analysis.relations
    assert isinstance(relations, RelationsList) and relations.model.rowCount() == 0
    link_type = controller.project.relation_types()[0]
    with qtbot.waitSignal(controller.relations_changed):
        controller.add_relation(source.id, claim.id, link_type.id)
    qtbot.waitUntil(lambda: relations.model.rowCount() == 1)
    controller.undo_stack.undo()
    qtbot.waitUntil(lambda: relations.model.rowCount() == 0)
    annotations = window.annotation_list
    annotations.set_whole_project(True)
    shown = len(annotations.visible_spans())
    assert shown == 2
    controller.add_span(doc, 30, 40, label_id(sample_project_file, "claim"))
    qtbot.waitUntil(lambda: len(annotations.visible_spans()) == shown + 1)
    window.close()


def test_a_saved_layout_still_places_the_docks(qtbot: QtBot, sample_project_file: Path) -> None:
    window = open_window(qtbot, sample_project_file)
    left = Qt.DockWidgetArea.LeftDockWidgetArea
    window.addDockWidget(left, window.analysis.dashboard_dock)  # Charts moved to the left
    window.analysis.dashboard_dock.show()
    window.analysis.compare_dock.hide()
    window.team.agreement_action.trigger()
    window.close()  # saves the layout

    again = open_window(qtbot, sample_project_file)
    charts, compare = again.analysis.dashboard_dock, again.analysis.compare_dock
    assert again.dockWidgetArea(charts) == left
    assert charts.isVisible() and not compare.isVisible()
    assert again.team.agreement_dock.isVisible()
    assert [again.dockWidgetArea(d) for d in _lazy_docks(again)] == [
        window.dockWidgetArea(d) for d in _lazy_docks(window)
    ]
    # The docks restored on screen are built after the first paint; Compare, hidden, is not.
    qtbot.waitUntil(lambda: again.analysis.built(charts))
    qtbot.waitUntil(lambda: type(again.team.agreement_dock.widget()).__name__ == "AgreementView")
    assert not again.analysis.built(compare)
    assert again.team.agreement.summary.text()  # computed when it was built
    again.close()


def test_the_suggestions_dock_lists_them_without_importing_the_suggester() -> None:
    """Its rules (regex, worker processes: 50 ms of imports) load when Suggest first runs,
    not in the pass that builds the dock after the first paint."""
    modules = imported("import workbench.ui.docks.suggestion_review")
    assert "workbench.suggestion_rows" in modules
    assert loaded(modules, {"workbench.suggest", "regex", "multiprocessing"}) == set()
