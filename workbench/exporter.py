"""Exporting a project: filtered records, handed to a format's writer, written atomically.

The writer writes a temporary file (or folder) beside the target, which then replaces
the target in one rename: an interrupted export never leaves a half file under its name.
The target is never the project itself (nor its -wal or -shm), and a folder export only
replaces a folder that is empty or holds an earlier export of the same format, unchanged
(see formats/export_folder.py).
"""

from __future__ import annotations

import inspect
import json
import shutil
import sys
import tempfile
from collections.abc import Callable, Collection, Iterator
from pathlib import Path

from workbench import formats
from workbench.control_chars import escape_controls, has_control
from workbench.errors import WorkbenchError
from workbench.formats import export_folder
from workbench.formats.export_records import DocumentRows, LabelInfo, Scheme
from workbench.formats.records import DocumentRecord, RelationRecord, Report
from workbench.output_files import (
    refuse_project_files,
    replace_file,
    temporary_beside,
    with_default_permissions,
)
from workbench.project import Project

Progress = Callable[[int, int], None]


def scheme(project: Project) -> Scheme:
    return Scheme(
        labels=[
            LabelInfo(lb.name, lb.color, lb.description, lb.shortcut) for lb in project.labels()
        ],
        relation_types=[
            LabelInfo(t.name, t.color, t.description) for t in project.relation_types()
        ],
    )


def iter_records(
    project: Project,
    *,
    labels: Collection[str] | None = None,
    annotators: Collection[str] | None = None,
    statuses: Collection[str] | None = None,
    only_annotated: bool = False,
    document_ids: Collection[str] | None = None,
    progress: Progress | None = None,
) -> Iterator[DocumentRecord]:
    """Documents in import order with their spans sorted by (start, end, label).

    A relation is kept when both its spans are; it travels with its head's document.
    """
    for document in iter_documents(
        project,
        labels=labels,
        annotators=annotators,
        statuses=statuses,
        only_annotated=only_annotated,
        document_ids=document_ids,
        progress=progress,
    ):
        yield document.record()


def iter_documents(
    project: Project,
    *,
    labels: Collection[str] | None = None,
    annotators: Collection[str] | None = None,
    statuses: Collection[str] | None = None,
    only_annotated: bool = False,
    document_ids: Collection[str] | None = None,
    progress: Progress | None = None,
) -> Iterator[DocumentRows]:
    """`iter_records`' documents, their spans as sorted rows (see DocumentRows)."""
    label_names = {lb.id: lb.name for lb in project.labels()}
    type_names = {t.id: t.name for t in project.relation_types()}
    known = set(label_names.values())
    for name in labels or ():
        if name not in known:
            raise WorkbenchError(f"The project has no label '{name}'.")

    where, params = ["1"], []
    if statuses:
        where.append(f"d.status IN ({','.join('?' * len(statuses))})")
        params += list(statuses)
    if document_ids is not None:
        where.append(f"d.id IN ({','.join('?' * len(document_ids))})")
        params += list(document_ids)
    doc_where = " AND ".join(where)
    total = project.conn.execute(
        f"SELECT count(*) FROM documents d WHERE {doc_where}", params
    ).fetchone()[0]

    span_filter = ["s.document_id = ?"]
    span_params: list[int | str] = []
    if labels:
        ids = [i for i, n in label_names.items() if n in set(labels)]
        span_filter.append(f"s.label_id IN ({','.join('?' * len(ids))})")
        span_params += ids
    if annotators:
        span_filter.append(f"s.annotator IN ({','.join('?' * len(annotators))})")
        span_params += list(annotators)
    # Read in the order of the index on (document, start, end, label id, annotator): an
    # ORDER BY on the label's name would sort every document's spans again in a temporary
    # B-tree. The rows are put in (start, end, label name, annotator) order by Python's
    # sort, which on rows already sorted but for ties only compares neighbours: SQLite's
    # BINARY order of text is Python's order of str, and no two rows tie on all four.
    span_sql = (
        "SELECT s.start, s.end, l.name, s.annotator, s.id, s.note, s.created_at, s.updated_at, "
        "s.attrs "
        f"FROM spans s JOIN labels l ON l.id = s.label_id WHERE {' AND '.join(span_filter)} "
        "ORDER BY s.start, s.end, s.label_id, s.annotator"
    )
    relation_sql = (
        "SELECT r.id, r.head, r.tail, r.type_id FROM relations r JOIN spans s ON s.id = r.head "
        "WHERE s.document_id = ? ORDER BY r.rowid"
    )

    # Which spans are exported decides which relations are: collect their ids first (only
    # the ids, so a million spans are never all in memory as records at once).
    id_sql = (
        "SELECT s.id FROM spans s JOIN labels l ON l.id = s.label_id "
        f"WHERE {' AND '.join(span_filter)}"
    )
    exported: set[str] | None = None
    if project.conn.execute("SELECT 1 FROM relations LIMIT 1").fetchone():
        exported = set()
        for (doc_id,) in project.conn.execute(
            f"SELECT d.id FROM documents d WHERE {doc_where}", params
        ).fetchall():
            exported.update(row[0] for row in project.conn.execute(id_sql, [doc_id, *span_params]))

    # A cursor, not a list: only the document being written is in memory.
    docs = project.conn.execute(
        "SELECT d.id, d.title, d.source, d.text, d.status, d.meta FROM documents d "
        f"WHERE {doc_where} ORDER BY d.rowid",
        params,
    )
    execute = project.conn.execute
    for i, (doc_id, title, source, text, status, meta) in enumerate(docs, start=1):
        rows = execute(span_sql, [doc_id, *span_params]).fetchall()
        rows.sort()
        if only_annotated and not rows:
            continue
        relations = (
            []
            if exported is None
            else [
                RelationRecord(head, tail, type_names[type_id], id=rid)
                for rid, head, tail, type_id in execute(relation_sql, (doc_id,))
                if head in exported and tail in exported
            ]
        )
        yield DocumentRows(
            id=doc_id,
            title=title,
            source=source,
            text=text,
            status=status,
            meta={} if meta == "{}" else json.loads(meta),
            rows=rows,
            relations=relations,
        )
        if progress:
            progress(i, total)


