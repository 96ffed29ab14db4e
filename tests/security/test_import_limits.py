"""Every importer refuses a file over the limits of workbench/limits.py with one sentence
naming the file (and line), exit status 1, and nothing changed. The limits are lowered
here so the hostile files stay small; the code reads them at call time."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.security.child_runs import hashes, run_cli
from workbench import limits
from workbench.cli import main
from workbench.formats.export_records import Scheme
from workbench.formats.records import DocumentRecord, Report, SpanRecord
from workbench.project import Project

WORDS = "North Korea sent troops. "


def _jsonl(folder: Path, text: str, spans: int) -> Path:
    path = folder / "data.jsonl"
    span = {"start": 0, "end": 5, "label": "claim"}
    lines = [
        {"text": "A short first document.", "spans": []},
        {"text": text, "spans": [{**span, "annotator": f"a{i}"} for i in range(spans)]},
    ]
    path.write_text("".join(json.dumps(obj) + "\n" for obj in lines), "utf-8")
    return path


def _doccano(folder: Path, text: str, spans: int) -> Path:
    path = folder / "data.jsonl"
    lines = [
        {"text": "A short first document.", "label": []},
        {"text": text, "label": [[i, i + 1, "claim"] for i in range(spans)]},
    ]
    path.write_text("".join(json.dumps(obj) + "\n" for obj in lines), "utf-8")
    return path


def _label_studio(folder: Path, text: str, spans: int) -> Path:
    path = folder / "tasks.json"
    result = [
        {
            "id": f"r{i}",
            "type": "labels",
            "from_name": "label",
            "to_name": "text",
            "value": {"start": i, "end": i + 1, "labels": ["claim"]},
        }
        for i in range(spans)
    ]
    path.write_text(
        json.dumps([{"data": {"text": text}, "annotations": [{"result": result}]}]), "utf-8"
    )
    return path


def _brat(folder: Path, text: str, spans: int) -> Path:
    (folder / "doc.txt").write_text(text, "utf-8")
    path = folder / "doc.ann"
    path.write_text(
        "".join(f"T{i}\tclaim {i} {i + 1}\t{text[i]}\n" for i in range(1, spans + 1)), "utf-8"
    )
    return path


def _xmi(folder: Path, text: str, spans: int) -> Path:
    pytest.importorskip("cassis")
    from workbench.formats import xmi

    record = DocumentRecord(
        text=text,
        title="t",
        id="doc",
        spans=[SpanRecord(i, i + 1, "claim", id=f"s{i}") for i in range(spans)],
    )
    xmi.write([record], folder, Scheme([], []), Report())
    return folder / "doc.xmi"


def _text(suffix: str) -> Callable[[Path, str, int], Path]:
    def write(folder: Path, text: str, spans: int) -> Path:
        path = folder / f"doc{suffix}"
        path.write_text(text, "utf-8")
        return path

    return write


def _html(folder: Path, text: str, spans: int) -> Path:
    path = folder / "doc.html"
    path.write_text(f"<html><body><article><p>{text}</p></article></body></html>", "utf-8")
    return path


WITH_SPANS = {
    "jsonl": _jsonl,
    "doccano": _doccano,
    "label-studio": _label_studio,
    "brat": _brat,
    "xmi": _xmi,
}
EVERY_FORMAT = {**WITH_SPANS, "text": _text(".txt"), "markdown": _text(".md"), "html": _html}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "p.wbproj"
    Project.create(path).close()
    return path


def _refused(capsys: pytest.CaptureFixture[str], project: Path, path: Path, tmp_path: Path) -> str:
    before = hashes(tmp_path)
    code = main(["import", str(project), str(path)])
    err = capsys.readouterr().err.splitlines()
    assert code == 1 and len(err) == 1, err
    assert err[0].startswith(f"workbench: {path}"), err
    assert hashes(tmp_path) == before
    return err[0]


@pytest.mark.parametrize("fmt", EVERY_FORMAT)
def test_a_document_over_the_size_limit(
    tmp_path: Path,
    project: Path,
    fmt: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(limits, "MAX_DOCUMENT_CHARS", 1_000)
    folder = tmp_path / "in"
    folder.mkdir()
    path = EVERY_FORMAT[fmt](folder, WORDS * 80, 1 if fmt in WITH_SPANS else 0)
    sentence = _refused(capsys, project, path, tmp_path)
    assert "holds a document of 1,9" in sentence or "holds a document of 2,0" in sentence
    assert "characters, more than the 1,000 Workbench takes" in sentence
    if fmt in ("jsonl", "doccano"):
        assert sentence.startswith(f"workbench: {path}, line 2: ")


@pytest.mark.parametrize("fmt", WITH_SPANS)
def test_too_many_spans_in_one_document(
    tmp_path: Path,
    project: Path,
    fmt: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(limits, "MAX_SPANS_PER_DOCUMENT", 10)
    folder = tmp_path / "in"
    folder.mkdir()
    path = WITH_SPANS[fmt](folder, WORDS * 4, 11)
    sentence = _refused(capsys, project, path, tmp_path)
    assert "gives one document 11 spans, more than the 10" in sentence


def test_too_many_spans_in_one_file(
    tmp_path: Path,
    project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(limits, "MAX_SPANS_PER_FILE", 10)
    path = tmp_path / "data.jsonl"
    doc = {"spans": [{"start": i, "end": i + 1, "label": "claim"} for i in range(4)]}
    path.write_text(
        "".join(json.dumps({**doc, "text": f"{WORDS} {n}"}) + "\n" for n in range(5)), "utf-8"
    )
    sentence = _refused(capsys, project, path, tmp_path)
    assert sentence.startswith(f"workbench: {path}, line 3: holds more than 10 spans")


def test_too_many_relations_in_one_file(
    tmp_path: Path,
    project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(limits, "MAX_RELATIONS_PER_FILE", 3)
    path = tmp_path / "data.jsonl"
    spans = [
        {"id": "a", "start": 0, "end": 5, "label": "claim"},
        {"id": "b", "start": 6, "end": 11, "label": "source"},
    ]
    doc = {
        "text": WORDS,
        "spans": spans,
        "relations": [{"head": "a", "tail": "b", "label": f"r{i}"} for i in range(4)],
    }
    path.write_text(json.dumps(doc) + "\n", "utf-8")
    sentence = _refused(capsys, project, path, tmp_path)
    assert "holds more than 3 relations" in sentence


@pytest.mark.parametrize("newline", [True, False], ids=["long-line", "no-line-break-at-all"])
def test_a_jsonl_line_over_the_limit(
    tmp_path: Path,
    project: Path,
    newline: bool,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(limits, "MAX_LINE_BYTES", 1_000)
    path = tmp_path / "data.jsonl"
    first = json.dumps({"text": "fine"}) + "\n" if newline else ""
    path.write_text(first + json.dumps({"text": WORDS * 100}) + ("\n" if newline else ""), "utf-8")
    sentence = _refused(capsys, project, path, tmp_path)
    line = 2 if newline else 1
    assert sentence.startswith(f"workbench: {path}, line {line}: has a line longer than")


def test_a_line_of_exactly_the_limit_is_read(
    tmp_path: Path, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    line = json.dumps({"text": WORDS * 10})
    monkeypatch.setattr(limits, "MAX_LINE_BYTES", len(line))
    path = tmp_path / "data.jsonl"
    path.write_text(line + "\n" + line.replace("North", "South") + "\n", "utf-8")
    assert main(["import", str(project), str(path)]) == 0
    with Project.open(project) as p:
        assert len(p.document_ids()) == 2


@pytest.mark.parametrize("fmt", ["text", "html", "label-studio", "brat", "xmi"])
def test_a_file_read_whole_over_the_limit(
    tmp_path: Path,
    project: Path,
    fmt: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    path = EVERY_FORMAT[fmt](folder, WORDS * 200, 1 if fmt in WITH_SPANS else 0)
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 4_000)
    sentence = _refused(
        capsys, project, path.with_suffix(".txt") if fmt == "brat" else path, tmp_path
    )
    assert "is larger than 4,000 bytes, the most Workbench imports from one file" in sentence


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "deep.jsonl",
            '{"text": "fine"}\n{"text": "x", "meta": ' + "[" * 100_000 + "]" * 100_000 + "}\n",
            ", line 2: nests JSON deeper than Workbench reads",
        ),
        (
            "tasks.json",
            '[{"data": {"text": "x", "meta": ' + "[" * 100_000 + "]" * 100_000 + "}}]",
            ": nests JSON deeper than Workbench reads",
        ),
        (
            "deep.jsonl",
            '{"text": "x", "label": ' + "[" * 100_000 + "]" * 100_000 + "}\n",
            ", line 1: is not valid JSON (depth limit exceeded",
        ),
    ],
)
def test_json_nested_deeper_than_the_parser_follows(
    tmp_path: Path,
    project: Path,
    name: str,
    content: str,
    message: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / name
    path.write_text(content, "utf-8")
    sentence = _refused(capsys, project, path, tmp_path)
    assert sentence.startswith(f"workbench: {path}{message}")


def test_html_nested_deeply_imports_without_recursion(tmp_path: Path, project: Path) -> None:
    path = tmp_path / "deep.html"
    path.write_text(
        "<html><body>" + "<div>" * 100_000 + "Deep text." + "</div>" * 100_000 + "</body></html>",
        "utf-8",
    )
    assert main(["import", str(project), str(path)]) == 0
    with Project.open(project) as p:
        (doc,) = p.document_ids()
        assert p.document(doc).text == "Deep text."


def test_xml_entity_expansion_is_refused(
    tmp_path: Path, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _xmi(tmp_path, "abc", 0)
    entities = '<!ENTITY lol "lollollollollollollollollollol">' + "".join(
        f'<!ENTITY lol{i} "' + (f"&lol{i - 1};" if i > 1 else "&lol;") * 10 + '">'
        for i in range(1, 10)
    )
    xml = path.read_text("utf-8").replace("<xmi:XMI", f"<!DOCTYPE lolz [{entities}]><xmi:XMI", 1)
    path.write_text(xml.replace('sofaString="abc"', 'sofaString="&lol9;"'), "utf-8")
    sentence = _refused(capsys, project, path, tmp_path)
    assert "is not a UIMA CAS XMI document" in sentence and "amplification" in sentence


@pytest.mark.parametrize("opening", ["</", "<!", "<?"])
def test_html_with_unclosed_markup_imports_in_linear_time(
    tmp_path: Path, project: Path, opening: str
) -> None:
    # Python 3.11's html.parser spends time in the square of the length on this (about
    # 4 s for 200,000 characters, so hours for these 4,000,000); the import must not.
    path = tmp_path / "unclosed.html"
    path.write_text("<html><body><p>Seoul said so.</p>" + opening * 2_000_000, "utf-8")
    run = run_cli("import", project, path)
    assert run.returncode == 0, run.lines
    with Project.open(project) as p:
        (doc,) = p.document_ids()
        assert p.document(doc).text.startswith("Seoul said so.")


# --- memory in proportion to the input ---------------------------------------------

# Peak memory an import may add per byte of the file, over importing a tiny file; the
# slack covers the allocator. Measured: about 3 for text and Label Studio, 5.5 for HTML
# (its parser keeps the paragraphs of three candidate containers), and nothing that
# grows with the file for JSONL, which is read a line at a time.
MEMORY_PER_INPUT_BYTE = 8
MEMORY_SLACK_MIB = 32
SENTENCE = "North Korea sent about 1,500 troops to Russia, officials in Seoul said on Friday. "


def _inputs(folder: Path, *, documents: int, characters: int) -> dict[str, Path]:
    """One file per format: `documents` documents (JSON formats) or one document of about
    `characters` characters (text, HTML)."""
    folder.mkdir(exist_ok=True)
    texts = [SENTENCE * 20 + str(i) for i in range(documents)]  # about 1,700 characters
    span = {"start": 0, "end": 11, "label": "claim"}
    files = {
        "doc.txt": SENTENCE * (characters // len(SENTENCE)),
        "doc.html": "<html><body><article>"
        + "".join(f"<p>{SENTENCE}</p>" for _ in range(characters // (len(SENTENCE) + 7)))
        + "</article></body></html>",
        "tasks.json": json.dumps(
            [
                {
                    "data": {"text": t},
                    "annotations": [
                        {
                            "result": [
                                {
                                    "id": "r",
                                    "type": "labels",
                                    "value": {**span, "labels": ["claim"]},
                                }
                            ]
                        }
                    ],
                }
                for t in texts
            ]
        ),
        "data.jsonl": "".join(json.dumps({"text": t, "spans": [span]}) + "\n" for t in texts),
    }
    for name, content in files.items():
        (folder / name).write_text(content, "utf-8")
    return {name: folder / name for name in files}


def test_an_import_takes_memory_in_proportion_to_its_file(tmp_path: Path) -> None:
    # Each big file against a tiny file of the same format, so both runs load the same code.
    big = _inputs(tmp_path / "big", documents=8_000, characters=8_000_000)
    tiny = _inputs(tmp_path / "tiny", documents=1, characters=200)
    added = {}
    for name, path in big.items():
        peaks = []
        for source in (tiny[name], path):
            project = source.parent / f"{name}.wbproj"
            Project.create(project).close()
            run = run_cli("import", project, source)
            assert run.returncode == 0, run.lines
            peaks.append(run.peak_rss_mib)
        size_mib = path.stat().st_size / (1 << 20)
        added[name] = peaks[1] - peaks[0]
        assert added[name] < MEMORY_PER_INPUT_BYTE * size_mib + MEMORY_SLACK_MIB, (name, added)
    assert added["data.jsonl"] < MEMORY_SLACK_MIB, added  # streamed: not the file's size
