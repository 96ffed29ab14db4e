"""What the comparison table is built from, kept in memory so one edit changes only its rows.

`CompareSource` reads the figure spans and the spans in relations once (the others never
reach the table), builds the table (`workbench.compare`), and then follows edits: a figure
span added, moved or removed rebuilds only the figure row(s) of its old and new value; an
edit of a linked span, or of relations, rebuilds the table from memory. Either way it
never reads the project's spans again, and the table equals a fresh `build_table`.

A window builds it in steps (`building`), a few milliseconds each, between input events:
an imported article with 50,000 spans (12,500 figures) takes about a second.
"""

from __future__ import annotations

import sqlite3
from bisect import bisect_left, insort
from collections import defaultdict
from collections.abc import Collection, Generator, Iterable, Iterator
from operator import itemgetter
from typing import Any

from workbench.compare_table import CompareTable, Entry, Row
from workbench.errors import WorkbenchError
from workbench.figures import Figure, figure_of, parse_figure
from workbench.model import Span
from workbench.project import Project
from workbench.project_spans import spans_of

_SPAN_COLUMNS = (
    "s.id, s.document_id, s.start, s.end, s.label_id, s.annotator, s.note, "
    "s.created_at, s.updated_at, s.attrs"
)
STEP = 256  # spans read, parsed or placed in one step of `building`
GroupKey = tuple[str, object]  # what a figure counts, and its value (group_by="value")
# A row's place: its sort key, then same_as rows (by component) before figure rows (by
# their first span): the order a stable sort of the rows as built gives.
RowOrder = tuple[tuple[int, str, float, str], int, Any]


def _figure_value(figure: Figure) -> float:
    return float(figure.value)


