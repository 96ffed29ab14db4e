"""The native JSONL dataset: one JSON object per line, one line per document.

    {"id", "title", "source", "text", "status", "meta",
     "spans": [{"id", "start", "end", "label", "text", "annotator", "note",
                "created_at", "updated_at", "attrs"?}],
     "relations": [{"id", "head", "tail", "label"}]}

Offsets are code points, end exclusive; each span's "text" is text[start:end]. A span's
"attrs" (a JSON object, e.g. a figure's parsed value) is written only when it is not empty.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from workbench.errors import FormatError, WorkbenchError
from workbench.formats.decode import text_lines
from workbench.formats.plain import title_from
from workbench.formats.records import DocumentRecord, RelationRecord, Report, SpanRecord
from workbench.model import STATUSES
from workbench.offsets import BOM, OffsetShift, normalize_text

if TYPE_CHECKING:  # an import does not load the writers' classes
    from workbench.formats.export_records import DocumentRows, Scheme


def span_dict(text: str, s: SpanRecord) -> dict[str, Any]:
    span: dict[str, Any] = {
        "id": s.id,
        "start": s.start,
        "end": s.end,
        "label": s.label,
        "text": text[s.start : s.end],
        "annotator": s.annotator,
        "note": s.note,
        "created_at": s.created_at,
        "updated_at": s.updated_at,
    }
    if s.attrs:
        span["attrs"] = s.attrs
    return span


def document_dict(r: DocumentRecord) -> dict[str, Any]:
    return _document_json(r, [span_dict(r.text, s) for s in r.spans])


def _document_json(d: DocumentRecord | DocumentRows, spans: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": d.id,
        "title": d.title,
        "source": d.source,
        "text": d.text,
        "status": d.status,
        "meta": d.meta,
        "spans": spans,
        "relations": [
            {"id": x.id, "head": x.head, "tail": x.tail, "label": x.label} for x in d.relations
        ],
    }


def _row_spans(d: DocumentRows) -> list[dict[str, Any]]:
    """span_dict's dicts, built from the rows without a record per span (a span with
    attrs, rare, goes through span_dict itself)."""
    text = d.text
    return [
        {
            "id": sid,
            "start": start,
            "end": end,
            "label": label,
            "text": text[start:end],
            "annotator": who,
            "note": note,
            "created_at": created,
            "updated_at": updated,
        }
        if attrs == "{}"
        else span_dict(
            text, SpanRecord(start, end, label, sid, who, note, created, updated, json.loads(attrs))
        )
        for start, end, label, who, sid, note, created, updated, attrs in d.rows
    ]


def write(records: Iterable[DocumentRecord], path: Path, scheme: Scheme, report: Report) -> None:
    _write_lines(((r.id, document_dict(r)) for r in records), path)


def write_rows(
    documents: Iterable[DocumentRows], path: Path, scheme: Scheme, report: Report
) -> None:
    """`write`, for documents read as rows: the same bytes, without a record per span."""
    _write_lines(((d.id, _document_json(d, _row_spans(d))) for d in documents), path)


def _write_lines(documents: Iterable[tuple[str | None, dict[str, Any]]], path: Path) -> None:
    with path.open("wb") as out:
        for document_id, document in documents:
            try:
                out.write(orjson.dumps(document))
            except orjson.JSONEncodeError as e:
                raise WorkbenchError(
                    f"Document {document_id} cannot be written as JSON: {e}."
                ) from e
            out.write(b"\n")


def read(path: Path, warnings: list[str], *, encoding: str | None = None) -> list[DocumentRecord]:
    return list(iter_read(path, warnings, encoding=encoding))


def iter_read(
    path: Path, warnings: list[str], *, encoding: str | None = None
) -> Iterator[DocumentRecord]:
    """The file's documents, read and checked one line at a time (for large files)."""
    count = 0
    # Split on LF only: a JSON string may hold U+2028 or U+2029, which splitlines() breaks on.
    for number, line in text_lines(path, warnings, encoding=encoding):
        if number == 1:
            line = line.removeprefix(BOM)
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        try:
            document = _document(_fast_loads(line), path, number)
        except (_Inexact, FormatError):
            # The standard library's reading: the exact values, and a refusal's message.
            document = _document(_exact_loads(line, path, number), path, number, exact=True)
        count += 1
        yield document
    if not count:
        raise FormatError(path, "holds no documents")