def export_project(
    project: Project,
    out: str | Path,
    *,
    format: str = "jsonl",
    labels: Collection[str] | None = None,
    annotators: Collection[str] | None = None,
    statuses: Collection[str] | None = None,
    only_annotated: bool = False,
    progress: Progress | None = None,
    **options: object,
) -> Report:
    """Write the project (filtered) to `out` ("-" for standard output) in `format`."""
    fmt = formats.get(format)
    writer = fmt.load("writer")
    _check_options(fmt.name, writer, options)
    report = Report()
    documents = iter_documents(
        project,
        labels=labels,
        annotators=annotators,
        statuses=statuses,
        only_annotated=only_annotated,
        progress=progress,
    )

    def counted_rows() -> Iterator[DocumentRows]:
        for d in documents:
            report.documents += 1
            report.spans += len(d.rows)
            report.relations += len(d.relations)
            yield d

    def write(tmp: Path) -> None:
        if fmt.rows_writer:  # the native format takes the rows as they are read
            fmt.load("rows_writer")(counted_rows(), tmp, scheme(project), report, **options)
        else:
            writer((d.record() for d in counted_rows()), tmp, scheme(project), report, **options)

    if str(out) == "-":
        if fmt.folder:
            raise WorkbenchError(f"The {fmt.name} format writes a folder; name it with -o.")
        _refuse_control_names(project)
        with temporary_beside(
            Path(tempfile.gettempdir()) / "workbench-export", folder=False
        ) as tmp:
            write(tmp)
            with tmp.open("rb") as f:
                shutil.copyfileobj(f, sys.stdout.buffer)
            sys.stdout.flush()
        return report

    target = Path(out)
    if not target.parent.is_dir():
        raise WorkbenchError(f"Cannot write {target}: folder {target.parent} does not exist.")
    refuse_project_files(project, target)
    _refuse_control_names(project)
    earlier = export_folder.check_replaceable(target, format=fmt.name) if fmt.folder else None
    with temporary_beside(target, folder=fmt.folder) as tmp:
        write(tmp)
        if fmt.folder:
            if not (tmp / export_folder.MANIFEST).exists():
                export_folder.write_manifest(tmp, format=fmt.name)
            _replace_folder(tmp, target, earlier, report)
        else:
            replace_file(tmp, target)
    return report


def _refuse_control_names(project: Project) -> None:
    """Line-based formats would split a label holding a line break into two records."""
    for kind, names in (
        ("label", [lb.name for lb in project.labels()]),
        ("relation type", [t.name for t in project.relation_types()]),
    ):
        for name in names:
            if has_control(name):
                raise WorkbenchError(
                    f"The {kind} '{escape_controls(name)}' holds a control character or line "
                    "break, which export formats cannot carry; rename it in the window first."
                )


def _check_options(name: str, write: Callable[..., object], options: dict[str, object]) -> None:
    """Refuse options the format's writer does not take, naming those it does."""
    known = [
        p.name
        for p in inspect.signature(write).parameters.values()
        if p.kind is inspect.Parameter.KEYWORD_ONLY
    ]
    unknown = sorted(set(options) - set(known))
    if unknown:
        takes = f"it takes {', '.join(known)}" if known else "it takes no options"
        raise WorkbenchError(f"The {name} format has no option '{unknown[0]}'; {takes}.")


def _replace_folder(
    tmp: Path, target: Path, earlier: export_folder.Manifest | None, report: Report
) -> None:
    """Move the new folder into place; an earlier export there loses only its own files."""
    with_default_permissions(tmp, folder=True)
    if earlier is None:
        if target.is_dir():
            target.rmdir()  # empty when checked; fails, changing nothing, if it no longer is
        tmp.rename(target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
    old.rmdir()  # only the unused name is wanted
    target.rename(old)
    tmp.rename(target)
    if not export_folder.remove_export(old, earlier):
        report.warnings.append(
            f"The earlier export was moved to {old}, which now holds files "
            "Workbench did not write; look at them and delete it."
        )
