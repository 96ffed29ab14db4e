"""The project's relations between spans (a part of `Project`)."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable

from workbench.errors import EditError
from workbench.model import Relation, new_id, now

RELATION_COLUMNS = "id, head, tail, type_id, annotator, created_at"


class RelationStore:
    """Relations; mixed into `Project`, which owns the connection."""

    conn: sqlite3.Connection

    def transaction(self) -> contextlib.AbstractContextManager[None]:
        raise NotImplementedError  # Project's

    def relations(self) -> list[Relation]:
        rows = self.conn.execute(f"SELECT {RELATION_COLUMNS} FROM relations ORDER BY rowid")
        return [Relation(*row) for row in rows]

    def relations_of(self, span_id: str) -> list[Relation]:
        rows = self.conn.execute(
            f"SELECT {RELATION_COLUMNS} FROM relations WHERE head = ? OR tail = ? ORDER BY rowid",
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
                f"INSERT INTO relations ({RELATION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
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
            f"SELECT {RELATION_COLUMNS} FROM relations WHERE id = ?", (relation_id,)
        ).fetchone()
        if row is None:
            raise EditError(f"There is no relation with id {relation_id}.")
        with self.transaction():
            self.conn.execute("DELETE FROM relations WHERE id = ?", (relation_id,))
        return Relation(*row)
