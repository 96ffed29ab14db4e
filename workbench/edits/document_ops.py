"""Removing whole documents, and taking an import back: the rows that go are kept whole
(their rowids too, so the order of documents and spans comes back), and undo puts exactly
them back.

`RemoveRows` takes documents, spans, relations, labels and relation types by id with what
hangs on them (a document's spans, suggestions and statuses; a span's relations) and
returns `RestoreRows` as its inverse; `RestoreRows` returns `DeleteRows` of the same rows.
"""

from __future__ import annotations

import sqlite3
from dataclasses import KW_ONLY, dataclass

import orjson

from workbench.edits.change import Applied, ChangeRecord
from workbench.errors import EditError
from workbench.project import Project

# Every table a document's rows live in, parents before children: restored in this
# order, deleted in the reverse one.
TABLES = (
    "labels",
    "relation_types",
    "documents",
    "spans",
    "relations",
    "suggestions",
    "suggested_links",
    "status_history",
    "annotator_statuses",
)

# The rows of each table that go with the ids given (each a JSON array).
_DOCUMENTS = "(SELECT value FROM json_each(:documents))"
_SPANS = "(SELECT value FROM json_each(:spans))"
_RELATIONS = "(SELECT value FROM json_each(:relations))"
_GONE_SPANS = "(SELECT id FROM temp.gone_spans)"  # filled by `_gather_spans`
_KEPT_TYPES = (
    f"(SELECT type_id FROM relations WHERE id NOT IN {_RELATIONS}"
    f" AND head NOT IN {_GONE_SPANS} AND tail NOT IN {_GONE_SPANS})"
)
_GONE_SUGGESTIONS = f"(SELECT id FROM suggestions WHERE document_id IN {_DOCUMENTS})"
_WHERE = {
    "labels": "id IN (SELECT value FROM json_each(:labels)) AND id NOT IN (SELECT label_id"
    f" FROM spans WHERE id NOT IN {_GONE_SPANS})",
    "relation_types": "id IN (SELECT value FROM json_each(:relation_types))"
    f" AND id NOT IN {_KEPT_TYPES}",
    "documents": f"id IN {_DOCUMENTS}",
    "spans": "rowid IN (SELECT span_rowid FROM temp.gone_spans)",
    "relations": f"id IN {_RELATIONS} OR head IN {_GONE_SPANS} OR tail IN {_GONE_SPANS}",
    "suggestions": f"document_id IN {_DOCUMENTS}",
    "suggested_links": f"head IN {_GONE_SUGGESTIONS} OR tail IN {_GONE_SUGGESTIONS}",
    "status_history": f"document_id IN {_DOCUMENTS}",
    "annotator_statuses": f"document_id IN {_DOCUMENTS}",
}

# What a removal or a restore changes for the views: anything may have gone or come.
_RECORD = ChangeRecord(
    documents_changed=True,
    labels_changed=True,
    relations_in_bulk=True,
    suggestions_changed=True,
    everything_changed=True,
)


@dataclass(frozen=True, slots=True)
class TableRows:
    """Some rows of one table, rowid first."""

    table: str
    columns: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]


@dataclass(frozen=True, slots=True)
class RemoveRows:
    """Delete these documents, spans, relations, labels and relation types (a label or
    type still used by a span or relation that stays is kept) with what hangs on them."""

    _: KW_ONLY
    documents: tuple[str, ...] = ()
    spans: tuple[str, ...] = ()
    relations: tuple[str, ...] = ()
    labels: tuple[int, ...] = ()
    relation_types: tuple[int, ...] = ()

    def apply(self, project: Project) -> Applied:
        ids = {
            name: orjson.dumps(list(getattr(self, name))).decode()
            for name in ("documents", "spans", "relations", "labels", "relation_types")
        }
        # Every row that hangs on what goes is read and deleted here: the foreign keys need
        # not be checked row by row (they are, once, when the block ends).
        with project.references_unchecked(), project.transaction():
            _gather_spans(project, ids)
            tables = tuple(_read(project, table, ids) for table in TABLES)
            project.conn.execute("DELETE FROM temp.gone_spans")
            applied = DeleteRows(tables).apply(project)
        return applied


