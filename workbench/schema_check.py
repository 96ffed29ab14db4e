"""Is a project file's schema exactly the one Workbench made? Projects are data, not code.

A mailed project can carry triggers, views or changed tables that would run SQL of
someone else's on the next edit. The expected schema for a file's `user_version` is
made by running this version's migrations on an empty database in memory, so every
migration (added later too) is covered without a list to keep up to date. The latest
version's is also kept in `schema_snapshot.py` (3-4 ms less for every command and window
that opens a project); a test fails when the migrations no longer make it, and
`python -m workbench.schema_check` writes it again.
"""

from __future__ import annotations

import functools
import sqlite3
from pathlib import Path

from workbench import schema, schema_snapshot
from workbench.errors import ProjectError

SchemaObject = tuple[str, str]  # (type, name) in sqlite_master
Schema = dict[SchemaObject, str]  # their SQL, whitespace normalised ("" for autoindexes)

# Statistics ANALYZE keeps for the query planner: data, harmless, made by other tools.
PLANNER_TABLES = frozenset({"sqlite_stat1", "sqlite_stat4"})
MORE_SHOWN = 3


def _normalised(sql: str | None) -> str:
    return " ".join((sql or "").split())


def read_schema(conn: sqlite3.Connection) -> Schema:
    """The file's tables, indexes, triggers and views with their SQL."""
    rows = conn.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
    return {
        (str(kind), str(name)): _normalised(sql)
        for kind, name, sql in rows
        if not (kind == "table" and name in PLANNER_TABLES)
    }


@functools.lru_cache(maxsize=8)
def _expected(migrations: tuple[schema.Migration, ...]) -> tuple[tuple[SchemaObject, str], ...]:
    conn = sqlite3.connect(":memory:")
    try:
        for migration in migrations:
            migration(conn)
        return tuple(sorted(read_schema(conn).items()))
    finally:
        conn.close()


def expected_schema(version: int) -> Schema:
    """The schema this Workbench makes for a file at `version` (tests may add migrations)."""
    migrations = tuple(schema.MIGRATIONS[:version])
    if tuple(m.__name__ for m in migrations) == schema_snapshot.MIGRATIONS:
        return dict(schema_snapshot.SCHEMA)
    return dict(_expected(migrations))


def snapshot_source() -> str:
    """The text of `schema_snapshot.py` for the migrations as they are."""
    migrations = tuple(schema.MIGRATIONS)
    lines = [
        '"""The schema the migrations make, as `schema_check.read_schema` reads it: written by',
        "`python -m workbench.schema_check`, never by hand (see schema_check.py).",
        '"""',
        "",
        "MIGRATIONS = (",
        *(f"    {m.__name__!r}," for m in migrations),
        ")",
        "SCHEMA = (",
        *(f"    ({key!r}, {sql!r})," for key, sql in _expected(migrations)),
        ")",
    ]
    return "\n".join(lines) + "\n"


def _describe(kind: str, name: str) -> str:
    article = "an" if kind[0] in "aeiou" else "a"
    return f"{article} {kind} '{name}'"


def differences(actual: Schema, expected: Schema) -> list[str]:
    """What differs, in words: code first (triggers, views), then tables, then indexes."""
    order = {"trigger": 0, "view": 1, "table": 2, "index": 3}
    found: list[tuple[int, str]] = []
    for (kind, name), sql in actual.items():
        if (kind, name) not in expected:
            found.append((order.get(kind, 0), f"{_describe(kind, name)} it should not have"))
        elif expected[(kind, name)] != sql:
            found.append((order.get(kind, 0), f"a changed definition of {kind} '{name}'"))
    for kind, name in expected:
        if (kind, name) not in actual:
            found.append((order.get(kind, 0) + 4, f"no {kind} '{name}'"))
    return [text for _, text in sorted(found)]


def schema_differences(conn: sqlite3.Connection, version: int) -> list[str]:
    """What in the file's schema is not Workbench's own for `version`, in words."""
    actual = read_schema(conn)
    if not actual or version < 1:
        return ["none of Workbench's tables"]
    return differences(actual, expected_schema(version))


def summary(found: list[str]) -> str:
    shown = ", ".join(found[:MORE_SHOWN])
    if len(found) > MORE_SHOWN:
        shown += f" and {len(found) - MORE_SHOWN} more differences"
    return shown


def schema_problem(conn: sqlite3.Connection, path: Path | str, version: int) -> str | None:
    """One sentence if the file's schema is not Workbench's own for `version`, else None."""
    found = schema_differences(conn, version)
    if not found:
        return None
    if found == ["none of Workbench's tables"]:
        return (
            f"{path} is marked as a Workbench project but holds none of its tables "
            "(it was emptied or never finished), so there is nothing to open."
        )
    return (
        f"{path} was not opened because its schema is not the one Workbench made "
        f"({summary(found)}); a project may hold data but no code of its own, so the file "
        "was left untouched."
    )


def check_schema(conn: sqlite3.Connection, path: Path | str, version: int) -> None:
    """Raise ProjectError (one sentence naming the file) unless the schema is Workbench's."""
    problem = schema_problem(conn, path, version)
    if problem is not None:
        raise ProjectError(problem)


if __name__ == "__main__":
    Path(schema_snapshot.__file__).write_text(snapshot_source(), encoding="utf-8")
