"""The SQLite connection of a project file: its PRAGMAs, identity checks and errors.

One place sets what every connection to a project needs (WAL, synchronous=NORMAL,
foreign keys, a busy timeout) and turns SQLite's errors into sentences for the user.
"""

from __future__ import annotations

import functools
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from workbench.errors import ProjectError

BUSY_TIMEOUT_S = 5.0
SQLITE_MAGIC = b"SQLite format 3\x00"


# SQLite's result codes for a damaged file and for a file that is not a database.
SQLITE_CORRUPT = 11
SQLITE_NOTADB = 26
DAMAGE_REASON_CHARS = 120


def connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
    configure(conn)
    return conn


def distrust_schema(conn: sqlite3.Connection) -> sqlite3.Connection:
    """Forbid the file's schema (views, triggers, CHECKs, defaults) from calling functions
    that SQLite does not mark innocuous: every connection to a project, or to a copy of
    one, starts here. SQLite builds whose JSON functions are not marked innocuous (3.40
    among them; 3.54 marks them) would then refuse to load Workbench's own schema, whose
    CHECK constraints call json_valid(): there trusted_schema stays ON, and the schema
    check on open (project_file.inspect) is what keeps a file's code from running."""
    if not own_checks_need_trust():
        conn.execute("PRAGMA trusted_schema = OFF")
    return conn


@functools.cache
def own_checks_need_trust() -> bool:
    """True where this SQLite refuses CHECK (json_valid(...)) with trusted_schema OFF."""
    probe = sqlite3.connect(":memory:")
    try:
        probe.execute("CREATE TABLE probe (value TEXT CHECK (json_valid(value)))")
        probe.execute("PRAGMA trusted_schema = OFF")
        probe.execute("INSERT INTO probe VALUES ('{}')")
        return False
    except sqlite3.DatabaseError:
        return True
    finally:
        probe.close()


def connect_memory() -> sqlite3.Connection:
    """A database in memory (a scratch project, made by Workbench's own migrations)."""
    return distrust_schema(sqlite3.connect(":memory:", check_same_thread=False))


def connect_plain(path: Path | str, *, timeout: float = BUSY_TIMEOUT_S) -> sqlite3.Connection:
    """A connection without Workbench's journal settings (backups, copies, checkpoints)."""
    return distrust_schema(sqlite3.connect(path, timeout=timeout, check_same_thread=False))


def connect_snapshot(path: Path) -> sqlite3.Connection:
    """Read the file as it is on disk: read-only, no locks, no journal replayed and no
    -wal or -shm created, so inspecting a file never changes it."""
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    return distrust_schema(sqlite3.connect(uri, uri=True, check_same_thread=False))


def configure(conn: sqlite3.Connection) -> None:
    """Set the connection's PRAGMAs (closing it if the file refuses them)."""
    try:
        distrust_schema(conn)
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


def is_damage(e: sqlite3.Error) -> bool:
    """True when SQLite says the file is damaged or is not a database at all."""
    code = getattr(e, "sqlite_errorcode", 0) & 0xFF
    return code in (SQLITE_CORRUPT, SQLITE_NOTADB) or "malformed" in str(e)


def damaged(path: Path | str | None, e: sqlite3.Error) -> ProjectError:
    """The one sentence for a file SQLite cannot read (at open or later, in a query)."""
    if not is_damage(e):
        return ProjectError(f"Cannot read {path or 'the project file'}: {e}.")
    return damage_error(path, str(e))


def damage_error(path: Path | str | None, reason: str) -> ProjectError:
    reason = " ".join(reason.split())
    if len(reason) > DAMAGE_REASON_CHARS:
        reason = reason[: DAMAGE_REASON_CHARS - 1] + "…"
    return ProjectError(
        f"{path or 'The project file'} is damaged ({reason}); 'workbench check' lists what "
        "is wrong and 'workbench recover' saves what can still be read into a new project."
    )


def require_sound(conn: sqlite3.Connection, path: Path | str | None) -> None:
    """Raise ProjectError (one sentence) unless every page of the file reads back sound
    (PRAGMA quick_check: ~70 ms for a 64 MB project); the window calls it on open so a
    damaged project is refused before it replaces the one on screen."""
    try:
        rows = conn.execute("PRAGMA quick_check(1)").fetchall()
    except sqlite3.DatabaseError as e:
        raise damaged(path, e) from e
    if rows != [("ok",)]:
        raise damage_error(path, str(rows[0][0]))


def locked_error(path: Path | None, e: sqlite3.Error) -> ProjectError:
    if is_damage(e):
        return damaged(path, e)
    where = path or "the project"
    if "locked" in str(e) or "busy" in str(e):
        return ProjectError(
            f"{where} is locked by another program for more than {BUSY_TIMEOUT_S:g} seconds; "
            "try again when it has finished."
        )
    if "readonly" in str(e):
        return ProjectError(f"{where} is read-only; changes cannot be saved.")
    return ProjectError(f"Cannot write to {where}: {e}.")


def backup_beside(path: Path, reason: str) -> Path:
    """Copy the project to `PATH.REASON-STAMP.bak` beside it; that name is returned. Inside
    a transaction of its own connection, the copy is the file as it was before it."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    backup = path.with_name(f"{path.name}.{reason}-{stamp}.bak")
    copy_project(path, backup)
    return backup


def copy_project(source: Path, target: Path) -> None:
    """Copy a project file consistently (WAL content included)."""
    with connect_plain(source) as src, connect_plain(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()
