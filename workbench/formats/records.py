"""Format-neutral records: what readers produce and writers consume.

Offsets are code points into `DocumentRecord.text`, end exclusive. Labels and relation
types travel by name; ids are kept when a format carries them.
"""

from __future__ import annotations

import json
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
class DocumentRows:
    """A stored document as the export reads it: its spans as rows, not records.

    A row is (start, end, label, annotator, id, note, created_at, updated_at, attrs as
    stored JSON), and the rows are sorted. The native format writes them straight out;
    a million spans then never become a million records (`record()` makes them).
    """

    id: str
    title: str
    source: str
    text: str
    status: str
    meta: dict[str, Any]
    rows: list[tuple[Any, ...]]
    relations: list[RelationRecord]

    def record(self) -> DocumentRecord:
        return DocumentRecord(
            text=self.text,
            title=self.title,
            source=self.source,
            meta=self.meta,
            status=self.status,
            id=self.id,
            spans=[
                # Attrs are rarely set: "{}" is read as {}.
                SpanRecord(
                    start,
                    end,
                    label,
                    sid,
                    who,
                    note,
                    created,
                    updated,
                    {} if attrs == "{}" else json.loads(attrs),
                )
                for start, end, label, who, sid, note, created, updated, attrs in self.rows
            ],
            relations=self.relations,
        )


@dataclass(slots=True)
class LabelInfo:
    """A label or relation type as writers need it (e.g. for a tool's config file)."""

    name: str
    color: str
    description: str = ""
    shortcut: str | None = None


@dataclass(slots=True)
class Scheme:
    labels: list[LabelInfo]
    relation_types: list[LabelInfo]


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
