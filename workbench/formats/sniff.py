"""Telling apart formats that share a file name suffix.

A `.jsonl` file is doccano's when its first document has "label" or "entities" and no
"spans"; otherwise it is Workbench's own JSONL. `--format doccano` skips the guess.
"""

from __future__ import annotations

from pathlib import Path

from workbench.formats import doccano, jsonl
from workbench.formats.records import DocumentRecord


def read_jsonl(path: Path, warnings: list[str], *, encoding: str | None = None) -> list[DocumentRecord]:
    first = next(doccano.json_lines(path, [], encoding=encoding), (0, None))[1]
    reader = doccano.read if doccano.is_doccano(first) else jsonl.read
    return reader(path, warnings, encoding=encoding)
