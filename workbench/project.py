"""The project file: one SQLite database, owned by one `Project` object.

`Project` owns the connection, its PRAGMAs, migrations and `transaction()`. Every
public method that changes data is its own committed transaction unless it runs
inside an enclosing `transaction()` block.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench import connection, project_file, schema
from workbench.checkpoint import BackgroundCheckpointer
from workbench.errors import EditError, ProjectError
from workbench.file_guard import FileGuard
from workbench.label_scheme import LabelScheme
from workbench.model import (
    STATUSES,
    Document,
    DocumentInfo,
    Relation,
    Span,
    new_id,
    now,
)

if TYPE_CHECKING:
    import sqlite_utils

SUFFIX = ".wbproj"

_SPAN_COLUMNS = (
    "id, document_id, start, end, label_id, annotator, note, created_at, updated_at, attrs"
)
_RELATION_COLUMNS = "id, head, tail, type_id, annotator, created_at"


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class Project(LabelScheme):
    """An open project file."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None) -> None:
        self.path = path
        self._db: sqlite_utils.Database | None = None  # made on first use: see `db`
        self.conn = conn
        self._lengths: dict[str, int] = {}
        self._guard = FileGuard(path)
        self._checkpointer: BackgroundCheckpointer | None = None
        self.closed = False

    # --- opening -------------------------------------------------------------

    @classmethod
    def create(cls, path: str | Path, *, labels: Sequence[str] | None = None) -> Project:
        """Create a new project file; refuses to overwrite an existing file."""
        path = Path(path)
        if path.exists():
            raise ProjectError(f"{path} already exists; open it, or choose another name.")
        if not path.parent.is_dir():
            raise ProjectError(f"Cannot create {path}: folder {path.parent} does not exist.")
        try:
            conn = connection.connect(path)
        except sqlite3.Error as e:
            raise ProjectError(f"Cannot create {path}: {e}.") from e
        project = cls(conn, path)
        try:
            project._initialise(labels)
        except BaseException:
            # Leave no half-made file behind, so the same name can be tried again.
            project.close()
            for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                leftover.unlink(missing_ok=True)
            raise
        return project

    @classmethod
    def open(cls, path: str | Path) -> Project:
        """Open an existing project, migrating it (after a backup) if it is older."""
        path = Path(path)
        # Check the file (its identity, its schema, a journal beside it) before any PRAGMA
        # that writes: a file that is not ours, newer, or carrying code, stays as it was.
        version = project_file.inspect(path)
        try:
            conn = connection.connect(path)
        except sqlite3.Error as e:
            raise connection.cannot_open(path, e) from e
        project = cls(conn, path)
        if version < schema.latest_version():
            try:
                project._backup_and_migrate(version)
            except BaseException:
                project.close()
                raise
        return project

    @classmethod
    def memory(cls, *, labels: Sequence[str] | None = None) -> Project:
        """A project in memory, for tests and scratch work."""
        conn = connection.connect_memory()
        conn.execute("PRAGMA foreign_keys = ON")
        project = cls(conn, None)
        project._initialise(labels)
        return project

    def close(self) -> None:
        if self._checkpointer is not None:
            self._checkpointer.stop()
        self.conn.close()
        self.closed = True

    def checkpoint_in_background(self) -> None:
        """Keep WAL checkpoints out of this connection's commits (for the window, whose
        every edit must repaint within a frame); a background thread does them instead."""
        if self.path is None or self._checkpointer is not None:
            return
        self.conn.execute("PRAGMA wal_autocheckpoint = 0")
        self._checkpointer = BackgroundCheckpointer(self.path)
        self._checkpointer.start()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _initialise(self, labels: Sequence[str] | None) -> None:
        with self.transaction():
            self.conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
            self._migrate_from(0)
            scheme = schema.default_scheme()
            defaults = {d["name"]: d for d in scheme["labels"]}
            names = list(labels) if labels is not None else list(defaults)
            for name in names:
                d = defaults.get(name, {})
                self.add_label(name, color=d.get("color"), description=d.get("description", ""))
            for d in scheme["relation_types"]:
                self.add_relation_type(d["name"], color=d["color"], description=d["description"])

    def _migrate_from(self, version: int) -> None:
        for number, migration in enumerate(schema.MIGRATIONS[version:], start=version + 1):
            migration(self.conn)
            self.conn.execute(f"PRAGMA user_version = {number}")

    def _backup_and_migrate(self, version: int) -> None:
        assert self.path is not None
        backup = self.path.with_name(f"{self.path.name}.v{version}.bak")
        try:
            # The backup API copies a consistent snapshot, WAL content included.
            with connection.connect_plain(backup) as target:
                self.conn.backup(target)
            target.close()
        except (sqlite3.Error, OSError) as e:
            raise ProjectError(f"Cannot back up {self.path} before upgrading it: {e}.") from e
        with self.transaction():
            self._migrate_from(version)

    # --- transactions --------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One committed transaction; nested blocks join the outer one (as savepoints)."""
        if self.conn.in_transaction:
            with self.db.atomic():
                yield
            return
        self._guard.check(self.conn, self._reconnect)
        try:
            # IMMEDIATE takes the write lock now, so a second process waits (busy timeout)
            # here instead of failing halfway through.
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as e:
            raise connection.locked_error(self.path, e) from e
        try:
            yield
        except BaseException as e:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if isinstance(e, sqlite3.OperationalError):
                raise connection.locked_error(self.path, e) from e
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as e:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise connection.locked_error(self.path, e) from e

    def _reconnect(self) -> None:
        """Connect again to the file at `path` (after it was put back there)."""
        assert self.path is not None
        conn = connection.connect(self.path)
        if self._checkpointer is not None:
            conn.execute("PRAGMA wal_autocheckpoint = 0")  # the thread still does them
        self.conn = conn
        self._db = None

    @property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the connection; imported on first use, not at start-up (it
        costs 160 ms, numpy included, that a CLI command or the first paint need not pay)."""
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn, execute_plugins=False)
        return self._db

    def data_version(self) -> int:
        """Changes when another connection commits to the file (PRAGMA data_version)."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    # --- documents -----------------------------------------------------------

    def add_document(
        self,
        text: str,
        *,
        title: str,
        source: str = "",
        meta: dict[str, Any] | None = None,
        status: str = "todo",
        id: str | None = None,
        imported_at: str | None = None,
    ) -> Document:
        """Store a document (text already normalised) and return it."""
        doc = self.new_document(
            text, title=title, source=source, meta=meta, status=status, id=id,
            imported_at=imported_at,
        )
        with self.transaction():
            self.insert_documents([doc])
        return doc

    @staticmethod
    def new_document(
        text: str,
        *,
        title: str,
        source: str = "",
        meta: dict[str, Any] | None = None,
        status: str = "todo",
        id: str | None = None,
        imported_at: str | None = None,
    ) -> Document:
        if status not in STATUSES:
            raise EditError(f"Status must be one of {', '.join(STATUSES)}, not '{status}'.")
        return Document(
            id=id or new_id(),
            title=title,
            source=source,
            text=text,
            content_hash=content_hash(text),
            imported_at=imported_at or now(),
            meta=dict(meta or {}),
            status=status,
        )

    def insert_documents(self, docs: Sequence[Document]) -> None:
        """Insert document rows as they are (inside the caller's transaction)."""
        self.conn.executemany(
            "INSERT INTO documents (id, title, source, text, content_hash, imported_at, meta, "
            "status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(d.id, d.title, d.source, d.text, d.content_hash, d.imported_at,
              json.dumps(d.meta, ensure_ascii=False, sort_keys=True) if d.meta else "{}",
              d.status) for d in docs],
        )
        # A document that arrives already started or done starts its status history.
        self.conn.executemany(
            "INSERT INTO status_history (document_id, status, changed_at) VALUES (?, ?, ?)",
            [(d.id, d.status, d.imported_at) for d in docs if d.status != "todo"],
        )

    def document(self, document_id: str) -> Document:
        row = self.conn.execute(
            "SELECT id, title, source, text, content_hash, imported_at, meta, status "
            "FROM documents WHERE id = ?",
            (document_id,),
        ).fetchone()
        if row is None:
            raise EditError(f"There is no document with id {document_id}.")
        return Document(*row[:6], meta=json.loads(row[6]), status=row[7])  # type: ignore[misc]  # row[:6]: the fields before meta

    def documents(self) -> list[DocumentInfo]:
        """All documents in import order, without their text."""
        rows = self.conn.execute(
            "SELECT d.id, d.title, d.source, d.status, "
            "(SELECT count(*) FROM spans s WHERE s.document_id = d.id), length(d.text) "
            "FROM documents d ORDER BY d.rowid"
        )
        return [DocumentInfo(*row) for row in rows]

    def document_ids(self) -> list[str]:
        return [row[0] for row in self.conn.execute("SELECT id FROM documents ORDER BY rowid")]

    def document_titles(self) -> dict[str, str]:
        """Every document's title by id, in import order (cheaper than documents())."""
        return dict(self.conn.execute("SELECT id, title FROM documents ORDER BY rowid"))

    def document_with_hash(self, digest: str) -> str | None:
        row = self.conn.execute(
            "SELECT id FROM documents WHERE content_hash = ? ORDER BY rowid LIMIT 1", (digest,)
        ).fetchone()
        return row[0] if row else None

    def document_length(self, document_id: str) -> int:
        length = self._lengths.get(document_id)
        if length is None:
            # Not SQL length(): it stops at the first U+0000.
            row = self.conn.execute(
                "SELECT text FROM documents WHERE id = ?", (document_id,)
            ).fetchone()
            if row is None:
                raise EditError(f"There is no document with id {document_id}.")
            length = self._lengths[document_id] = len(row[0])
        return length

    def set_status(self, document_id: str, status: str) -> None:
        if status not in STATUSES:
            raise EditError(f"Status must be one of {', '.join(STATUSES)}, not '{status}'.")
        with self.transaction():
            self.conn.execute("UPDATE documents SET status = ? WHERE id = ?", (status, document_id))
            self.conn.execute(
                "INSERT INTO status_history (document_id, status, changed_at) VALUES (?, ?, ?)",
                (document_id, status, now()),
            )

    def rename_document(self, document_id: str, title: str) -> None:
        with self.transaction():
            self.conn.execute("UPDATE documents SET title = ? WHERE id = ?", (title, document_id))

    def delete_document(self, document_id: str) -> None:
        """Delete a document with its spans and their relations."""
        with self.transaction():
            self.conn.execute("DELETE FROM documents WHERE id = ?", (document_id,))
        self._lengths.pop(document_id, None)

    # --- spans ---------------------------------------------------------------

    def spans(self, document_id: str | None = None, *, starting_from: int = 0,
              starting_before: int | None = None) -> list[Span]:
        """Spans of one document (or all) in reading order: document (import order),
        start, end, id; of one document, only those starting in [starting_from,
        starting_before) if asked (a window reads a long article in slices)."""
        if document_id is None:
            columns = ", ".join(f"s.{c.strip()}" for c in _SPAN_COLUMNS.split(","))
            rows = self.conn.execute(
                f"SELECT {columns} FROM spans s JOIN documents d ON d.id = s.document_id "
                "ORDER BY d.rowid, s.start, s.end, s.id"
            )
        else:
            before = "" if starting_before is None else f"AND start < {int(starting_before)} "
            before += f"AND start >= {int(starting_from)} " if starting_from else ""
            rows = self.conn.execute(
                f"SELECT {_SPAN_COLUMNS} FROM spans WHERE document_id = ? {before}"
                "ORDER BY start, end, id",
                (document_id,),
            )
        return [_span(row) for row in rows]

    def span(self, span_id: str) -> Span:
        row = self.conn.execute(
            f"SELECT {_SPAN_COLUMNS} FROM spans WHERE id = ?", (span_id,)
        ).fetchone()
        if row is None:
            raise EditError(f"There is no span with id {span_id}.")
        return _span(row)

    def add_span(
        self,
        document_id: str,
        start: int,
        end: int,
        label_id: int,
        *,
        annotator: str,
        note: str = "",
        id: str | None = None,
        attrs: dict[str, Any] | None = None,
    ) -> Span:
        """Add one span and commit it."""
        stamp = now()
        span = Span(id or new_id(), document_id, start, end, label_id, annotator, note, stamp,
                    stamp, dict(attrs or {}))
        self.restore_span(span)
        return span

    def restore_span(self, span: Span, relations: Sequence[Relation] = ()) -> None:
        """Insert a span exactly as given (undo of a delete), with its relations."""
        self.check_span(span.document_id, span.start, span.end)
        with self.transaction():
            try:
                self.conn.execute(
                    f"INSERT INTO spans ({_SPAN_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        span.id, span.document_id, span.start, span.end, span.label_id,
                        span.annotator, span.note, span.created_at, span.updated_at,
                        attrs_json(span.attrs),
                    ),
                )
            except sqlite3.IntegrityError as e:
                raise _span_conflict(e) from e
            self.insert_relations(relations)

    def update_span(
        self,
        span_id: str,
        *,
        start: int | None = None,
        end: int | None = None,
        label_id: int | None = None,
        note: str | None = None,
        annotator: str | None = None,
        updated_at: str | None = None,
        attrs: dict[str, Any] | None = None,
    ) -> Span:
        """Change a span's bounds, label, note or attributes; returns the span as stored."""
        old = self.span(span_id)
        new_start = old.start if start is None else start
        new_end = old.end if end is None else end
        self.check_span(old.document_id, new_start, new_end)
        with self.transaction():
            try:
                self.conn.execute(
                    "UPDATE spans SET start = ?, end = ?, label_id = ?, note = ?, annotator = ?, "
                    "updated_at = ?, attrs = ? WHERE id = ?",
                    (
                        new_start,
                        new_end,
                        old.label_id if label_id is None else label_id,
                        old.note if note is None else note,
                        old.annotator if annotator is None else annotator,
                        updated_at or now(),
                        attrs_json(old.attrs if attrs is None else attrs),
                        span_id,
                    ),
                )
            except sqlite3.IntegrityError as e:
                raise _span_conflict(e) from e
        return self.span(span_id)

    def delete_span(self, span_id: str) -> tuple[Span, list[Relation]]:
        """Delete a span; returns it and the relations that went with it (for undo)."""
        span = self.span(span_id)
        relations = self.relations_of(span_id)
        with self.transaction():
            self.conn.execute("DELETE FROM spans WHERE id = ?", (span_id,))
        return span, relations

    def check_span(self, document_id: str, start: int, end: int) -> None:
        length = self.document_length(document_id)
        if not 0 <= start < end <= length:
            raise EditError(
                f"Span {start}-{end} does not fit in a text of {length} characters."
            )

    def insert_spans(self, spans: Iterable[Span]) -> None:
        """Insert span rows as they are (inside the caller's transaction; no checks)."""
        self.insert_span_rows(
            (s.id, s.document_id, s.start, s.end, s.label_id, s.annotator, s.note,
             s.created_at, s.updated_at, attrs_json(s.attrs))
            for s in spans
        )

    def insert_span_rows(self, rows: Iterable[Sequence[Any]]) -> None:
        """Insert spans given as rows of (id, document_id, start, end, label_id, annotator,
        note, created_at, updated_at, attrs as JSON) — the bulk import's path."""
        try:
            self.conn.executemany(
                f"INSERT INTO spans ({_SPAN_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        except sqlite3.IntegrityError as e:
            raise _span_conflict(e) from e

    def set_span_attrs(self, span_id: str, attrs: dict[str, Any]) -> Span:
        """Replace a span's attributes (a JSON object); its annotator and times stay."""
        self.span(span_id)
        with self.transaction():
            self.conn.execute(
                "UPDATE spans SET attrs = ? WHERE id = ?", (attrs_json(attrs), span_id)
            )
        return self.span(span_id)

    def span_count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM spans").fetchone()[0])

    # --- relations -----------------------------------------------------------

    def relations(self) -> list[Relation]:
        rows = self.conn.execute(f"SELECT {_RELATION_COLUMNS} FROM relations ORDER BY rowid")
        return [Relation(*row) for row in rows]

    def relations_of(self, span_id: str) -> list[Relation]:
        rows = self.conn.execute(
            f"SELECT {_RELATION_COLUMNS} FROM relations WHERE head = ? OR tail = ? ORDER BY rowid",
            (span_id, span_id),
        )
        return [Relation(*row) for row in rows]

    def add_relation(
        self, head: str, tail: str, type_id: int, *, annotator: str = "", id: str | None = None
    ) -> Relation:
        relation = Relation(id or new_id(), head, tail, type_id, annotator, now())
        with self.transaction():
            self.insert_relations([relation])
        return relation

    def insert_relations(self, relations: Iterable[Relation]) -> None:
        try:
            self.conn.executemany(
                f"INSERT INTO relations ({_RELATION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
                ((r.id, r.head, r.tail, r.type_id, r.annotator, r.created_at) for r in relations),
            )
        except sqlite3.IntegrityError as e:
            message = str(e)
            if "UNIQUE" in message:
                raise EditError("These two spans are already linked with that relation.") from e
            if "CHECK" in message:
                raise EditError("A span cannot be linked to itself.") from e
            raise EditError("A relation must join two existing spans.") from e

    def delete_relation(self, relation_id: str) -> Relation:
        row = self.conn.execute(
            f"SELECT {_RELATION_COLUMNS} FROM relations WHERE id = ?", (relation_id,)
        ).fetchone()
        if row is None:
            raise EditError(f"There is no relation with id {relation_id}.")
        with self.transaction():
            self.conn.execute("DELETE FROM relations WHERE id = ?", (relation_id,))
        return Relation(*row)


def _span(row: Sequence[Any]) -> Span:
    attrs = {} if row[9] == "{}" else json.loads(row[9])  # most spans have none: no parse
    return Span(*row[:9], attrs=attrs)  # type: ignore[misc]  # row[:9]: the fields before attrs


def attrs_json(attrs: dict[str, Any]) -> str:
    """A span's attributes as stored (sorted keys; most spans have none)."""
    return json.dumps(attrs, ensure_ascii=False, sort_keys=True) if attrs else "{}"


def _span_conflict(e: sqlite3.IntegrityError) -> EditError:
    message = str(e)
    if "UNIQUE" in message:
        return EditError("The same span with the same label and annotator already exists.")
    if "FOREIGN KEY" in message:
        return EditError("The span's document or label does not exist.")
    return EditError(f"The span breaks a rule of the project: {message}.")
