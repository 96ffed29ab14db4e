"""Counts over a project: documents, spans per label, per annotator and per document."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.project import Project


@dataclass(frozen=True)
class Stats:
    documents: int
    by_status: dict[str, int]
    spans: int
    relations: int
    by_label: dict[str, int]
    by_annotator: dict[str, int]
    by_document: list[tuple[str, str, int]]  # title, status, spans


def project_stats(project: Project) -> Stats:
    q = project.conn.execute
    by_label = {
        name: n
        for name, n in q(
            "SELECT l.name, count(s.id) FROM labels l LEFT JOIN spans s ON s.label_id = l.id "
            "GROUP BY l.id ORDER BY l.position, l.id"
        )
    }
    by_annotator = dict(
        q(
            "SELECT annotator, count(*) FROM spans GROUP BY annotator "
            "ORDER BY count(*) DESC, annotator"
        )
    )
    by_status = dict(q("SELECT status, count(*) FROM documents GROUP BY status"))
    docs = project.documents()
    return Stats(
        documents=len(docs),
        by_status={s: by_status.get(s, 0) for s in ("todo", "in_progress", "done")},
        spans=sum(by_label.values()),
        relations=int(q("SELECT count(*) FROM relations").fetchone()[0]),
        by_label=by_label,
        by_annotator=by_annotator,
        by_document=[(d.title, d.status, d.span_count) for d in docs],
    )


def render_stats(stats: Stats) -> str:
    status = ", ".join(f"{n} {s.replace('_', ' ')}" for s, n in stats.by_status.items())
    lines = [
        f"Documents: {stats.documents} ({status})",
        f"Spans: {stats.spans}",
        f"Relations: {stats.relations}",
        "",
        "Spans per label:",
    ]
    lines += _table(list(stats.by_label.items()))
    lines += ["", "Spans per annotator:"]
    lines += _table(list(stats.by_annotator.items())) or ["  (none)"]
    lines += ["", "Spans per document:"]
    lines += _table([(_clip(title), n) for title, _, n in stats.by_document])
    return "\n".join(lines) + "\n"


def _table(rows: list[tuple[str, int]]) -> list[str]:
    width = max((len(name) for name, _ in rows), default=0)
    return [f"  {name:<{width}}  {n:>6}" for name, n in rows]


def _clip(title: str, limit: int = 60) -> str:
    return title if len(title) <= limit else title[: limit - 1] + "…"
