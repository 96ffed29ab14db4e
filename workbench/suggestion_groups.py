"""Groups and links of suggestions: what an attribution proposes together, and accepting it.

An attribution group holds a source, a claim (and a denial) with their suggested links.
Accepting a group accepts its pending members and the pending suggestions they link to,
then creates every suggested link whose two ends are now spans; each member can also be
accepted or rejected alone (`suggest.accept` / `suggest.reject`), and accepting later the
other end of a link creates the link then.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from workbench.model import Relation, Span, new_id, now
from workbench.project import Project
from workbench.suggestion_rows import SUGGESTER


@dataclass(frozen=True, slots=True)
class SuggestedLink:
    id: str
    head: str  # suggestion ids
    tail: str
    relation: str


def suggested_links(project: Project, *, document_id: str | None = None) -> list[SuggestedLink]:
    """The stored links between suggestions (of one document, or all)."""
    if document_id is None:
        rows = project.conn.execute("SELECT id, head, tail, relation FROM suggested_links")
    else:
        rows = project.conn.execute(
            "SELECT k.id, k.head, k.tail, k.relation FROM suggested_links k "
            "JOIN suggestions g ON g.id = k.head WHERE g.document_id = ?",
            (document_id,),
        )
    return [SuggestedLink(*row) for row in rows]


def group_of(project: Project, suggestion_id: str) -> list[str]:
    """The pending suggestions accepted with this one: its group's members and the
    suggestions they link to (the suggestion itself first)."""
    row = project.conn.execute(
        "SELECT group_id FROM suggestions WHERE id = ?", (suggestion_id,)
    ).fetchone()
    members = [suggestion_id]
    if row is not None and row[0] is not None:
        members += [
            r[0]
            for r in project.conn.execute(
                "SELECT id FROM suggestions WHERE group_id = ? AND status = 'pending' "
                "ORDER BY start",
                (row[0],),
            )
        ]
    linked = []
    for sid in members:
        linked += [
            r[0]
            for r in project.conn.execute(
                "SELECT g.id FROM suggested_links k JOIN suggestions g "
                "ON g.id = CASE WHEN k.head = ? THEN k.tail ELSE k.head END "
                "WHERE (k.head = ? OR k.tail = ?) AND g.status = 'pending'",
                (sid, sid, sid),
            )
        ]
    return list(dict.fromkeys(members + linked))


def accept_linked(
    project: Project, suggestion_ids: Iterable[str], *, annotator: str = SUGGESTER
) -> tuple[list[Span], list[Relation]]:
    """Accept suggestions as spans and create their suggested links whose two ends are
    spans now; one transaction."""
    from workbench import suggest  # the suggester's rules: not for a window that only lists

    ids = list(suggestion_ids)
    with project.transaction():
        spans = suggest.accept(project, ids, annotator=annotator)
        relations = _relations_for(project, ids, annotator=annotator)
        project.insert_relations(relations)
    return spans, relations


def accept_group(
    project: Project, suggestion_id: str, *, annotator: str = SUGGESTER
) -> tuple[list[Span], list[Relation]]:
    """Accept a suggestion with its group and linked suggestions (see `group_of`)."""
    return accept_linked(project, group_of(project, suggestion_id), annotator=annotator)


def _relations_for(
    project: Project, suggestion_ids: Sequence[str], *, annotator: str
) -> list[Relation]:
    types = {t.name: t.id for t in project.relation_types()}
    existing = {(r.head, r.tail, r.type_id) for r in project.relations()}
    relations = []
    seen = set()
    for sid in suggestion_ids:
        for link in project.conn.execute(
            "SELECT head, tail, relation FROM suggested_links WHERE head = ? OR tail = ?",
            (sid, sid),
        ).fetchall():
            head = _span_of(project, link[0], annotator)
            tail = _span_of(project, link[1], annotator)
            type_id = types.get(link[2])
            key = (head, tail, type_id)
            if (
                head
                and tail
                and head != tail
                and type_id is not None
                and key not in existing
                and key not in seen
            ):
                seen.add(key)
                relations.append(Relation(new_id(), head, tail, type_id, annotator, now()))
    return relations


def _span_of(project: Project, suggestion_id: str, annotator: str) -> str | None:
    """The id of a span where an accepted suggestion (or a tagged span like it) lies: the
    accepting annotator's first, then the suggester's."""
    row = project.conn.execute(
        "SELECT s.id FROM suggestions g JOIN labels l ON l.name = g.label "
        "JOIN spans s ON s.document_id = g.document_id AND s.start = g.start "
        "AND s.end = g.end AND s.label_id = l.id WHERE g.id = ? "
        "ORDER BY s.annotator = ? DESC, s.annotator = ? DESC LIMIT 1",
        (suggestion_id, annotator, SUGGESTER),
    ).fetchone()
    return None if row is None else str(row[0])
