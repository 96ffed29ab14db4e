"""Helpers for the hostile-file tests: hashes of every file, refusals, tampered projects."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

from workbench.project import Project

Result = tuple[int, str, str]


def file_hashes(root: Path) -> dict[str, str]:
    """Every file under `root` (links not followed) -> its SHA-256 (a link: where it points)."""
    found = {}
    for folder, dirs, files in os.walk(root):
        for name in files + [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
            path = Path(folder, name)
            rel = str(path.relative_to(root))
            if path.is_symlink():
                found[rel] = "link to " + os.readlink(path)
            else:
                found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def assert_refused(result: Result, *fragments: str) -> None:
    """Exit status 1 and one sentence on standard error, naming what it must name."""
    code, _, err = result
    assert code == 1, err
    assert err.startswith("workbench: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in err, err


def write_jsonl(path: Path, documents: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(d) + "\n" for d in documents), "utf-8")
    return path


def project_with(path: Path, documents: list[dict[str, Any]]) -> Path:
    """A project file holding `documents` (imported the ordinary way)."""
    from workbench.importer import import_paths

    source = write_jsonl(path.with_suffix(".source.jsonl"), documents)
    with Project.create(path) as project:
        import_paths(project, [source])
    source.unlink()
    return path


def tamper(path: Path, *statements: tuple[str, tuple[Any, ...]]) -> None:
    """Change a closed project file behind Workbench's back, as a mailed file may be."""
    conn = sqlite3.connect(path)
    with conn:
        for sql, params in statements:
            conn.execute(sql, params)
    conn.close()
