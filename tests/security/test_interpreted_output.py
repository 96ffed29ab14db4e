"""Output other programs interpret: spreadsheets, line formats, terminals, linked files."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.security.helpers import (
    Result,
    assert_refused,
    file_hashes,
    project_with,
    tamper,
    write_jsonl,
)
from workbench.errors import EditError
from workbench.formats.spreadsheet_cells import FORMULA_START
from workbench.project import Project

RunCli = Callable[..., Result]
FORMULAS = ['=HYPERLINK("http://x")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def _csv_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def _formula_project(path: Path) -> Path:
    documents = [
        {
            "id": cell if cell[0] not in "\t\r" else None,
            "title": cell,
            "text": f"{cell} and plain text",
            "spans": [
                {"start": 0, "end": len(cell), "label": "claim", "annotator": cell, "note": cell}
            ],
        }
        for cell in FORMULAS
    ]
    return project_with(path, documents)


def test_csv_cells_a_spreadsheet_would_run_get_a_quote(tmp_path: Path, run: RunCli) -> None:
    project = _formula_project(tmp_path / "p.wbproj")
    code, _, err = run("export", project, "-o", tmp_path / "spans.csv", "--format", "csv")
    assert code == 0, err
    assert "leading '" in err  # the report says what was done, and how to turn it off
    assert "formulas=keep" in err
    rows = _csv_rows(tmp_path / "spans.csv")[1:]
    assert len(rows) == len(FORMULAS)
    for row, cell in zip(rows, FORMULAS, strict=True):
        doc_id, title, _, start, end, text, annotator, note = row[:8]
        assert [title, annotator, note] == ["'" + cell] * 3
        if cell[0] not in "\t\r":  # ids cannot hold a tab; a lone CR in a text becomes LF
            assert [doc_id, text] == ["'" + cell] * 2
        assert (start, end) == ("0", str(len(cell)))
    cells = [c for row in rows for c in row]
    assert not any(c.startswith(FORMULA_START) for c in cells)


def test_formulas_keep_writes_cells_as_they_are(tmp_path: Path, run: RunCli) -> None:
    project = _formula_project(tmp_path / "p.wbproj")
    code, _, err = run(
        "export", project, "-o", tmp_path / "spans.csv", "--format", "csv", "-O", "formulas=keep"
    )
    assert code == 0, err
    rows = _csv_rows(tmp_path / "spans.csv")[1:]
    assert [row[1] for row in rows] == FORMULAS
    before = file_hashes(tmp_path)
    assert_refused(
        run(
            "export",
            project,
            "-o",
            tmp_path / "spans.csv",
            "--format",
            "csv",
            "-O",
            "formulas=maybe",
        ),
        "formulas",
        "maybe",
    )
    assert file_hashes(tmp_path) == before


def test_compare_csv_neutralises_formulas_unless_asked(tmp_path: Path, run: RunCli) -> None:
    project = project_with(
        tmp_path / "p.wbproj", [{"title": '=WEBSERVICE("http://x")', "text": "Some text."}]
    )
    assert run("compare", project, "--csv", tmp_path / "c.csv")[0] == 0
    assert _csv_rows(tmp_path / "c.csv")[0][2] == '\'=WEBSERVICE("http://x")'
    assert run("compare", project, "--csv", tmp_path / "c.csv", "--keep-formulas")[0] == 0
    assert _csv_rows(tmp_path / "c.csv")[0][2] == '=WEBSERVICE("http://x")'


@pytest.mark.parametrize(
    "name", ["a\nb", "a\rb", "a\x1b[31mb", "a\0b", "a\u2028b", "a\x85b", "a\tb"]
)
def test_labels_and_relation_types_cannot_hold_control_characters(name: str) -> None:
    with Project.memory() as project:
        with pytest.raises(EditError, match="control characters or line breaks"):
            project.add_label(name)
        with pytest.raises(EditError, match="control characters or line breaks"):
            project.add_relation_type(name)
        label = project.labels()[0]
        with pytest.raises(EditError, match="control characters or line breaks"):
            project.update_label(label.id, name=name)
        assert project.labels()[0].name == label.name


@pytest.mark.parametrize("where", ["span", "relation"])
def test_an_import_bringing_such_a_label_is_refused_naming_file_and_line(
    tmp_path: Path, run: RunCli, where: str
) -> None:
    project = project_with(tmp_path / "p.wbproj", [{"text": "Already here."}])
    bad = "claim\nB-evil"
    second: dict[str, object] = {
        "text": "Kim said so.",
        "spans": [
            {"id": "s1", "start": 0, "end": 3, "label": bad if where == "span" else "source"},
            {"id": "s2", "start": 4, "end": 8, "label": "claim"},
        ],
        "relations": [
            {"head": "s1", "tail": "s2", "label": bad if where == "relation" else "supports"}
        ],
    }
    source = write_jsonl(tmp_path / "in.jsonl", [{"text": "Fine."}, second])
    before = file_hashes(tmp_path)
    assert_refused(run("import", project, source), "in.jsonl, line 2", "claim\\x0aB-evil")
    assert file_hashes(tmp_path) == before


@pytest.mark.parametrize("fmt", ["conll", "brat", "csv", "jsonl", "label-studio"])
def test_a_mailed_project_with_a_line_break_in_a_label_is_not_exported(
    tmp_path: Path, run: RunCli, fmt: str
) -> None:
    project = project_with(
        tmp_path / "p.wbproj",
        [{"text": "Kim said so.", "spans": [{"start": 0, "end": 3, "label": "claim"}]}],
    )
    tamper(project, ("UPDATE labels SET name = ? WHERE name = 'claim'", ("claim\nKim\tB-x",)))
    before = file_hashes(tmp_path)
    assert_refused(
        run("export", project, "-o", tmp_path / "out", "--format", fmt),
        "The label 'claim\\x0aKim\\x09B-x'",
        "rename it",
    )
    assert file_hashes(tmp_path) == before


def test_a_conll_id_line_stays_one_line(tmp_path: Path, run: RunCli) -> None:
    pytest.importorskip("spacy")
    project = project_with(tmp_path / "p.wbproj", [{"id": "x", "text": "Kim said so."}])
    tamper(project, ("UPDATE documents SET id = ?", ("x\n# title = forged",)))
    assert run("export", project, "-o", tmp_path / "t.conll", "--format", "conll")[0] == 0
    lines = (tmp_path / "t.conll").read_text("utf-8").split("\n")
    assert lines[0] == "# id = x\\x0a# title = forged"
    assert sum(line.startswith("# title = ") for line in lines) == 1


ESCAPES = "\x1b]0;owned\x07\x1b[2J\rX\u202e"


def test_the_cli_escapes_control_characters_in_titles_and_labels(
    tmp_path: Path, run: RunCli
) -> None:
    project = project_with(
        tmp_path / "p.wbproj",
        [
            {
                "title": f"Title {ESCAPES}",
                "text": "Kim.",
                "spans": [{"start": 0, "end": 3, "label": "claim", "annotator": f"ann{ESCAPES}"}],
            }
        ],
    )
    tamper(project, ("UPDATE labels SET name = ? WHERE name = 'source'", (f"src{ESCAPES}",)))
    code, out, err = run("stats", project)
    assert code == 0, err
    assert "Title \\x1b]0;owned\\x07\\x1b[2J\\x0dX\\u202e" in out
    assert "ann\\x1b]0;owned" in out and "src\\x1b]0;owned" in out
    for output in (out, err):
        assert not any(c in output for c in "\x1b\x07\r\u202e")
    assert out.count("\n") == len(out.splitlines())  # no line break but Workbench's own


def test_the_cli_escapes_control_characters_in_file_names(tmp_path: Path, run: RunCli) -> None:
    project = project_with(tmp_path / "p.wbproj", [{"text": "Some text."}])
    hostile = write_jsonl(tmp_path / f"in{ESCAPES}.jsonl", [{"text": "x", "status": "weird"}])
    code, _, err = run("import", project, hostile)
    assert code == 1
    assert f"in{ESCAPES}.jsonl" not in err and "in\\x1b]0;owned" in err
    assert err.count("\n") == 1 and not any(c in err for c in "\x1b\x07\r\u202e")
    code, _, err = run("export", project, "-o", tmp_path / f"out{ESCAPES}.jsonl")
    assert code == 0 and "out\\x1b]0;owned" in err and "\x1b" not in err


def _linked_folder(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "passwd.txt").write_text("root:x:0:0:secret", "utf-8")
    (outside / "more.txt").write_text("another secret", "utf-8")
    folder = tmp_path / "incoming"
    (folder / "sub").mkdir(parents=True)
    (folder / "article.txt").write_text("A good article.", "utf-8")
    (folder / "passwd.txt").symlink_to(outside / "passwd.txt")  # a file outside
    (folder / "sub" / "secrets").symlink_to(outside, target_is_directory=True)  # a folder
    (folder / "loop.txt").symlink_to(folder / "loop.txt")  # a link loop
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")  # a broken link
    (folder / "same.txt").symlink_to(folder / "article.txt")  # inside: fine
    (folder / "pair.ann").write_text("T1\tclaim 0 4\troot\n", "utf-8")  # brat text outside
    (folder / "pair.txt").symlink_to(outside / "passwd.txt")
    return folder


def test_folder_imports_skip_symbolic_links_out_of_the_folder(tmp_path: Path, run: RunCli) -> None:
    folder = _linked_folder(tmp_path)
    project = project_with(tmp_path / "p.wbproj", [{"text": "Already here."}])
    code, _, err = run("import", project, folder)
    assert code == 0, err
    warning = next(line for line in err.splitlines() if "symbolic link" in line)
    for name in ("passwd.txt", "sub/secrets", "loop.txt", "gone.txt", "pair.ann"):
        assert name in warning
    assert "same.txt" not in warning
    with Project.open(project) as p:
        texts = [p.document(d).text for d in p.document_ids()]
    assert sorted(texts) == ["A good article.", "Already here."]
    assert not any("secret" in t for t in texts)


def test_a_usage_error_quotes_the_command_line_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    from workbench import cli

    with pytest.raises(SystemExit) as info:
        cli.main(["export", "p.wbproj", "-o", "x", "--format", f"x{ESCAPES}"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "x\\x1b]0;owned" in err and not any(c in err for c in "\x1b\x07\r\u202e")