@dataclass(frozen=True, slots=True)
class DeleteRows:
    """Delete rows read by `RemoveRows` (or put back by `RestoreRows`) by rowid."""

    tables: tuple[TableRows, ...]

    def apply(self, project: Project) -> Applied:
        with project.references_unchecked(), project.transaction():  # whole rows: see above
            for rows in reversed(self.tables):
                project.conn.executemany(
                    f"DELETE FROM {rows.table} WHERE rowid = ?",  # our table names
                    ((row[0],) for row in rows.rows),
                )
        for rows in self.tables:
            if rows.table == "documents":
                project.forget_documents(str(row[rows.columns.index("id")]) for row in rows.rows)
        return Applied(_RECORD, RestoreRows(self.tables))


@dataclass(frozen=True, slots=True)
class RestoreRows:
    """Put rows back exactly as they were, rowids included."""

    tables: tuple[TableRows, ...]

    def apply(self, project: Project) -> Applied:
        try:
            with project.references_unchecked(), project.transaction():  # whole rows
                for rows in self.tables:
                    if rows.rows:
                        names = ", ".join(rows.columns)
                        marks = ", ".join("?" * len(rows.columns))
                        project.conn.executemany(
                            f"INSERT INTO {rows.table} ({names}) VALUES ({marks})",
                            rows.rows,
                        )
        except sqlite3.IntegrityError as e:  # their ids taken since, by another program
            raise EditError(
                "What was removed cannot be put back: another program has added rows "
                "with the same ids to the project since."
            ) from e
        return Applied(_RECORD, DeleteRows(self.tables))


def _gather_spans(project: Project, ids: dict[str, str]) -> None:
    """The spans that go, in a temporary table (the connection's own, not the file's)."""
    conn = project.conn
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS gone_spans (id TEXT PRIMARY KEY, span_rowid INTEGER)"
    )
    conn.execute("DELETE FROM temp.gone_spans")
    conn.execute(
        "INSERT OR IGNORE INTO temp.gone_spans SELECT id, rowid FROM spans"
        f" WHERE document_id IN {_DOCUMENTS}",
        ids,
    )
    conn.execute(
        f"INSERT OR IGNORE INTO temp.gone_spans SELECT id, rowid FROM spans WHERE id IN {_SPANS}",
        ids,
    )


def _read(project: Project, table: str, ids: dict[str, str]) -> TableRows:
    cursor = project.conn.execute(
        f"SELECT rowid, * FROM {table} WHERE {_WHERE[table]}",  # our table names
        ids,
    )
    columns = ("rowid", *(d[0] for d in cursor.description[1:]))
    return TableRows(table, columns, tuple(cursor.fetchall()))


def added_since(project: Project, marks: dict[str, int]) -> RemoveRows:
    """What was stored after `rowid_marks` were taken (an import), as the removal that
    takes it back."""

    def ids(table: str) -> tuple:
        return tuple(
            row[0]
            for row in project.conn.execute(
                f"SELECT id FROM {table} WHERE rowid > ?",  # our table names
                (marks[table],),
            )
        )

    return RemoveRows(
        documents=ids("documents"),
        spans=ids("spans"),
        relations=ids("relations"),
        labels=ids("labels"),
        relation_types=ids("relation_types"),
    )


def rowid_marks(project: Project) -> dict[str, int]:
    """The highest rowid of each table an import writes to."""
    return {
        table: project.conn.execute(
            f"SELECT coalesce(max(rowid), 0) FROM {table}"  # our table names
        ).fetchone()[0]
        for table in ("documents", "spans", "relations", "labels", "relation_types")
    }


@dataclass(frozen=True, slots=True)
class RenameDocument:
    """Give a document another title (its text, and so its offsets, stay)."""

    document_id: str
    title: str

    def apply(self, project: Project) -> Applied:
        title = self.title.strip()
        if not title:
            raise EditError("A document needs a title; give it at least one letter.")
        before = project.document_titles().get(self.document_id)
        if before is None:
            raise EditError(f"There is no document with id {self.document_id}.")
        if title == before:
            return Applied(ChangeRecord(), None)
        project.rename_document(self.document_id, title)
        return Applied(
            ChangeRecord(documents_changed=True), RenameDocument(self.document_id, before)
        )
