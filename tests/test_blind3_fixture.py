"""The third blind set (tests/data/blind3) agrees with its builder and reads as a dataset."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

from workbench.formats import jsonl

BLIND3 = Path(__file__).resolve().parent / "data" / "blind3"
ENDS = {"denies": ("denial", "claim"), "attributed_to": ("claim", "source")}


def _builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_blind3", BLIND3 / "build_blind3.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_jsonl_is_what_the_builder_writes() -> None:
    stored = [
        json.loads(line) for line in (BLIND3 / "blind3_gold.jsonl").read_text("utf-8").splitlines()
    ]
    assert stored == _builder().records()
    for record in stored:
        for span in record["spans"]:
            assert record["text"][span["start"] : span["end"]] == span["text"], span["id"]


def test_spans_quote_their_text_and_links_join_the_right_labels() -> None:
    records = jsonl.read(BLIND3 / "blind3_gold.jsonl", [])
    assert len(records) == 5
    spans = {s.id: (s.label, r.id) for r in records for s in r.spans}
    for record in records:
        assert {s.label for s in record.spans} <= {"claim", "source", "denial", "figure"}
        for relation in record.relations:
            (head, head_doc), (tail, tail_doc) = spans[relation.head], spans[relation.tail]
            assert head_doc == record.id
            if relation.label == "same_as":
                assert head == tail and head in {"claim", "figure"} and tail_doc != head_doc
            else:
                assert (head, tail) == ENDS[relation.label] and tail_doc == head_doc
        assert 150 <= len(record.text.split()) <= 300
