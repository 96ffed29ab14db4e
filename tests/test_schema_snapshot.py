"""The latest schema kept in `schema_snapshot.py` is what the migrations make: opening a
project compares its file with it instead of running every migration in memory."""

from __future__ import annotations

from pathlib import Path

from workbench import schema, schema_check, schema_snapshot
from workbench.project import Project


def test_the_snapshot_is_what_the_migrations_make() -> None:
    written = Path(schema_snapshot.__file__).read_text(encoding="utf-8")
    assert written == schema_check.snapshot_source(), (
        "schema_snapshot.py is out of date: run `python -m workbench.schema_check`"
    )


def test_the_latest_version_is_checked_against_the_snapshot() -> None:
    latest = schema.latest_version()
    made = dict(schema_check._expected(tuple(schema.MIGRATIONS)))
    assert schema_check.expected_schema(latest) == made
    assert len(schema_snapshot.MIGRATIONS) == latest


def test_opening_a_project_runs_no_migration_in_memory(tmp_path: Path) -> None:
    path = tmp_path / "p.wbproj"
    Project.create(path).close()
    schema_check._expected.cache_clear()
    with Project.open(path) as project:
        assert project.document_ids() == []
    assert schema_check._expected.cache_info().currsize == 0
