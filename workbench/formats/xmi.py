"""UIMA CAS XMI with its type system, for INCEpTION and other UIMA tools (dkpro-cassis).

The export is a folder: one `<name>.xmi` per document (the name made from its id by
export_folder.py; the id itself is the `documentId`) and the `TypeSystem.xml` they
share, as DKPro Core's XMI writer lays them out. Spans are `webanno.custom.Span`
annotations (features `label`, `note`), relations `webanno.custom.SpanRelation`
(`Governor`, `Dependent`, `label`) placed on their dependent as INCEpTION does; the
title is in DKPro's `DocumentMetaData`. In INCEpTION, define a span layer
`webanno.custom.Span` and a relation layer over it, each with a string feature `label`.

UIMA counts offsets in UTF-16 units; cassis converts them to and from code points.
Import reads an `.xmi` with the `TypeSystem.xml` beside it, or a `.zip` that holds
both (INCEpTION's export of a document): spans are the annotations of INCEpTION
custom layers (`webanno.custom.*`) and DKPro named entities; relations are the
annotations with `Governor` and `Dependent`.
"""

from __future__ import annotations

import io
import re
import warnings as pywarnings
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import cassis

from workbench.control_chars import escape_controls
from workbench.errors import FormatError, WorkbenchError
from workbench.formats.bounded_zip import BoundedZip
from workbench.formats.decode import read_bytes
from workbench.formats.export_folder import FileNamer, child, write_manifest
from workbench.formats.export_records import Scheme
from workbench.formats.plain import title_from
from workbench.formats.records import DocumentRecord, RelationRecord, Report, SpanRecord
from workbench.model import new_id
from workbench.offsets import normalize_text

SPAN, RELATION = "webanno.custom.Span", "webanno.custom.SpanRelation"
METADATA = "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData"
NAMED_ENTITY = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
TYPESYSTEM = "TypeSystem.xml"
_STRING = "uima.cas.String"


def typesystem() -> cassis.TypeSystem:
    ts = cassis.TypeSystem()
    meta = ts.create_type(METADATA, supertypeName="uima.tcas.DocumentAnnotation")
    for name in ("documentTitle", "documentId", "documentUri"):
        ts.create_feature(meta, name, _STRING)
    span = ts.create_type(SPAN, supertypeName="uima.tcas.Annotation")
    ts.create_feature(span, "label", _STRING)
    ts.create_feature(span, "note", _STRING)
    relation = ts.create_type(RELATION, supertypeName="uima.tcas.Annotation")
    ts.create_feature(relation, "Governor", SPAN)
    ts.create_feature(relation, "Dependent", SPAN)
    ts.create_feature(relation, "label", _STRING)
    return ts


def write(records: Iterable[DocumentRecord], path: Path, scheme: Scheme, report: Report) -> None:
    ts = typesystem()
    Meta, Span, Relation = ts.get_type(METADATA), ts.get_type(SPAN), ts.get_type(RELATION)
    names = FileNamer()
    for i, r in enumerate(records, start=1):
        _refuse_xml_illegal(r)
        cas = cassis.Cas(typesystem=ts)
        cas.sofa_string = r.text
        cas.add(
            Meta(
                begin=0,
                end=len(r.text),
                documentTitle=r.title,
                documentId=r.id,
                documentUri=r.source or None,
            )
        )
        annotations = {}
        for s in r.spans:
            annotations[s.id] = a = Span(
                begin=s.start, end=s.end, label=s.label, note=s.note or None
            )
            cas.add(a)
        for x in r.relations:
            tail = annotations[x.tail]
            cas.add(
                Relation(
                    begin=tail.begin,
                    end=tail.end,
                    Governor=annotations[x.head],
                    Dependent=tail,
                    label=x.label,
                )
            )
        cas.to_xmi(child(path, f"{names.stem(r.id, number=i)}.xmi"))
    ts.to_xml(child(path, TYPESYSTEM))
    write_manifest(path, format="xmi", documents=names.documents)


# The characters XML 1.0 allows; anything else (most C0 controls) cannot be in an XMI file.
_XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _refuse_xml_illegal(r: DocumentRecord) -> None:
    strings = [("text", r.text), ("title", r.title), ("id", r.id or ""), ("source", r.source)]
    strings += [(f"span {s.start}-{s.end}", f"{s.label}{s.note}") for s in r.spans]
    strings += [("relation label", x.label) for x in r.relations]
    for what, value in strings:
        found = _XML_ILLEGAL.search(value)
        if found:
            where = f" at offset {found.start()}" if what == "text" else ""
            raise WorkbenchError(
                f"Document '{escape_controls(r.id or r.title)}' cannot be written as XMI: its "
                f"{what} holds U+{ord(found.group()):04X}{where}, which XML cannot carry."
            )


