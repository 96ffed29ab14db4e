"""The second annotator's fixture (tests/data/second) fits the sample and its builder."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

from workbench.agreement import compute_agreement
from workbench.importer import import_paths
from workbench.project import Project

DATA = Path(__file__).resolve().parent / "data"
SECOND = DATA / "second" / "sample_second.jsonl"
GOLD = DATA / "gold" / "sample_gold.jsonl"


def _builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_second", DATA / "second" / "build_second.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _spans(path: Path) -> set[tuple[str, int, int, str, str]]:
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    return {
        (s["id"], s["start"], s["end"], s["label"], s["annotator"])
        for r in records
        for s in r["spans"]
    }


def test_the_fixture_is_what_the_builder_writes(tmp_path: Path) -> None:
    out = tmp_path / "second.jsonl"
    _builder().build(out)
    assert _spans(out) == _spans(SECOND)
    assert {a for *_, a in _spans(SECOND)} == {"second"}


def test_both_annotations_import_into_the_sample_and_are_compared(
    sample_project_file: Path,
) -> None:
    with Project.open(sample_project_file) as project:
        report = import_paths(project, [GOLD, SECOND], strict=True)
        assert report.spans == len(_spans(GOLD)) + len(_spans(SECOND))
        result = compute_agreement(project)
    assert result.annotators == ["gold", "second"]
    [pair] = result.pairs
    assert pair.documents == 5
    figure = pair.labels["figure"]
    assert (figure.spans_a, figure.spans_b, figure.exact_f1) == (7, 7, 1.0)
    exact, overlap = pair.all.exact_f1, pair.all.overlap_f1
    assert exact is not None and overlap is not None
    assert 0.5 < exact < overlap < 1.0
