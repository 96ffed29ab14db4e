"""doccano JSONL: UTF-16 offsets both ways, both shapes, and Hugging Face datasets reads it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.formats.conftest import TEXT_1, reimport, relations_of, spans_of, texts_of
from workbench.errors import FormatError
from workbench.exporter import export_project
from workbench.importer import import_paths
from workbench.offsets import Utf16Map
from workbench.project import Project


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_export_counts_utf16_units_and_uses_entities_when_relations_exist(annotated, tmp_path):
    out = tmp_path / "out.jsonl"
    export_project(annotated, out, format="doccano")
    first, second, third = _lines(out)
    # Document 1 has relations: the entities/relations shape.
    assert "label" not in first and len(first["entities"]) == 8
    text_u16 = first["text"].encode("utf-16-le")
    for e in first["entities"]:
        piece = text_u16[2 * e["start_offset"] : 2 * e["end_offset"]].decode("utf-16-le")
        assert piece in TEXT_1
    by_id = {e["id"]: e for e in first["entities"]}
    assert all(r["from_id"] in by_id and r["to_id"] in by_id for r in first["relations"])
    # Document 2 has none: the plain label shape, and the metadata rides along.
    assert "entities" not in second and len(second["label"]) == 2
    assert second["outlet"] == "o2" and second["title"] == "Doc 2"
    u16 = Utf16Map(second["text"])
    starts = {u16.to_codepoint(s) for s, _, _ in second["label"]}
    assert second["text"][min(starts) :].startswith("Pyongyang")
    assert third["label"] == []


def test_huggingface_datasets_loads_the_export_with_explicit_features(annotated, tmp_path):
    datasets = pytest.importorskip("datasets")
    out = tmp_path / "out.jsonl"
    annotated.conn.execute("DELETE FROM relations")  # the label shape, which has one schema
    export_project(annotated, out, format="doccano")
    features = datasets.Features(
        {
            "id": datasets.Value("string"),
            "text": datasets.Value("string"),
            "label": datasets.Sequence(datasets.Sequence(datasets.Value("string"))),
            "outlet": datasets.Value("string"),
            "title": datasets.Value("string"),
            "source": datasets.Value("string"),
            "status": datasets.Value("string"),
        }
    )
    ds = datasets.load_dataset(
        "json",
        data_files=str(out),
        features=features,
        split="train",
        cache_dir=str(tmp_path / "hf"),
    )
    assert ds.num_rows == 3
    pieces = set()
    for row in ds:
        u16 = row["text"].encode("utf-16-le")
        pieces |= {u16[2 * int(s) : 2 * int(e)].decode("utf-16-le") for s, e, _ in row["label"]}
    assert {"Kim Jong Un", "12,000", "3 division", "sent.\nSeoul"} <= pieces


def test_round_trip_keeps_documents_spans_and_relations(annotated, tmp_path):
    back = reimport(annotated, "doccano", tmp_path, "out.jsonl")
    assert texts_of(back) == texts_of(annotated)
    assert spans_of(back, notes=False) == spans_of(annotated, notes=False)  # no notes in doccano
    assert relations_of(back) == relations_of(annotated)
    assert back.document("doc-2").meta == {"outlet": "o2"}


def test_a_jsonl_file_that_looks_like_doccano_is_read_as_doccano(annotated, tmp_path):
    back = reimport(annotated, "doccano", tmp_path, "out.jsonl", forced=False)
    assert spans_of(back, notes=False) == spans_of(annotated, notes=False)


def test_crlf_text_and_astral_characters_map_onto_the_stored_text(tmp_path):
    raw = "𠀀 line one\r\n😀 Seoul denied it."
    u16 = Utf16Map(raw)
    start = raw.index("Seoul")
    line = {"text": raw, "label": [[u16.to_utf16(start), u16.to_utf16(start + 5), "place"]]}
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    p = Project.memory(labels=[])
    report = import_paths(p, [path])
    (span,) = p.spans()
    text = p.document(span.document_id).text
    assert "\r" not in text and text[span.start : span.end] == "Seoul"
    assert report.added_labels == ["place"]


@pytest.mark.parametrize(
    ("label", "message"),
    [
        ([[0, 99, "x"]], "falls outside the text"),
        ([[1, 3, "x"]], "splits a character outside the Basic Multilingual Plane"),
        ([[0, 2]], "is not a [start, end, label] list"),
    ],
)
def test_bad_offsets_are_refused_with_the_line(tmp_path, label, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(
        '{"text": "x", "label": []}\n' + json.dumps({"text": "😀 ab", "label": label}),
        encoding="utf-8",
    )
    p = Project.memory(labels=[])
    with pytest.raises(FormatError, match=re.escape(message)) as e:
        import_paths(p, [path], format="doccano")
    assert "line 2" in str(e.value)
    assert p.document_ids() == []