def read(path: Path, warnings: list[str], *, encoding: str | None = None) -> list[DocumentRecord]:
    """Read an `.xmi` file (with `TypeSystem.xml` beside it) or a `.zip` holding both."""
    if path.suffix.lower() == ".zip":
        return _read_zip(path)
    ts_path = next(
        (p for p in (path.with_name(TYPESYSTEM), path.with_name("typesystem.xml")) if p.is_file()),
        None,
    )
    if ts_path is None:
        raise FormatError(path, f"has no {TYPESYSTEM} beside it")
    return [_document(_load(path, read_bytes(ts_path), read_bytes(path)), path, path.stem)]


def _read_zip(path: Path) -> list[DocumentRecord]:
    with BoundedZip(path) as z:
        ts_name = next((n for n in z.names if Path(n).name.lower() == "typesystem.xml"), None)
        xmis = sorted(n for n in z.names if n.lower().endswith(".xmi"))
        if ts_name is None or not xmis:
            raise FormatError(path, f"does not hold .xmi files and a {TYPESYSTEM}")
        ts_bytes = z.read(ts_name)
        return [_document(_load(path, ts_bytes, z.read(n)), path, Path(n).stem) for n in xmis]


def _load(path: Path, ts_bytes: bytes, xmi_bytes: bytes) -> cassis.Cas:
    try:
        ts = cassis.load_typesystem(io.BytesIO(ts_bytes))
        with pywarnings.catch_warnings():
            # cassis warns about offsets it cannot map; the checks below refuse those spans.
            pywarnings.simplefilter("ignore", UserWarning)
            return cassis.load_cas_from_xmi(io.BytesIO(xmi_bytes), typesystem=ts, lenient=True)
    except Exception as e:  # cassis raises lxml, ValueError and its own errors alike
        raise FormatError(path, f"is not a UIMA CAS XMI document with its type system ({e})") from e


def _document(cas: cassis.Cas, path: Path, name: str) -> DocumentRecord:
    raw = cas.sofa_string or ""
    if not raw:
        raise FormatError(path, f"{name} has no document text")
    text, shift = normalize_text(raw)
    spans: dict[int, SpanRecord] = {}
    relations: list[tuple[Any, Any, str]] = []
    title, doc_id = None, None
    # A type system without DKPro's metadata type is valid; subsumes() would raise on it.
    has_metadata = cas.typesystem.contains_type(METADATA)
    for a in cas.select_all_annotations():
        t = a.type
        features = {f.name for f in t.all_features}
        if t.name == METADATA or (has_metadata and cas.typesystem.subsumes(METADATA, t.name)):
            title, doc_id = a.get("documentTitle"), a.get("documentId")
        elif {"Governor", "Dependent"} <= features:
            relations.append((a.get("Governor"), a.get("Dependent"), _label(a, features)))
        elif t.name.startswith("webanno.custom.") or t.name == NAMED_ENTITY:
            if not 0 <= a.begin < a.end <= len(raw):
                raise FormatError(
                    path,
                    f"{name}: a {t.name} annotation ({a.begin}-{a.end}) falls outside the text",
                )
            start, end = shift(a.begin), shift(a.end)
            if start < end:
                note = a.get("note") if "note" in features else None
                spans[a.xmiID] = SpanRecord(
                    start, end, _label(a, features), id=new_id(), note=note or ""
                )
    links = [
        RelationRecord(spans[g.xmiID].id or "", spans[d.xmiID].id or "", label)
        for g, d, label in relations
        if g is not None and d is not None and g.xmiID in spans and d.xmiID in spans
    ]
    return DocumentRecord(
        text=text,
        title=title or title_from(text, name),
        source=path.name,
        id=doc_id,
        spans=list(spans.values()),
        relations=links,
        origin=str(path),
    )


def _label(a: Any, features: set[str]) -> str:
    for name in ("label", "value"):
        if name in features and a.get(name):
            return str(a.get(name))
    return a.type.name.rsplit(".", 1)[-1]
