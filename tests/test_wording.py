"""Small wording: counts agree with their nouns, reports say what happened."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench import cli
from workbench.importer import import_paths
from workbench.project import Project
from workbench.wording import counted


@pytest.mark.parametrize(
    ("count", "text"), [(0, "0 documents"), (1, "1 document"), (2, "2 documents")]
)
def test_counted(count: int, text: str) -> None:
    assert counted(count, "document") == text


def test_import_of_one_file_says_one_document(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    project = tmp_path / "p.wbproj"
    Project.create(project).close()
    article = tmp_path / "a.txt"
    article.write_text("Title\n\nOne article.\n", "utf-8")
    assert cli.main(["import", str(project), str(article)]) == 0
    out = capsys.readouterr()
    assert "1 document," in out.out + out.err and "1 documents" not in out.out + out.err


def test_suggest_accept_leaves_nothing_pending(
    capsys: pytest.CaptureFixture[str], sample_project_file: Path
) -> None:
    assert cli.main(["suggest", str(sample_project_file), "--accept"]) == 0
    err = capsys.readouterr().err
    assert "pending: none" in err
    with Project.open(sample_project_file) as project:
        assert project.span_count() > 0


def test_a_folder_import_names_the_files_it_skips(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Title\n\nText.\n", "utf-8")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4\n")
    (folder / "memo.docx").write_bytes(b"PK\x03\x04")
    with Project.memory() as project:
        report = import_paths(project, [folder])
    assert report.documents == 1
    assert any(
        "Skipped 2 files" in w and "scan.pdf" in w and "memo.docx" in w for w in report.warnings
    ), report.warnings
