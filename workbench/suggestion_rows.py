"""Stored suggestions as the views read them: the `Suggestion` record, the annotator name
accepted suggestions carry, and the queries of the suggestions table.

Apart from `workbench.suggest` (the rules and their run) so that a window showing an
article's suggestions does not load the rules' machinery; `suggest` re-exports them.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from workbench.errors import WorkbenchError
from workbench.project import Project

SUGGESTER = "suggester"


@dataclass(frozen=True, slots=True)
class Suggestion:
    id: str
    document_id: str
    start: int
    end: int
    label: str
    rule: str
    status: str = "pending"


def suggestions(
    project: Project,
    *,
    document_id: str | None = None,
    labels: Collection[str] | None = None,
    status: str | None = "pending",
) -> list[Suggestion]:
    """Stored suggestions (by default the pending ones an existing span does not cover)."""
    where, params = _where(document_id, labels, status)
    rows = project.conn.execute(
        "SELECT g.id, g.document_id, g.start, g.end, g.label, g.rule, g.status "
        f"FROM suggestions g JOIN documents d ON d.id = g.document_id WHERE {where} "
        "ORDER BY d.rowid, g.start, g.end, g.label",
        params,
    )
    return [Suggestion(*row) for row in rows]


def count_suggestions(
    project: Project,
    *,
    labels: Collection[str] | None = None,
    status: str | None = "pending",
    document_id: str | None = None,
    id_prefix: str = "",
) -> int:
    """len(suggestions(...)) without building them (a run counts tens of thousands);
    `id_prefix`: only those whose id starts so (one run's new ones in a document)."""
    where, params = _where(document_id, labels, status)
    if id_prefix:
        where += " AND substr(g.id, 1, ?) = ?"
        params += [len(id_prefix), id_prefix]
    row = project.conn.execute(f"SELECT count(*) FROM suggestions g WHERE {where}", params)
    return int(row.fetchone()[0])


def _where(
    document_id: str | None, labels: Collection[str] | None, status: str | None
) -> tuple[str, list[object]]:
    where: list[str] = ["1"]
    params: list[object] = []
    if document_id is not None:
        where.append("g.document_id = ?")
        params.append(document_id)
    if labels:
        where.append(f"g.label IN ({','.join('?' * len(labels))})")
        params += list(labels)
    if status is not None:
        where.append("g.status = ?")
        params.append(status)
    if status == "pending":
        # An analyst who tagged the same thing already answered the suggestion.
        where.append(
            "NOT EXISTS (SELECT 1 FROM spans s JOIN labels l ON l.id = s.label_id "
            "WHERE s.document_id = g.document_id AND l.name = g.label "
            "AND s.start < g.end AND g.start < s.end)"
        )
    return " AND ".join(where), params


def suggestion(project: Project, suggestion_id: str) -> Suggestion:
    row = project.conn.execute(
        "SELECT id, document_id, start, end, label, rule, status FROM suggestions WHERE id = ?",
        (suggestion_id,),
    ).fetchone()
    if row is None:
        raise WorkbenchError(f"There is no suggestion with id {suggestion_id}.")
    return Suggestion(*row)
