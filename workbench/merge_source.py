"""Reading another analyst's project file for a merge: read-only, every value checked.

A project file from someone else is hostile: it is opened read-only (an older schema is
upgraded in a private temporary copy), nothing in it is executed, and every id, label,
offset, status and timestamp is checked before the merge may use it. A bad file is one
sentence naming it (`FormatError`).
"""

from __future__ import annotations

import json
import re
import sqlite3
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn, cast

from workbench import schema
from workbench.errors import FormatError, WorkbenchError
from workbench.model import STATUSES

_COLOR = re.compile(r"#[0-9a-fA-F]{6}")
SUGGESTION_STATUSES = ("pending", "accepted", "rejected")
TABLES = (
    "labels",
    "relation_types",
    "documents",
    "spans",
    "relations",
    "annotator_statuses",
    "suggestions",
)


@dataclass(frozen=True, slots=True)
class SourceLabel:
    name: str
    color: str | None
    description: str


@dataclass(frozen=True, slots=True)
class SourceDocument:
    id: str
    title: str
    source: str
    text: str
    imported_at: str
    meta: dict[str, Any]
    status: str


@dataclass(frozen=True, slots=True)
class SourceSpan:
    id: str
    document_id: str
    start: int
    end: int
    label: str
    annotator: str
    note: str
    created_at: str
    updated_at: str
    attrs: dict[str, Any]


@dataclass(frozen=True, slots=True)
class SourceRelation:
    id: str
    head: str
    tail: str
    type: str
    annotator: str
    created_at: str


@dataclass(frozen=True, slots=True)
class SourceStatus:
    document_id: str
    annotator: str
    status: str
    updated_at: str


@dataclass(frozen=True, slots=True)
class SourceSuggestion:
    id: str
    document_id: str
    start: int
    end: int
    label: str
    rule: str
    status: str
    created_at: str


@dataclass(slots=True)
class SourceProject:
    """Everything a merge takes from one source file, checked."""

    path: Path
    labels: list[SourceLabel] = field(default_factory=list)
    relation_types: list[SourceLabel] = field(default_factory=list)
    documents: list[SourceDocument] = field(default_factory=list)
    spans: list[SourceSpan] = field(default_factory=list)
    relations: list[SourceRelation] = field(default_factory=list)
    statuses: list[SourceStatus] = field(default_factory=list)
    suggestions: list[SourceSuggestion] = field(default_factory=list)


def read_source(path: str | Path) -> SourceProject:
    """Read and check a project file to merge; raises FormatError naming it if it is bad."""
    path = Path(path)
    if not path.is_file():
        raise FormatError(path, "there is no such project file to merge.")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as e:
        raise FormatError(path, f"cannot be opened ({e}).") from e
    try:
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as e:
            raise FormatError(path, "is not a Workbench project (not an SQLite database).") from e
        if app_id != schema.APPLICATION_ID:
            raise FormatError(path, "is not a Workbench project.")
        if not isinstance(version, int) or not 1 <= version <= schema.latest_version():
            raise FormatError(
                path,
                f"has schema version {version}, which this Workbench "
                f"cannot read (it knows 1 to {schema.latest_version()}).",
            )
        if version == schema.latest_version():
            return _read(conn, path)
        return _read_upgraded(conn, path)
    except sqlite3.Error as e:
        raise FormatError(path, f"cannot be read as a Workbench project ({e}).") from e
    except UnicodeDecodeError as e:
        raise FormatError(
            path, "holds text that is not valid UTF-8 (the file is damaged); nothing was merged."
        ) from e
    finally:
        conn.close()


def _read_upgraded(conn: sqlite3.Connection, path: Path) -> SourceProject:
    """Upgrade an older file in a private temporary copy and read that."""
    from workbench.project import Project

    with tempfile.TemporaryDirectory(prefix="workbench-merge-") as folder:
        copy = Path(folder) / "source.wbproj"
        with sqlite3.connect(copy) as target:
            conn.backup(target)
        target.close()
        try:
            project = Project.open(copy)
        except WorkbenchError as e:
            raise FormatError(path, f"cannot be upgraded to the current schema ({e}).") from e
        try:
            return _read(project.conn, path)
        finally:
            project.close()


