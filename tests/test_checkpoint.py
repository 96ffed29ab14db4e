"""The window's connection leaves WAL checkpoints to a background thread."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from workbench.checkpoint import BackgroundCheckpointer
from workbench.project import Project


def _wait_rounds(checkpointer: BackgroundCheckpointer, rounds: int) -> None:
    """Until the thread has gone round `rounds` more times (its first wait is the default
    interval: it started before the test shortened it)."""
    target, deadline = checkpointer.rounds + rounds, time.monotonic() + 30
    while checkpointer.rounds < target and time.monotonic() < deadline:
        time.sleep(0.01)
    assert checkpointer.rounds >= target


def test_commits_skip_the_checkpoint_and_the_thread_does_it(project_file: Path) -> None:
    project = Project.open(project_file)
    project.checkpoint_in_background()
    assert project.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
    checkpointer = project._checkpointer
    assert checkpointer is not None
    checkpointer.interval, checkpointer.every = 0.05, 20
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
    salt = _wal_salt(project_file)
    _wait_rounds(checkpointer, 20)
    project.add_span(doc.id, 6, 11, label, annotator="a")
    assert _wal_salt(project_file) == salt
    assert checkpointer.checkpoints == 0
    project.close()
    with Project.open(project_file) as again:
        assert len(again.spans(doc.id)) == 2


def test_a_reader_in_another_process_sees_no_change_the_window_did_not_make(
    project_file: Path,
) -> None:
    """The window keeps SQLite's locks on its files while the thread runs: a reader in
    another process (a CLI export, a test) must not rebuild the wal-index, which the
    window would take for another program's edit and reload its views."""
    project = Project.open(project_file)
    project.checkpoint_in_background()
    checkpointer = project._checkpointer
    assert checkpointer is not None
    checkpointer.interval, checkpointer.every = 0.01, 2
    doc = project.add_document("North Korea sent troops. " * 20, title="t")
    label = project.labels()[0].id
    reader = (
        "import sqlite3, sys; db = sqlite3.connect(f'file:{sys.argv[1]}?mode=ro', uri=True); "
        "print(db.execute('SELECT count(*) FROM spans').fetchone()[0])"
    )
    changed = []
    for i in range(6):
        project.add_span(doc.id, i, i + 3, label, annotator="a")
        version = project.data_version()
        _wait_rounds(checkpointer, 3)  # every second edit is checkpointed
        seen = subprocess.run(
            [sys.executable, "-c", reader, str(project_file)],
            check=True,
            capture_output=True,
            text=True,
        )
        assert int(seen.stdout) == i + 1
        changed.append(project.data_version() != version)
    assert checkpointer.checkpoints > 0
    assert changed == [False] * 6
    project.close()
