"""Inspecting a file before Workbench opens it for writing: is it a project we can open?

Nothing here changes the file: it is read as it lies on disk (read-only, immutable, so no
-wal or -shm is created), and a journal beside it is tried on a temporary copy first. Only
when every check passes does `Project.open` set its PRAGMAs, back up and migrate.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from workbench import connection, journals, schema
from workbench.errors import ProjectError
from workbench.schema_check import check_schema, schema_differences, summary


def check_header(path: Path) -> None:
    """Refuse (one sentence) a path that is missing, a folder, empty or not SQLite."""
    if not path.exists():
        raise ProjectError(f"{path} does not exist; create it with 'workbench new {path}'.")
    if path.is_dir():
        raise ProjectError(f"{path} is a folder, not a Workbench project file.")
    try:
        with path.open("rb") as f:
            header = f.read(len(connection.SQLITE_MAGIC))
    except OSError as e:
        raise ProjectError(f"Cannot read {path}: {e.strerror}.") from e
    if not header:
        raise ProjectError(f"{path} is empty, not a Workbench project.")
    if header != connection.SQLITE_MAGIC:
        raise ProjectError(f"{path} is not a Workbench project (not an SQLite database).")


def check_identity(path: Path, app_id: int, version: int) -> None:
    if app_id != schema.APPLICATION_ID:
        raise ProjectError(f"{path} is an SQLite database but not a Workbench project.")
    if version > schema.latest_version():
        raise ProjectError(
            f"{path} was written by a newer Workbench (schema {version}, this one knows "
            f"{schema.latest_version()}); upgrade Workbench to open it."
        )


def unreadable(path: Path, e: sqlite3.Error) -> ProjectError:
    """The sentence for a file SQLite refuses while it is being inspected."""
    if getattr(e, "sqlite_errorcode", 0) & 0xFF == connection.SQLITE_NOTADB:
        return ProjectError(f"Cannot open {path}: {e}.")
    return connection.damaged(path, e)


def _problem_of_copy(conn: sqlite3.Connection, path: Path) -> str | None:
    """What is wrong with the copy a journal was replayed into (a few words), or None."""
    app_id, version = connection.identity(conn)
    if app_id != schema.APPLICATION_ID:
        return "not a Workbench project"
    if version > schema.latest_version():
        return None  # the real open refuses it with its own sentence
    found = schema_differences(conn, version)
    return summary(found) if found else None


def inspect(path: Path) -> int:
    """Check that `path` is a sound Workbench project this version can open, without
    changing it (nor its journal); returns its schema version, or raises ProjectError."""
    check_header(path)
    beside = journals.journals_beside(path)
    if beside and not journals.in_use(path):
        journals.verify_on_copy(path, beside, _problem_of_copy)
    try:
        # A sound (or live) journal is read through; without one, the file as it lies.
        conn = connection.connect_plain(path) if beside else connection.connect_snapshot(path)
    except sqlite3.Error as e:
        raise connection.cannot_open(path, e) from e
    with contextlib.closing(conn):
        try:
            app_id, version = connection.identity(conn)
            check_identity(path, app_id, version)
            check_schema(conn, path, version)
        except sqlite3.DatabaseError as e:
            raise unreadable(path, e) from e
    return version
