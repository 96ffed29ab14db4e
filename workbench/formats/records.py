"""Format-neutral records: what readers produce and writers consume.

Offsets are code points into `DocumentRecord.text`, end exclusive. Labels and relation
types travel by name; ids are kept when a format carries them. What only writers
read (the export's rows, the label scheme) is in `export_records`, which an import
never loads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class SpanRecord:
    start: int
    end: int
    label: str
    id: str | None = None
    annotator: str | None = None
    note: str = ""
    created_at: str | None = None
    updated_at: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class RelationRecord:
    head: str
    tail: str
    label: str
    id: str | None = None


@dataclass(slots=True)
class DocumentRecord:
    text: str
    title: str
    source: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    status: str = "todo"
    id: str | None = None
    spans: list[SpanRecord] = field(default_factory=list)
    relations: list[RelationRecord] = field(default_factory=list)
    # Where the record came from, for error messages.
    origin: str = ""
    line: int | None = None


@dataclass(slots=True)
class Report:
    """What an import or export did, and what the user should know about it."""

    documents: int = 0
    spans: int = 0
    relations: int = 0
    skipped_documents: int = 0
    skipped_spans: int = 0
    added_labels: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
