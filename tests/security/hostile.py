"""Building hostile project files in tests, and checking that refusals leave them alone."""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
from pathlib import Path

from workbench.project import Project

PAGE_SIZE = 4096
MARKER = "MARKER-OF-DOCUMENT-17"


def hashes(folder: Path) -> dict[str, str]:
    """sha256 of every file under `folder` (its name list included, by the keys)."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def assert_one_sentence(message: str, path: Path) -> None:
    """A refusal: one line naming the file, one sentence, no traceback."""
    text = message.strip()
    assert "Traceback" not in text, text
    assert "\n" not in text, text
    assert str(path) in text, text
    assert text.endswith("."), text
    rest = text.replace(str(path), "PATH")
    assert not re.search(r"[.!?]\s+[A-Z]", rest), f"more than one sentence: {text}"


def project_with_documents(path: Path, count: int = 40) -> Path:
    """A project whose documents fill many pages; document 17 holds MARKER."""
    with Project.create(path) as project, project.transaction():
        label = project.labels()[0].id
        for i in range(count):
            marker = MARKER if i == 17 else f"doc{i}"
            doc = project.add_document(f"{marker} North Korea sent troops. " * 60, title=f"T{i}")
            project.add_span(doc.id, 0, 5, label, annotator="ana")
    return path


def corrupt_page_holding(path: Path, needle: str = MARKER) -> int:
    """Overwrite the page that holds `needle` (a documents page mid-file) with garbage."""
    data = bytearray(path.read_bytes())
    at = data.find(needle.encode())
    assert at > 0, "the marker is not in the file"
    page = at // PAGE_SIZE
    assert 0 < page < len(data) // PAGE_SIZE - 1, "the page should lie mid-file"
    data[page * PAGE_SIZE : (page + 1) * PAGE_SIZE] = bytes(range(256)) * (PAGE_SIZE // 256)
    path.write_bytes(bytes(data))
    return page + 1


def execute_raw(path: Path, *statements: str) -> None:
    """Change the file behind Workbench's back, as an attacker's sqlite3 shell would."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for statement in statements:
            conn.execute(statement)
    finally:
        conn.close()


def foreign_wal(beside: Path, *, workbench: bool) -> Path:
    """A real -wal written by another database, placed beside the project `beside`."""
    other = beside.parent / "elsewhere" / "other.wbproj"
    other.parent.mkdir()
    if workbench:
        project_with_documents(other, count=5)
    else:
        execute_raw(other, "PRAGMA journal_mode = WAL", "CREATE TABLE notes (x TEXT)")
    conn = sqlite3.connect(other, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    if workbench:
        conn.execute("UPDATE documents SET title = title || ' (theirs)'")
        conn.execute("UPDATE labels SET color = '#000000'")
    else:
        conn.executemany("INSERT INTO notes VALUES (?)", [("x" * 900,)] * 200)
    wal = Path(f"{beside}-wal")
    shutil.copyfile(f"{other}-wal", wal)  # copied while the writer still holds it
    conn.close()
    shutil.rmtree(other.parent)
    return wal


def hot_journal(beside: Path) -> Path:
    """A real hot rollback journal of another database, placed beside `beside`."""
    other = beside.parent / "elsewhere" / "other.db"
    other.parent.mkdir()
    conn = sqlite3.connect(other, isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA cache_size = 2")  # spill to the file, so the journal is written
    conn.execute("CREATE TABLE t (x TEXT)")
    conn.executemany("INSERT INTO t VALUES (?)", [("y" * 500,)] * 400)
    conn.execute("BEGIN")
    conn.execute("UPDATE t SET x = 'z' || x")
    journal = Path(f"{beside}-journal")
    shutil.copyfile(f"{other}-journal", journal)  # mid-transaction: hot
    conn.execute("ROLLBACK")
    conn.close()
    shutil.rmtree(other.parent)
    return journal
