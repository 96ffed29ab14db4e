"""Schema versions: migrations with a backup first, refusal of newer and foreign files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from workbench import schema
from workbench.errors import ProjectError
from workbench.project import Project


def _set_version(path: Path, version: int) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()


def _version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


def test_a_new_project_is_at_the_latest_version(project_file: Path) -> None:
    assert _version(project_file) == schema.latest_version() == len(schema.MIGRATIONS)


def test_a_newer_file_is_refused_and_left_untouched(project_file: Path) -> None:
    _set_version(project_file, schema.latest_version() + 1)
    before = project_file.read_bytes()
    with pytest.raises(ProjectError, match="newer Workbench"):
        Project.open(project_file)
    assert project_file.read_bytes() == before
    assert sorted(p.name for p in project_file.parent.iterdir()) == [project_file.name]


def test_an_older_file_is_backed_up_then_migrated(
    project_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Project.open(project_file) as p:
        p.add_document("Kept through the upgrade.", title="t")
    old_version = _version(project_file)

    def add_flag(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE documents ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, add_flag])
    with Project.open(project_file) as p:
        assert p.conn.execute("SELECT flagged FROM documents").fetchall() == [(0,)]
    assert _version(project_file) == old_version + 1

    backup = project_file.with_name(f"{project_file.name}.v{old_version}.bak")
    assert _version(backup) == old_version
    conn = sqlite3.connect(backup)
    columns = [row[1] for row in conn.execute("PRAGMA table_info(documents)")]
    assert "flagged" not in columns
    assert conn.execute("SELECT text FROM documents").fetchall() == [("Kept through the upgrade.",)]
    conn.close()


def test_a_failing_migration_leaves_the_file_at_its_old_version(
    project_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old_version = _version(project_file)

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("disk full")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, broken])
    with pytest.raises(ProjectError):
        Project.open(project_file)
    assert _version(project_file) == old_version
    conn = sqlite3.connect(project_file)
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'half_done'").fetchall() == []
    conn.close()


def _foreign_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (x TEXT)")
    conn.execute("INSERT INTO notes VALUES ('mine')")
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_bytes(b""), "is empty"),
        (lambda p: p.write_text("title,text\nA,B\n"), r"not an SQLite database"),
        (lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200), "Cannot open"),
        (_foreign_sqlite, "SQLite database but not a Workbench project"),
    ],
)
def test_files_that_are_not_projects_are_refused_untouched(
    tmp_path: Path, make, message: str
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "thing.wbproj"
    make(path)
    before = path.read_bytes()
    with pytest.raises(ProjectError, match=message) as info:
        Project.open(path)
    assert str(path) in str(info.value)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


# Texts whose length in code points differs from their UTF-8 and UTF-16 lengths, one of
# them holding a U+0000 (where SQL length() stops counting).
TEXTS = ["Troops crossed 🇰🇵 the border.", "Before\x00after", "ü" * 1_000]


def version_5_project(path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project as Workbench wrote it before the text length was stored (v5)."""
    with monkeypatch.context() as patch:
        patch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:5])
        Project.create(path).close()
    conn = sqlite3.connect(path)
    conn.executemany(
        "INSERT INTO documents (id, title, text, content_hash, imported_at) "
        "VALUES (?, 't', ?, 'h', '2026-01-01')",
        [(f"d{i}", text) for i, text in enumerate(TEXTS)],
    )
    conn.commit()
    conn.close()
    assert _version(path) == 5
    return path


def test_a_version_5_file_gets_the_length_of_each_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = version_5_project(tmp_path / "old.wbproj", monkeypatch)
    with Project.open(path) as project:
        assert [d.length for d in project.documents()] == [len(t) for t in TEXTS]
        project.add_document("Added after the upgrade ✓", title="new")
        assert project.documents()[-1].length == len("Added after the upgrade ✓")
    assert _version(path) == len(schema.MIGRATIONS)
