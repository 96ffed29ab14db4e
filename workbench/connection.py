"""The SQLite connection of a project file: its PRAGMAs, identity checks and errors.

One place sets what every connection to a project needs (WAL, synchronous=NORMAL,
foreign keys, a busy timeout) and turns SQLite's errors into sentences for the user.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from workbench.errors import ProjectError

BUSY_TIMEOUT_S = 5.0
SQLITE_MAGIC = b"SQLite format 3\x00"


def connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
    configure(conn)
    return conn


def configure(conn: sqlite3.Connection) -> None:
    """Set the connection's PRAGMAs (closing it if the file refuses them)."""
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            raise sqlite3.OperationalError(f"cannot switch to WAL journal (got {mode})")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError:
        conn.close()
        raise


def identity(conn: sqlite3.Connection) -> tuple[int, int]:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    return int(app_id), int(version)


def cannot_open(path: Path, e: sqlite3.Error) -> ProjectError:
    if "readonly" in str(e):
        return ProjectError(
            f"Cannot open {path}: its folder is read-only, and Workbench writes a journal "
            "beside the project; copy it to a folder you can write to."
        )
    return ProjectError(f"Cannot open {path}: {e}.")


def locked_error(path: Path | None, e: sqlite3.Error) -> ProjectError:
    where = path or "the project"
    if "locked" in str(e) or "busy" in str(e):
        return ProjectError(
            f"{where} is locked by another program for more than {BUSY_TIMEOUT_S:g} seconds; "
            "try again when it has finished."
        )
    if "readonly" in str(e):
        return ProjectError(f"{where} is read-only; changes cannot be saved.")
    return ProjectError(f"Cannot write to {where}: {e}.")


def copy_project(source: Path, target: Path) -> None:
    """Copy a project file consistently (WAL content included)."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()
