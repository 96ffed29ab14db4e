"""`workbench recover`: save what can still be read of a damaged project into a new one.

The damaged file is only read, as it lies on disk (a journal beside it is not replayed).
Each table is read row by row in rowid order; where a page cannot be read, the reader
jumps ahead to the next rowid that can, so one bad page costs only the rows on it. Every row goes
into a freshly created project through its constraints: a row that breaks one (a span
whose document was lost, a value of the wrong type) is refused and counted.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench import connection, journals, schema
from workbench.errors import ProjectError
from workbench.project import Project, content_hash
from workbench.project_file import check_header
from workbench.schema_check import expected_schema

# Parents before children, so that foreign keys find what they point to.
TABLES = (
    "labels",
    "relation_types",
    "documents",
    "status_history",
    "spans",
    "relations",
    "suggestions",
    "settings",
)
MAX_ROWID = 2**63 - 1
_FAILED = object()


@dataclass
class TableRecovery:
    table: str
    saved: int = 0
    refused: int = 0  # read, but broke a rule of the new project
    unreadable: list[tuple[int, int | None]] = field(default_factory=list)  # rowid ranges

    def describe(self) -> str:
        parts = [f"{self.saved} rows saved"]
        if self.refused:
            parts.append(f"{self.refused} refused (their parent was lost or a value was wrong)")
        for first, last in self.unreadable:
            end = "the end" if last is None else str(last)
            parts.append(f"unreadable rowids {first} to {end} lost")
        return f"{self.table}: {', '.join(parts)}"


@dataclass
class RecoveryReport:
    tables: list[TableRecovery]
    missing: list[str]  # tables the damaged file no longer shows
    ignored_journals: list[str]

    @property
    def complete(self) -> bool:
        return not self.missing and all(not t.refused and not t.unreadable for t in self.tables)


class _RowReader:
    """Reads a table's rows in rowid order, skipping the stretches it cannot read."""

    def __init__(self, conn: sqlite3.Connection, table: str, columns: Sequence[str]) -> None:
        self.conn = conn
        self.table = _quote(table)
        self.columns = ", ".join(_quote(c) for c in columns)
        self.unreadable: list[tuple[int, int | None]] = []

    def rows(self) -> Iterator[tuple[Any, ...]]:
        # One row per query (a seek each): a scan would step onto the next row before
        # handing this one over, so the row before a bad page would be lost with it. A
        # seek with ">=" from a readable rowid does not pass through the bad page before.
        query = (
            f"SELECT rowid, {self.columns} FROM {self.table} "
            "WHERE rowid >= ? ORDER BY rowid LIMIT 1"
        )
        start = -MAX_ROWID - 1
        resumed = False
        while True:
            try:
                row = self.conn.execute(query, (start,)).fetchone()
            except sqlite3.DatabaseError:
                # Just jumped to `start` and it fails: its rowid reads but its content
                # does not, so jump past it too.
                found = self._next_readable(start if resumed else start - 1)
                if found is None or found > start:
                    self.unreadable.append((start, None if found is None else found - 1))
                if found is None:
                    return
                start, resumed = found, True
                continue
            if row is None:
                return
            start, resumed = int(row[0]) + 1, False
            yield tuple(row[1:])

    def _probe(self, start: int) -> object:
        """The first rowid >= start (None at the end), or _FAILED where the seek fails."""
        try:
            row = self.conn.execute(
                f"SELECT rowid FROM {self.table} WHERE rowid >= ? ORDER BY rowid LIMIT 1",
                (start,),
            ).fetchone()
        except sqlite3.DatabaseError:
            return _FAILED
        return None if row is None else int(row[0])

    def _next_readable(self, base: int) -> int | None:
        """The first readable rowid after `base`: doubling steps, then bisection."""
        step = 1
        while base + step <= MAX_ROWID:
            if self._probe(base + step) is not _FAILED:
                low, high = base + step // 2, base + step
                while high - low > 1:
                    middle = (low + high) // 2
                    if self._probe(middle) is _FAILED:
                        low = middle
                    else:
                        high = middle
                found = self._probe(high)
                return found if isinstance(found, int) else None
            step *= 2
        return None


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _columns(conn: sqlite3.Connection, table: str) -> list[tuple[str, str, bool]]:
    """(name, declared type, NOT NULL) of each column."""
    return [
        (row[1], str(row[2]).upper(), bool(row[3]))
        for row in conn.execute(f"PRAGMA table_info({_quote(table)})")
    ]


def _fits(value: object, kind: str, not_null: bool) -> bool:
    if value is None:
        return not not_null
    if kind == "TEXT":
        return isinstance(value, str)
    if kind == "INTEGER":
        return isinstance(value, int)
    return True


def _copy_table(
    source: sqlite3.Connection, target: sqlite3.Connection, table: str
) -> TableRecovery:
    wanted = _columns(target, table)
    present = {name for name, _, _ in _columns(source, table)}
    # A document's length is derived from its text (whether or not the file had it).
    derived = ["text_length"] if table == "documents" and "text" in present else []
    columns = [c for c in wanted if c[0] in present and c[0] not in derived]
    names = [name for name, _, _ in columns]
    result = TableRecovery(table)
    reader = _RowReader(source, table, names)
    insert = (
        f"INSERT INTO {_quote(table)} ({', '.join(_quote(n) for n in names + derived)}) "
        f"VALUES ({', '.join('?' for _ in names + derived)})"
    )
    for row in reader.rows():
        if not all(_fits(v, kind, nn) for v, (_, kind, nn) in zip(row, columns, strict=False)):
            result.refused += 1
            continue
        values = list(row)
        if table == "documents" and "content_hash" in names and "text" in names:
            values[names.index("content_hash")] = content_hash(values[names.index("text")])
        if derived:
            values.append(len(values[names.index("text")]))
        try:
            target.execute(insert, values)
        except sqlite3.IntegrityError:
            result.refused += 1
        else:
            result.saved += 1
    result.unreadable = reader.unreadable
    return result


def _source_tables(conn: sqlite3.Connection, path: Path) -> tuple[set[str], int]:
    """The tables the damaged file still lists, and its schema version."""
    try:
        app_id, version = connection.identity(conn)
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    except sqlite3.DatabaseError as e:
        raise ProjectError(
            f"Nothing can be recovered from {path}: even its list of tables is unreadable ({e})."
        ) from e
    if app_id != schema.APPLICATION_ID:
        raise ProjectError(f"{path} is an SQLite database but not a Workbench project.")
    return {str(row[0]) for row in rows}, version


def recover_project(broken: Path, target: Path) -> RecoveryReport:
    """Copy every row that can still be read from `broken` into a new project `target`."""
    check_header(broken)
    if target.exists() or target.is_symlink():
        raise ProjectError(f"{target} already exists; recover into a new file.")
    with contextlib.closing(connection.connect_snapshot(broken)) as source:
        present, version = _source_tables(source, broken)
        new = Project.create(target, labels=[])
        try:
            with new.transaction():
                new.conn.execute("DELETE FROM relation_types")  # the source has its own
                tables = [_copy_table(source, new.conn, t) for t in TABLES if t in present]
        except BaseException:
            new.close()
            for leftover in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
                leftover.unlink(missing_ok=True)
            raise
        new.close()
    expected = {name for kind, name in expected_schema(version) if kind == "table"}
    return RecoveryReport(
        tables=tables,
        missing=sorted(expected - present),
        ignored_journals=[j.name for j in journals.journals_beside(broken)],
    )
