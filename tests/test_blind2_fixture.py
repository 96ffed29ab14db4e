"""The second blind set (tests/data/blind2) agrees with its builder and reads as a dataset."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

from workbench.formats import jsonl

BLIND2 = Path(__file__).resolve().parent / "data" / "blind2"
ENDS = {"denies": ("denial", "claim"), "attributed_to": ("claim", "source")}


def _builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_blind2", BLIND2 / "build_blind2.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_jsonl_is_what_the_builder_writes() -> None:
    stored = [
        json.loads(line) for line in (BLIND2 / "blind2_gold.jsonl").read_text("utf-8").splitlines()
    ]
    assert stored == _builder().records()


def test_spans_quote_their_text_and_links_join_the_right_labels() -> None:
    records = jsonl.read(BLIND2 / "blind2_gold.jsonl", [])
    assert len(records) == 5
    for record in records:
        labels = {s.id: s.label for s in record.spans}
        assert {s.label for s in record.spans} <= {"claim", "source", "denial", "figure"}
        for relation in record.relations:
            assert (labels[relation.head], labels[relation.tail]) == ENDS[relation.label]
        assert 150 <= len(record.text.split()) <= 300