class CompareSource:
    def __init__(
        self,
        project: Project,
        *,
        document_ids: Collection[str] | None = None,
        figure_label: str = "figure",
        group_by: str = "value",
        defer: bool = False,
    ) -> None:
        """`defer`: build nothing yet; the table is empty until `building` is run out."""
        if group_by not in ("value", "counts"):
            raise WorkbenchError(f"Figures group by 'value' or 'counts', not '{group_by}'.")
        self.project = project
        self.group_by = group_by
        self.documents = [
            (doc_id, title)
            for doc_id, title in project.document_titles().items()
            if document_ids is None or doc_id in document_ids
        ]
        self._order = {doc_id: i for i, (doc_id, _) in enumerate(self.documents)}
        label = project.label_named(figure_label)
        self.figure_label_id = label.id if label else None
        self._texts: dict[str, str] = {}
        self._figures: dict[str, Figure | None] = {}  # span id -> its figure, parsed once
        self.spans: dict[str, Span] = {}
        self.table = CompareTable(self.documents, [])
        if not defer:
            self._read_links(project.conn)
            self._read_spans(project.conn)
            self.table = self._build()

    def building(self) -> Generator[None, None, None]:
        """Read the project and build the table, one short step per `next()`.

        A project in a file is read in one snapshot, fixed by the first step, through a
        read-only connection of the source's own: an edit made after the first step is not
        in it, so give each such edit to `apply` after the last step."""
        if self.project.path is None:  # in memory: no other connection sees it; small
            self._read_links(self.project.conn)
            self._read_spans(self.project.conn)
        else:
            with self.project.reader() as reader:
                snapshot = reader.conn
                snapshot.isolation_level = None
                snapshot.execute("BEGIN")
                self._read_links(snapshot)  # the first read: the snapshot is fixed
                yield
                yield from self._reading_spans(snapshot)
        for n, span in enumerate(self.spans.values(), 1):
            self._figure(span)
            if n % STEP == 0:
                yield
        self.table = yield from self._building()

    # --- reading -------------------------------------------------------------

    def _read_links(self, conn: sqlite3.Connection) -> None:
        types = {t.id: t.name for t in self.project.relation_types()}
        self._links: dict[str, list[tuple[str, str]]] = defaultdict(list)  # type -> (head, tail)
        self._linked: set[str] = set()
        for head, tail, type_id in conn.execute("SELECT head, tail, type_id FROM relations"):
            self._links[types[type_id]].append((head, tail))
            self._linked.update((head, tail))

    def _span_rows(self, conn: sqlite3.Connection, document_id: str) -> sqlite3.Cursor:
        return conn.execute(
            f"SELECT {_SPAN_COLUMNS} FROM spans s WHERE s.document_id = ? AND ("
            "s.label_id = ? OR s.id IN (SELECT head FROM relations) "
            "OR s.id IN (SELECT tail FROM relations)) ORDER BY s.start, s.end, s.id",
            (document_id, self.figure_label_id if self.figure_label_id is not None else -1),
        )

    def _read_spans(self, conn: sqlite3.Connection) -> None:
        for _ in self._reading_spans(conn, step=None):
            pass

    def _reading_spans(self, conn: sqlite3.Connection, step: int | None = STEP) -> Iterator[None]:
        """The figure spans and the linked ones, document by document in reading order."""
        for document_id, _ in self.documents:
            rows = self._span_rows(conn, document_id)
            while batch := (rows.fetchall() if step is None else rows.fetchmany(step)):
                self.spans.update((span.id, span) for span in spans_of(batch))
                yield

    def _text(self, document_id: str) -> str:
        text = self._texts.get(document_id)
        if text is None:
            text = self._texts[document_id] = self.project.document_text(document_id)
        return text

    def _in_order(self, span: Span) -> tuple[int, int]:
        return (self._order[span.document_id], span.start)

    def _reading_order(self, span: Span) -> tuple[int, int, int, str]:
        return (self._order[span.document_id], span.start, span.end, span.id)

    # --- the pieces of a row -------------------------------------------------

    def _span_text(self, span: Span) -> str:
        return " ".join(self._text(span.document_id)[span.start : span.end].split())

    def _enclosing(self, span: Span, table: dict[str, list[str]]) -> list[str]:
        found = table.get(span.id)
        if found:
            return found
        for other_id in table:
            other = self.spans[other_id]
            if (
                other.document_id == span.document_id
                and other.start <= span.start
                and span.end <= other.end
            ):
                return table[other_id]
        return []

    def _entry(self, span: Span) -> Entry:
        return Entry(
            span.id,
            self._span_text(span),
            tuple(self._span_text(self.spans[i]) for i in self._enclosing(span, self._sources)),
            tuple(self._span_text(self.spans[i]) for i in self._enclosing(span, self._denials)),
        )

    def _figure(self, span: Span) -> Figure | None:
        if span.label_id != self.figure_label_id:
            return None
        if span.id not in self._figures:
            doc_text = self._text(span.document_id)
            self._figures[span.id] = figure_of(span.attrs) or parse_figure(
                doc_text[span.start : span.end], following=doc_text[span.end : span.end + 60]
            )
        return self._figures[span.id]

    def _key(self, figure: Figure) -> GroupKey:
        value = (figure.value, figure.qualifier, figure.high) if self.group_by == "value" else None
        return (figure.counts, value)

    def _figure_row(self, key: GroupKey, members: list[Span]) -> Row:
        """The row of the unlinked figures of one key, `members` in reading order."""
        row: Row | None = None
        for span in members:
            fig = self._figure(span)
            assert fig is not None  # members are figures
            if row is None:
                title = (
                    f"{fig.label()} {fig.counts}".strip()
                    if self.group_by == "value"
                    else (fig.counts or "(uncounted)")
                )
                row = Row("figure", title, fig)
            row.values.append(fig)
            row.figure = min(row.values, key=_figure_value)
            row.cells.setdefault(span.document_id, []).append(self._entry(span))
        assert row is not None
        return row

    # --- the whole table -----------------------------------------------------

    def _build(self) -> CompareTable:
        steps = self._building()
        while True:
            try:
                next(steps)
            except StopIteration as done:
                table: CompareTable = done.value
                return table

    def _building(self) -> Generator[None, None, CompareTable]:
        spans = self.spans
        self._sources: dict[str, list[str]] = defaultdict(list)
        self._denials: dict[str, list[str]] = defaultdict(list)
        for head, tail in self._links["attributed_to"]:
            if head in spans and tail in spans:
                self._sources[head].append(tail)
        for head, tail in self._links["denies"]:
            if head in spans and tail in spans:
                self._denials[tail].append(head)

        rows: list[Row] = []
        order: list[RowOrder] = []
        linked: set[str] = set()
        for n, component in enumerate(
            _components((h, t) for h, t in self._links["same_as"] if h in spans and t in spans)
        ):
            members = sorted((spans[i] for i in component), key=self._in_order)
            linked.update(component)
            figures = [f for f in map(self._figure, members) if f is not None]
            first = min(figures, key=_figure_value, default=None)
            title = (
                f"{first.label()} {first.counts}".strip() if first else self._span_text(members[0])
            )
            row = Row("same_as", title, first, values=figures)
            for span in members:
                row.cells.setdefault(span.document_id, []).append(self._entry(span))
            rows.append(row)
            order.append((row.sort_key(), 0, n))
        self._same_as_ids = linked

        # An unlinked figure joins a linked group that states exactly the same figure.
        self._same_as_keys: set[GroupKey] = set()
        if self.group_by == "value":
            for row in rows:
                keys = {self._key(f) for f in row.values}
                if len(keys) == 1:
                    self._same_as_keys.update(keys)
        self._members: dict[GroupKey, list[Span]] = defaultdict(list)
        yield
        # The keys in steps, then one sort in C (the spans mostly arrive in reading order:
        # one sort with a Python key took 50-70 ms at 200k spans).
        keyed: list[tuple[tuple[int, int, int, str], Span]] = []
        for n, span in enumerate(spans.values(), 1):
            keyed.append((self._reading_order(span), span))
            if n % STEP == 0:
                yield
        keyed.sort(key=itemgetter(0))
        yield
        for n, (_, span) in enumerate(keyed, 1):
            fig = self._figure(span) if span.id not in linked else None
            if fig is not None:
                self._members[self._key(fig)].append(span)
            if n % STEP == 0:
                yield
        joined = {id(r): r for r in rows}
        for key, members in self._members.items():
            if key in self._same_as_keys:
                row = next(r for r in rows if {self._key(f) for f in r.values} == {key})
                for span in members:
                    fig = self._figure(span)
                    assert fig is not None
                    row.values.append(fig)
                    row.figure = min(row.values, key=_figure_value)
                    row.cells.setdefault(span.document_id, []).append(self._entry(span))
                    joined[id(row)] = row
        for i, row in enumerate(rows):  # a joined row may have a smaller figure now
            order[i] = (row.sort_key(), 0, order[i][2])
        placed = 0
        for key, members in self._members.items():
            if key not in self._same_as_keys:
                row = self._figure_row(key, members)
                rows.append(row)
                order.append((row.sort_key(), 1, self._reading_order(members[0])))
                placed += len(members)
                if placed >= STEP:
                    placed = 0
                    yield
        ranked = sorted(zip(order, rows, strict=True), key=lambda pair: pair[0])
        self._row_order = [o for o, _ in ranked]
        return CompareTable(self.documents, [r for _, r in ranked])

    # --- following edits -----------------------------------------------------

    def apply(self, *, removed: Span | None = None, added: Span | None = None) -> bool:
        """Follow one span edit (removed, added, or both for an update); True if the table
        changed. `self.table` is then a new table whose unchanged rows are the same objects."""
        ids = {s.id for s in (removed, added) if s is not None}
        keys: set[GroupKey] = set()
        if removed is not None and removed.id in self.spans:
            old = self.spans.pop(removed.id)
            fig = self._figure(old)
            self._figures.pop(old.id, None)
            if fig is not None and old.id not in self._same_as_ids:
                key = self._key(fig)
                keys.add(key)
                members = self._members.get(key, [])
                at = bisect_left(members, self._reading_order(old), key=self._reading_order)
                if at < len(members) and members[at].id == old.id:
                    del members[at]
        if added is not None and (
            added.label_id == self.figure_label_id or added.id in self._linked
        ):
            self.spans[added.id] = added
            fig = self._figure(added)
            if fig is not None and added.id not in self._same_as_ids:
                key = self._key(fig)
                keys.add(key)
                insort(self._members[key], added, key=self._reading_order)
        if ids & self._linked or keys & self._same_as_keys:
            self.table = self._build()
            return True
        if not keys:
            return False
        rows, order = list(self.table.rows), list(self._row_order)
        for key in keys:
            stale = [
                i
                for i, r in enumerate(rows)
                if r.kind == "figure" and self._key(r.values[0]) == key
            ]
            for i in reversed(stale):
                del rows[i], order[i]
            group = self._members.get(key)
            if group:
                row = self._figure_row(key, group)
                place = (row.sort_key(), 1, self._reading_order(group[0]))
                at = bisect_left(order, place)
                rows.insert(at, row)
                order.insert(at, place)
            else:
                self._members.pop(key, None)
        self._row_order = order
        self.table = CompareTable(self.documents, rows)
        return True

    def reload_relations(self) -> None:
        """Links were made or removed: read them (and any span they newly reach) again."""
        self._read_links(self.project.conn)
        for span_id in self._linked - self.spans.keys():
            try:
                span = self.project.span(span_id)
            except WorkbenchError:
                continue
            if span.document_id in self._order:
                self.spans[span_id] = span
        self.table = self._build()


def _components(edges: Iterable[tuple[str, str]]) -> list[set[str]]:
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        parent[find(a)] = find(b)
    groups: dict[str, set[str]] = defaultdict(set)
    for x in list(parent):
        groups[find(x)].add(x)
    return list(groups.values())
