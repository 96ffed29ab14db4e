"""Telling apart formats that share a file name suffix.

A `.jsonl` file is doccano's when its first document has "label" or "entities" and no
"spans"; otherwise it is Workbench's own JSONL. `--format doccano` skips the guess.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from workbench.formats import jsonl
from workbench.formats.decode import json_lines
from workbench.formats.records import DocumentRecord


def read_jsonl(
    path: Path, warnings: list[str], *, encoding: str | None = None
) -> Iterable[DocumentRecord]:
    """doccano's records, or Workbench JSONL's read as they are consumed (files can be large)."""
    first = next(json_lines(path, [], encoding=encoding, limit=1), (0, None))[1]
    if is_doccano(first):
        from workbench.formats import doccano  # not loaded for Workbench's own files

        return doccano.read(path, warnings, encoding=encoding)
    return jsonl.iter_read(path, warnings, encoding=encoding)


def is_doccano(obj: Any) -> bool:
    return isinstance(obj, dict) and "spans" not in obj and ("label" in obj or "entities" in obj)
