"""Merging other analysts' project files into this one: one transaction, with a report.

Documents are matched by id, else by identical text; labels and relation types by name;
spans, relations, per-annotator statuses and suggestion decisions by their ids. The same
item changed on both sides: the newer `updated_at` (relations: `created_at`) wins and the
report lists the conflict. Merging a file twice changes nothing the second time.
All sources are read and checked first; nothing is written unless all are good, and the
target is backed up before the merge commits.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from workbench import connection
from workbench.errors import FormatError
from workbench.merge_source import SourceProject, SourceSpan, read_source
from workbench.model import Document
from workbench.project import Project, attrs_json, content_hash


@dataclass(frozen=True, slots=True)
class Conflict:
    """One item that differs between the target and a source; `winner` says which stayed."""

    kind: str  # "span", "relation" or "suggestion"
    id: str
    source: Path
    winner: str  # "target" or "source"
    detail: str


@dataclass(slots=True)
class MergeReport:
    sources: list[Path] = field(default_factory=list)
    documents_added: int = 0
    documents_matched_by_text: int = 0
    spans_added: Counter[str] = field(default_factory=Counter)  # per annotator
    spans_updated: int = 0
    relations_added: int = 0
    relations_updated: int = 0
    labels_added: list[str] = field(default_factory=list)
    relation_types_added: list[str] = field(default_factory=list)
    statuses_changed: int = 0
    suggestions_changed: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    backup: Path | None = None

    @property
    def changed(self) -> bool:
        return bool(
            self.documents_added
            or sum(self.spans_added.values())
            or self.spans_updated
            or self.relations_added
            or self.relations_updated
            or self.labels_added
            or self.relation_types_added
            or self.statuses_changed
            or self.suggestions_changed
        )

    def summary(self) -> str:
        """The report as a few lines of text."""
        if not self.changed:
            return (
                "Nothing to merge: the target already has everything in "
                + ", ".join(str(p) for p in self.sources)
                + "."
            )
        spans = ", ".join(f"{n} by {a}" for a, n in sorted(self.spans_added.items())) or "none"
        lines = [
            f"Merged {len(self.sources)} file(s): {self.documents_added} documents added "
            f"({self.documents_matched_by_text} more matched by their text), spans added: "
            f"{spans}; {self.spans_updated} spans updated, {self.relations_added} relations "
            f"added, {self.statuses_changed} statuses and {self.suggestions_changed} "
            "suggestion decisions taken over.",
        ]
        if self.labels_added or self.relation_types_added:
            lines.append(
                "New labels: " + ", ".join(self.labels_added + self.relation_types_added) + "."
            )
        for c in self.conflicts:
            lines.append(
                f"Conflict: {c.kind} {c.id} ({c.source.name}): {c.detail}; "
                f"kept the {c.winner}'s version."
            )
        if self.backup is not None:
            lines.append(f"The target as it was is in {self.backup}.")
        return "\n".join(lines)


def merge_projects(target: Project, sources: Sequence[str | Path]) -> MergeReport:
    """Merge the source project files into `target`, all or nothing (see the module doc)."""
    read = [read_source(path) for path in sources]  # every file is checked before any write
    report = MergeReport(sources=[s.path for s in read])
    with target.transaction():
        for source in read:
            _Merger(target, source, report).run()
        if report.changed and target.path is not None:
            report.backup = connection.backup_beside(target.path, "premerge")
    return report


class _Merger:
    """Applies one checked source to the target inside the caller's transaction."""

    def __init__(self, target: Project, source: SourceProject, report: MergeReport) -> None:
        self.target = target
        self.conn = target.conn
        self.source = source
        self.report = report
        self.doc_map: dict[str, str] = {}
        self.span_map: dict[str, str] = {}

    def run(self) -> None:
        labels = self._labels()
        types = self._relation_types()
        self._documents()
        self._spans(labels)
        self._relations(types)
        self._statuses()
        self._suggestions()

    def _labels(self) -> dict[str, int]:
        ids = {lb.name: lb.id for lb in self.target.labels()}
        for lb in self.source.labels:
            if lb.name not in ids:
                ids[lb.name] = self.target.add_label(
                    lb.name, color=lb.color, description=lb.description
                ).id
                self.report.labels_added.append(lb.name)
        return ids

    def _relation_types(self) -> dict[str, int]:
        ids = {t.name: t.id for t in self.target.relation_types()}
        for t in self.source.relation_types:
            if t.name not in ids:
                ids[t.name] = self.target.add_relation_type(
                    t.name, color=t.color, description=t.description
                ).id
                self.report.relation_types_added.append(t.name)
        return ids

    def _documents(self) -> None:
        hashes = dict(self.conn.execute("SELECT id, content_hash FROM documents"))
        by_hash: dict[str, str] = {}
        for doc_id, digest in self.conn.execute(
            "SELECT id, content_hash FROM documents ORDER BY rowid DESC"
        ):
            by_hash[digest] = doc_id  # the earliest document wins
        new: list[Document] = []
        for d in self.source.documents:
            digest = content_hash(d.text)
            if d.id in hashes:
                if hashes[d.id] != digest:
                    raise FormatError(
                        self.source.path,
                        f"document {d.id} has another text than "
                        "the target's document of that id; nothing was merged.",
                    )
                self.doc_map[d.id] = d.id
            elif digest in by_hash:
                self.doc_map[d.id] = by_hash[digest]
                self.report.documents_matched_by_text += 1
            else:
                new.append(
                    Project.new_document(
                        d.text,
                        title=d.title,
                        source=d.source,
                        meta=d.meta,
                        status=d.status,
                        id=d.id,
                        imported_at=d.imported_at,
                    )
                )
                self.doc_map[d.id] = d.id
                by_hash[digest] = d.id
        self.target.insert_documents(new)
        self.report.documents_added += len(new)

    def _spans(self, labels: dict[str, int]) -> None:
        for s in self.source.spans:
            doc_id = self.doc_map[s.document_id]
            label_id = labels[s.label]
            row = self.conn.execute(
                "SELECT document_id, start, end, label_id, annotator, note, attrs, updated_at "
                "FROM spans WHERE id = ?",
                (s.id,),
            ).fetchone()
            if row is not None:
                self._existing_span(s, row, doc_id, label_id)
                continue
            same = self.conn.execute(
                "SELECT id FROM spans WHERE document_id = ? AND start = ? AND end = ? AND "
                "label_id = ? AND annotator = ?",
                (doc_id, s.start, s.end, label_id, s.annotator),
            ).fetchone()
            if same is not None:
                self.span_map[s.id] = same[0]
                continue
            self.target.insert_span_rows(
                [
                    (
                        s.id,
                        doc_id,
                        s.start,
                        s.end,
                        label_id,
                        s.annotator,
                        s.note,
                        s.created_at,
                        s.updated_at,
                        attrs_json(s.attrs),
                    )
                ]
            )
            self.span_map[s.id] = s.id
            self.report.spans_added[s.annotator] += 1

    def _existing_span(
        self, s: SourceSpan, row: tuple[object, ...], doc_id: str, label_id: int
    ) -> None:
        self.span_map[s.id] = s.id
        if row[0] != doc_id:
            raise FormatError(
                self.source.path,
                f"span {s.id} belongs to another document "
                "than the target's span of that id; nothing was merged.",
            )
        mine = (row[1], row[2], row[3], row[4], row[5], json.loads(str(row[6])))
        theirs = (s.start, s.end, label_id, s.annotator, s.note, s.attrs)
        if mine == theirs:
            return
        detail = (
            f"{row[1]}-{row[2]} here (updated {row[7]}), {s.start}-{s.end} there "
            f"(updated {s.updated_at})"
            if (row[1], row[2]) != (s.start, s.end)
            else f"label, note or attributes differ (updated {row[7]} here, {s.updated_at} there)"
        )
        winner = "target"
        if s.updated_at > str(row[7]):
            try:
                with self.target.transaction():  # a savepoint: a duplicate undoes only this
                    self.conn.execute(
                        "UPDATE spans SET start = ?, end = ?, label_id = ?, annotator = ?, "
                        "note = ?, attrs = ?, updated_at = ? WHERE id = ?",
                        (
                            s.start,
                            s.end,
                            label_id,
                            s.annotator,
                            s.note,
                            attrs_json(s.attrs),
                            s.updated_at,
                            s.id,
                        ),
                    )
                winner = "source"
                self.report.spans_updated += 1
            except sqlite3.IntegrityError:
                detail += "; the newer version duplicates another span"
        self.report.conflicts.append(Conflict("span", s.id, self.source.path, winner, detail))

    def _relations(self, types: dict[str, int]) -> None:
        for r in self.source.relations:
            head, tail = self.span_map[r.head], self.span_map[r.tail]
            type_id = types[r.type]
            row = self.conn.execute(
                "SELECT head, tail, type_id, created_at FROM relations WHERE id = ?", (r.id,)
            ).fetchone()
            if row is not None:
                if (row[0], row[1], row[2]) != (head, tail, type_id):
                    self._relation_conflict(r.id, row, (head, tail, type_id), r.created_at)
                continue
            if (
                self.conn.execute(
                    "SELECT 1 FROM relations WHERE head = ? AND tail = ? AND type_id = ?",
                    (head, tail, type_id),
                ).fetchone()
                is not None
                or head == tail
            ):
                continue
            self.conn.execute(
                "INSERT INTO relations (id, head, tail, type_id, annotator, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (r.id, head, tail, type_id, r.annotator, r.created_at),
            )
            self.report.relations_added += 1

    def _relation_conflict(
        self,
        rel_id: str,
        row: tuple[str, str, int, str],
        theirs: tuple[str, str, int],
        created_at: str,
    ) -> None:
        winner = "target"
        detail = (
            f"links other spans or has another type (created {row[3]} here, {created_at} there)"
        )
        if created_at > row[3]:
            try:
                with self.target.transaction():
                    self.conn.execute(
                        "UPDATE relations SET head = ?, tail = ?, type_id = ?, created_at = ? "
                        "WHERE id = ?",
                        (*theirs, created_at, rel_id),
                    )
                winner = "source"
                self.report.relations_updated += 1
            except sqlite3.IntegrityError:
                detail += "; the newer version duplicates another relation"
        self.report.conflicts.append(Conflict("relation", rel_id, self.source.path, winner, detail))

    def _statuses(self) -> None:
        for st in self.source.statuses:
            doc_id = self.doc_map[st.document_id]
            row = self.conn.execute(
                "SELECT status, updated_at FROM annotator_statuses "
                "WHERE document_id = ? AND annotator = ?",
                (doc_id, st.annotator),
            ).fetchone()
            if row is not None and (row[0] == st.status or row[1] >= st.updated_at):
                continue
            self.conn.execute(
                "INSERT INTO annotator_statuses (document_id, annotator, status, updated_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (document_id, annotator) DO UPDATE SET "
                "status = excluded.status, updated_at = excluded.updated_at",
                (doc_id, st.annotator, st.status, st.updated_at),
            )
            self.conn.execute(
                "INSERT INTO status_history (document_id, status, changed_at) VALUES (?, ?, ?)",
                (doc_id, st.status, st.updated_at),
            )
            self.report.statuses_changed += 1

    def _suggestions(self) -> None:
        for sg in self.source.suggestions:
            doc_id = self.doc_map[sg.document_id]
            row = self.conn.execute(
                "SELECT id, status FROM suggestions WHERE id = ? OR (document_id = ? AND "
                "start = ? AND end = ? AND label = ?)",
                (sg.id, doc_id, sg.start, sg.end, sg.label),
            ).fetchone()
            if row is None:
                self.conn.execute(
                    "INSERT INTO suggestions (id, document_id, start, end, label, rule, status, "
                    "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (sg.id, doc_id, sg.start, sg.end, sg.label, sg.rule, sg.status, sg.created_at),
                )
                self.report.suggestions_changed += 1
            elif row[1] != sg.status and sg.status != "pending":
                if row[1] == "pending":
                    self.conn.execute(
                        "UPDATE suggestions SET status = ? WHERE id = ?", (sg.status, row[0])
                    )
                    self.report.suggestions_changed += 1
                else:
                    self.report.conflicts.append(
                        Conflict(
                            "suggestion",
                            row[0],
                            self.source.path,
                            "target",
                            f"{row[1]} here, {sg.status} there",
                        )
                    )
