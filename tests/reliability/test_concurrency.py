"""Two programs on one project file: no corruption, no lost edit, a clear lock message."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from workbench import connection as connection_module
from workbench.errors import ProjectError
from workbench.project import Project

EDITOR = """
import sys
from PySide6.QtCore import QCoreApplication
from workbench.project import Project
from workbench.ui.controller import ProjectController
app = QCoreApplication([])
project = Project.open(sys.argv[1])
controller = ProjectController(project, annotator=sys.argv[2])
errors = []
controller.error_raised.connect(errors.append)
doc = project.document_ids()[0]
label = project.labels()[0].id
for i in range(int(sys.argv[3])):
    span = controller.add_span(doc, i, i + 3, label)
    if span is None:
        raise SystemExit(errors)
    print(span.id, flush=True)
"""


def _run(*argv: str) -> subprocess.Popen[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen(
        [sys.executable, *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )


def _integrity(path: Path) -> str:
    with Project.open(path) as project:
        return str(project.conn.execute("PRAGMA integrity_check").fetchone()[0])


def test_two_editors_and_a_cli_import_and_export_at_once(
    project_file: Path, tmp_path: Path
) -> None:
    with Project.open(project_file) as project:
        project.add_document("x" * 500, title="Shared")
    dataset = tmp_path / "incoming.jsonl"
    dataset.write_text(
        "\n".join(
            json.dumps(
                {
                    "text": f"Article {i}: troops.",
                    "title": f"A{i}",
                    "spans": [{"start": 0, "end": 7, "label": "claim"}],
                }
            )
            for i in range(50)
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    a = _run("-c", EDITOR, str(project_file), "alice", "150")
    b = _run("-c", EDITOR, str(project_file), "bob", "150")
    cli = _run("-m", "workbench.cli", "import", str(project_file), str(dataset))
    export = _run("-m", "workbench.cli", "export", str(project_file), "-o", str(out))
    results = [p.communicate(timeout=120) for p in (a, b, cli, export)]
    for p, (_, err) in zip((a, b, cli, export), results, strict=True):
        assert p.returncode == 0, err
    reported = set(results[0][0].split()) | set(results[1][0].split())
    assert len(reported) == 300
    assert _integrity(project_file) == "ok"
    with Project.open(project_file) as project:
        stored = {s.id for s in project.spans()}
        assert reported <= stored  # no lost edit
        assert len(project.documents()) == 51
        assert len(stored) == 300 + 50
    assert out.read_text(encoding="utf-8").strip()  # the export saw a consistent snapshot


def test_a_lock_held_too_long_is_a_clear_message_and_loses_nothing(
    project_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(connection_module, "BUSY_TIMEOUT_S", 0.2)
    project = Project.open(project_file)
    doc = project.add_document("Troops crossed the border.", title="A")
    label = project.labels()[0].id
    kept = project.add_span(doc.id, 0, 6, label, annotator="me")

    other = sqlite3.connect(project_file, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    with pytest.raises(ProjectError, match="is locked by another program"):
        project.add_span(doc.id, 7, 14, label, annotator="me")
    assert [s.id for s in project.spans(doc.id)] == [kept.id]  # readers still work
    other.execute("ROLLBACK")
    other.close()

    added = project.add_span(doc.id, 7, 14, label, annotator="me")  # and writing resumes
    project.close()
    with Project.open(project_file) as reopened:
        assert {s.id for s in reopened.spans()} == {kept.id, added.id}