def _exact_loads(line: str, path: Path, number: int) -> Any:
    """The line read by the standard library, which names what is wrong with it."""
    try:
        obj = json.loads(line, parse_constant=_refuse_constant)
    except json.JSONDecodeError as e:
        raise FormatError(
            path, f"is not valid JSON ({e.msg} at column {e.colno})", line=number
        ) from e
    except ValueError as e:
        raise FormatError(path, str(e), line=number) from e
    except RecursionError as e:
        raise FormatError(path, "nests JSON deeper than Workbench reads", line=number) from e
    try:
        orjson.dumps(obj)  # what could not be exported again is refused now
    except orjson.JSONEncodeError as e:
        raise FormatError(path, f"holds a value JSON cannot carry ({e})", line=number) from e
    return obj


class _Inexact(Exception):
    """orjson's reading of a line may not be the exact one: read it again with `json`."""


def _fast_loads(line: str) -> Any:
    """orjson's reading of the line (2x the standard library's speed), or _Inexact.

    orjson refuses what `json` would refuse (and NaN, lone surrogates, numbers past a
    double): those lines go to `_exact_loads` for the message. It reads an integer past
    64 bits as a float, so the values Workbench keeps (meta, attrs) are checked by
    `_plain`, and a float as large as such an integer sends the line to `_exact_loads` too.
    """
    try:
        return orjson.loads(line)
    except orjson.JSONDecodeError as e:
        raise _Inexact from e


# orjson writes no deeper than 255 levels; a kept value is at most this deep.
_MAX_DEPTH = 200
# orjson reads an integer as an int up to 64 bits; past them, as a float at least this big.
_INT_FLOAT = 2.0**63


def _plain(value: Any, depth: int = 0) -> bool:
    """Whether a value orjson read is what `json` reads: no float that may have been an
    integer (a figure's 3.5 is read alike) and no deeper than orjson writes."""
    kind = type(value)
    if kind is dict:
        return depth < _MAX_DEPTH and all(_plain(v, depth + 1) for v in value.values())
    if kind is list:
        return depth < _MAX_DEPTH and all(_plain(v, depth + 1) for v in value)
    return kind is not float or -_INT_FLOAT < value < _INT_FLOAT


_STR_OR_NONE = frozenset({str, type(None)})
_SPAN_KEYS = (
    "start",
    "end",
    "label",
    "text",
    "id",
    "annotator",
    "note",
    "created_at",
    "updated_at",
)
_SPAN_FIELDS = itemgetter(*_SPAN_KEYS)
_NO_ATTRS: dict[str, Any] = {}  # a span without "attrs" (never handed out)


def _refuse_constant(name: str) -> None:
    raise ValueError(f"holds {name}, which is not JSON")


def _document(obj: Any, path: Path, line: int, *, exact: bool = False) -> DocumentRecord:
    def fail(message: str) -> FormatError:
        return FormatError(path, message, line=line)

    if not isinstance(obj, dict):
        raise fail("is not a JSON object")
    raw = obj.get("text")
    if not isinstance(raw, str) or not raw:
        raise fail('has no "text" string')
    text, shift = normalize_text(raw, strip_bom=False)
    title = _optional_str(obj, "title", fail)
    if title is None:
        title = title_from(text, path.stem)
    status = _optional_str(obj, "status", fail) or "todo"
    if status not in STATUSES:
        raise fail(f'has status "{status}"; it must be one of {", ".join(STATUSES)}')
    meta = obj.get("meta", {})
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise fail('has a "meta" that is not a JSON object')
    if meta and not exact and not _plain(meta):
        raise _Inexact
    spans_in = obj.get("spans", [])
    relations_in = obj.get("relations", [])
    if not isinstance(spans_in, list) or not isinstance(relations_in, list):
        raise fail('has "spans" or "relations" that is not a list')
    source = _optional_str(obj, "source", fail)
    # Normalisation only removes characters: the same length means the same offsets.
    moved = shift if len(text) != len(raw) else None
    spans = [_span(s, i, raw, moved, fail, exact) for i, s in enumerate(spans_in, start=1)]
    relations = [_relation(r, i, fail) for i, r in enumerate(relations_in, start=1)]
    return DocumentRecord(
        text=text,
        title=title,
        source=path.name if source is None else source,
        meta=meta,
        status=status,
        id=_optional_str(obj, "id", fail),
        spans=spans,
        relations=relations,
        origin=str(path),
        line=line,
    )


