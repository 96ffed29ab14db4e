"""Every item model of the window passes pytest-qt's model tester, before and after edits."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from window_helpers import label_id, open_window

from workbench.project import Project
from workbench.ui.window.main_window import MainWindow

UI = Path(__file__).resolve().parents[2] / "workbench" / "ui"
MODEL_BASES = {
    "QAbstractTableModel",
    "QAbstractItemModel",
    "QAbstractListModel",
    "QSortFilterProxyModel",
    "QStandardItemModel",
    "QIdentityProxyModel",
}


def _model_classes() -> set[str]:
    """The names of the item model classes defined in workbench/ui."""
    names = set()
    for path in UI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ClassDef) and any(
                isinstance(b, ast.Name) and b.id in MODEL_BASES for b in node.bases
            ):
                names.add(node.name)
    return names


def _window_models(window: MainWindow) -> list[QAbstractItemModel]:
    """Every item model reachable from the window's widgets (the docks' tables)."""
    models = {id(m): m for m in window.findChildren(QAbstractItemModel)}
    return list(models.values())


@pytest.fixture
def window(qtbot: QtBot, sample_project_file: Path) -> Iterator[MainWindow]:
    window = open_window(qtbot, sample_project_file)
    # The docks' views are built when first seen (lazy_dock): see them all.
    assert window.document_list and window.annotation_list
    analysis = window.analysis
    assert analysis.compare and analysis.relations and analysis.suggestions and analysis.dashboard
    yield window
    window.close()


def test_every_model_class_of_the_window_is_checked(window: MainWindow) -> None:
    checked = {type(m).__name__ for m in _window_models(window)}
    missing = _model_classes() - checked
    assert not missing, f"item models not built by the window, so not model-tested: {missing}"


def test_every_model_passes_the_model_tester_through_edits(
    qtbot: QtBot, request: pytest.FixtureRequest, window: MainWindow, sample_project_file: Path
) -> None:
    # One tester per model: a tester follows the signals of the last model it checked.
    testers = []
    for model in _window_models(window):
        tester = ModelTester(request.config)
        tester.check(model, force_py=True)
        testers.append(tester)
    assert len(testers) >= 5
    with Project.open(sample_project_file) as project:
        doc = project.document_ids()[1]
        text = project.document(doc).text
    controller = window.controller
    claim = label_id(sample_project_file, "claim")
    start = text.index(" ") + 1
    span = controller.add_span(doc, start, start + 5, claim)
    assert span is not None
    controller.relabel_span(span.id, label_id(sample_project_file, "source"))
    controller.set_status(doc, "done")
    controller.undo_stack.undo()
    controller.undo_stack.undo()
    controller.undo_stack.redo()
    controller.delete_span(span.id)
    qtbot.wait(300)  # the docks refresh after a burst of edits; the testers check each signal
    for tester in testers:
        tester._cleanup()  # what the qtmodeltester fixture does at teardown
