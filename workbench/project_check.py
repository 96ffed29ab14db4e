"""`workbench check`: what is wrong with a project file, found without changing it.

The file is read as it lies (immutable, read-only). A journal beside it is replayed into
a temporary copy; when that copy is broken but the file alone is sound, the journal is
named as the culprit.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

from workbench import connection, journals, schema
from workbench.project_file import check_header
from workbench.schema_check import schema_differences

INTEGRITY_LINES = 20


def _problems(conn: sqlite3.Connection) -> list[str]:
    app_id, version = connection.identity(conn)
    if app_id != schema.APPLICATION_ID:
        return ["it is an SQLite database but not a Workbench project"]
    if version > schema.latest_version():
        return [f"it was written by a newer Workbench (schema {version}); upgrade to check it"]
    problems = [f"schema: {difference}" for difference in schema_differences(conn, version)]
    if problems:
        # Its constraints are not Workbench's: evaluating them (as integrity_check does)
        # would run the file's own code.
        return [*problems, "integrity not checked: the schema is not Workbench's own"]
    try:
        rows = conn.execute(f"PRAGMA integrity_check({INTEGRITY_LINES})").fetchall()
    except sqlite3.DatabaseError as e:  # a page so broken that the check itself stops
        return [f"integrity: {e} (a page cannot be read)"]
    return [f"integrity: {' '.join(str(row[0]).split())}" for row in rows if row[0] != "ok"]


def _safe_problems(conn: sqlite3.Connection) -> list[str]:
    try:
        return _problems(conn)
    except sqlite3.DatabaseError as e:
        return [f"unreadable: {e}"]


@contextlib.contextmanager
def _with_journals_replayed(path: Path, beside: list[Path]) -> Iterator[sqlite3.Connection]:
    with tempfile.TemporaryDirectory(prefix="workbench-check-") as tmp:
        copy = Path(tmp) / "project.wbproj"
        shutil.copyfile(path, copy)
        for journal in beside:
            shutil.copyfile(journal, Path(f"{copy}{journal.name[len(path.name) :]}"))
        conn = connection.connect_plain(copy)
        try:
            yield conn
        finally:
            conn.close()


def check_project(path: Path) -> list[str]:
    """What is wrong with the project at `path`, one short phrase each; [] when it is sound.
    Raises ProjectError for a path that is not an SQLite file at all."""
    check_header(path)
    with contextlib.closing(connection.connect_snapshot(path)) as conn:
        alone = _safe_problems(conn)
    beside = journals.journals_beside(path)
    if not beside:
        return alone
    names = ", ".join(j.name for j in beside)
    try:
        with _with_journals_replayed(path, beside) as conn:
            with_journal = _safe_problems(conn)
    except (OSError, sqlite3.Error) as e:
        return [*alone, f"the journal beside it ({names}) could not be tried: {e}"]
    if with_journal and not alone:
        return [
            (
                f"the journal beside it ({names}) does not belong to it: replayed into a "
                f"copy it gives {with_journal[0]}; move the journal away"
            )
        ]
    return with_journal
