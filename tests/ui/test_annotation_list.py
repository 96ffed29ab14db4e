"""The span table follows controller edits row by row; the list filters, sorts and deletes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QObject,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtTest import QSignalSpy
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from workbench.model import Span
from workbench.project import Project
from workbench.ui.controller import ProjectController
from workbench.ui.docks.annotation_list import AnnotationList, SpanFilterProxyModel
from workbench.ui.docks.span_table_model import SpanTableModel, display_text

TEXT_A = "😀 North Korea sent troops.\nRussia denied it."
TEXT_B = "Seoul said 1,500 troops arrived; the Kremlin denied it."


class Fixture:
    def __init__(self, project: Project) -> None:
        self.project = project
        self.a = project.add_document(TEXT_A, title="Alpha").id
        self.b = project.add_document(TEXT_B, title="Beta").id
        self.claim = _label(project, "claim")
        self.denial = _label(project, "denial")
        self.controller = ProjectController(project, "ana")
        # Spans by two annotators in two documents; "bob" works on the same file.
        self.north = project.add_span(self.a, 2, 13, self.claim, annotator="ana")
        self.multiline = project.add_span(self.a, 19, 33, self.denial, annotator="bob")
        self.seoul = project.add_span(self.b, 0, 5, self.claim, annotator="bob")
        self.kremlin = project.add_span(self.b, 37, 44, self.denial, annotator="ana")

    def span_text(self, span: Span) -> str:
        return self.project.document(span.document_id).text[span.start : span.end]


def _label(project: Project, name: str) -> int:
    label = project.label_named(name)
    assert label is not None
    return label.id


@pytest.fixture
def f(project: Project) -> Fixture:
    return Fixture(project)


@pytest.fixture
def annotation_list(qtbot: QtBot, f: Fixture) -> AnnotationList:
    widget = AnnotationList(f.controller)
    qtbot.addWidget(widget)
    widget.set_whole_project(True)
    return widget


def _ids(spans: list[Span]) -> set[str]:
    return {s.id for s in spans}


# --- SpanTableModel ----------------------------------------------------------


@pytest.mark.parametrize("force_py", [False, True], ids=["qt-tester", "python-tester"])
def test_model_passes_the_model_tester(
    qtmodeltester: ModelTester, f: Fixture, force_py: bool
) -> None:
    model = SpanTableModel(f.controller)
    qtmodeltester.check(model, force_py=force_py)
    f.controller.add_span(f.a, 0, 1, f.claim)
    f.controller.delete_span(f.north.id)
    f.controller.relabel_span(f.seoul.id, f.denial)
    f.controller.undo_stack.undo()
    model.set_scope([f.b])
    assert model.rowCount() == 2


def test_model_shows_title_label_colour_and_one_line_text(f: Fixture) -> None:
    model = SpanTableModel(f.controller, document_ids=[f.a])
    assert [model.span_at(r).id for r in range(model.rowCount())] == [f.north.id, f.multiline.id]
    row = model.row_of(f.multiline.id)
    assert row is not None

    def cell(column: int, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return model.index(row, column).data(role)

    assert cell(model.DOCUMENT) == "Alpha"
    assert cell(model.LABEL) == "denial"
    assert cell(model.LABEL, Qt.ItemDataRole.DecorationRole) == QColor("#D55E00")
    assert cell(model.TEXT) == "troops.⏎Russia"
    assert f.span_text(f.multiline) == "troops.\nRussia"
    assert cell(model.ANNOTATOR) == "bob"
    assert cell(model.START) == 19
    assert cell(model.TEXT, model.SpanRole) == f.multiline


def test_long_text_is_elided() -> None:
    shown = display_text("x" * 500)
    assert len(shown) == 80 and "…" in shown


def test_add_remove_relabel_update_rows_without_reset(qtbot: QtBot, f: Fixture) -> None:
    model = SpanTableModel(f.controller)
    resets = QSignalSpy(model.modelReset)
    before = model.rowCount()

    with qtbot.waitSignal(model.rowsInserted) as inserted:
        added = f.controller.add_span(f.b, 11, 16, f.claim)
    assert added is not None
    # Rows stay in reading order: the new span lands after document b's "Seoul" (0-5).
    row = inserted.args[1]
    assert row == inserted.args[2] == model.row_of(f.seoul.id) + 1
    assert model.span_at(row) == added
    assert model.rowCount() == before + 1
    order = [(s.start, s.end) for s in model.spans() if s.document_id == f.b]
    assert order == sorted(order)

    with qtbot.waitSignal(model.dataChanged) as changed:
        f.controller.relabel_span(added.id, f.denial)
    assert changed.args[0].row() == row
    assert model.index(row, model.LABEL).data() == "denial"
    assert f.project.span(added.id).label_id == f.denial

    row = model.row_of(f.north.id)
    with qtbot.waitSignal(model.rowsRemoved) as removed:
        f.controller.delete_span(f.north.id)
    assert removed.args[1] == removed.args[2] == row
    assert model.row_of(f.north.id) is None
    assert model.rowCount() == before

    with qtbot.waitSignal(model.rowsInserted):
        f.controller.undo_stack.undo()  # the delete
    assert model.row_of(f.north.id) is not None
    assert resets.count() == 0


def test_spans_outside_the_scope_are_ignored(qtbot: QtBot, f: Fixture) -> None:
    model = SpanTableModel(f.controller, document_ids=[f.a])
    inserted = QSignalSpy(model.rowsInserted)
    f.controller.add_span(f.b, 11, 16, f.claim)
    assert inserted.count() == 0 and model.rowCount() == 2


def test_renaming_a_label_changes_the_label_column_only(qtbot: QtBot, f: Fixture) -> None:
    model = SpanTableModel(f.controller)
    resets = QSignalSpy(model.modelReset)
    with qtbot.waitSignal(model.dataChanged) as changed:
        f.controller.update_label(f.claim, name="assertion")
    assert changed.args[0].column() == changed.args[1].column() == model.LABEL
    row = model.row_of(f.north.id)
    assert row is not None and model.index(row, model.LABEL).data() == "assertion"
    assert resets.count() == 0


# --- AnnotationList ----------------------------------------------------------


def test_scope_toggle_and_open_documents(qtbot: QtBot, f: Fixture) -> None:
    widget = AnnotationList(f.controller)
    qtbot.addWidget(widget)
    assert widget.visible_spans() == []
    widget.set_open_documents([f.b])
    assert _ids(widget.visible_spans()) == {f.seoul.id, f.kremlin.id}
    assert widget.count_label.text() == "2 of 2 spans"
    widget.whole_project_button.click()
    assert len(widget.visible_spans()) == 4
    widget.open_documents_button.click()
    assert len(widget.visible_spans()) == 2


def _choose(combo: object, text: str) -> None:
    from PySide6.QtWidgets import QComboBox

    assert isinstance(combo, QComboBox)
    index = combo.findText(text)
    assert index >= 0, f"{text!r} not in the combo"
    combo.setCurrentIndex(index)


def test_filters_change_the_visible_rows(
    qtbot: QtBot, annotation_list: AnnotationList, f: Fixture
) -> None:
    w = annotation_list
    _choose(w.label_filter, "claim")
    assert _ids(w.visible_spans()) == {f.north.id, f.seoul.id}
    assert w.count_label.text() == "2 of 4 spans"
    _choose(w.annotator_filter, "bob")
    assert _ids(w.visible_spans()) == {f.seoul.id}
    _choose(w.label_filter, "All labels")
    _choose(w.document_filter, "Alpha")
    assert _ids(w.visible_spans()) == {f.multiline.id}
    _choose(w.annotator_filter, "All annotators")
    _choose(w.document_filter, "All documents")
    qtbot.keyClicks(w.text_filter, "KREM")
    assert _ids(w.visible_spans()) == {f.kremlin.id}
    w.text_filter.clear()
    assert len(w.visible_spans()) == 4


def test_a_filtered_list_takes_new_spans_only_when_they_match(
    qtbot: QtBot, annotation_list: AnnotationList, f: Fixture
) -> None:
    w = annotation_list
    _choose(w.label_filter, "denial")
    f.controller.add_span(f.b, 11, 16, f.claim)
    assert _ids(w.visible_spans()) == {f.multiline.id, f.kremlin.id}
    added = f.controller.add_span(f.b, 17, 23, f.denial)
    assert added is not None and added.id in _ids(w.visible_spans())
    assert w.count_label.text() == "3 of 6 spans"


def test_sorting_by_text(annotation_list: AnnotationList, f: Fixture) -> None:
    w = annotation_list
    w.table.sortByColumn(SpanTableModel.TEXT, Qt.SortOrder.AscendingOrder)
    texts = [f.span_text(s) for s in w.visible_spans()]
    assert texts == sorted(texts, key=str.casefold)
    w.table.sortByColumn(SpanTableModel.TEXT, Qt.SortOrder.DescendingOrder)
    assert [f.span_text(s) for s in w.visible_spans()] == texts[::-1]


@pytest.mark.parametrize("column", range(6))
def test_every_column_sorts(annotation_list: AnnotationList, column: int) -> None:
    w = annotation_list
    w.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    keys = [w.proxy.index(r, column).data(SpanTableModel.SortRole) for r in range(4)]
    assert keys == sorted(keys)


def test_selecting_a_row_emits_span_activated(
    qtbot: QtBot, annotation_list: AnnotationList, f: Fixture
) -> None:
    w = annotation_list
    w.table.sortByColumn(SpanTableModel.START, Qt.SortOrder.AscendingOrder)
    index = w.proxy.index(1, SpanTableModel.TEXT)
    expected = index.data(SpanTableModel.SpanRole)
    with qtbot.waitSignal(w.span_activated) as activated:
        w.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
    assert activated.args == [expected]
    with qtbot.waitSignal(w.span_activated) as activated:
        w.table.activated.emit(index)  # Enter or double-click
    assert activated.args == [expected]


def test_delete_key_removes_the_span_and_undo_restores_it(
    qtbot: QtBot, f: Fixture, project_file: Path
) -> None:
    project = Project.open(project_file)
    try:
        doc = project.add_document(TEXT_B, title="Beta").id
        claim = _label(project, "claim")
        controller = ProjectController(project, "ana")
        keep = project.add_span(doc, 0, 5, claim, annotator="ana")
        doomed = project.add_span(doc, 37, 44, claim, annotator="ana")
        widget = AnnotationList(controller)
        qtbot.addWidget(widget)
        widget.set_open_documents([doc])
        activated = QSignalSpy(widget.span_activated)
        assert widget.select_span(doomed.id)
        assert activated.count() == 0  # programmatic selection is not the user's

        qtbot.keyClick(widget.table, Qt.Key.Key_Delete)

        with Project.open(project_file) as reader:  # what is on disk
            assert [s.id for s in reader.spans(doc)] == [keep.id]
        assert [s.id for s in widget.visible_spans()] == [keep.id]
        assert activated.count() == 0  # the removal moved the current row, the user did not
        controller.undo_stack.undo()
        with Project.open(project_file) as reader:
            assert reader.span(doomed.id) == doomed
        assert _ids(widget.visible_spans()) == {keep.id, doomed.id}
    finally:
        project.close()


def test_delete_key_without_selection_does_nothing(
    qtbot: QtBot, annotation_list: AnnotationList, f: Fixture
) -> None:
    qtbot.keyClick(annotation_list.table, Qt.Key.Key_Delete)
    assert f.project.span_count() == 4
    assert f.controller.undo_stack.count() == 0


def test_filter_proxy_passes_the_model_tester(
    qtmodeltester: ModelTester, annotation_list: AnnotationList, f: Fixture
) -> None:
    w = annotation_list
    qtmodeltester.check(w.proxy, force_py=True)
    _choose(w.label_filter, "claim")
    w.table.sortByColumn(SpanTableModel.TEXT, Qt.SortOrder.DescendingOrder)
    f.controller.add_span(f.b, 11, 16, f.claim)
    f.controller.relabel_span(f.north.id, f.denial)  # leaves the filtered rows
    f.controller.undo_stack.undo()
    assert _ids(w.visible_spans()) == {
        f.north.id,
        f.seoul.id,
        *(s.id for s in f.project.spans(f.b) if s.start == 11),
    }


def test_a_growing_count_does_not_widen_the_list(
    qtbot: QtBot, annotation_list: AnnotationList
) -> None:
    # While a long article's rows arrive the count grows digit by digit; had it set the
    # list's size, its dock would widen each time and the article beside it be laid out
    # again (5-7 ms for 5 MB, each time).
    annotation_list.show()
    qtbot.waitExposed(annotation_list)
    assert annotation_list.count_label.text() == "4 of 4 spans"
    sizes = (annotation_list.minimumSizeHint(), annotation_list.sizeHint())
    annotation_list.count_label.setText("50,000 of 250,000 spans")
    annotation_list.layout().activate()  # what the posted LayoutRequest would do
    assert (annotation_list.minimumSizeHint(), annotation_list.sizeHint()) == sizes


class _LayoutRequests(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.seen = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self.seen += event.type() == QEvent.Type.LayoutRequest
        return False


def test_a_new_count_repaints_the_label_alone(
    qtbot: QtBot, annotation_list: AnnotationList
) -> None:
    # QLabel.setText lays out every layout above it again, same size or not: the dock's
    # relayout and repaint were 1-3 ms of each edit.
    annotation_list.show()
    qtbot.waitExposed(annotation_list)
    QCoreApplication.processEvents()  # what the show posted
    requests = _LayoutRequests()
    annotation_list.installEventFilter(requests)
    annotation_list.count_label.setText("5 of 5 spans")
    QCoreApplication.processEvents()
    assert annotation_list.count_label.text() == "5 of 5 spans"
    assert requests.seen == 0
    annotation_list.count_label.setText("1,000,000,000 of 1,000,000,000 spans")  # outgrows
    QCoreApplication.processEvents()
    assert requests.seen == 1


# Every role a view's delegate or tooltip asks for, and the model's own.
_ASKED_ROLES = (
    *range(Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.StatusTipRole + 1),
    Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.CheckStateRole,
    SpanTableModel.SpanRole,
    SpanTableModel.SortRole,
    SpanTableModel.TextRole,
)


def test_a_cell_answers_all_its_roles_in_one_call_as_it_answers_each(
    annotation_list: AnnotationList,
) -> None:
    proxy = annotation_list.proxy
    for row in range(proxy.rowCount()):
        for column in range(proxy.columnCount()):
            index = proxy.index(row, column)
            for role in _ASKED_ROLES:
                asked = QModelRoleData(role)
                asked.setData("left over")  # a role the model does not answer is cleared
                proxy.multiData(index, asked)
                assert asked.data() == index.data(role), (row, column, role)


class _RoleByRole(SpanFilterProxyModel):
    """The list's proxy as Qt answers by default: one `data()` call per role."""

    def multiData(self, index: QModelIndex, roleDataSpan: QModelRoleDataSpan) -> None:  # noqa: N803
        QSortFilterProxyModel.multiData(self, index, roleDataSpan)


def test_the_list_paints_the_same_as_when_asked_role_by_role(
    qtbot: QtBot, annotation_list: AnnotationList
) -> None:
    table = annotation_list.table
    annotation_list.resize(700, 300)
    annotation_list.show()
    qtbot.waitExposed(annotation_list)
    table.selectRow(1)  # a selected row paints its own colours
    widths = [table.columnWidth(c) for c in range(SpanTableModel.START + 1)]
    ours = table.viewport().grab().toImage()

    by_role = _RoleByRole()
    by_role.setSourceModel(annotation_list.model)
    table.setModel(by_role)
    for column, width in enumerate(widths):
        table.setColumnWidth(column, width)
    table.selectRow(1)
    assert table.viewport().grab().toImage() == ours
