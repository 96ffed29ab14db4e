"""The project's spans: reading, adding, resizing and deleting them (a part of `Project`)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from workbench.errors import EditError
from workbench.model import Relation, Span, new_id, now
from workbench.project_relations import RelationStore

_SPAN_COLUMNS = (
    "id, document_id, start, end, label_id, annotator, note, created_at, updated_at, attrs"
)


class SpanStore(RelationStore):
    """Spans with their relations; mixed into `Project`, which owns the connection."""

    def document_length(self, document_id: str) -> int:
        raise NotImplementedError  # DocumentStore's

    def spans(
        self,
        document_id: str | None = None,
        *,
        starting_from: int = 0,
        starting_before: int | None = None,
    ) -> list[Span]:
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
        return spans_of(rows)

    def spans_labelled_after(
        self, label_id: int, after: int = 0, limit: int | None = None
    ) -> tuple[list[Span], int | None]:
        """The spans with this label (up to `limit`), in the order they were stored, from
        the one after row `after`; and the row to go on after (None when that was the last)."""
        rows = self.conn.execute(
            f"SELECT rowid, {_SPAN_COLUMNS} FROM spans WHERE label_id = ? AND rowid > ? "
            "ORDER BY rowid LIMIT ?",
            (label_id, after, -1 if limit is None else limit),  # SQLite: -1, no limit
        ).fetchall()
        spans = spans_of(row[1:] for row in rows)
        return spans, (rows[-1][0] if len(rows) == limit else None)

    def span(self, span_id: str) -> Span:
        row = self.conn.execute(
            f"SELECT {_SPAN_COLUMNS} FROM spans WHERE id = ?", (span_id,)
        ).fetchone()
        if row is None:
            raise EditError(f"There is no span with id {span_id}.")
        return spans_of([row])[0]

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
        span = Span(
            id or new_id(),
            document_id,
            start,
            end,
            label_id,
            annotator,
            note,
            stamp,
            stamp,
            dict(attrs or {}),
        )
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
                        span.id,
                        span.document_id,
                        span.start,
                        span.end,
                        span.label_id,
                        span.annotator,
                        span.note,
                        span.created_at,
                        span.updated_at,
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
            raise EditError(f"Span {start}-{end} does not fit in a text of {length} characters.")

    def insert_spans(self, spans: Iterable[Span]) -> None:
        """Insert span rows as they are (inside the caller's transaction; no checks)."""
        self.insert_span_rows(
            (
                s.id,
                s.document_id,
                s.start,
                s.end,
                s.label_id,
                s.annotator,
                s.note,
                s.created_at,
                s.updated_at,
                attrs_json(s.attrs),
            )
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

    def span_count(self, document_id: str | None = None) -> int:
        """The project's spans, or one document's."""
        if document_id is None:
            return int(self.conn.execute("SELECT count(*) FROM spans").fetchone()[0])
        row = self.conn.execute("SELECT count(*) FROM spans WHERE document_id = ?", (document_id,))
        return int(row.fetchone()[0])


def spans_of(rows: Iterable[Sequence[Any]]) -> list[Span]:
    """Spans from rows of `_SPAN_COLUMNS`, the values many of them repeat held once: the
    document, the annotator, the time (an import stores one for all its spans; a span's
    `updated_at` is its `created_at` until it is edited). 200,000 spans of one import held
    120 MB, 71 MB so."""
    shared: dict[str, str] = {}
    one = shared.setdefault
    return [
        Span(
            row[0],
            one(row[1], row[1]),
            row[2],
            row[3],
            row[4],
            one(row[5], row[5]),
            row[6],
            (created := one(row[7], row[7])),
            created if row[8] == created else row[8],
            attrs={} if row[9] == "{}" else json.loads(row[9]),  # most have none: no parse
        )
        for row in rows
    ]


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
