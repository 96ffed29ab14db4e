"""The project file's schema, as numbered migrations tracked in PRAGMA user_version.

Add a migration by appending a function to MIGRATIONS; never edit a released one.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from typing import TypedDict

# "WBPJ": marks a SQLite file as a Workbench project (PRAGMA application_id).
APPLICATION_ID = 0x57425047

Migration = Callable[[sqlite3.Connection], None]


class DefaultScheme(TypedDict):
    """The shape of resources/labels.json."""

    labels: list[dict[str, str]]
    relation_types: list[dict[str, str]]
    extra_colors: list[str]


def default_scheme() -> DefaultScheme:
    """The label scheme a new project starts with (resources/labels.json)."""
    from importlib import resources  # only a new project needs it: not at every start

    text = resources.files("workbench.resources").joinpath("labels.json").read_text("utf-8")
    return json.loads(text)


def _execute_script(conn: sqlite3.Connection, script: str) -> None:
    """Run statements one by one: executescript() would commit the open transaction."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            conn.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL statement in migration: {statement!r}")


def _v1_initial(conn: sqlite3.Connection) -> None:
    _execute_script(
        conn,
        """
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            meta TEXT NOT NULL DEFAULT '{}',
            status TEXT NOT NULL DEFAULT 'todo'
                CHECK (status IN ('todo', 'in_progress', 'done'))
        );
        CREATE INDEX documents_content_hash ON documents(content_hash);

        CREATE TABLE labels (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
            color TEXT NOT NULL,
            shortcut TEXT UNIQUE,
            description TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0
        );

        CREATE TABLE relation_types (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
            color TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0
        );

        CREATE TABLE spans (
            id TEXT PRIMARY KEY,
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            label_id INTEGER NOT NULL REFERENCES labels(id),
            annotator TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK (0 <= start AND start < end),
            UNIQUE (document_id, start, end, label_id, annotator)
        );
        CREATE INDEX spans_document_start ON spans(document_id, start);
        CREATE INDEX spans_label ON spans(label_id);

        CREATE TABLE relations (
            id TEXT PRIMARY KEY,
            head TEXT NOT NULL REFERENCES spans(id) ON DELETE CASCADE,
            tail TEXT NOT NULL REFERENCES spans(id) ON DELETE CASCADE,
            type_id INTEGER NOT NULL REFERENCES relation_types(id),
            annotator TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            CHECK (head <> tail),
            UNIQUE (head, tail, type_id)
        );
        CREATE INDEX relations_head ON relations(head);
        CREATE INDEX relations_tail ON relations(tail);
        """,
    )


def _v2_analysis(conn: sqlite3.Connection) -> None:
    """Span attributes (parsed figures), stored suggestions, and document status history."""
    _execute_script(
        conn,
        """
        ALTER TABLE spans ADD COLUMN attrs TEXT NOT NULL DEFAULT '{}'
            CHECK (json_valid(attrs) AND json_type(attrs) = 'object');

        CREATE TABLE suggestions (
            id TEXT PRIMARY KEY,
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            label TEXT NOT NULL,
            rule TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'accepted', 'rejected')),
            created_at TEXT NOT NULL,
            CHECK (0 <= start AND start < end),
            UNIQUE (document_id, start, end, label)
        );
        CREATE INDEX suggestions_document ON suggestions(document_id, start);

        CREATE TABLE status_history (
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            status TEXT NOT NULL CHECK (status IN ('todo', 'in_progress', 'done')),
            changed_at TEXT NOT NULL
        );
        CREATE INDEX status_history_document ON status_history(document_id, changed_at);
        INSERT INTO status_history (document_id, status, changed_at)
            SELECT id, status, imported_at FROM documents WHERE status <> 'todo';
        """,
    )


def _v3_settings(conn: sqlite3.Connection) -> None:
    """Per-project settings as JSON values (e.g. the project's own suggestion rules)."""
    conn.execute(
        "CREATE TABLE settings (key TEXT PRIMARY KEY,"
        " value TEXT NOT NULL CHECK (json_valid(value)))"
    )


def _v4_annotator_status(conn: sqlite3.Connection) -> None:
    """The status of a document per annotator (to do / in progress / done for each analyst).

    documents.status stays as the status last set by anyone. Existing statuses go to every
    annotator with spans in the document, else to the project's most prolific annotator.
    """
    _execute_script(
        conn,
        """
        CREATE TABLE annotator_statuses (
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            annotator TEXT NOT NULL CHECK (length(trim(annotator)) > 0),
            status TEXT NOT NULL CHECK (status IN ('todo', 'in_progress', 'done')),
            updated_at TEXT NOT NULL,
            PRIMARY KEY (document_id, annotator)
        );
        INSERT INTO annotator_statuses (document_id, annotator, status, updated_at)
            SELECT DISTINCT d.id, s.annotator, d.status, d.imported_at
            FROM documents d JOIN spans s ON s.document_id = d.id
            WHERE d.status <> 'todo' AND length(trim(s.annotator)) > 0;
        INSERT INTO annotator_statuses (document_id, annotator, status, updated_at)
            SELECT d.id, a.annotator, d.status, d.imported_at
            FROM documents d,
                 (SELECT annotator FROM spans WHERE length(trim(annotator)) > 0
                  GROUP BY annotator ORDER BY count(*) DESC, annotator LIMIT 1) a
            WHERE d.status <> 'todo'
              AND NOT EXISTS (SELECT 1 FROM spans s WHERE s.document_id = d.id);
        """,
    )


def _v5_suggestion_groups(conn: sqlite3.Connection) -> None:
    """Suggestions proposed together (an attribution: source, claim, denial) share a group,
    and the links between suggestions (claim → source, denial → claim) are stored."""
    _execute_script(
        conn,
        """
        ALTER TABLE suggestions ADD COLUMN group_id TEXT;
        CREATE INDEX suggestions_group ON suggestions(group_id);

        CREATE TABLE suggested_links (
            id TEXT PRIMARY KEY,
            head TEXT NOT NULL REFERENCES suggestions(id) ON DELETE CASCADE,
            tail TEXT NOT NULL REFERENCES suggestions(id) ON DELETE CASCADE,
            relation TEXT NOT NULL CHECK (length(trim(relation)) > 0),
            CHECK (head <> tail),
            UNIQUE (head, tail, relation)
        );
        CREATE INDEX suggested_links_head ON suggested_links(head);
        CREATE INDEX suggested_links_tail ON suggested_links(tail);
        """,
    )


def _v6_text_length(conn: sqlite3.Connection) -> None:
    """Each document's length in code points, stored: SQL length() of the text reads all
    of it (70 ms for 20 MB, on every listing of the documents) and stops at a U+0000."""
    conn.execute(
        "ALTER TABLE documents ADD COLUMN text_length INTEGER NOT NULL DEFAULT 0"
        " CHECK (text_length >= 0)"
    )
    for (rowid,) in conn.execute("SELECT rowid FROM documents").fetchall():  # a text at a time
        (text,) = conn.execute("SELECT text FROM documents WHERE rowid = ?", (rowid,)).fetchone()
        conn.execute("UPDATE documents SET text_length = ? WHERE rowid = ?", (len(text), rowid))


MIGRATIONS: list[Migration] = [
    _v1_initial,
    _v2_analysis,
    _v3_settings,
    _v4_annotator_status,
    _v5_suggestion_groups,
    _v6_text_length,
]


def latest_version() -> int:
    return len(MIGRATIONS)
