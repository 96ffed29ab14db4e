"""Exporting: filters, relations that follow their spans, atomic writes, standard output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench import exporter
from workbench.errors import WorkbenchError
from workbench.formats import jsonl
from workbench.formats.records import Report
from workbench.project import Project


@pytest.fixture
def filled(project: Project) -> Project:
    """Three documents: spans by two annotators, one cross-document relation."""
    claim, source, denial, figure = project.labels()
    a = project.add_document("Seoul says 3,000 troops went.", title="A", source="a")
    b = project.add_document("Moscow denies it.", title="B", source="b")
    project.add_document("Nothing tagged here.", title="C", source="c")
    project.set_status(b.id, "done")
    s_claim = project.add_span(a.id, 0, 29, claim.id, annotator="ann")
    project.add_span(a.id, 0, 5, source.id, annotator="bob")
    project.add_span(a.id, 11, 16, figure.id, annotator="ann")
    s_denial = project.add_span(b.id, 0, 17, denial.id, annotator="bob")
    denies = project.relation_type_named("denies")
    assert denies is not None
    project.add_relation(s_denial.id, s_claim.id, denies.id)
    return project


def _export(project: Project, out: Path, **filters: object) -> list[dict]:  # type: ignore[type-arg]
    exporter.export_project(project, out, **filters)  # type: ignore[arg-type]
    return [json.loads(line) for line in out.read_text("utf-8").splitlines()]


def test_everything_in_import_order_spans_sorted(filled: Project, tmp_path: Path) -> None:
    docs = _export(filled, tmp_path / "out.jsonl")
    assert [d["title"] for d in docs] == ["A", "B", "C"]
    assert [(s["start"], s["end"], s["label"]) for s in docs[0]["spans"]] == [
        (0, 5, "source"),
        (0, 29, "claim"),
        (11, 16, "figure"),
    ]
    assert [len(d["relations"]) for d in docs] == [0, 1, 0]
    assert docs[1]["relations"][0]["label"] == "denies"


def test_spans_on_the_same_range_follow_the_label_name_then_the_annotator(
    project: Project, tmp_path: Path
) -> None:
    # Label ids in another order than their names (a label added last sorts first), so
    # the export's order cannot come from the order spans are stored or indexed in.
    claim, source, denial, figure = project.labels()
    early = project.add_label("Aardvark")  # upper case sorts before lower case
    doc = project.add_document("Seoul says 3,000 troops went.", title="A")
    for label, who in [
        (source, "bob"),
        (figure, "ann"),
        (early, "bob"),
        (claim, "bob"),
        (denial, "zed"),
        (claim, "ann"),
        (early, "ann"),
    ]:
        project.add_span(doc.id, 0, 5, label.id, annotator=who)
    project.add_span(doc.id, 0, 4, figure.id, annotator="ann")
    project.add_span(doc.id, 1, 5, early.id, annotator="ann")

    spans = _export(project, tmp_path / "out.jsonl")[0]["spans"]
    assert [(s["start"], s["end"], s["label"], s["annotator"]) for s in spans] == [
        (0, 4, "figure", "ann"),
        (0, 5, "Aardvark", "ann"),
        (0, 5, "Aardvark", "bob"),
        (0, 5, "claim", "ann"),
        (0, 5, "claim", "bob"),
        (0, 5, "denial", "zed"),
        (0, 5, "figure", "ann"),
        (0, 5, "source", "bob"),
        (1, 5, "Aardvark", "ann"),
    ]
    only = _export(project, tmp_path / "some.jsonl", labels=["source", "Aardvark"])[0]["spans"]
    assert [(s["label"], s["annotator"]) for s in only] == [
        ("Aardvark", "ann"),
        ("Aardvark", "bob"),
        ("source", "bob"),
        ("Aardvark", "ann"),
    ]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"labels": ["claim"]}, {"A": ["claim"], "B": [], "C": []}),
        ({"annotators": ["bob"]}, {"A": ["source"], "B": ["denial"], "C": []}),
        ({"statuses": ["done"]}, {"B": ["denial"]}),
        ({"statuses": ["todo"], "only_annotated": True}, {"A": ["source", "claim", "figure"]}),
        ({"labels": ["figure"], "only_annotated": True}, {"A": ["figure"]}),
    ],
)
def test_filters(filled: Project, tmp_path: Path, filters: dict, expected: dict) -> None:  # type: ignore[type-arg]
    docs = _export(filled, tmp_path / "out.jsonl", **filters)
    assert {d["title"]: [s["label"] for s in d["spans"]] for d in docs} == expected


@pytest.mark.parametrize(
    ("filters", "relations"),
    [
        ({}, 1),
        ({"labels": ["claim", "denial"]}, 1),
        ({"labels": ["claim"]}, 0),  # the denial is not exported, so neither is its link
        ({"annotators": ["bob"]}, 0),
        ({"statuses": ["done"]}, 0),  # the claim's document is filtered out
    ],
)
def test_a_relation_is_exported_only_with_both_spans(
    filled: Project,
    tmp_path: Path,
    filters: dict,
    relations: int,  # type: ignore[type-arg]
) -> None:
    docs = _export(filled, tmp_path / "out.jsonl", **filters)
    assert sum(len(d["relations"]) for d in docs) == relations


def test_unknown_label_filter_is_refused(filled: Project, tmp_path: Path) -> None:
    with pytest.raises(WorkbenchError, match="no label 'lieu'"):
        exporter.export_project(filled, tmp_path / "out.jsonl", labels=["lieu"])
    assert list(tmp_path.iterdir()) == []


def test_a_failed_export_leaves_the_old_file_and_no_temporary(
    filled: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("previous export\n", "utf-8")

    def half_then_fail(records, path, scheme, report):  # type: ignore[no-untyped-def]
        with path.open("wb") as f:
            f.write(b'{"id": "half')
            raise RuntimeError("interrupted")

    monkeypatch.setattr(jsonl, "write_rows", half_then_fail)  # what export writes JSONL with
    with pytest.raises(RuntimeError):
        exporter.export_project(filled, target)
    assert target.read_text("utf-8") == "previous export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_a_failing_record_stream_leaves_no_file(
    filled: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = exporter.iter_documents  # what every format's export reads

    def second_fails(*args, **kwargs):  # type: ignore[no-untyped-def]
        records = real(*args, **kwargs)
        yield next(records)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(exporter, "iter_documents", second_fails)
    with pytest.raises(WorkbenchError, match="No space left"):
        exporter.export_project(filled, tmp_path / "out.jsonl")
    assert list(tmp_path.iterdir()) == []


def test_dash_writes_to_standard_output(
    filled: Project, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    report = exporter.export_project(filled, "-")
    out = capsysbinary.readouterr().out
    exporter.export_project(filled, tmp_path / "out.jsonl")
    assert out == (tmp_path / "out.jsonl").read_bytes()
    assert (report.documents, report.spans, report.relations) == (3, 4, 1)


def test_export_into_a_missing_folder_is_refused(filled: Project, tmp_path: Path) -> None:
    with pytest.raises(WorkbenchError, match="does not exist"):
        exporter.export_project(filled, tmp_path / "no" / "out.jsonl")


@pytest.mark.parametrize(
    ("fmt", "says"), [("csv", "takes formulas"), ("jsonl", "takes no options")]
)
def test_an_unknown_format_option_is_refused_with_a_sentence(
    tmp_path: Path, project: Project, fmt: str, says: str
) -> None:
    from workbench.errors import WorkbenchError
    from workbench.exporter import export_project

    project.add_document("Some text.", title="t")
    out = tmp_path / "out"
    with pytest.raises(WorkbenchError, match=f"no option 'colour'; it {says}"):
        export_project(project, out, format=fmt, colour="red")
    assert not out.exists()


def test_jsonl_from_rows_is_byte_for_byte_jsonl_from_records(
    filled: Project, tmp_path: Path
) -> None:
    # Export writes JSONL from rows (jsonl.write_rows); the records' writer must agree.
    a_id = filled.document_ids()[0]
    span = filled.spans(a_id)[0]
    filled.set_span_attrs(span.id, {"value": 3000, "unit": "troops", "é": [1.5, None]})
    filled.add_document("Ünïcode “quoted” 🙂\ttab", title="D", meta={"k": "v", "n": [1]})
    out = tmp_path / "rows.jsonl"
    exporter.export_project(filled, out)
    by_records = tmp_path / "records.jsonl"
    jsonl.write(exporter.iter_records(filled), by_records, exporter.scheme(filled), Report())
    assert out.read_bytes() == by_records.read_bytes()
    assert b'"attrs":{' in out.read_bytes()
