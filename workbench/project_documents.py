"""The project's documents: their text, titles and statuses (a part of `Project`)."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from workbench.errors import EditError
from workbench.model import STATUSES, Document, DocumentInfo, new_id, now

KEPT_TEXTS = 8  # texts kept in memory: the articles open side by side and a few more


def content_hash(text: str) -> str:
    import hashlib  # here: loading OpenSSL costs an export (or a window) that hashes nothing

    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class DocumentStore:
    """Documents; mixed into `Project`, which owns the connection."""

    conn: sqlite3.Connection
    path: Path | None

    def transaction(self) -> contextlib.AbstractContextManager[None]:
        raise NotImplementedError  # Project's

    _lengths: dict[str, int]  # document id -> length in code points, read once
    # The texts read last (a document's text never changes): an edit, a tooltip or a view
    # of the articles open side by side need not read their megabytes again.
    _texts: OrderedDict[str, str]

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
            text,
            title=title,
            source=source,
            meta=meta,
            status=status,
            id=id,
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
            "status, text_length) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    d.id,
                    d.title,
                    d.source,
                    d.text,
                    d.content_hash,
                    d.imported_at,
                    json.dumps(d.meta, ensure_ascii=False, sort_keys=True) if d.meta else "{}",
                    d.status,
                    len(d.text),
                )
                for d in docs
            ],
        )
        # A document that arrives already started or done starts its status history.
        self.conn.executemany(
            "INSERT INTO status_history (document_id, status, changed_at) VALUES (?, ?, ?)",
            [(d.id, d.status, d.imported_at) for d in docs if d.status != "todo"],
        )

    def document(self, document_id: str) -> Document:
        cached = self._texts.get(document_id)
        if cached is not None:
            self._texts.move_to_end(document_id)
            row = self.conn.execute(
                "SELECT id, title, source, NULL, content_hash, imported_at, meta, status "
                "FROM documents WHERE id = ?",
                (document_id,),
            ).fetchone()
            if row is not None:
                row = (*row[:3], cached, *row[4:])
        else:
            row = self.conn.execute(
                "SELECT id, title, source, text, content_hash, imported_at, meta, status "
                "FROM documents WHERE id = ?",
                (document_id,),
            ).fetchone()
        if row is None:
            raise EditError(f"There is no document with id {document_id}.")
        self.keep_text(document_id, row[3])
        return Document(*row[:6], meta=json.loads(row[6]), status=row[7])  # type: ignore[misc]  # row[:6]: the fields before meta

    def documents(self) -> list[DocumentInfo]:
        """All documents in import order, without their text."""
        rows = self.conn.execute(
            "SELECT d.id, d.title, d.source, d.status, "
            "(SELECT count(*) FROM spans s WHERE s.document_id = d.id), d.text_length "
            "FROM documents d ORDER BY d.rowid"
        )
        return [DocumentInfo(*row) for row in rows]

    def document_ids(self) -> list[str]:
        return [row[0] for row in self.conn.execute("SELECT id FROM documents ORDER BY rowid")]

    def has_document(self, document_id: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (document_id,))
        return row.fetchone() is not None

    def document_by_prefix(self, prefix: str) -> str:
        """The id of the document whose id is `prefix`, or else the one whose id starts
        with it (as git takes the start of a commit's name)."""
        if self.has_document(prefix):
            return prefix
        rows = self.conn.execute(
            "SELECT id FROM documents WHERE substr(id, 1, ?) = ? LIMIT 2", (len(prefix), prefix)
        ).fetchall()
        where = self.path or "The project"
        if not prefix or not rows:
            raise EditError(f"{where} has no document whose id is or starts with {prefix!r}.")
        if len(rows) > 1:
            raise EditError(
                f"More than one document's id in {where} starts with {prefix!r}; give more of it."
            )
        return str(rows[0][0])

    def document_titles(self) -> dict[str, str]:
        """Every document's title by id, in import order (cheaper than documents())."""
        return dict(self.conn.execute("SELECT id, title FROM documents ORDER BY rowid"))

    def document_with_hash(self, digest: str) -> str | None:
        row = self.conn.execute(
            "SELECT id FROM documents WHERE content_hash = ? ORDER BY rowid LIMIT 1", (digest,)
        ).fetchone()
        return row[0] if row else None

    def document_text(self, document_id: str) -> str:
        cached = self._texts.get(document_id)
        if cached is None:
            return self.document(document_id).text
        # Not through `document`: its other columns follow the text in the row, and reading
        # them walks the text's overflow pages (4 ms for 20 MB) even when the text is kept.
        self._texts.move_to_end(document_id)
        return cached

    def keep_text(self, document_id: str, text: str) -> None:
        """Keep a document's text read elsewhere (`Project.reading_long_texts`)."""
        self._lengths[document_id] = len(text)
        self._texts[document_id] = text
        self._texts.move_to_end(document_id)
        while len(self._texts) > KEPT_TEXTS:
            self._texts.popitem(last=False)

    def document_length(self, document_id: str) -> int:
        length = self._lengths.get(document_id)
        if length is None:
            # From the text itself, not the stored text_length: this bounds every span, and
            # a file from someone else may store any number there (documents() only shows it).
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
        self.forget_documents([document_id])

    def forget_documents(self, document_ids: Iterable[str]) -> None:
        """Drop the lengths and texts kept of documents that are gone."""
        for document_id in document_ids:
            self._lengths.pop(document_id, None)
            self._texts.pop(document_id, None)
