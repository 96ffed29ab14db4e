"""The `workbench` command, run in-process through `main()` (and once as a real program)."""

from __future__ import annotations

import getpass
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from workbench import cli, cli_output, sample
from workbench.config import Config
from workbench.project import Project

COMMANDS = ["open", "new", "import", "export", "stats", "documents", "config"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_user_error(result: tuple[int, str, str], fragment: str) -> None:
    code, out, err = result
    assert code == 1
    assert err.startswith("workbench: ") and err.count("\n") == 1, err
    assert fragment in err
    assert "Traceback" not in err


@pytest.mark.parametrize("command", COMMANDS)
def test_help_on_every_command(capsys: pytest.CaptureFixture[str], command: str) -> None:
    with pytest.raises(SystemExit) as info:
        cli.main([command, "--help"])
    assert info.value.code == 0
    assert f"usage: workbench {command}" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [
        ["frobnicate"],
        ["new"],
        ["export", "p.wbproj"],
        ["export", "p.wbproj", "-o", "x", "--status", "finished"],
    ],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    with pytest.raises(SystemExit) as info:
        cli.main(argv)
    assert info.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_new_import_export_stats(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    project = tmp_path / "event.wbproj"
    code, out, _ = run(capsys, "new", str(project))
    assert code == 0 and "claim, source, denial, figure" in out
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Seoul says 3,000 troops 🇰🇷.", "utf-8")
    (tmp_path / "in" / "b.jsonl").write_text(
        json.dumps(
            {
                "text": "Moscow denies.",
                "spans": [{"start": 7, "end": 13, "label": "denial", "annotator": "ann"}],
            }
        )
        + "\n",
        "utf-8",
    )
    code, _, err = run(capsys, "import", str(project), str(tmp_path / "in"))
    assert code == 0 and "Imported 2 documents, 1 span," in err

    out_file = tmp_path / "out.jsonl"
    code, _, err = run(capsys, "export", str(project), "-o", str(out_file))
    assert code == 0 and f"Exported to {out_file}" in err
    assert [json.loads(line)["text"] for line in out_file.read_text("utf-8").splitlines()] == [
        "Seoul says 3,000 troops 🇰🇷.",
        "Moscow denies.",
    ]

    code, out, _ = run(
        capsys, "export", str(project), "-o", "-", "--label", "denial", "--only-annotated"
    )
    assert code == 0
    [line] = out.splitlines()
    assert json.loads(line)["spans"][0]["text"] == "denies"

    code, out, _ = run(capsys, "stats", str(project))
    assert code == 0
    assert "Documents: 2 (2 todo, 0 in progress, 0 done)" in out
    assert "denial       1" in out and "ann       1" in out


def test_new_with_labels_adds_the_suffix(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "new", str(tmp_path / "mine"), "--labels", "who, what ,when")
    assert code == 0
    with Project.open(tmp_path / "mine.wbproj") as p:
        assert [lb.name for lb in p.labels()] == ["who", "what", "when"]


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["stats", "{tmp}/missing.wbproj"], "does not exist"),
        (["import", "{tmp}/p.wbproj", "{tmp}/missing.txt"], "missing.txt: does not exist"),
        (["import", "{tmp}/p.wbproj", "{tmp}/bad.jsonl"], "bad.jsonl, line 1: is not valid JSON"),
        (
            ["import", "{tmp}/p.wbproj", "--strict", "{tmp}/new_label.jsonl"],
            "uses the label 'place'",
        ),
        (["export", "{tmp}/p.wbproj", "-o", "{tmp}/nowhere/x.jsonl"], "does not exist"),
        (["export", "{tmp}/p.wbproj", "-o", "-", "--label", "place"], "no label 'place'"),
        (["new", "{tmp}/p.wbproj"], "already exists"),
        (["stats", "{tmp}/bad.jsonl"], "not a Workbench project"),
        (["open", "{tmp}/bad.jsonl"], "not a Workbench project"),
        (["config", "--annotator", " "], "cannot be empty"),
        (["config", "--annotator", "suggester"], "name Workbench gives machine suggestions"),
    ],
)
def test_user_errors_are_one_line_exit_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], fragment: str
) -> None:
    Project.create(tmp_path / "p.wbproj").close()
    (tmp_path / "bad.jsonl").write_text("{oops\n", "utf-8")
    (tmp_path / "new_label.jsonl").write_text(
        json.dumps({"text": "abc", "spans": [{"start": 0, "end": 1, "label": "place"}]}) + "\n",
        "utf-8",
    )
    result = run(capsys, *[a.format(tmp=tmp_path) for a in argv])
    assert_user_error(result, fragment)


def test_import_warns_about_a_fallback_encoding(
    capsys: pytest.CaptureFixture[str], project_file: Path, tmp_path: Path
) -> None:
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("Caf\u00e9 \u2013 cp1252".encode("cp1252"))
    code, _, err = run(capsys, "import", str(project_file), str(legacy))
    assert code == 0
    assert f"warning: {legacy}: not valid UTF-8" in err
    code, _, err = run(capsys, "import", str(project_file), str(legacy))
    assert "1 document already in the project" in err


