"""What writers read besides the records: a stored document's spans as rows, and the
project's labels. Apart from `records` so that an import does not define these classes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from workbench.formats.records import DocumentRecord, RelationRecord, SpanRecord


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
