"""A -wal or hot -journal of another database is never replayed into a project."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from workbench import cli, journals
from workbench.errors import ProjectError
from workbench.project import Project

from .hostile import assert_one_sentence, foreign_wal, hashes, hot_journal, project_with_documents

TIMEOUT_S = 60

JOURNALS = {
    "wal_of_a_plain_database": lambda p: foreign_wal(p, workbench=False),
    "wal_of_another_project": lambda p: foreign_wal(p, workbench=True),
    "hot_rollback_journal": hot_journal,
}


@pytest.mark.parametrize("kind", sorted(JOURNALS))
def test_a_foreign_journal_is_refused_and_both_files_stay_as_they_were(
    tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = project_with_documents(tmp_path / "p.wbproj", count=12)
    journal = JOURNALS[kind](path)
    before = hashes(tmp_path)
    assert journal.name in before

    code = cli.main(["stats", str(path)])

    message = capsys.readouterr().err
    assert code == cli.EXIT_ERROR
    assert_one_sentence(message.removeprefix("workbench: "), path)
    assert journal.name in message and "does not belong" in message
    assert hashes(tmp_path) == before
    journal.unlink()  # the way out the sentence gives: the project as it was opens again
    with Project.open(path) as project:
        assert len(project.documents()) == 12


def test_without_the_check_the_journal_would_destroy_the_project(tmp_path: Path) -> None:
    """The attack is real: plain SQLite replays the hot journal and the project breaks."""
    path = project_with_documents(tmp_path / "p.wbproj", count=12)
    hot_journal(path)
    conn = sqlite3.connect(path)
    with pytest.raises(sqlite3.DatabaseError):
        conn.execute("SELECT count(*) FROM documents").fetchall()
    conn.close()


CRASHING_WRITER = """
import os, sys
from workbench.project import Project
project = Project.open(sys.argv[1])
project.conn.execute("PRAGMA wal_autocheckpoint = 0")
doc = project.document_ids()[0]
label = project.labels()[0].id
for i in range(20):
    project.add_span(doc, i, i + 3, label, annotator="crash")
print("written", flush=True)
os.kill(os.getpid(), 9)
"""


def test_a_killed_writers_wal_is_still_recovered(tmp_path: Path) -> None:
    path = project_with_documents(tmp_path / "p.wbproj", count=3)
    result = subprocess.run(
        [sys.executable, "-c", CRASHING_WRITER, str(path)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )
    assert result.returncode == -signal.SIGKILL
    assert "written" in result.stdout
    assert Path(f"{path}-wal").stat().st_size > 0
    assert not journals.in_use(path)  # nobody holds it: tried on a copy first, then opened
    with Project.open(path) as project:
        assert sum(1 for s in project.spans() if s.annotator == "crash") == 20


HOLDER = """
import sys
from workbench.project import Project
p = Project.open(sys.argv[1])
p.conn.execute("PRAGMA wal_autocheckpoint = 0")
p.add_document("Added by the other program.", title="Other")
print("ready", flush=True)
sys.stdin.readline()
p.close()
"""


def test_a_live_wal_of_another_program_is_read_through(tmp_path: Path) -> None:
    """A program that has the project open holds its -shm: its WAL is the project's own."""
    path = project_with_documents(tmp_path / "p.wbproj", count=3)
    with subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as holder:
        assert holder.stdin is not None and holder.stdout is not None
        try:
            assert holder.stdout.readline().strip() == "ready"
            assert Path(f"{path}-wal").stat().st_size > 0
            assert journals.in_use(path)  # so it is read through, not tried on a copy
            with Project.open(path) as project:
                assert "Other" in project.document_titles().values()
        finally:
            holder.stdin.write("\n")
            holder.stdin.flush()
            holder.wait(timeout=TIMEOUT_S)


def test_a_second_project_object_in_the_same_process_opens(tmp_path: Path) -> None:
    path = project_with_documents(tmp_path / "p.wbproj", count=3)
    with Project.open(path) as first:
        first.conn.execute("PRAGMA wal_autocheckpoint = 0")
        first.add_document("Only in the WAL so far.", title="Fresh")
        with Project.open(path) as second:
            assert "Fresh" in second.document_titles().values()
        first.add_document("Still writable.", title="After")  # its locks were kept
    with Project.open(path) as again:
        assert {"Fresh", "After"} <= set(again.document_titles().values())


def test_a_journal_removed_while_it_is_checked_is_not_an_error(tmp_path: Path) -> None:
    """A program closing the project deletes its -wal between the listing of the journals
    and their copy (seen in the concurrency test): the project opens as it lies."""
    path = project_with_documents(tmp_path / "p.wbproj", count=3)
    gone = Path(f"{path}-wal")
    assert not gone.exists()
    journals.verify_on_copy(path, [gone], lambda conn, p: "never asked")
    with Project.open(path) as project:
        assert len(project.documents()) == 3


def test_a_journal_that_cannot_be_read_is_still_refused(tmp_path: Path) -> None:
    path = project_with_documents(tmp_path / "p.wbproj", count=3)
    unreadable = Path(f"{path}-wal")
    unreadable.mkdir()  # present, but no file to copy
    with pytest.raises(ProjectError, match="Cannot check the journal beside"):
        journals.verify_on_copy(path, [unreadable], lambda conn, p: None)
