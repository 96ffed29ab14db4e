"""The document list follows edits row by row, whatever the number of documents."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from pytestqt.qtbot import QtBot

from workbench.project import Project
from workbench.ui.controller import ProjectController
from workbench.ui.docks.document_list import DocumentList, DocumentListModel
from workbench.ui.shared.texts import STATUS_TEXT

DOCUMENTS = 300


ASKED: list[int] = []  # the rows the list's model was asked about


@pytest.fixture
def many(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[DocumentList]:
    # Counted before the model exists: PySide looks a Python override up once per object.
    data = DocumentListModel.data

    def counted(
        model: DocumentListModel,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        ASKED.append(index.row())
        return data(model, index, role)

    monkeypatch.setattr(DocumentListModel, "data", counted)
    path = tmp_path / "many.wbproj"
    with Project.create(path, labels=["claim"]) as project:
        project.add_document("troops " * 2000, title="Long")  # room for 10,000 spans
        for i in range(1, DOCUMENTS):
            project.add_document(f"Report {i}: troops were seen near the border.", title=f"R{i}")
    project = Project.open(path)
    widget = DocumentList(ProjectController(project, "ana"))
    qtbot.addWidget(widget)
    widget.resize(420, 600)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    project.close()


def test_an_edit_asks_for_its_row_not_every_row(qtbot: QtBot, many: DocumentList) -> None:
    # Columns sized to their contents were measured again over every row at each edit.
    controller = many.model.controller
    project = controller.project
    label = project.labels()[0].id
    for document_id in project.document_ids()[:3]:
        qtbot.wait(1)
        ASKED.clear()
        assert controller.add_span(document_id, 0, 6, label) is not None
        qtbot.wait(1)
        assert ASKED, "the edited row is shown again"
        assert len(set(ASKED)) < DOCUMENTS / 10
    assert [many.model.document_at(r).span_count for r in range(3)] == [1, 1, 1]


def test_the_count_and_status_columns_grow_with_what_they_show(
    qtbot: QtBot, many: DocumentList
) -> None:
    metrics = many.table.fontMetrics()
    header = many.table.horizontalHeader()
    controller = many.model.controller
    document_id = controller.project.document_ids()[0]
    label = controller.project.labels()[0].id
    assert header.sectionSize(3) < metrics.horizontalAdvance(STATUS_TEXT["in_progress"])
    controller.set_status(document_id, "in_progress")
    qtbot.waitUntil(
        lambda: header.sectionSize(3) > metrics.horizontalAdvance(STATUS_TEXT["in_progress"])
    )
    narrow = header.sectionSize(2)
    spans = [(document_id, start, start + 1, label) for start in range(10_000)]
    assert len(controller.add_spans(spans, "Tag all")) == 10_000
    qtbot.waitUntil(lambda: header.sectionSize(2) > narrow)
    assert header.sectionSize(2) > metrics.horizontalAdvance("10,000")


def test_an_edit_that_keeps_the_counts_width_measures_no_header(
    qtbot: QtBot, many: DocumentList, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Fitting the columns asked the header for its sizes at every edit (1 ms an edit).
    header = many.table.horizontalHeader()
    asked: list[int] = []
    hint = header.sectionSizeHint
    monkeypatch.setattr(header, "sectionSizeHint", lambda c: asked.append(c) or hint(c))
    controller = many.model.controller
    document_id = controller.project.document_ids()[0]
    label = controller.project.labels()[0].id
    assert controller.add_span(document_id, 0, 6, label) is not None  # 0 -> 1: same width
    qtbot.wait(1)
    assert many.model.document_at(0).span_count == 1
    assert asked == []
