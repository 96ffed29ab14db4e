"""The gold-standard fixture (tests/data/gold) agrees with the sample project and its builder."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

from workbench.importer import import_paths
from workbench.project import Project, content_hash

GOLD = Path(__file__).resolve().parent / "data" / "gold"
FIXTURE = GOLD / "sample_gold.jsonl"
LABELS = {"claim", "source", "denial", "figure"}
ENDS = {"denies": ("denial", "claim"), "attributed_to": ("claim", "source")}


def _records(path: Path = FIXTURE) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_gold", GOLD / "build_gold.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_fixture_matches_the_sample_texts_and_imports_cleanly(sample_project_file: Path) -> None:
    records = _records()
    with Project.open(sample_project_file) as project:
        docs = [project.document(i) for i in project.document_ids()]
        by_hash = {d.content_hash: d for d in docs}
        assert sorted(content_hash(r["text"]) for r in records) == sorted(by_hash)
        for r in records:
            assert r["source"] == by_hash[content_hash(r["text"])].source
            for s in r["spans"]:
                assert 0 <= s["start"] < s["end"] <= len(r["text"])
                assert s["text"] == r["text"][s["start"] : s["end"]], s["id"]
                assert s["label"] in LABELS and s["annotator"] == "gold"

        report = import_paths(project, [FIXTURE], strict=True)

        assert report.documents == 0 and report.skipped_documents == len(records)
        assert report.spans == sum(len(r["spans"]) for r in records)
        assert report.relations == sum(len(r["relations"]) for r in records)
        names = {lb.id: lb.name for lb in project.labels()}
        hashes = {d.id: d.content_hash for d in docs}
        stored = {
            (hashes[s.document_id], s.start, s.end, names[s.label_id]) for s in project.spans()
        }
        expected = {
            (content_hash(r["text"]), s["start"], s["end"], s["label"])
            for r in records
            for s in r["spans"]
        }
        assert stored == expected


def test_relations_join_existing_spans_in_the_right_direction() -> None:
    records = _records()
    spans = {s["id"]: (s["label"], r["id"]) for r in records for s in r["spans"]}
    assert len(spans) == sum(len(r["spans"]) for r in records)
    for r in records:
        for x in r["relations"]:
            assert x["head"] in spans and x["tail"] in spans, x["id"]
            (head_label, head_doc), (tail_label, tail_doc) = spans[x["head"]], spans[x["tail"]]
            assert head_doc == r["id"]
            if x["label"] == "same_as":
                assert head_label == tail_label and head_label in {"claim", "figure"}, x["id"]
                assert head_doc != tail_doc, x["id"]
            else:
                assert (head_label, tail_label) == ENDS[x["label"]], x["id"]
                assert head_doc == tail_doc, x["id"]


def test_fixture_is_what_the_builder_writes(tmp_path: Path) -> None:
    out = tmp_path / "gold.jsonl"
    _builder().build(out)

    def content(records: list[dict[str, Any]]) -> dict[str, Any]:
        return {
            r["source"]: (
                r["text"],
                sorted((s["id"], s["start"], s["end"], s["label"], s["note"]) for s in r["spans"]),
                sorted((x["id"], x["head"], x["tail"], x["label"]) for x in r["relations"]),
            )
            for r in records
        }

    assert content(_records(out)) == content(_records())
