"""A mailed project is data, not code: a schema Workbench did not make is refused untouched."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from workbench import cli, connection, schema
from workbench.errors import ProjectError
from workbench.project import Project
from workbench.schema_check import expected_schema

from .hostile import assert_one_sentence, execute_raw, hashes

TIMEOUT_S = 60

# Each attack, as the statements a sender's sqlite3 shell would run on a good project.
ATTACKS = {
    "trigger": [
        (
            "CREATE TRIGGER steal AFTER INSERT ON documents BEGIN "
            "UPDATE labels SET name = 'pwned-' || id; END"
        ),
    ],
    "view_shadowing_a_table": [
        "ALTER TABLE documents RENAME TO documents_real",
        "CREATE VIEW documents AS SELECT * FROM documents_real",
        (
            "CREATE TRIGGER redirect INSTEAD OF INSERT ON documents BEGIN "
            "UPDATE labels SET name = 'pwned-' || id; END"
        ),
    ],
    "extra_table": ["CREATE TABLE payload (sql TEXT)"],
    "missing_index": ["DROP INDEX spans_label"],
    "changed_column": [
        "ALTER TABLE documents ADD COLUMN hook TEXT DEFAULT (randomblob(16))",
    ],
}


def _dataset(tmp_path: Path) -> Path:
    data = tmp_path / "incoming" / "new.jsonl"
    data.parent.mkdir()
    data.write_text(
        json.dumps({"text": "North Korea sent troops.", "title": "N"}) + "\n", encoding="utf-8"
    )
    return data


def _labels_as_stored(path: Path) -> list[str]:
    with connection.connect_snapshot(path) as conn:
        names = [str(row[0]) for row in conn.execute("SELECT name FROM labels ORDER BY id")]
    conn.close()
    return names


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_a_project_carrying_a_changed_schema_is_refused_before_anything_runs(
    tmp_path: Path, project_file: Path, attack: str, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _dataset(tmp_path)
    execute_raw(project_file, *ATTACKS[attack])
    labels = _labels_as_stored(project_file)
    before = hashes(tmp_path)

    code = cli.main(["import", str(project_file), str(data)])

    message = capsys.readouterr().err
    assert code == cli.EXIT_ERROR
    assert_one_sentence(message, project_file)
    assert "schema" in message and "left untouched" in message
    assert hashes(tmp_path) == before  # no -wal, -shm or backup either
    assert _labels_as_stored(project_file) == labels  # the trigger's SQL never ran


def test_the_sentence_names_what_differs(project_file: Path) -> None:
    execute_raw(project_file, *ATTACKS["view_shadowing_a_table"])
    with pytest.raises(ProjectError) as info:
        Project.open(project_file)
    message = str(info.value)
    assert "a trigger 'redirect'" in message and "a view 'documents'" in message


def test_an_older_project_with_a_trigger_is_not_backed_up_nor_migrated(
    tmp_path: Path, project_file: Path
) -> None:
    execute_raw(project_file, *ATTACKS["trigger"], "PRAGMA user_version = 2")
    before = hashes(tmp_path)
    with pytest.raises(ProjectError, match="schema"):
        Project.open(project_file)
    assert hashes(tmp_path) == before
    assert not list(tmp_path.glob("*.bak"))


def test_an_older_sound_project_still_migrates(
    project_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The expected schema follows MIGRATIONS, so a migration added later is covered."""

    def add_flag(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE documents ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, add_flag])
    with Project.open(project_file) as project:
        assert project.conn.execute("PRAGMA user_version").fetchone()[0] == len(schema.MIGRATIONS)
    with Project.open(project_file) as project:  # the migrated file passes the check too
        assert project.documents() == []
    assert ("table", "documents") in expected_schema(schema.latest_version())


def _workbench_marked(path: Path) -> None:
    execute_raw(
        path,
        f"PRAGMA application_id = {schema.APPLICATION_ID}",
        f"PRAGMA user_version = {schema.latest_version()}",
    )


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (_workbench_marked, "holds none of its tables"),
        (lambda p: p.write_bytes(b""), "is empty"),
        (lambda p: p.write_bytes(b"%PDF-1.7\n" + b"\x00" * 300), "not an SQLite database"),
        (lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000), "Cannot open"),
    ],
)
def test_files_that_cannot_be_projects_get_one_sentence(
    tmp_path: Path,
    make,
    words: str,  # type: ignore[no-untyped-def]  # lambdas and a def
) -> None:
    path = tmp_path / "mailed.wbproj"
    make(path)
    before = hashes(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "workbench.cli", "stats", str(path)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )
    assert result.returncode == cli.EXIT_ERROR
    assert words in result.stderr
    assert_one_sentence(result.stderr.removeprefix("workbench: "), path)
    assert hashes(tmp_path) == before


def test_every_connection_distrusts_the_schema_where_sqlite_allows(project_file: Path) -> None:
    """trusted_schema is OFF on every connection, unless this SQLite cannot load Workbench's
    own json_valid() CHECKs that way (then the schema check above is the guard)."""
    expected = 1 if connection.own_checks_need_trust() else 0
    with Project.open(project_file) as project:
        project.checkpoint_in_background()
        assert project.conn.execute("PRAGMA trusted_schema").fetchone()[0] == expected
    for conn in (
        connection.connect_snapshot(project_file),
        connection.connect_plain(project_file),
        connection.connect_memory(),
    ):
        assert conn.execute("PRAGMA trusted_schema").fetchone()[0] == expected
        conn.close()
    probe = sqlite3.connect(":memory:")
    probe.execute("CREATE TABLE t (v TEXT CHECK (json_valid(v)))")
    probe.execute("PRAGMA trusted_schema = OFF")
    refused = False
    try:
        probe.execute("INSERT INTO t VALUES ('{}')")
    except sqlite3.DatabaseError:
        refused = True
    probe.close()
    assert refused == connection.own_checks_need_trust()
