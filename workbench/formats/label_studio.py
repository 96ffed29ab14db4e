"""Label Studio: a tasks JSON with the spans as annotations, and its labelling config.

The export is a folder: `tasks.json` (import it into a Label Studio project) and
`config.xml` (paste it under Settings > Labeling Interface first). Each document is
a task with one annotation whose results are the spans (`labels`), their notes
(`textarea`, per region) and the relations (`relation`).

Label Studio's Text tag counts offsets in code points (its front end converts from
JavaScript's UTF-16 positions; see its "NER - Emoji - Text" tests), and counts CRLF as
two characters, so import maps offsets from the raw text. Annotators are not carried.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import orjson

from workbench.errors import FormatError
from workbench.formats.decode import read_text
from workbench.formats.export_folder import child
from workbench.formats.export_records import Scheme
from workbench.formats.incoming import IncomingText
from workbench.formats.plain import title_from
from workbench.formats.records import DocumentRecord, RelationRecord, Report, SpanRecord
from workbench.model import STATUSES, new_id
from workbench.offsets import BOM

TASKS, CONFIG = "tasks.json", "config.xml"
FROM_NAME, TO_NAME, NOTE_NAME = "label", "text", "note"


def write(records: Iterable[DocumentRecord], path: Path, scheme: Scheme, report: Report) -> None:
    tasks = [task(r) for r in records]
    child(path, TASKS).write_bytes(orjson.dumps(tasks, option=orjson.OPT_INDENT_2))
    child(path, CONFIG).write_text(config(scheme), encoding="utf-8")


def config(scheme: Scheme) -> str:
    """The labelling config: the text, its labels, relation types and a note per region."""
    view = ET.Element("View")
    ET.SubElement(view, "Text", name=TO_NAME, value="$text")
    labels = ET.SubElement(view, "Labels", name=FROM_NAME, toName=TO_NAME)
    for lb in scheme.labels:
        ET.SubElement(labels, "Label", value=lb.name, background=lb.color)
    if scheme.relation_types:
        relations = ET.SubElement(view, "Relations")
        for t in scheme.relation_types:
            ET.SubElement(relations, "Relation", value=t.name)
    ET.SubElement(
        view,
        "TextArea",
        name=NOTE_NAME,
        toName=TO_NAME,
        perRegion="true",
        editable="true",
        displayMode="region-list",
    )
    ET.indent(view)
    return ET.tostring(view, encoding="unicode") + "\n"


def task(r: DocumentRecord) -> dict[str, Any]:
    result: list[dict[str, Any]] = []
    for s in r.spans:
        where = {"start": s.start, "end": s.end, "text": r.text[s.start : s.end]}
        result.append(
            {
                "id": s.id,
                "from_name": FROM_NAME,
                "to_name": TO_NAME,
                "type": "labels",
                "value": {**where, "labels": [s.label]},
            }
        )
        if s.note:
            result.append(
                {
                    "id": s.id,
                    "from_name": NOTE_NAME,
                    "to_name": TO_NAME,
                    "type": "textarea",
                    "value": {**where, "text": [s.note]},
                }
            )
    result += [
        {
            "type": "relation",
            "from_id": x.head,
            "to_id": x.tail,
            "direction": "right",
            "labels": [x.label],
        }
        for x in r.relations
    ]
    data = {
        "text": r.text,
        "title": r.title,
        "source": r.source,
        "status": r.status,
        "workbench_id": r.id,
        "meta": r.meta,
    }
    return {"data": data, "annotations": [{"result": result}]}


def read(path: Path, warnings: list[str], *, encoding: str | None = None) -> list[DocumentRecord]:
    content = read_text(path, warnings, encoding=encoding).removeprefix(BOM)
    try:
        tasks = json.loads(content)
    except json.JSONDecodeError as e:
        raise FormatError(path, f"is not valid JSON ({e.msg})", line=e.lineno) from e
    except RecursionError as e:
        raise FormatError(path, "nests JSON deeper than Workbench reads") from e
    if isinstance(tasks, dict):
        tasks = [tasks]
    if not isinstance(tasks, list) or not tasks:
        raise FormatError(path, "is not a Label Studio export (a list of tasks)")
    return [_task(t, path, i) for i, t in enumerate(tasks, start=1)]


def _task(t: Any, path: Path, number: int) -> DocumentRecord:
    def fail(message: str) -> FormatError:
        return FormatError(path, f"task {number}: {message}")

    data = t.get("data") if isinstance(t, dict) else None
    if not isinstance(data, dict):
        raise fail('has no "data" object; is this Label Studio\'s JSON export?')
    raw = data.get("text")
    if not isinstance(raw, str):
        strings = [v for v in data.values() if isinstance(v, str)]
        if len(strings) != 1:
            raise fail('has no "text" in its data')
        raw = strings[0]
    if not raw:
        raise fail("has an empty text")
    incoming = IncomingText(raw, "codepoint")
    spans: list[SpanRecord] = []
    relations: list[RelationRecord] = []
    annotations = t.get("annotations") or []
    if not isinstance(annotations, list):
        raise fail('has "annotations" that is not a list')
    for annotation in annotations:
        if isinstance(annotation, dict) and not annotation.get("was_cancelled"):
            _results(annotation, incoming, spans, relations, fail)
    given_meta = data.get("meta")
    meta = (
        given_meta
        if isinstance(given_meta, dict)
        else {k: v for k, v in data.items() if k not in ("text", "title", "source", "status")}
    )
    title, source, status, doc_id = (
        data.get(k) for k in ("title", "source", "status", "workbench_id")
    )
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
    )


def _results(
    annotation: dict[str, Any],
    incoming: IncomingText,
    spans: list[SpanRecord],
    relations: list[RelationRecord],
    fail: Any,
) -> None:
    who = annotation.get("completed_by")
    annotator = who.get("email") if isinstance(who, dict) else None
    results = annotation.get("result") or []
    if not isinstance(results, list):
        raise fail('has a "result" that is not a list')
    results = [r for r in results if isinstance(r, dict)]
    ids: dict[str, list[SpanRecord]] = {}  # region id in the file -> its spans (one per label)
    notes: dict[str, str] = {}
    for i, r in enumerate(results, start=1):
        value = r.get("value") or {}
        if not isinstance(value, dict):
            raise fail(f'result {i} has a "value" that is not an object')
        if r.get("type") == "labels":
            start, end = incoming.span(
                value.get("start"),
                value.get("end"),
                f"result {i}",
                fail,
                expected=value.get("text"),
            )
            region = ids.setdefault(str(r.get("id") or new_id()), [])
            labels = value.get("labels") or []
            if not isinstance(labels, list):
                raise fail(f'result {i} has "labels" that is not a list')
            for label in labels:
                region.append(SpanRecord(start, end, str(label), id=new_id(), annotator=annotator))
        elif r.get("type") == "textarea" and r.get("id"):
            text = value.get("text")
            notes[str(r["id"])] = "\n".join(text) if isinstance(text, list) else str(text or "")
    for region_id, note in notes.items():
        for s in ids.get(region_id, []):
            s.note = note
    for r in results:
        if r.get("type") == "relation":
            heads, tails = ids.get(str(r.get("from_id"))), ids.get(str(r.get("to_id")))
            if not heads or not tails:
                raise fail(
                    f"a relation links {r.get('from_id')} and {r.get('to_id')}, "
                    "which are not both labelled regions"
                )
            for label in r.get("labels") or ["related"]:
                relations.append(RelationRecord(heads[0].id or "", tails[0].id or "", str(label)))
    for region in ids.values():
        spans.extend(region)
