"""CSV: one row per span that the csv module reads back with the span's text."""

from __future__ import annotations

import csv

from tests.formats.conftest import SPANS
from workbench.exporter import export_project
from workbench.formats.csv_spans import COLUMNS


def test_one_row_per_span_with_its_text_and_note(annotated, tmp_path):
    out = tmp_path / "spans.csv"
    export_project(annotated, out, format="csv")
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == len(SPANS)
    for row in rows:
        text = annotated.document(row["document_id"]).text
        assert text[int(row["start"]) : int(row["end"])] == row["text"]
        assert row["annotator"] == "ana" and row["created_at"]
    assert {(r["text"], r["label"], r["note"]) for r in rows} == {
        (piece, label, note) for _, piece, _, label, note in SPANS
    }
