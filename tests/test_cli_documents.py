"""`workbench documents`: list a project's documents, rename one, remove some (backed up)."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench import cli
from workbench.project import Project


@pytest.fixture
def project_file(tmp_path: Path) -> Path:
    """Three documents whose ids share first letters; the first has two spans."""
    path = tmp_path / "event.wbproj"
    with Project.create(path) as project:
        label = project.labels()[0].id
        first = project.add_document("Kim said so. Seoul denied it.", title="Yonhap", id="ab12")
        project.add_document("Troops moved.", title="Reuters", id="ab34", status="done")
        project.add_document("Nothing new.", title="TASS", id="cd56")
        project.add_span(first.id, 0, 3, label, annotator="kim")
        project.add_span(first.id, 13, 18, label, annotator="kim")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def titles(path: Path) -> dict[str, str]:
    with Project.open(path) as project:
        return project.document_titles()


def test_list_shows_id_status_spans_and_title(
    capsys: pytest.CaptureFixture[str], project_file: Path
) -> None:
    code, out, _ = run(capsys, "documents", str(project_file))
    assert code == 0
    rows = [line.split() for line in out.splitlines()]
    assert rows == [["ab12", "todo", "2", "Yonhap"], ["ab34", "done", "0", "Reuters"]] + [
        ["cd56", "todo", "0", "TASS"]
    ]


def test_rename_by_the_start_of_an_id(
    capsys: pytest.CaptureFixture[str], project_file: Path
) -> None:
    code, _, err = run(capsys, "documents", str(project_file), "--rename", "cd", "  TASS, 24 Oct ")
    assert code == 0 and err == "Renamed “TASS” to “TASS, 24 Oct”.\n"
    assert titles(project_file)["cd56"] == "TASS, 24 Oct"
    code, _, err = run(capsys, "documents", str(project_file), "--rename", "cd56", "TASS, 24 Oct")
    assert code == 0 and "already" in err


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["--rename", "ab", "New"], "More than one document's id in"),
        (["--rename", "zz", "New"], "has no document whose id is or starts with 'zz'"),
        (["--rename", "ab12", "   "], "A document needs a title"),
        (["--remove", "cd56", "--remove", "ab"], "More than one document's id in"),
        (["--remove", ""], "has no document whose id is or starts with ''"),
    ],
)
def test_refusals_name_the_file_and_change_nothing(
    capsys: pytest.CaptureFixture[str], project_file: Path, argv: list[str], fragment: str
) -> None:
    before = project_file.read_bytes()
    code, out, err = run(capsys, "documents", str(project_file), *argv)
    assert code == 1 and out == ""
    assert err.startswith("workbench: ") and err.count("\n") == 1 and fragment in err
    if "title" not in fragment:
        assert str(project_file) in err
    assert project_file.read_bytes() == before
    assert list(project_file.parent.glob("*.bak")) == []


def test_remove_takes_documents_with_their_spans_and_keeps_a_backup(
    capsys: pytest.CaptureFixture[str], project_file: Path
) -> None:
    code, _, err = run(
        capsys, "documents", str(project_file), "--remove", "ab1", "--remove", "ab12"
    )
    assert code == 0
    [backup] = project_file.parent.glob("event.wbproj.preremove-*.bak")
    assert err == f"Removed “Yonhap” and 2 spans; the project as it was is in {backup}.\n"
    with Project.open(project_file) as project:
        assert project.document_ids() == ["ab34", "cd56"]
        assert project.conn.execute("SELECT count(*) FROM spans").fetchone() == (0,)
    assert titles(backup) == {"ab12": "Yonhap", "ab34": "Reuters", "cd56": "TASS"}

    code, _, err = run(capsys, "documents", str(project_file), "--remove", "ab", "--remove", "c")
    assert code == 0 and err.startswith("Removed 2 documents; the project")
    assert titles(project_file) == {}


def test_rename_and_remove_together_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], project_file: Path
) -> None:
    with pytest.raises(SystemExit) as info:
        cli.main(["documents", str(project_file), "--rename", "cd", "X", "--remove", "ab12"])
    assert info.value.code == 2
    assert "not allowed with" in capsys.readouterr().err
