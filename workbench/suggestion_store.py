"""Storing one document's proposals: suggestion rows with their group, and their links.

Called by `suggest.run_suggester` inside its transaction. A suggestion already decided
(accepted or rejected) is not proposed again; neither is a phrase the analyst rejected in
that role anywhere in the project (`rejected_keys`). Pending suggestions the rules no
longer make are dropped; the links of the document's suggestions are rebuilt.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field

from workbench.learned import Tagged, learned_suggestions, phrase_key
from workbench.model import new_id, now
from workbench.project import Project
from workbench.proposals import Proposals
from workbench.suggestion_rows import count_suggestions


@dataclass(slots=True)
class StoreCounts:
    added: int = 0
    rejected: int = 0  # proposed again but rejected before (the suggestion or its phrase)
    stale: list[str] = field(default_factory=list)


def rejected_keys(project: Project) -> set[tuple[str, str]]:
    """(label, phrase key) of every rejected suggestion in the project."""
    rows = project.conn.execute(
        "SELECT g.label, substr(d.text, g.start + 1, g.end - g.start) FROM suggestions g "
        "JOIN documents d ON d.id = g.document_id WHERE g.status = 'rejected'"
    )
    return {(label, phrase_key(phrase)) for label, phrase in rows}


def tagged_spans(project: Project, *, exclude_annotator: str) -> list[Tagged]:
    """The spans people tagged (not accepted suggestions), with their documents' texts."""
    texts: dict[str, str] = {}
    labels = {lb.id: lb.name for lb in project.labels()}
    tagged = []
    for span in project.spans():
        if span.annotator == exclude_annotator:
            continue
        text = texts.get(span.document_id)
        if text is None:
            text = texts[span.document_id] = project.document(span.document_id).text
        tagged.append(Tagged(span.document_id, text, span.start, span.end, labels[span.label_id]))
    return tagged


def learned_for(
    project: Project,
    document_ids: Iterable[str],
    *,
    exclude_annotator: str,
    rejected: Collection[tuple[str, str]],
    labels: Collection[str] | None = None,
) -> dict[str, list[tuple[int, int, str, str]]]:
    """Learned suggestions per document, from what people tagged in the project."""
    tagged = [
        t
        for t in tagged_spans(project, exclude_annotator=exclude_annotator)
        if not labels or t.label in labels
    ]
    if not tagged:
        return {}
    texts = {d: project.document(d).text for d in document_ids}
    return learned_suggestions(texts, tagged, rejected=rejected)


def store_document(
    project: Project,
    document_id: str,
    text: str,
    found: Proposals,
    *,
    rejected: Collection[tuple[str, str]],
    labels: Collection[str] | None = None,
    in_scope: Callable[[str], bool] = lambda rule: True,
) -> StoreCounts:
    """Store a document's proposals (inside the caller's transaction). Pending suggestions
    of the `labels` whose rule is `in_scope` and that `found` lacks are dropped, and the
    links from those suggestions are rebuilt; others stay as they are."""
    conn = project.conn
    counts = StoreCounts()
    rows = conn.execute(
        "SELECT id, start, end, label, status, rule FROM suggestions WHERE document_id = ?",
        (document_id,),
    ).fetchall()
    previous = {(start, end, label): (sid, status) for sid, start, end, label, status, _ in rows}
    scope = {
        sid
        for sid, _, _, label, _, rule in rows
        if in_scope(rule) and (not labels or label in labels)
    }
    group_ids: dict[int, str] = {}
    # One random id per document and a counter after it: unique like new_id() for each,
    # without a call to the system's random source per suggestion (thousands per run).
    base = new_id()
    serial = iter(range(1, 1 << 62))

    def next_id() -> str:
        return f"{base}-{next(serial):x}"

    ids: list[str | None] = []
    new_rows = []
    stamp = now()
    for p in found.spans:
        key = (p.start, p.end, p.label)
        group = None if p.group is None else group_ids.setdefault(p.group, next_id())
        old = previous.get(key)
        if old is not None:
            ids.append(old[0])
            counts.rejected += old[1] == "rejected"
            if old[1] == "pending":
                conn.execute(
                    "UPDATE suggestions SET group_id = ?, rule = ? WHERE id = ?",
                    (group, p.rule, old[0]),
                )
            continue
        if rejected and (p.label, phrase_key(text[p.start : p.end])) in rejected:
            ids.append(None)
            counts.rejected += 1
            continue
        sid = next_id()
        new_rows.append((sid, document_id, p.start, p.end, p.label, p.rule, stamp, group))
        ids.append(sid)
    conn.executemany(
        "INSERT INTO suggestions (id, document_id, start, end, label, rule, status, "
        "created_at, group_id) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?)",
        new_rows,
    )
    if new_rows:  # not those a span of the same label answers already: they never show
        counts.added += count_suggestions(project, document_id=document_id, id_prefix=f"{base}-")
    fresh = {(p.start, p.end, p.label) for p in found.spans}
    counts.stale = [
        sid
        for key, (sid, status) in previous.items()
        if status == "pending" and key not in fresh and sid in scope
    ]
    conn.executemany("DELETE FROM suggestions WHERE id = ?", [(i,) for i in counts.stale])
    conn.executemany(
        "DELETE FROM suggested_links WHERE head = ?", [(i,) for i in scope if i not in counts.stale]
    )
    conn.executemany(
        "INSERT OR IGNORE INTO suggested_links (id, head, tail, relation) VALUES (?, ?, ?, ?)",
        [
            (next_id(), ids[h], ids[t], relation)
            for h, t, relation in found.links
            if ids[h] is not None and ids[t] is not None and ids[h] != ids[t]
        ],
    )
    return counts
