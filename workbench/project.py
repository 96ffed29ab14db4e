"""The project file: one SQLite database, owned by one `Project` object.

`Project` owns the connection, its PRAGMAs, migrations and `transaction()`. Every
public method that changes data is its own committed transaction unless it runs
inside an enclosing `transaction()` block.
"""

from __future__ import annotations

import codecs
import contextlib
import sqlite3
from collections import OrderedDict
from collections.abc import Generator, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from workbench import connection, project_file, schema
from workbench.errors import ProjectError
from workbench.file_guard import FileGuard, file_id
from workbench.label_scheme import LabelScheme
from workbench.project_documents import KEPT_TEXTS, DocumentStore, content_hash
from workbench.project_spans import SpanStore, attrs_json

if TYPE_CHECKING:
    import sqlite_utils

    from workbench.checkpoint import BackgroundCheckpointer

__all__ = ["SUFFIX", "Project", "attrs_json", "content_hash"]  # as imported before the split

SUFFIX = ".wbproj"
LONG_TEXT = 1_000_000  # code points: a text read in slices by `reading_long_texts`
LONG_TEXT_SLICE = 1 << 19  # bytes of it a step: 1-3 ms (12 ms when the text moves, 20 MB)


class Project(DocumentStore, SpanStore, LabelScheme):
    """An open project file: documents, spans and their relations, and the label scheme
    (one mixin each), over the one connection this class owns."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None) -> None:
        self.path = path
        self._db: sqlite_utils.Database | None = None  # made on first use: see `db`
        self.conn = conn
        self._lengths: dict[str, int] = {}
        self._texts: OrderedDict[str, str] = OrderedDict()
        self._guard = FileGuard(path)
        self._checkpointer: BackgroundCheckpointer | None = None
        self._savepoints = 0  # depth of nested transaction() blocks, to name each savepoint
        self.commits = 0  # transactions committed by this connection
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

    def reader(self) -> Project:
        """A second connection to this file that cannot write: for reading in a thread of
        its own, or from one snapshot, while this one edits. Refused when the path no
        longer names the file this project opened (it was checked then; another is not)."""
        if self.path is None:
            raise ProjectError("A project in memory has no second connection.")
        self._same_file()
        try:
            conn = connection.connect_plain(self.path)
            conn.execute("PRAGMA query_only = ON")
        except sqlite3.Error as e:
            raise connection.cannot_open(self.path, e) from e
        reader = Project(conn, self.path)
        try:
            self._same_file()  # not swapped while it opened
        except ProjectError:
            reader.close()
            raise
        return reader

    def reading_long_texts(self) -> Generator[None, None, None]:
        """Read the texts of the long documents (LONG_TEXT code points and more) that are not
        kept yet, LONG_TEXT_SLICE bytes a step, through a reader of their own, and keep them:
        read at once, a 20 MB text holds the window for 70 ms. The stored lengths only choose
        what to read."""
        if self.path is None:
            return
        long = [
            (document_id, rowid)
            for document_id, rowid in self.conn.execute(
                "SELECT id, rowid FROM documents WHERE text_length >= ? ORDER BY rowid",
                (LONG_TEXT,),
            )
            if document_id not in self._texts
        ][: KEPT_TEXTS - 1]  # keeping more would only let the first ones go again
        if not long:
            return
        with self.reader() as reader:
            reader.conn.isolation_level = None
            reader.conn.execute("BEGIN")  # one snapshot: no write can end a read midway
            for document_id, rowid in long:
                decode = codecs.getincrementaldecoder("utf-8")().decode
                # Grown step by step, not joined at the end: CPython extends a str that
                # only this name holds in place, so a step copies its own slice, where a
                # join copies the whole text in one pass (42 ms at 20 MB: 80 MB of UCS-4).
                text = ""
                with reader.conn.blobopen("documents", "text", rowid, readonly=True) as blob:
                    while chunk := blob.read(LONG_TEXT_SLICE):
                        text += decode(chunk)
                        yield
                text += decode(b"", final=True)
                self.keep_text(document_id, text)
                yield

    def _same_file(self) -> None:
        if self.path is not None and file_id(self.path) != self._guard.id:
            raise ProjectError(
                f"{self.path} is no longer the file that was opened; open it again to read it."
            )

    def checkpoint_in_background(self) -> None:
        """Keep WAL checkpoints out of this connection's commits (for the window, whose
        every edit must repaint within a frame); a background thread does them instead."""
        if self.path is None or self._checkpointer is not None:
            return
        from workbench.checkpoint import BackgroundCheckpointer  # the window's: not a command's

        self.conn.execute("PRAGMA wal_autocheckpoint = 0")
        self._checkpointer = BackgroundCheckpointer(self.path, lambda: self.commits)
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
            with self._savepoint():
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
            self.commits += 1
        except sqlite3.Error as e:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise connection.locked_error(self.path, e) from e

    @contextlib.contextmanager
    def references_unchecked(self) -> Iterator[None]:
        """Foreign keys not checked row by row in the block: for a bulk write that makes
        every reference it stores itself (the import: 6% of its time at 200k spans).
        Outside a transaction only (inside one SQLite ignores the switch); checked again
        however the block ends."""
        if self.conn.in_transaction:
            yield
            return
        self.conn.execute("PRAGMA foreign_keys = OFF")
        try:
            yield
        finally:
            self.conn.execute("PRAGMA foreign_keys = ON")

    @contextlib.contextmanager
    def _savepoint(self) -> Iterator[None]:
        """A block nested in a transaction: its changes go if it fails, the outer ones stay.

        Written here rather than with sqlite-utils' `atomic()`, whose module (and the
        libraries it loads) every command would otherwise import for a nested block.
        """
        self._savepoints += 1
        name = f"workbench_{self._savepoints}"
        self.conn.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            # An error that ended the whole transaction (a RAISE(ROLLBACK) trigger, a full
            # disk) took the savepoint with it: then there is nothing to roll back to.
            if self.conn.in_transaction:
                self.conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                self.conn.execute(f"RELEASE SAVEPOINT {name}")
            raise
        else:
            self.conn.execute(f"RELEASE SAVEPOINT {name}")
        finally:
            self._savepoints -= 1

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
