"""The window's connection leaves WAL checkpoints to a background thread."""

from __future__ import annotations

import time
from pathlib import Path

from workbench.checkpoint import pending_frames
from workbench.project import Project


def test_commits_skip_the_checkpoint_and_the_thread_does_it(project_file: Path) -> None:
    project = Project.open(project_file)
    project.checkpoint_in_background()
    assert project.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
    checkpointer = project._checkpointer
    assert checkpointer is not None
    checkpointer.interval, checkpointer.frames = 0.05, 50
    doc = project.add_document("North Korea sent troops. " * 200, title="t")
    for i in range(200):
        project.add_span(doc.id, i, i + 5, project.labels()[0].id, annotator="a")
    deadline = time.monotonic() + 10
    while checkpointer.checkpoints == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert checkpointer.checkpoints > 0
    assert pending_frames(project_file) < 50
    project.close()
    assert not checkpointer._thread.is_alive()
    with Project.open(project_file) as again:  # everything committed is there
        assert len(again.spans(doc.id)) == 200


def test_an_in_memory_project_has_no_checkpointer(project: Project) -> None:
    project.checkpoint_in_background()
    assert project._checkpointer is None


def _wal_salt(project_file: Path) -> bytes:
    """The WAL header's salts: they change when a commit starts the WAL again (and syncs
    the header in the editing thread)."""
    return Path(f"{project_file}-wal").read_bytes()[16:24]


def test_a_few_edits_wait_in_the_wal_so_the_next_edit_does_not_restart_it(
    project_file: Path,
) -> None:
    project = Project.open(project_file)
    project.checkpoint_in_background()
    checkpointer = project._checkpointer
    assert checkpointer is not None
    checkpointer.interval = 0.01
    doc = project.add_document("North Korea sent troops. " * 20, title="t")
    label = project.labels()[0].id
    project.add_span(doc.id, 0, 5, label, annotator="a")
    waiting = pending_frames(project_file)
    assert waiting > 0
    salt = _wal_salt(project_file)
    time.sleep(0.3)  # many rounds of the thread
    project.add_span(doc.id, 6, 11, label, annotator="a")
    assert _wal_salt(project_file) == salt
    assert checkpointer.checkpoints == 0
    assert pending_frames(project_file) > waiting
    project.close()
    with Project.open(project_file) as again:
        assert len(again.spans(doc.id)) == 2
