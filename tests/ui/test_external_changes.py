"""The window notices commits made by another program to its project file."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from workbench.project import Project
from workbench.ui.window.external_changes import ExternalChangeWatcher


def test_changed_fires_for_another_connections_commit(qtbot: QtBot, project_file: Path) -> None:
    mine = Project.open(project_file)
    other = Project.open(project_file)
    watcher = ExternalChangeWatcher(mine, interval_ms=20)
    doc = other.add_document("Troops crossed the border.", title="Other program")
    with qtbot.waitSignal(watcher.changed, timeout=2000):
        pass
    assert [d.id for d in mine.documents()] == [doc.id]
    watcher.timer.stop()
    mine.close()
    other.close()


def test_own_commits_are_not_external(qtbot: QtBot, project_file: Path) -> None:
    mine = Project.open(project_file)
    watcher = ExternalChangeWatcher(mine, interval_ms=1000)
    watcher.timer.stop()
    mine.add_document("My own edit.", title="Mine")
    assert watcher.poll() is False
    with Project.open(project_file) as other:
        other.rename_document(mine.document_ids()[0], "Renamed elsewhere")
    assert watcher.poll() is True
    assert watcher.poll() is False  # reported once
    mine.close()