def test_annotator_option_and_config(
    capsys: pytest.CaptureFixture[str], project_file: Path, tmp_path: Path
) -> None:
    path = tmp_path / "a.jsonl"

    def import_one(start: int, *extra: str) -> None:
        path.write_text(
            json.dumps(
                {
                    "text": "abc def ghi",
                    "spans": [{"start": start, "end": start + 3, "label": "claim"}],
                }
            )
            + "\n",
            "utf-8",
        )
        assert run(capsys, "import", str(project_file), str(path), *extra)[0] == 0

    import_one(0)
    assert run(capsys, "config", "--annotator", "Ji-woo")[1] == "annotator: Ji-woo\n"
    assert Config.load().annotator == "Ji-woo"
    import_one(4)
    import_one(8, "--annotator", "guest")
    with Project.open(project_file) as p:
        assert [s.annotator for s in p.spans()] == [getpass.getuser(), "Ji-woo", "guest"]


def test_open_runs_the_window_and_remembers_the_project(
    capsys: pytest.CaptureFixture[str], project_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.ui.window import app

    opened: list[Path] = []
    monkeypatch.setattr(app, "run", lambda path: opened.append(Path(path)) or 0)
    assert run(capsys, "open", str(project_file))[0] == 0
    assert opened == [project_file]
    assert run(capsys)[0] == 0  # no argument: the most recent project
    assert opened[-1] == project_file.resolve()


def test_no_argument_opens_a_private_copy_of_the_sample(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.ui.window import app

    bundled = sample.bundled_sample()
    before = bundled.read_bytes()
    opened: list[Path] = []
    monkeypatch.setattr(app, "run", lambda path: opened.append(Path(path)) or 0)
    assert run(capsys)[0] == 0
    [path] = opened
    assert path.parent == Path(os.environ["WORKBENCH_DATA_DIR"])
    assert path != bundled and path.resolve() != bundled.resolve()
    with Project.open(path) as p:
        assert len(p.documents()) == 5
    assert bundled.read_bytes() == before


def test_open_without_a_window_says_so(
    capsys: pytest.CaptureFixture[str], project_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "workbench.ui.window.app", None)  # as if it could not import
    assert_user_error(run(capsys, "open", str(project_file)), "The window cannot start")
    assert_user_error(run(capsys), "The window cannot start")


def test_the_console_script(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("workbench")
    project = tmp_path / "p.wbproj"
    done = subprocess.run(
        [script, "new", str(project)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    done = subprocess.run(
        [script, "stats", str(tmp_path / "missing.wbproj")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.startswith("workbench: ") and "Traceback" not in done.stderr
    done = subprocess.run(
        [script, "export", str(project)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2


def test_progress_shows_on_a_terminal_only(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    progress = cli_output.Progress("Reading file", delay=0)
    progress(1, 3)
    progress.finish()
    assert capsys.readouterr().err == ""  # not a terminal
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    progress = cli_output.Progress("Reading file", delay=0)
    progress(1, 3)
    progress(3, 3)
    progress.finish()
    assert capsys.readouterr().err == "\rReading file 1/3\rReading file 3/3\n"


def test_awkward_unicode_round_trip_through_the_commands(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = (
        "Flag 🇰🇷, family 👨\u200d👩\u200d👧, 𠀀, e\u0301, مرحبا שלום,\tzero\u200bwidth,"
        "\u2028line\u2029para\r\nend 😀"
    )
    (tmp_path / "a.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    stored = text.replace("\r\n", "\n")
    wanted = ["🇰🇷", "👨\u200d👩\u200d👧", "e\u0301", "שלום", "line\u2029para\r\nend 😀"]
    spans = [
        {
            "start": text.index(w),
            "end": text.index(w) + len(w),
            "label": "claim",
            "annotator": "ann",
        }
        for w in wanted
    ]
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"text": text + "!", "spans": spans}) + "\n", "utf-8"
    )
    first, second = tmp_path / "first.wbproj", tmp_path / "second.wbproj"
    for project in (first, second):
        assert run(capsys, "new", str(project))[0] == 0
    assert (
        run(capsys, "import", str(first), str(tmp_path / "a.txt"), str(tmp_path / "b.jsonl"))[0]
        == 0
    )
    assert run(capsys, "export", str(first), "-o", str(tmp_path / "one.jsonl"))[0] == 0
    lines = (tmp_path / "one.jsonl").read_text("utf-8").split("\n")  # not splitlines(): U+2028
    docs = [json.loads(line) for line in lines[:-1]]
    assert [d["text"] for d in docs] == [stored, stored + "!"]
    assert [s["text"] for s in docs[1]["spans"]] == [w.replace("\r\n", "\n") for w in wanted]
    assert run(capsys, "import", str(second), str(tmp_path / "one.jsonl"), "--strict")[0] == 0
    assert run(capsys, "export", str(second), "-o", str(tmp_path / "two.jsonl"))[0] == 0
    assert (tmp_path / "two.jsonl").read_bytes() == (tmp_path / "one.jsonl").read_bytes()
    code, out, _ = run(capsys, "stats", str(second))
    assert code == 0 and "Spans: 5" in out
