"""`workbench check` finds what is wrong without changing the file; `workbench recover`
saves what can still be read into a new project."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from test_migrations import TEXTS, version_5_project

from workbench import cli
from workbench.project import Project

from .hostile import (
    MARKER,
    assert_one_sentence,
    corrupt_page_holding,
    execute_raw,
    foreign_wal,
    hashes,
    project_with_documents,
)

TIMEOUT_S = 60


def _cli(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workbench.cli", *argv],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )


def test_check_says_ok_for_a_sound_project(tmp_path: Path) -> None:
    path = project_with_documents(tmp_path / "p.wbproj", count=5)
    before = hashes(tmp_path)
    result = _cli("check", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "OK"
    assert hashes(tmp_path) == before


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        (corrupt_page_holding, "integrity:"),
        (
            lambda p: execute_raw(p, "CREATE TRIGGER t AFTER DELETE ON spans BEGIN SELECT 1; END"),
            "schema: a trigger 't'",
        ),
        (
            lambda p: execute_raw(p, "DROP INDEX relations_head"),
            "schema: no index 'relations_head'",
        ),
        (lambda p: foreign_wal(p, workbench=False), "does not belong to it"),
    ],
)
def test_check_lists_what_is_wrong_and_changes_nothing(
    tmp_path: Path,
    damage,
    words: str,  # type: ignore[no-untyped-def]  # lambdas and defs
) -> None:
    path = project_with_documents(tmp_path / "p.wbproj")
    damage(path)
    before = hashes(tmp_path)
    result = _cli("check", str(path))
    assert result.returncode == cli.EXIT_ERROR
    assert words in result.stdout
    assert all(line.startswith(f"{path}: ") for line in result.stdout.splitlines())
    assert "Traceback" not in result.stderr
    assert hashes(tmp_path) == before


def test_check_of_a_file_that_is_not_sqlite_is_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "notes.wbproj"
    path.write_text("hello", encoding="utf-8")
    result = _cli("check", str(path))
    assert result.returncode == cli.EXIT_ERROR
    assert_one_sentence(result.stderr.removeprefix("workbench: "), path)


def test_recover_copies_everything_from_a_sound_project(tmp_path: Path) -> None:
    path = project_with_documents(tmp_path / "p.wbproj", count=6)
    with Project.open(path) as project:
        span = project.spans()[0]
        other = project.spans()[1]
        project.add_relation(span.id, other.id, project.relation_types()[0].id)
        titles = project.document_titles()
        labels = [(label.name, label.color) for label in project.labels()]
    new = tmp_path / "new.wbproj"
    before = hashes(tmp_path)
    result = _cli("recover", str(path), str(new))
    assert result.returncode == 0, result.stderr
    assert "documents: 6 rows saved" in result.stdout
    assert {k: v for k, v in hashes(tmp_path).items() if k != new.name} == before
    with Project.open(new) as project:
        assert project.document_titles() == titles
        assert [(label.name, label.color) for label in project.labels()] == labels
        assert len(project.spans()) == 6 and len(project.relations()) == 1
    assert _cli("check", str(new)).stdout.strip() == "OK"


def test_recover_of_an_older_file_derives_each_text_length(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = version_5_project(tmp_path / "old.wbproj", monkeypatch)
    new = tmp_path / "new.wbproj"
    result = _cli("recover", str(old), str(new))
    assert result.returncode == 0, result.stderr
    with Project.open(new) as project:
        assert [d.length for d in project.documents()] == [len(t) for t in TEXTS]
    assert _cli("check", str(new)).stdout.strip() == "OK"


def test_recover_saves_what_it_can_around_a_bad_page(tmp_path: Path) -> None:
    path = project_with_documents(tmp_path / "p.wbproj", count=40)
    corrupt_page_holding(path)
    before = hashes(tmp_path)
    new = tmp_path / "new.wbproj"

    result = _cli("recover", str(path), str(new))

    assert result.returncode == 0, result.stderr
    assert "unreadable rowids" in result.stdout and "refused" in result.stdout
    assert {k: v for k, v in hashes(tmp_path).items() if k != new.name} == before
    with Project.open(new) as project:
        docs = project.documents()
        texts = [project.document(d.id).text for d in docs]
        spans = project.spans()
    assert len(docs) == 39  # only the document on the bad page is lost
    assert not any(MARKER in t for t in texts)
    assert "doc39" in texts[-1]  # rows after the bad page were read
    assert {s.document_id for s in spans} <= {d.id for d in docs}  # no orphan spans
    assert _cli("check", str(new)).stdout.strip() == "OK"


def test_recover_refuses_to_overwrite_a_file(tmp_path: Path) -> None:
    path = project_with_documents(tmp_path / "p.wbproj", count=2)
    existing = tmp_path / "mine.wbproj"
    existing.write_text("my notes", encoding="utf-8")
    before = hashes(tmp_path)
    result = _cli("recover", str(path), str(existing))
    assert result.returncode == cli.EXIT_ERROR
    assert_one_sentence(result.stderr.removeprefix("workbench: "), existing)
    assert hashes(tmp_path) == before
