"""Plain records of the data model; the store reads and writes them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

STATUSES = ("todo", "in_progress", "done")


def new_id() -> str:
    return str(uuid.uuid4())


def now() -> str:
    """The current UTC time as ISO 8601 with milliseconds."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(frozen=True, slots=True)
class Label:
    id: int
    name: str
    color: str
    shortcut: str | None = None
    description: str = ""
    position: int = 0


@dataclass(frozen=True, slots=True)
class RelationType:
    id: int
    name: str
    color: str
    description: str = ""
    position: int = 0


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    title: str
    source: str
    text: str
    content_hash: str
    imported_at: str
    meta: dict[str, Any] = field(default_factory=dict)
    status: str = "todo"


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """A document without its text, for lists."""

    id: str
    title: str
    source: str
    status: str
    span_count: int
    length: int


@dataclass(frozen=True, slots=True)
class Span:
    id: str
    document_id: str
    start: int
    end: int
    label_id: int
    annotator: str
    note: str = ""
    created_at: str = ""
    updated_at: str = ""
    # Structured facts about the span (e.g. a figure's parsed value: workbench.figures).
    attrs: dict[str, Any] = field(default_factory=dict, hash=False)


@dataclass(frozen=True, slots=True)
class Relation:
    id: str
    head: str
    tail: str
    type_id: int
    annotator: str = ""
    created_at: str = ""
