"""A large scope fills the span table in chunks after its first rows; an edit while it fills
still lands in reading order."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from workbench.project import Project
from workbench.ui.controller import ProjectController
from workbench.ui.docks.span_table_model import FILL_CHUNK, SpanTableModel


def _project(path: Path, spans: int) -> tuple[Project, str]:
    text = "word " * (spans + 10)
    with Project.create(path) as project:
        doc_id = project.add_document(text, title="Many", source="wire").id
        claim = project.label_named("claim")
        assert claim is not None
        with project.transaction():
            for n in range(spans):
                project.add_span(doc_id, 5 * n, 5 * n + 4, claim.id, annotator="a")
    return Project.open(path), doc_id


def test_rows_arrive_in_chunks_then_all_in_order(qtbot: QtBot, tmp_path: Path) -> None:
    project, doc_id = _project(tmp_path / "many.wbproj", 2 * FILL_CHUNK + 7)
    controller = ProjectController(project, "ana")
    model = SpanTableModel(controller, document_ids=[])
    model.set_scope([doc_id])
    assert model.rowCount() == FILL_CHUNK and model.filling
    assert model.span_count() == 2 * FILL_CHUNK + 7
    qtbot.waitUntil(lambda: not model.filling)
    assert [model.span_at(r).id for r in range(model.rowCount())] == [
        s.id for s in project.spans(doc_id)
    ]
    project.close()


def test_an_edit_while_filling_lands_in_reading_order(qtbot: QtBot, tmp_path: Path) -> None:
    project, doc_id = _project(tmp_path / "many.wbproj", 2 * FILL_CHUNK + 7)
    controller = ProjectController(project, "ana")
    model = SpanTableModel(controller, document_ids=[doc_id])
    assert model.filling
    source = project.label_named("source")
    assert source is not None
    added = controller.add_span(
        doc_id, 5 * (2 * FILL_CHUNK) + 1, 5 * (2 * FILL_CHUNK) + 3, source.id
    )
    # The edit does not append the whole scope at once (a pause with 50,000 rows): the
    # span waits in its place among the rows still to come.
    assert added is not None and model.filling and model.rowCount() == FILL_CHUNK
    assert model.span_count() == 2 * FILL_CHUNK + 8
    qtbot.waitUntil(lambda: not model.filling)
    assert [model.span_at(r).id for r in range(model.rowCount())] == [
        s.id for s in project.spans(doc_id)
    ]
    project.close()


def test_edits_of_rows_still_to_come_and_finding_one(qtbot: QtBot, tmp_path: Path) -> None:
    project, doc_id = _project(tmp_path / "many.wbproj", 3 * FILL_CHUNK)
    controller = ProjectController(project, "ana")
    model = SpanTableModel(controller, document_ids=[doc_id])
    waiting = project.spans(doc_id)[2 * FILL_CHUNK :]
    source = project.label_named("source")
    assert source is not None and model.rowCount() == FILL_CHUNK
    assert controller.relabel_span(waiting[0].id, source.id) is not None
    controller.delete_span(waiting[1].id)
    assert model.span_count() == 3 * FILL_CHUNK - 1
    # Finding a row still to come appends the rows up to it, not the rest.
    row = model.row_of(waiting[2].id)
    assert row == 2 * FILL_CHUNK + 1 and model.rowCount() == row + 1 and model.filling
    assert model.span_at(row).id == waiting[2].id
    qtbot.waitUntil(lambda: not model.filling)
    assert [model.span_at(r) for r in range(model.rowCount())] == project.spans(doc_id)
    project.close()


def test_views_opening_a_document_share_one_read(tmp_path: Path) -> None:
    project, doc_id = _project(tmp_path / "few.wbproj", 3)
    controller = ProjectController(project, "ana")
    first = controller.document_spans(doc_id)
    assert controller.document_spans(doc_id) is first
    claim = project.label_named("claim")
    assert claim is not None
    added = controller.add_span(doc_id, 21, 24, claim.id)
    assert added is not None
    assert [s.id for s in controller.document_spans(doc_id)] == [
        s.id for s in project.spans(doc_id)
    ] and len(first) == 3
    controller.relabel_span(added.id, claim.id + 1)
    assert controller.document_spans(doc_id) == project.spans(doc_id)
    project.close()


def test_the_rows_of_a_large_scope_are_kept_out_of_the_collectors_scans(
    qtbot: QtBot, tmp_path: Path
) -> None:
    import gc

    project, doc_id = _project(tmp_path / "many.wbproj", 2 * FILL_CHUNK + 7)
    controller = ProjectController(project, "ana")
    model = SpanTableModel(controller, document_ids=[doc_id])
    qtbot.waitUntil(lambda: not model.filling)
    scanned = {id(o) for o in gc.get_objects()}  # generations 0-2, not the frozen ones
    assert id(model._rows) not in scanned
    assert not any(id(shard) in scanned for shard in model._by_id._shards)
    project.close()
