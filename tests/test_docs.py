"""The README documents every command (after sqlite-utils' tests/test_docs.py)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from workbench.cli import build_parser

README = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")


def _commands() -> list[str]:
    parser = build_parser()
    [sub] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return list(sub.choices)


def test_the_parser_has_the_core_commands() -> None:
    assert {"open", "new", "import", "export", "stats", "config"} <= set(_commands())


@pytest.mark.parametrize("command", _commands())
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"workbench {command}" in README, f"document 'workbench {command}' in README.md"


def test_the_readme_jsonl_example_is_a_valid_line(tmp_path: Path) -> None:
    from workbench.exporter import iter_records
    from workbench.formats import jsonl
    from workbench.importer import import_paths
    from workbench.project import Project

    section = README.split("## The JSONL dataset", 1)[1]
    example = json.loads(section.split("```json\n", 1)[1].split("```", 1)[0])
    assert list(example) == [
        "id",
        "title",
        "source",
        "text",
        "status",
        "meta",
        "spans",
        "relations",
    ]
    for span in example["spans"]:
        assert span["text"] == example["text"][span["start"] : span["end"]]
    path = tmp_path / "example.jsonl"
    path.write_text(json.dumps(example, ensure_ascii=False) + "\n", "utf-8")
    with Project.memory() as project:
        import_paths(project, [path], strict=True)
        records = list(iter_records(project))
        assert jsonl.document_dict(records[0]) == example


def test_every_module_the_architecture_map_names_exists() -> None:
    import re

    root = Path(__file__).resolve().parents[1]
    text = (root / "docs" / "ARCHITECTURE.md").read_text("utf-8")
    named = set(re.findall(r"`(workbench/[\w/]*(?:\.py)?)`", text))
    assert len(named) > 20, "the map names the modules"
    missing = sorted(p for p in named if not (root / p).exists())
    assert not missing, f"docs/ARCHITECTURE.md names modules that do not exist: {missing}"
