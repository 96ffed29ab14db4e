"""A `-wal` or `-journal` beside a project file: the project's own, or someone else's?

SQLite replays a journal it finds beside a database into it, and nothing in a journal
says which database wrote it: another database's journal, mailed or copied beside a
project, would overwrite the project's pages for good. So a journal that no running
program holds is first replayed into a temporary copy of the file; only if that copy is
sound (quick_check, identity, schema) is the real file opened. A killed writer's WAL
passes this test and is recovered as before.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from workbench import connection
from workbench.errors import ProjectError

JOURNAL_SUFFIXES = ("-wal", "-journal")
# The "dead man switch" byte of the unix VFS's -shm file: every connection that has the
# WAL index open holds a lock on it (sqlite3.c, UNIX_SHM_DMS = 120 + 8).
SHM_DMS_BYTE = 128
PROC_LOCKS = Path("/proc/locks")

# Checks run on the sound copy: (connection, path to name) -> a sentence or None.
CopyCheck = Callable[[sqlite3.Connection, Path], str | None]


def journals_beside(path: Path) -> list[Path]:
    """The journals beside `path` that SQLite would read (non-empty files)."""
    found = []
    for suffix in JOURNAL_SUFFIXES:
        journal = Path(f"{path}{suffix}")
        with contextlib.suppress(OSError):
            if journal.is_file() and journal.stat().st_size > 0:
                found.append(journal)
    return found


def _locked_by_anyone(target: Path, byte: int) -> bool | None:
    """Whether some process (this one included) holds a lock on `byte` of `target`,
    from /proc/locks without opening the file (closing a descriptor would drop this
    process's own SQLite locks on it); None where /proc/locks does not exist."""
    try:
        st = os.stat(target)
        lines = PROC_LOCKS.read_text(encoding="ascii", errors="replace").splitlines()
    except FileNotFoundError:
        return None if not PROC_LOCKS.exists() else False
    except OSError:
        return None
    device = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
    for line in lines:
        fields = line.split()
        if "->" in fields:  # a waiter, listed under the lock it waits for
            fields.remove("->")
        if len(fields) < 8 or fields[5] != device:
            continue
        start, end = fields[6], fields[7]
        if int(start) <= byte and (end == "EOF" or byte <= int(end)):
            return True
    return False


def in_use(path: Path) -> bool:
    """True while a running program has the project's WAL open: its journal is its own.

    Where the locks cannot be read (no /proc/locks), a -shm beside the file counts as in
    use, which is what SECURITY.md states as the limit on such systems."""
    shm = Path(f"{path}-shm")
    if not shm.exists():
        return False
    locked = _locked_by_anyone(shm, SHM_DMS_BYTE)
    return True if locked is None else locked


def verify_on_copy(path: Path, journals: list[Path], check: CopyCheck) -> None:
    """Replay `journals` into a temporary copy of `path` and run the checks there; raise
    ProjectError (one sentence) if the copy is not sound. The real files are not touched."""
    import shutil
    import tempfile  # with shutil and random: ~3 ms of every command, for a rare check

    names = ", ".join(j.name for j in journals)
    with tempfile.TemporaryDirectory(prefix="workbench-journal-") as tmp:
        copy = Path(tmp) / "project.wbproj"
        copied = 0
        try:
            shutil.copyfile(path, copy)
            for journal in journals:
                try:
                    shutil.copyfile(journal, Path(f"{copy}{journal.name[len(path.name) :]}"))
                except FileNotFoundError:
                    # Another program closing the project removed it since it was listed:
                    # its pages are in the project now, and there is nothing to replay.
                    continue
                copied += 1
        except OSError as e:
            raise ProjectError(
                f"Cannot check the journal beside {path} ({names}) on a copy: {e.strerror}."
            ) from e
        problem = _replay_and_check(copy, path, check) if copied else None
    if problem is not None:
        raise ProjectError(
            f"{path} was not opened because the journal beside it ({names}) does not belong "
            f"to it: replayed into a copy it gives a broken project ({problem}); both files "
            "were left as they were — move the journal away to open the project as it is."
        )


def _replay_and_check(copy: Path, path: Path, check: CopyCheck) -> str | None:
    try:
        conn = connection.connect_plain(copy)
    except sqlite3.Error as e:
        return str(e)
    with contextlib.closing(conn):
        try:
            # As a real open would: WAL mode (which reads a -wal), then the identity and
            # schema, and only for Workbench's own schema the page-by-page check.
            conn.execute("PRAGMA journal_mode = WAL").fetchall()
            problem = check(conn, path)
            if problem is not None:
                return problem
            result = [str(row[0]) for row in conn.execute("PRAGMA quick_check(3)")]
            return None if result == ["ok"] else "; ".join(result)
        except sqlite3.Error as e:
            return str(e)
