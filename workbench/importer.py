"""Importing files into a project: all or nothing.

One transaction adds documents, labels, spans and relations, in batches as the files
are read and checked; any error, in any file, rolls it all back and leaves the project
exactly as it was. A document whose text the project already has is not added again;
its spans are merged in.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from workbench import formats
from workbench.control_chars import escape_controls, has_control
from workbench.errors import EditError, FormatError
from workbench.formats.records import DocumentRecord, RelationRecord, Report
from workbench.import_files import expand
from workbench.import_limits import within_limits
from workbench.model import Document, Relation, new_id, now
from workbench.project import Project, attrs_json, content_hash
from workbench.wording import counted

Progress = Callable[[int, int], None]
_MALFORMED = (
    TypeError,
    AttributeError,
    KeyError,
    IndexError,
    ValueError,
    UnicodeError,
    RecursionError,
)
_ID_CHUNK = 500
# Rows written at once: large enough for executemany to pay, small enough to hold.
_BATCH_SPANS = 20_000
_BATCH_DOCUMENTS = 200


def read_files(
    files: Sequence[tuple[Path, formats.Format]],
    warnings: list[str],
    *,
    encoding: str | None = None,
    progress: Progress | None = None,
) -> Iterator[DocumentRecord]:
    """The files' records as they are read; a reader's `warnings` are added as it goes."""
    for i, (path, fmt) in enumerate(files, start=1):
        read = fmt.load("reader")
        try:
            yield from within_limits(read(path, warnings, encoding=encoding), path)
        except _MALFORMED as e:
            # A reader's own checks name the line; this net catches shapes they missed, so
            # bad input is still one sentence naming the file, never a traceback.
            raise FormatError(
                path, f"is not a valid {fmt.name} file ({type(e).__name__}: {e})"
            ) from e
        if progress:
            progress(i, len(files))


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
    warnings: list[str] = []
    skipped: list[Path] = []
    files = expand(paths, format=format, warnings=warnings, skipped=skipped)
    if not files:
        raise FormatError(
            ", ".join(str(p) for p in paths) or "(nothing)", "holds no file Workbench can import"
        )
    records = read_files(files, warnings, encoding=encoding, progress=progress)
    report = import_records(project, records, strict=strict, annotator=annotator)
    report.warnings[:0] = warnings
    if skipped:
        names = ", ".join(escape_controls(p.name) for p in skipped[:5]) + (
            ", …" if len(skipped) > 5 else ""
        )
        report.warnings.insert(
            0, f"Skipped {counted(len(skipped), 'file')} Workbench does not import ({names})."
        )
    return report


def import_records(
    project: Project,
    records: Iterable[DocumentRecord],
    *,
    strict: bool = False,
    annotator: str | None = None,
) -> Report:
    """Add records to the project in one transaction, checking each as it comes.

    Records may be read lazily: they are written in batches, and an error in any of them
    (or in reading them) rolls the whole import back.
    """
    report = Report()
    origin = ""
    # The batch makes every reference it stores: to documents and labels it read or
    # wrote, to spans it stored.
    with _collector_paused(), project.references_unchecked(), project.transaction():
        batch = _Batch(project, report, strict=strict, annotator=annotator)
        try:
            for r in records:
                if r.origin != origin:
                    batch.flush()  # each write holds one file's rows, so a failure names it
                    origin = r.origin
                batch.add(r)
            batch.finish()
        except UnicodeEncodeError as e:
            # JSON can spell a lone surrogate ("\ud800"); SQLite stores only characters.
            raise FormatError(
                origin,
                "holds a lone UTF-16 surrogate (an escape between "
                "\\ud800 and \\udfff), which is not a character",
            ) from e
    return report


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused: an import makes a few objects per span and
    no cycles, and the collector's passes over them were 3% of a 200k-span import."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Batch:
    """The import's state: rows waiting to be written and what later records need."""

    def __init__(
        self, project: Project, report: Report, *, strict: bool, annotator: str | None
    ) -> None:
        self.project, self.report, self.strict = project, report, strict
        # The settings' annotator, read only when a span names none (the settings file,
        # platformdirs and getpass: ~5 ms of a whole CLI import of ~90 ms).
        self._annotator = annotator
        self.stamp = now()
        self.label_ids = {label.name: label.id for label in project.labels()}
        self.documents: list[Document] = []
        self.rows: list[tuple[object, ...]] = []  # span rows, as insert_span_rows takes them
        self.hashes: dict[str, str] = {}  # content hash -> id, for documents of this import
        self.used_doc_ids = set(project.document_ids())
        # A file's span id -> the stored span's id, for spans not stored as they came (a
        # duplicate merged into an existing span, or an id the project already used).
        self.id_map: dict[str, str] = {}
        self.relations: list[tuple[DocumentRecord, RelationRecord]] = []
        # Spans stored by this import have a rowid above this one.
        self.first_rowid = project.conn.execute(
            "SELECT coalesce(max(rowid), 0) FROM spans"
        ).fetchone()[0]

    def add(self, r: DocumentRecord) -> None:
        _refuse_control_ids(r)
        report, stamp = self.report, self.stamp
        digest = content_hash(r.text)
        doc_id = self.hashes.get(digest) or self.project.document_with_hash(digest)
        keys: dict[tuple[int, int, int, str], str] = {}  # this document's spans -> stored id
        if doc_id is not None:
            report.skipped_documents += 1
            self.flush()
            for stored_span in self.project.spans(doc_id):
                keys[
                    (
                        stored_span.start,
                        stored_span.end,
                        stored_span.label_id,
                        stored_span.annotator,
                    )
                ] = stored_span.id
        else:
            doc_id = r.id if r.id and r.id not in self.used_doc_ids else new_id()
            self.used_doc_ids.add(doc_id)
            self.hashes[digest] = doc_id
            self.documents.append(
                Project.new_document(
                    r.text,
                    title=r.title,
                    source=r.source,
                    meta=r.meta,
                    status=r.status,
                    id=doc_id,
                    imported_at=stamp,
                )
            )
            report.documents += 1
        length, label_ids, rows, id_map = len(r.text), self.label_ids, self.rows, self.id_map
        default_who, append = self._annotator, rows.append
        for s in r.spans:
            start, end, attrs = s.start, s.end, s.attrs
            if not 0 <= start < end <= length:
                raise FormatError(
                    r.origin,
                    f"a span ({start}-{end}) falls outside its text of {length} characters",
                    line=r.line,
                )
            label_id = label_ids.get(s.label)
            if label_id is None:
                label_id = label_ids.get(s.label.strip()) or self._add_label(r, s.label.strip())
            who = s.annotator or default_who
            if not who:
                who = default_who = self._annotator = _default_annotator()
            key = (start, end, label_id, who)
            stored = keys.get(key)
            if stored is not None:
                report.skipped_spans += 1
                if s.id:
                    id_map[s.id] = stored
                continue
            span_id = keys[key] = s.id or new_id()
            created = s.created_at or stamp
            append(
                (
                    span_id,
                    doc_id,
                    start,
                    end,
                    label_id,
                    who,
                    s.note,
                    created,
                    s.updated_at or created,
                    attrs_json(attrs) if attrs else "{}",  # most spans have none
                )
            )
        self.relations.extend((r, x) for x in r.relations)
        if len(rows) >= _BATCH_SPANS or len(self.documents) >= _BATCH_DOCUMENTS:
            self.flush()

    def _add_label(self, r: DocumentRecord, name: str) -> int:
        if self.strict:
            raise FormatError(
                r.origin,
                f"uses the label '{name}', which the project does not "
                "have (import without --strict to add it)",
                line=r.line,
            )
        label_id = self.label_ids[name] = _added(r, lambda: self.project.add_label(name).id)
        self.report.added_labels.append(name)
        return label_id

    def flush(self) -> None:
        """Write the waiting documents and spans."""
        if self.documents:
            self.project.insert_documents(self.documents)
            self.documents = []
        if not self.rows:
            return
        rows, self.rows = self.rows, []
        # No savepoint around the batch: inside one, SQLite copies every page the batch
        # touches first to a sub-journal (7% of a big import). A row that fails is not
        # written and the rows before it are; the rest go again with fresh ids for those
        # that are taken. A second failure ends the import, which rolls everything back.
        conn = self.project.conn
        before = conn.total_changes
        try:
            self.project.insert_span_rows(rows)
        except EditError:
            stored = conn.total_changes - before  # spans have no triggers: one change a row
            self.project.insert_span_rows(self._fresh_ids(rows[stored:]))
        self.report.spans += len(rows)

    def _fresh_ids(self, rows: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
        """The rows, with a new id for any span whose id is taken (in the project or batch)."""
        ids = [str(row[0]) for row in rows]
        taken: set[str] = set()
        for i in range(0, len(ids), _ID_CHUNK):
            chunk = ids[i : i + _ID_CHUNK]
            marks = ",".join("?" * len(chunk))
            taken.update(
                row[0]
                for row in self.project.conn.execute(
                    f"SELECT id FROM spans WHERE id IN ({marks})", chunk
                )
            )
        fresh = []
        for span_id, row in zip(ids, rows, strict=True):
            if span_id in taken:
                new = new_id()
                self.id_map[span_id] = new
                row = (new, *row[1:])
            taken.add(span_id)
            fresh.append(row)
        return fresh

    def finish(self) -> None:
        self.flush()
        relations = _relations(
            self.project, self.relations, self._stored_span, self._relation_type_ids()
        )
        self.project.insert_relations(relations)
        self.report.relations = len(relations)

    def _stored_span(self, file_id: str) -> str | None:
        """The stored id of a span the imported files call `file_id`, if they have it."""
        stored = self.id_map.get(file_id)
        if stored is not None:
            renamed = self.id_map.get(stored, stored)  # merged into a span that was renamed
            return stored if renamed == file_id else renamed
        found = self.project.conn.execute(
            "SELECT 1 FROM spans WHERE id = ? AND rowid > ?", (file_id, self.first_rowid)
        ).fetchone()
        return file_id if found else None

    def _relation_type_ids(self) -> dict[str, int]:
        ids = {t.name: t.id for t in self.project.relation_types()}
        for r, x in self.relations:
            x.label = x.label.strip()
            if x.label not in ids:
                if self.strict:
                    raise FormatError(
                        r.origin,
                        f"uses the relation type '{x.label}', which the "
                        "project does not have (import without --strict to add "
                        "it)",
                        line=r.line,
                    )
                name = x.label
                ids[name] = _added(r, lambda: self.project.add_relation_type(name).id)  # noqa: B023  # called at once
                self.report.added_labels.append(x.label)
        return ids


def _added(r: DocumentRecord, add: Callable[[], int]) -> int:
    """Add a label or relation type a file brings; a name the scheme refuses names the file."""
    try:
        return add()
    except UnicodeEncodeError:
        raise  # reported with the file by import_records
    except EditError as e:
        raise FormatError(r.origin, str(e)[0].lower() + str(e)[1:].rstrip("."), line=r.line) from e


def _refuse_control_ids(r: DocumentRecord) -> None:
    """Ids name files in folder exports and lines in CoNLL: no control characters in them."""
    # One check over all the document's span ids at once; the loop below names the first
    # offender. Every control character is one isprintable() refuses (categories Cc, Cf,
    # Zl, Zp), and isprintable() is a fraction of the regular expression's cost.
    joined = "".join([s.id for s in r.spans if s.id])
    if (joined.isprintable() or not has_control(joined)) and not (
        (r.id and has_control(r.id)) or r.relations
    ):
        return
    ids = [
        ("document id", r.id),
        *(("span id", s.id) for s in r.spans),
        *(("relation id", x.id) for x in r.relations),
    ]
    for what, value in ids:
        if value and has_control(value):
            raise FormatError(
                r.origin,
                f"has a {what} holding a control character or line "
                f"break ('{escape_controls(value)}')",
                line=r.line,
            )


def _default_annotator() -> str:
    from workbench.config import Config

    return Config.load().annotator


def _relations(
    project: Project,
    found: Sequence[tuple[DocumentRecord, RelationRecord]],
    stored_span: Callable[[str], str | None],
    type_ids: dict[str, int],
) -> list[Relation]:
    relations = []
    seen: set[tuple[str, str, int]] = set()
    used_ids: set[str] = set()
    stamp = now()
    for r, x in found:
        head, tail = stored_span(x.head), stored_span(x.tail)
        for end, stored in ((x.head, head), (x.tail, tail)):
            if stored is None:
                raise FormatError(
                    r.origin,
                    f"a relation refers to span '{end}', which is not in the imported files",
                    line=r.line,
                )
        assert head is not None and tail is not None
        if head == tail:
            raise FormatError(r.origin, f"a relation links span '{x.head}' to itself", line=r.line)
        key = (head, tail, type_ids[x.label])
        if (
            key in seen
            or project.conn.execute(
                "SELECT 1 FROM relations WHERE head = ? AND tail = ? AND type_id = ?", key
            ).fetchone()
        ):
            continue
        seen.add(key)
        rid = x.id or new_id()
        if rid in used_ids or _relation_exists(project, rid):
            rid = new_id()  # the id is taken by another relation
        used_ids.add(rid)
        relations.append(Relation(rid, head, tail, type_ids[x.label], "", stamp))
    return relations


def _relation_exists(project: Project, relation_id: str) -> bool:
    return (
        project.conn.execute("SELECT 1 FROM relations WHERE id = ?", (relation_id,)).fetchone()
        is not None
    )
