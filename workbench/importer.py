"""Importing files into a project: all or nothing.

Every file is read and checked first; then one transaction adds documents, labels,
spans and relations. Any error leaves the project exactly as it was. A document whose
text the project already has is not added again; its spans are merged in.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from workbench import formats
from workbench.errors import FormatError
from workbench.formats.records import DocumentRecord, Report
from workbench.model import Document, Relation, Span, new_id, now
from workbench.project import Project, content_hash

Progress = Callable[[int, int], None]
_ID_CHUNK = 500


def expand(paths: Iterable[str | Path], *, format: str | None = None) -> list[tuple[Path, formats.Format]]:
    """The files to import under `paths` (folders recursively), each with its format."""
    forced = formats.get(format) if format else None
    found: list[tuple[Path, formats.Format]] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue
                if child.suffix.lower() == ".txt" and child.with_suffix(".ann").is_file():
                    continue  # the text of a brat pair: the .ann file imports both
                fmt = forced or formats.for_path(child)
                if fmt is not None:
                    found.append((child, fmt))
        elif path.is_file():
            fmt = forced or formats.for_path(path)
            if fmt is None:
                known = ", ".join(sorted({s for f in formats.FORMATS.values() if f.reader
                                          for s in f.suffixes}))
                raise FormatError(path, f"is not a file type Workbench imports ({known})")
            found.append((path, fmt))
        elif path.exists():
            raise FormatError(path, "is neither a file nor a folder")
        else:
            raise FormatError(path, "does not exist")
    return found


def read_files(
    files: Sequence[tuple[Path, formats.Format]],
    *,
    encoding: str | None = None,
    progress: Progress | None = None,
) -> tuple[list[DocumentRecord], list[str]]:
    warnings: list[str] = []
    records: list[DocumentRecord] = []
    for i, (path, fmt) in enumerate(files, start=1):
        records.extend(fmt.load("reader")(path, warnings, encoding=encoding))
        if progress:
            progress(i, len(files))
    return records, warnings


def import_paths(
    project: Project,
    paths: Iterable[str | Path],
    *,
    format: str | None = None,
    strict: bool = False,
    annotator: str | None = None,
    encoding: str | None = None,
    progress: Progress | None = None,
) -> Report:
    """Import files and folders; unknown labels are added, or refused when `strict`."""
    files = expand(paths, format=format)
    if not files:
        raise FormatError(", ".join(str(p) for p in paths) or "(nothing)",
                          "holds no file Workbench can import")
    records, warnings = read_files(files, encoding=encoding, progress=progress)
    report = import_records(project, records, strict=strict, annotator=annotator)
    report.warnings[:0] = warnings
    return report


def import_records(
    project: Project,
    records: Sequence[DocumentRecord],
    *,
    strict: bool = False,
    annotator: str | None = None,
) -> Report:
    """Add checked records to the project in one transaction."""
    report = Report()
    stamp = now()
    annotator = annotator or _default_annotator()
    with project.transaction():
        label_ids = _label_ids(project, records, strict=strict, report=report)
        type_ids = _relation_type_ids(project, records, strict=strict, report=report)

        documents: list[Document] = []
        spans: list[Span] = []
        keys: dict[tuple[str, int, int, int, str], str] = {}  # unique key -> stored span id
        id_map: dict[str, str] = {}  # span id in the file -> stored span id
        batch_hashes: dict[str, str] = {}
        used_doc_ids = set(project.document_ids())
        for r in records:
            digest = content_hash(r.text)
            doc_id = batch_hashes.get(digest) or project.document_with_hash(digest)
            if doc_id is not None:
                report.skipped_documents += 1
                if doc_id not in batch_hashes.values():
                    for s in project.spans(doc_id):
                        keys[(doc_id, s.start, s.end, s.label_id, s.annotator)] = s.id
            else:
                doc_id = r.id if r.id and r.id not in used_doc_ids else new_id()
                used_doc_ids.add(doc_id)
                batch_hashes[digest] = doc_id
                documents.append(Project.new_document(
                    r.text, title=r.title, source=r.source, meta=r.meta, status=r.status,
                    id=doc_id, imported_at=stamp,
                ))
            for s in r.spans:
                if not 0 <= s.start < s.end <= len(r.text):
                    raise FormatError(r.origin, f"a span ({s.start}-{s.end}) falls outside its "
                                      f"text of {len(r.text)} characters", line=r.line)
                who = s.annotator or annotator
                key = (doc_id, s.start, s.end, label_ids[s.label], who)
                if key in keys:
                    report.skipped_spans += 1
                    if s.id:
                        id_map[s.id] = keys[key]
                    continue
                created = s.created_at or stamp
                span = Span(s.id or new_id(), doc_id, s.start, s.end, label_ids[s.label], who,
                            s.note, created, s.updated_at or created, attrs=dict(s.attrs))
                keys[key] = span.id
                if s.id:
                    id_map[s.id] = span.id
                spans.append(span)

        spans = _fresh_span_ids(project, spans, id_map)
        relations = _relations(project, records, id_map, type_ids)
        project.insert_documents(documents)
        project.insert_spans(spans)
        project.insert_relations(relations)
    report.documents = len(documents)
    report.spans = len(spans)
    report.relations = len(relations)
    return report


def _default_annotator() -> str:
    from workbench.config import Config

    return Config.load().annotator


def _label_ids(project: Project, records: Sequence[DocumentRecord], *, strict: bool,
               report: Report) -> dict[str, int]:
    ids = {label.name: label.id for label in project.labels()}
    for r in records:
        for s in r.spans:
            if s.label not in ids:
                if strict:
                    raise FormatError(r.origin, f"uses the label '{s.label}', which the project "
                                      "does not have (import without --strict to add it)",
                                      line=r.line)
                ids[s.label] = project.add_label(s.label).id
                report.added_labels.append(s.label)
    return ids


def _relation_type_ids(project: Project, records: Sequence[DocumentRecord], *, strict: bool,
                       report: Report) -> dict[str, int]:
    ids = {t.name: t.id for t in project.relation_types()}
    for r in records:
        for x in r.relations:
            if x.label not in ids:
                if strict:
                    raise FormatError(r.origin, f"uses the relation type '{x.label}', which the "
                                      "project does not have (import without --strict to add it)",
                                      line=r.line)
                ids[x.label] = project.add_relation_type(x.label).id
                report.added_labels.append(x.label)
    return ids


def _fresh_span_ids(project: Project, spans: list[Span], id_map: dict[str, str]) -> list[Span]:
    """Give a new id to any span whose id the project already uses for another span."""
    taken: set[str] = set()
    ids = [s.id for s in spans]
    for i in range(0, len(ids), _ID_CHUNK):
        chunk = ids[i:i + _ID_CHUNK]
        marks = ",".join("?" * len(chunk))
        taken.update(row[0] for row in project.conn.execute(
            f"SELECT id FROM spans WHERE id IN ({marks})", chunk))
    if not taken:
        return spans
    fresh = []
    for s in spans:
        if s.id in taken:
            new = dataclasses.replace(s, id=new_id())
            id_map[s.id] = new.id
            s = new
        fresh.append(s)
    return fresh


def _relations(project: Project, records: Sequence[DocumentRecord], id_map: dict[str, str],
               type_ids: dict[str, int]) -> list[Relation]:
    relations = []
    seen: set[tuple[str, str, int]] = set()
    used_ids: set[str] = set()
    stamp = now()
    for r in records:
        for x in r.relations:
            head, tail = id_map.get(x.head), id_map.get(x.tail)
            for end, found in ((x.head, head), (x.tail, tail)):
                if found is None:
                    raise FormatError(r.origin, f"a relation refers to span '{end}', which is "
                                      "not in the imported files", line=r.line)
            assert head is not None and tail is not None
            if head == tail:
                raise FormatError(r.origin, f"a relation links span '{x.head}' to itself",
                                  line=r.line)
            key = (head, tail, type_ids[x.label])
            if key in seen or project.conn.execute(
                "SELECT 1 FROM relations WHERE head = ? AND tail = ? AND type_id = ?", key
            ).fetchone():
                continue
            seen.add(key)
            rid = x.id or new_id()
            if rid in used_ids or _relation_exists(project, rid):
                rid = new_id()  # the id is taken by another relation
            used_ids.add(rid)
            relations.append(Relation(rid, head, tail, type_ids[x.label], "", stamp))
    return relations


def _relation_exists(project: Project, relation_id: str) -> bool:
    return project.conn.execute(
        "SELECT 1 FROM relations WHERE id = ?", (relation_id,)
    ).fetchone() is not None