def _span(
    obj: Any, i: int, raw: str, shift: OffsetShift | None, fail: Any, exact: bool
) -> SpanRecord:
    if type(obj) is not dict:
        raise fail(f"span {i} is not a JSON object")
    try:
        start, end, label, expected, sid, who, note, created, updated = _SPAN_FIELDS(obj)
    except KeyError:  # what `export` writes has them all; any may be left out
        start, end, label, expected, sid, who, note, created, updated = map(obj.get, _SPAN_KEYS)
    if type(start) is not int or type(end) is not int:
        raise fail(f'span {i} needs whole-number "start" and "end"')
    label = label.strip() if type(label) is str else ""
    if not label:
        raise fail(f'span {i} has no "label"')
    if not 0 <= start < end <= len(raw):
        raise fail(f"span {i} ({start}-{end}) falls outside the text of {len(raw)} characters")
    if expected is not None:
        if type(expected) is not str:
            raise fail(f'span {i} has a "text" that is not a string')
        if expected != raw[start:end]:
            raise fail(
                f"span {i} says its text is {_short(expected)} but {start}-{end} of the "
                f"document is {_short(raw[start:end])}; are the offsets code points?"
            )
    attrs = obj.get("attrs", _NO_ATTRS)
    if attrs is _NO_ATTRS:
        attrs = {}
    elif type(attrs) is not dict:
        raise fail(f'span {i} has "attrs" that is not a JSON object')
    elif attrs and not exact and not _plain(attrs):
        raise _Inexact
    if shift is not None:
        start, end = shift(start), shift(end)
        if start >= end:
            raise fail(f"span {i} covers only a line-ending character that import removes")
    # All five strings (nearly every span), or each a string or null.
    if not (
        type(sid) is str
        and type(who) is str
        and type(note) is str
        and type(created) is str
        and type(updated) is str
    ) and not (
        type(sid) in _STR_OR_NONE
        and type(who) in _STR_OR_NONE
        and type(note) in _STR_OR_NONE
        and type(created) in _STR_OR_NONE
        and type(updated) in _STR_OR_NONE
    ):
        for key in ("id", "annotator", "note", "created_at", "updated_at"):
            _optional_str(obj, key, fail, f"span {i}")
    return SpanRecord(start, end, label, sid, who, note or "", created, updated, attrs)


def _relation(obj: Any, i: int, fail: Any) -> RelationRecord:
    if not isinstance(obj, dict):
        raise fail(f"relation {i} is not a JSON object")
    head, tail, label = obj.get("head"), obj.get("tail"), obj.get("label")
    if not (
        isinstance(head, str)
        and isinstance(tail, str)
        and isinstance(label, str)
        and head
        and tail
        and label
    ):
        raise fail(f'relation {i} needs "head", "tail" and "label" strings')
    return RelationRecord(
        head=head, tail=tail, label=label, id=_optional_str(obj, "id", fail, f"relation {i}")
    )


def _optional_str(
    obj: dict[str, Any], key: str, fail: Any, what: str = "the document"
) -> str | None:
    value = obj.get(key)
    if value is not None and not isinstance(value, str):
        raise fail(f'{what} has a "{key}" that is not a string')
    return value


def _short(s: str) -> str:
    return json.dumps(s if len(s) <= 40 else s[:37] + "...", ensure_ascii=False)
