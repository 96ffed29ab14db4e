"""Each annotator's own status of a document (to do / in progress / done)."""

from __future__ import annotations

from collections.abc import Collection

from workbench.errors import EditError
from workbench.model import STATUSES, now
from workbench.project import Project


def annotator_status(project: Project, document_id: str, annotator: str) -> str:
    """The annotator's status of the document ('todo' when they never set one)."""
    row = project.conn.execute(
        "SELECT status FROM annotator_statuses WHERE document_id = ? AND annotator = ?",
        (document_id, annotator),
    ).fetchone()
    return str(row[0]) if row else "todo"


def annotator_statuses(project: Project, annotator: str) -> dict[str, str]:
    """The annotator's status of every document they set one for, by document id."""
    return dict(
        project.conn.execute(
            "SELECT document_id, status FROM annotator_statuses WHERE annotator = ?", (annotator,)
        )
    )


_SEEN_BY = (
    "SELECT d.id, coalesce(mine.status, CASE WHEN EXISTS (SELECT 1 FROM annotator_statuses a "
    "WHERE a.document_id = d.id) THEN 'todo' ELSE d.status END) FROM documents d "
    "LEFT JOIN annotator_statuses mine ON mine.document_id = d.id AND mine.annotator = ?"
)


def statuses_seen_by(
    project: Project, annotator: str, *, document_id: str | None = None
) -> dict[str, str]:
    """Every document's status for the annotator: their own, or, for a document nobody has
    a status of yet (set before statuses were per annotator), the document's."""
    if document_id is None:
        return dict(project.conn.execute(_SEEN_BY, (annotator,)))
    return dict(project.conn.execute(_SEEN_BY + " WHERE d.id = ?", (annotator, document_id)))


def set_annotator_status(project: Project, document_id: str, annotator: str, status: str) -> None:
    """Set the annotator's status of a document (also the document's last-set status)."""
    if status not in STATUSES:
        raise EditError(f"Status must be one of {', '.join(STATUSES)}, not '{status}'.")
    if not annotator.strip():
        raise EditError("A status needs the annotator's name.")
    with project.transaction():
        project.set_status(document_id, status)
        project.conn.execute(
            "INSERT INTO annotator_statuses (document_id, annotator, status, updated_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (document_id, annotator) DO UPDATE SET "
            "status = excluded.status, updated_at = excluded.updated_at",
            (document_id, annotator, status, now()),
        )


def annotators(project: Project) -> list[str]:
    """Everyone with a span or a status in the project, most spans first."""
    counts: dict[str, int] = dict(
        project.conn.execute("SELECT annotator, count(*) FROM spans GROUP BY annotator")
    )
    for (name,) in project.conn.execute("SELECT DISTINCT annotator FROM annotator_statuses"):
        counts.setdefault(name, 0)
    return sorted(counts, key=lambda a: (-counts[a], a))


def has_several_annotators(project: Project, *, ignoring: Collection[str] = ()) -> bool:
    """Whether more than one annotator (other than those ignored) has spans or statuses.

    Stops at the second name it finds, so a large project answers without a full count.
    """
    found: set[str] = set(ignoring)
    for table in ("spans", "annotator_statuses"):
        while True:
            marks = ",".join("?" * len(found)) or "''"
            row = project.conn.execute(
                f"SELECT annotator FROM {table} WHERE annotator NOT IN ({marks}) LIMIT 1",
                sorted(found),
            ).fetchone()
            if row is None:
                break
            found.add(row[0])
            if len(found - set(ignoring)) > 1:
                return True
    return False
