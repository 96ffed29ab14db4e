"""doccano's sequence-labelling JSONL, in its two shapes.

    {"text", "label": [[start, end, label], ...], ...metadata}
    {"text", "entities": [{"id", "label", "start_offset", "end_offset"}],
     "relations": [{"id", "from_id", "to_id", "type"}], ...metadata}

doccano counts offsets in UTF-16 code units (its browser front end measures
JavaScript strings), so offsets are converted both ways. The export writes the
second shape when the document has relations. Span notes and annotators have no
place in the format and are not written; the document's id, title, source, status
and metadata are top-level keys, which doccano keeps as metadata.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any

import orjson

from workbench.errors import FormatError
from workbench.formats.decode import json_lines
from workbench.formats.export_records import Scheme
from workbench.formats.incoming import IncomingText
from workbench.formats.plain import title_from
from workbench.formats.records import DocumentRecord, RelationRecord, Report, SpanRecord
from workbench.model import STATUSES, new_id
from workbench.offsets import Utf16Map

_OWN_KEYS = {
    "text",
    "label",
    "entities",
    "relations",
    "id",
    "title",
    "source",
    "status",
    "Comments",
    "comments",
}


def write(records: Iterable[DocumentRecord], path: Path, scheme: Scheme, report: Report) -> None:
    with path.open("wb") as out:
        for r in records:
            out.write(orjson.dumps(to_doccano(r)))
            out.write(b"\n")


def to_doccano(r: DocumentRecord) -> dict[str, Any]:
    u16 = Utf16Map(r.text)
    obj: dict[str, Any] = {"id": r.id, "text": r.text}
    if r.relations:
        numbers = {s.id: i for i, s in enumerate(r.spans, start=1)}
        obj["entities"] = [
            {
                "id": i,
                "label": s.label,
                "start_offset": u16.to_utf16(s.start),
                "end_offset": u16.to_utf16(s.end),
            }
            for i, s in enumerate(r.spans, start=1)
        ]
        obj["relations"] = [
            {"id": i, "from_id": numbers[x.head], "to_id": numbers[x.tail], "type": x.label}
            for i, x in enumerate(r.relations, start=1)
        ]
    else:
        obj["label"] = [[u16.to_utf16(s.start), u16.to_utf16(s.end), s.label] for s in r.spans]
    obj.update({k: v for k, v in r.meta.items() if k not in _OWN_KEYS})
    obj.update({"title": r.title, "source": r.source, "status": r.status})
    return obj


def read(path: Path, warnings: list[str], *, encoding: str | None = None) -> list[DocumentRecord]:
    records = [
        _document(obj, path, number)
        for number, obj in json_lines(path, warnings, encoding=encoding)
    ]
    if not records:
        raise FormatError(path, "holds no documents")
    return records


def _document(obj: Any, path: Path, line: int) -> DocumentRecord:
    fail = partial(FormatError, path, line=line)
    raw = obj.get("text") if isinstance(obj, dict) else None
    if not isinstance(raw, str) or not raw:
        raise fail('is not a JSON object with a "text" string')
    incoming = IncomingText(raw, "utf16")
    spans: list[SpanRecord] = []
    relations: list[RelationRecord] = []
    if "entities" in obj:
        entities, links = obj.get("entities") or [], obj.get("relations") or []
        if not isinstance(entities, list) or not isinstance(links, list):
            raise fail('has "entities" or "relations" that is not a list')
        ids: dict[Any, str] = {}
        for i, e in enumerate(entities, start=1):
            if not isinstance(e, dict):
                raise fail(f"entity {i} is not a JSON object")
            start, end = incoming.span(
                e.get("start_offset"), e.get("end_offset"), f"entity {i}", fail
            )
            entity_id = e.get("id", i)
            if not isinstance(entity_id, (str, int)) or isinstance(entity_id, bool):
                raise fail(f'entity {i} has an "id" that is neither a number nor a string')
            ids[entity_id] = span_id = new_id()
            spans.append(
                SpanRecord(start, end, _label(e.get("label"), f"entity {i}", fail), id=span_id)
            )
        for i, x in enumerate(links, start=1):
            if not isinstance(x, dict) or x.get("from_id") not in ids or x.get("to_id") not in ids:
                raise fail(f"relation {i} does not link two entities of the document")
            relations.append(
                RelationRecord(
                    ids[x["from_id"]], ids[x["to_id"]], _label(x.get("type"), f"relation {i}", fail)
                )
            )
    else:
        labels = obj.get("label") or []
        if not isinstance(labels, list):
            raise fail('has a "label" that is not a list')
        for i, item in enumerate(labels, start=1):
            if not isinstance(item, list) or len(item) != 3:
                raise fail(f"label {i} is not a [start, end, label] list")
            start, end = incoming.span(item[0], item[1], f"label {i}", fail)
            spans.append(SpanRecord(start, end, _label(item[2], f"label {i}", fail)))
    meta = {k: v for k, v in obj.items() if k not in _OWN_KEYS}
    title, source, status, doc_id = (obj.get(k) for k in ("title", "source", "status", "id"))
    return DocumentRecord(
        text=incoming.text,
        title=title if isinstance(title, str) and title else title_from(incoming.text, path.stem),
        source=source if isinstance(source, str) and source else path.name,
        meta=meta,
        status=status if status in STATUSES else "todo",
        id=doc_id if isinstance(doc_id, str) else None,
        spans=spans,
        relations=relations,
        origin=str(path),
        line=line,
    )


def _label(value: Any, what: str, fail: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise fail(f"{what} has no label")
    return value.strip()
