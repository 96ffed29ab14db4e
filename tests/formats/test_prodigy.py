"""Prodigy JSONL: tokens from spacy.blank and spans on them, token_end inclusive."""

from __future__ import annotations

import json

import pytest

from tests.formats.conftest import SPANS
from workbench.exporter import export_project

pytest.importorskip("spacy")


def test_spans_point_at_their_tokens_and_their_text(annotated, tmp_path):
    out = tmp_path / "tasks.jsonl"
    report = export_project(annotated, out, format="prodigy")
    tasks = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [t["meta"]["id"] for t in tasks] == ["doc-1", "doc-2", "doc-3"]
    seen = set()
    for t in tasks:
        tokens = t["tokens"]
        assert [tok["id"] for tok in tokens] == list(range(len(tokens)))
        for tok in tokens:
            assert t["text"][tok["start"] : tok["end"]] == tok["text"]
        for s in t["spans"]:
            assert tokens[s["token_start"]]["start"] == s["start"]
            assert tokens[s["token_end"]]["end"] == s["end"]  # inclusive token_end
            seen.add((t["text"][s["start"] : s["end"]], s["label"]))
    expected = {(piece, label) for _, piece, _, label, _ in SPANS}
    assert seen == expected - {("3 division", "figure")}
    assert report.skipped_spans == 0  # not duplicates: the warning counts them
    assert any(w.startswith("1 span(s) could not be aligned") for w in report.warnings)
