"""brat standoff: a folder of `.txt`/`.ann` pairs with `annotation.conf` and `visual.conf`.

Each document is `<name>.txt` (its text) and `<name>.ann`, the name made from the
document's id (export_folder.py; the manifest there keeps the id itself for a re-import):
a `T` line per span
(`T1<TAB>label start end<TAB>text`), an `AnnotatorNotes` line per note
(`#1<TAB>AnnotatorNotes T1<TAB>note`) and an `R` line per relation
(`R1<TAB>type Arg1:T1 Arg2:T2`). brat counts offsets in code points of the `.txt`
file as it is on disk (CRLF is two). A span that crosses a line break is written as
fragments (`start end;start end`), as brat does; on import a span runs from its first
fragment's start to its last fragment's end. brat type names have no spaces: spaces
in labels become underscores.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from workbench.errors import FormatError
from workbench.formats.decode import read_text
from workbench.formats.export_folder import FileNamer, child, original_id, write_manifest
from workbench.formats.export_records import Scheme
from workbench.formats.incoming import Fail, IncomingText
from workbench.formats.plain import title_from
from workbench.formats.records import DocumentRecord, RelationRecord, Report, SpanRecord
from workbench.model import new_id

_FRAGMENT = re.compile(r"[^\n]+")


def brat_name(name: str) -> str:
    return re.sub(r"\s+", "_", name.strip())


def write(records: Iterable[DocumentRecord], path: Path, scheme: Scheme, report: Report) -> None:
    renamed = {lb.name for lb in scheme.labels + scheme.relation_types}
    renamed = {n for n in renamed if brat_name(n) != n}
    names = FileNamer()
    for i, r in enumerate(records, start=1):
        stem = names.stem(r.id, number=i)
        child(path, f"{stem}.txt").write_text(r.text, encoding="utf-8", newline="\n")
        child(path, f"{stem}.ann").write_text(ann(r), encoding="utf-8", newline="\n")
    child(path, "annotation.conf").write_text(_annotation_conf(scheme), encoding="utf-8")
    child(path, "visual.conf").write_text(_visual_conf(scheme), encoding="utf-8")
    write_manifest(path, format="brat", documents=names.documents)
    if renamed:
        report.warnings.append(
            "brat type names cannot hold spaces; these labels are written "
            "with underscores: " + ", ".join(sorted(renamed)) + "."
        )


def ann(r: DocumentRecord) -> str:
    lines, numbers = [], {}
    for i, s in enumerate(r.spans, start=1):
        numbers[s.id] = f"T{i}"
        pieces = [
            (m.start() + s.start, m.end() + s.start)
            for m in _FRAGMENT.finditer(r.text[s.start : s.end])
        ]
        where = ";".join(f"{a} {b}" for a, b in pieces)
        lines.append(
            f"T{i}\t{brat_name(s.label)} {where}\t{' '.join(r.text[a:b] for a, b in pieces)}"
        )
    for i, (number, s) in enumerate(((numbers[s.id], s) for s in r.spans if s.note), start=1):
        lines.append(f"#{i}\tAnnotatorNotes {number}\t{' '.join(s.note.split())}")
    for i, x in enumerate(r.relations, start=1):
        lines.append(f"R{i}\t{brat_name(x.label)} Arg1:{numbers[x.head]} Arg2:{numbers[x.tail]}")
    return "".join(line + "\n" for line in lines)


def _annotation_conf(scheme: Scheme) -> str:
    entities = "\n".join(brat_name(lb.name) for lb in scheme.labels)
    relations = "\n".join(
        f"{brat_name(t.name)}\tArg1:<ENTITY>, Arg2:<ENTITY>" for t in scheme.relation_types
    )
    return f"[entities]\n{entities}\n\n[relations]\n{relations}\n\n[events]\n\n[attributes]\n"


def _visual_conf(scheme: Scheme) -> str:
    drawing = "\n".join(f"{brat_name(lb.name)}\tbgColor:{lb.color}" for lb in scheme.labels)
    return f"[labels]\n\n[drawing]\n{drawing}\n"


def read(path: Path, warnings: list[str], *, encoding: str | None = None) -> list[DocumentRecord]:
    """Read `path` (an `.ann` file) with the `.txt` beside it."""
    txt = path.with_suffix(".txt")
    if not txt.is_file():
        raise FormatError(path, f"has no text file {txt.name} beside it")
    raw = read_text(txt, warnings, encoding=encoding)
    incoming = IncomingText(raw, "codepoint")
    spans: dict[str, SpanRecord] = {}
    relations: list[RelationRecord] = []
    notes: list[tuple[str, str, int]] = []
    ignored = 0
    content = read_text(path, warnings, encoding=encoding) if path.stat().st_size else ""
    for number, line in enumerate(content.split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip():
            continue

        def fail(message: str, number: int = number) -> FormatError:
            return FormatError(path, message, line=number)

        key, _, rest = line.partition("\t")
        fields = rest.split("\t")
        if key.startswith("T"):
            spans[key] = _entity(key, fields, incoming, fail)
        elif key.startswith("R"):
            parts = fields[0].split()
            args = dict(p.split(":", 1) for p in parts[1:] if ":" in p)
            if len(parts) < 3 or not {"Arg1", "Arg2"} <= args.keys():
                raise fail(f"relation {key} needs a type, Arg1: and Arg2:")
            relations.append(RelationRecord(args["Arg1"], args["Arg2"], parts[0]))
        elif key.startswith("#") and fields[0].split()[:1] == ["AnnotatorNotes"]:
            target = fields[0].split()[1] if len(fields[0].split()) > 1 else ""
            notes.append((target, fields[1] if len(fields) > 1 else "", number))
        else:
            ignored += 1
    for target, note, _number in notes:
        if target in spans:
            spans[target].note = note
    for x in relations:
        for end in (x.head, x.tail):
            if end not in spans:
                raise FormatError(path, f"a relation refers to {end}, which is not a T line")
        x.head, x.tail = spans[x.head].id or "", spans[x.tail].id or ""
    if ignored:
        warnings.append(
            f"{path}: {ignored} line(s) that are not spans, notes or relations "
            "(events, attributes, normalisations) were not imported."
        )
    return [
        DocumentRecord(
            text=incoming.text,
            title=title_from(incoming.text, path.stem),
            source=txt.name,
            id=original_id(path, format="brat") or path.stem,
            spans=list(spans.values()),
            relations=relations,
            origin=str(path),
        )
    ]


def _entity(key: str, fields: list[str], incoming: IncomingText, fail: Fail) -> SpanRecord:
    head = fields[0].split(" ", 1)
    try:
        pieces = [tuple(int(n) for n in piece.split()) for piece in head[1].split(";")]
        if any(len(p) != 2 for p in pieces):
            raise ValueError
    except (IndexError, ValueError):
        raise fail(f"span {key} needs a type and start end offsets") from None
    one = len(pieces) == 1
    expected = fields[1] if one and len(fields) > 1 else None
    start, end = incoming.span(pieces[0][0], pieces[-1][1], f"span {key}", fail, expected=expected)
    return SpanRecord(start, end, head[0], id=new_id())
