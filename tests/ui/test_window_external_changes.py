"""A window notices what another program commits to its project file, and shows it."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.ui.window_helpers import label_id, open_window
from workbench.project import Project


def test_edits_by_another_program_appear_in_panes_lists_and_counts(
    qtbot: QtBot, sample_project_file: Path
) -> None:
    window = open_window(qtbot, sample_project_file)
    with Project.open(sample_project_file) as project:
        first = project.document_ids()[0]
    pane = window.open_document(first)
    assert pane is not None
    window.annotation_list.set_whole_project(True)
    assert window._watcher is not None
    assert not window._watcher.poll()  # nothing changed yet
    window.controller.add_span(first, 12, 20, label_id(window.controller.project, "source"))
    assert not window._watcher.poll()  # the window's own edits are not "another program"

    # Another program (say `workbench import` in a terminal) writes to the same file.
    with Project.open(sample_project_file) as other:
        span = other.add_span(first, 0, 11, label_id(other, "claim"), annotator="cli")
        other.add_document("A sixth article.", title="Sixth")

    with qtbot.waitSignal(window.controller.reloaded):
        assert window._watcher.poll()
    assert [s.id for s in pane.layer.spans_at(3)] == [span.id]
    assert span.id in {s.id for s in window.annotation_list.visible_spans()}
    documents = window.document_list.model
    assert "Sixth" in [documents.document_at(row).title for row in range(documents.rowCount())]
    assert "6 documents" in window.counts_label.text()
    assert "Another program changed the project file" in window.statusBar().currentMessage()
