"""The window's connection leaves WAL checkpoints to a background thread."""

from __future__ import annotations

import time
from pathlib import Path

from workbench.project import Project


def test_commits_skip_the_checkpoint_and_the_thread_does_it(project_file: Path) -> None:
    project = Project.open(project_file)
    project.checkpoint_in_background()
    assert project.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
    checkpointer = project._checkpointer
    assert checkpointer is not None
    checkpointer.interval = 0.05
    doc = project.add_document("North Korea sent troops. " * 200, title="t")
    for i in range(200):
        project.add_span(doc.id, i, i + 5, project.labels()[0].id, annotator="a")
    deadline = time.monotonic() + 10
    while checkpointer.checkpoints == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert checkpointer.checkpoints > 0
    project.close()
    assert not checkpointer._thread.is_alive()
    with Project.open(project_file) as again:  # everything committed is there
        assert len(again.spans(doc.id)) == 200


def test_an_in_memory_project_has_no_checkpointer(project: Project) -> None:
    project.checkpoint_in_background()
    assert project._checkpointer is None