def _read(conn: sqlite3.Connection, path: Path) -> SourceProject:
    check = _Checker(path)
    # Only plain tables are read: a view (or a function in one) would run the file's SQL.
    conn.execute("PRAGMA trusted_schema = OFF")
    kinds = dict(
        conn.execute(
            f"SELECT name, type FROM sqlite_master WHERE name IN ({','.join('?' * len(TABLES))})",
            TABLES,
        )
    )
    for table in TABLES:
        if kinds.get(table) != "table":
            check.fail(f"its '{table}' is not a table of a Workbench project")
    out = SourceProject(path)
    label_names: dict[int, str] = {}
    for row in conn.execute("SELECT id, name, color, description FROM labels"):
        name = check.name(row[1], "label").strip()
        label_names[check.integer(row[0], "label id")] = name
        out.labels.append(SourceLabel(name, _color(row[2]), check.text(row[3], "description")))
    type_names: dict[int, str] = {}
    for row in conn.execute("SELECT id, name, color, description FROM relation_types"):
        name = check.name(row[1], "relation type").strip()
        type_names[check.integer(row[0], "relation type id")] = name
        out.relation_types.append(
            SourceLabel(name, _color(row[2]), check.text(row[3], "description"))
        )

    lengths: dict[str, int] = {}
    for row in conn.execute(
        "SELECT id, title, source, text, imported_at, meta, status FROM documents ORDER BY rowid"
    ):
        doc_id = check.name(row[0], "document id")
        text = check.text(row[3], f"text of document {doc_id}")
        lengths[doc_id] = len(text)
        out.documents.append(
            SourceDocument(
                doc_id,
                check.text(row[1], "title"),
                check.text(row[2], "source"),
                text,
                check.name(row[4], "import time"),
                check.json_object(row[5], "document meta"),
                check.choice(row[6], STATUSES, "document status"),
            )
        )

    span_docs: dict[str, str] = {}
    for row in conn.execute(
        "SELECT id, document_id, start, end, label_id, annotator, note, created_at, "
        "updated_at, attrs FROM spans ORDER BY rowid"
    ):
        span_id = check.name(row[0], "span id")
        doc_id = check.known(row[1], lengths, f"document of span {span_id}")
        start, end = check.integer(row[2], "start"), check.integer(row[3], "end")
        if not 0 <= start < end <= lengths[doc_id]:
            check.fail(
                f"span {span_id} ({start}-{end}) does not fit in its document of "
                f"{lengths[doc_id]} characters"
            )
        label = label_names.get(row[4])
        if label is None:
            check.fail(f"span {span_id} has a label that the file does not define")
        span_docs[span_id] = doc_id
        out.spans.append(
            SourceSpan(
                span_id,
                doc_id,
                start,
                end,
                label,
                check.name(row[5], "annotator"),
                check.text(row[6], "note"),
                check.name(row[7], "creation time"),
                check.name(row[8], "update time"),
                check.json_object(row[9], "span attributes"),
            )
        )

    for row in conn.execute(
        "SELECT id, head, tail, type_id, annotator, created_at FROM relations ORDER BY rowid"
    ):
        rel_id = check.name(row[0], "relation id")
        head = check.known(row[1], span_docs, f"head of relation {rel_id}")
        tail = check.known(row[2], span_docs, f"tail of relation {rel_id}")
        rel_type = type_names.get(row[3])
        if rel_type is None or head == tail:
            check.fail(f"relation {rel_id} has an unknown type or links a span to itself")
        out.relations.append(
            SourceRelation(
                rel_id,
                head,
                tail,
                rel_type,
                check.text(row[4], "annotator"),
                check.name(row[5], "creation time"),
            )
        )

    for row in conn.execute(
        "SELECT document_id, annotator, status, updated_at FROM annotator_statuses"
    ):
        doc_id = check.known(row[0], lengths, "document of a status")
        out.statuses.append(
            SourceStatus(
                doc_id,
                check.name(row[1], "annotator"),
                check.choice(row[2], STATUSES, "status"),
                check.name(row[3], "status time"),
            )
        )

    for row in conn.execute(
        "SELECT id, document_id, start, end, label, rule, status, created_at FROM suggestions"
    ):
        sug_id = check.name(row[0], "suggestion id")
        doc_id = check.known(row[1], lengths, f"document of suggestion {sug_id}")
        start, end = check.integer(row[2], "start"), check.integer(row[3], "end")
        if not 0 <= start < end <= lengths[doc_id]:
            check.fail(f"suggestion {sug_id} ({start}-{end}) does not fit in its document")
        out.suggestions.append(
            SourceSuggestion(
                sug_id,
                doc_id,
                start,
                end,
                check.name(row[4], "suggestion label"),
                check.text(row[5], "rule"),
                check.choice(row[6], SUGGESTION_STATUSES, "decision"),
                check.name(row[7], "creation time"),
            )
        )
    return out


def _color(value: object) -> str | None:
    return value if isinstance(value, str) and _COLOR.fullmatch(value) else None


class _Checker:
    """Type and value checks whose failures name the file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, message: str) -> NoReturn:
        raise FormatError(self.path, f"{message}; nothing was merged.")

    def text(self, value: object, what: str) -> str:
        if not isinstance(value, str):
            self.fail(f"a {what} is not text")
        return value

    def name(self, value: object, what: str) -> str:
        if not isinstance(value, str) or not value.strip():
            self.fail(f"a {what} is empty or not text")
        return value

    def integer(self, value: object, what: str) -> int:
        if not isinstance(value, int) or isinstance(value, bool):
            self.fail(f"a {what} is not a whole number")
        return value

    def choice(self, value: object, allowed: Sequence[str], what: str) -> str:
        if value not in allowed:
            self.fail(f"a {what} is {value!r}, not one of {', '.join(allowed)}")
        return cast(str, value)

    def known(self, value: object, known: dict[str, Any], what: str) -> str:
        if not isinstance(value, str) or value not in known:
            self.fail(f"the {what} does not exist in the file")
        return value

    def json_object(self, value: object, what: str) -> dict[str, Any]:
        try:
            data = json.loads(value) if isinstance(value, str) else None
        except (ValueError, RecursionError):  # malformed, or nested beyond reason
            data = None
        if not isinstance(data, dict):
            self.fail(f"a {what} is not a JSON object")
        return data
