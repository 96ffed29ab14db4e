"""The comparison table: what each article says about the same fact.

One row per group of spans linked `same_as` (connected components), and one row per
figure group (figures not linked that way, grouped by what they count and their value);
one column per document. A cell holds each span's text, its source (`attributed_to`,
directly or through a claim that encloses it) and any denial linked to it (`denies`).
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
import textwrap
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.exporter import with_default_permissions
from workbench.figures import Figure, figure_of, parse_figure
from workbench.formats.spreadsheet_cells import neutralised
from workbench.model import Span
from workbench.project import Project


@dataclass(frozen=True, slots=True)
class Entry:
    """One span in a cell."""

    span_id: str
    text: str
    sources: tuple[str, ...] = ()
    denials: tuple[str, ...] = ()

    def describe(self) -> str:
        parts = [self.text]
        if self.sources:
            parts.append(f"(source: {'; '.join(self.sources)})")
        if self.denials:
            parts.append(f"[denied: {'; '.join(self.denials)}]")
        return " ".join(parts)


@dataclass(slots=True)
class Row:
    kind: str  # "same_as" or "figure"
    title: str
    figure: Figure | None = None  # the row's figure (the smallest), for sorting
    cells: dict[str, list[Entry]] = field(default_factory=dict)  # document id -> entries
    values: list[Figure] = field(default_factory=list)  # every figure in the row

    def value_text(self) -> str:
        """The row's figure, or the spread of its figures ("≈1,500 … ≤12,000")."""
        labels = list(dict.fromkeys(f.label() for f in sorted(self.values, key=_by_value)))
        return labels[0] if len(labels) == 1 else f"{labels[0]} … {labels[-1]}" if labels else ""

    def sort_key(self) -> tuple[int, str, float, str]:
        if self.figure is None:
            return (1, "", 0.0, self.title)
        return (0, self.figure.counts, float(self.figure.value), self.title)


@dataclass(slots=True)
class CompareTable:
    documents: list[tuple[str, str]]  # (id, title) in import order
    rows: list[Row]

    def cell_text(self, row: Row, document_id: str) -> str:
        return " | ".join(e.describe() for e in row.cells.get(document_id, ()))


def build_table(
    project: Project,
    *,
    document_ids: Collection[str] | None = None,
    figure_label: str = "figure",
    group_by: str = "value",
) -> CompareTable:
    """The comparison table over `document_ids` (default: all documents).

    `group_by="value"` gives one figure row per (what is counted, value); "counts" one
    row per kind of thing counted.
    """
    if group_by not in ("value", "counts"):
        raise WorkbenchError(f"Figures group by 'value' or 'counts', not '{group_by}'.")
    docs = [(d.id, d.title) for d in project.documents()
            if document_ids is None or d.id in document_ids]
    wanted = {doc_id for doc_id, _ in docs}
    spans = {s.id: s for s in project.spans() if s.document_id in wanted}
    texts = {doc_id: project.document(doc_id).text for doc_id in wanted}
    types = {t.id: t.name for t in project.relation_types()}
    label = project.label_named(figure_label)
    figure_label_id = label.id if label else None

    links: dict[str, list[tuple[str, str]]] = defaultdict(list)  # type -> (head, tail)
    for r in project.relations():
        links[types[r.type_id]].append((r.head, r.tail))
    sources, denials = defaultdict(list), defaultdict(list)
    for head, tail in links["attributed_to"]:
        if head in spans and tail in spans:
            sources[head].append(tail)
    for head, tail in links["denies"]:
        if head in spans and tail in spans:
            denials[tail].append(head)

    def text(span: Span) -> str:
        return " ".join(texts[span.document_id][span.start:span.end].split())

    def enclosing(span: Span, table: dict[str, list[str]]) -> list[str]:
        found = table.get(span.id)
        if found:
            return found
        for other_id in table:
            other = spans[other_id]
            if (other.document_id == span.document_id and other.start <= span.start
                    and span.end <= other.end):
                return table[other_id]
        return []

    def entry(span: Span) -> Entry:
        return Entry(span.id, text(span),
                     tuple(text(spans[i]) for i in enclosing(span, sources)),
                     tuple(text(spans[i]) for i in enclosing(span, denials)))

    def figure(span: Span) -> Figure | None:
        if span.label_id != figure_label_id:
            return None
        doc_text = texts[span.document_id]
        return figure_of(span.attrs) or parse_figure(
            doc_text[span.start:span.end], following=doc_text[span.end:span.end + 60])

    order = {doc_id: i for i, (doc_id, _) in enumerate(docs)}

    def in_order(span: Span) -> tuple[int, int]:
        return (order[span.document_id], span.start)

    rows: list[Row] = []
    linked: set[str] = set()
    for component in _components(
        (h, t) for h, t in links["same_as"] if h in spans and t in spans
    ):
        members = sorted((spans[i] for i in component), key=in_order)
        linked.update(component)
        figures = [f for f in map(figure, members) if f is not None]
        first = min(figures, key=_by_value, default=None)
        title = f"{first.label()} {first.counts}".strip() if first else text(members[0])
        row = Row("same_as", title, first, values=figures)
        for span in members:
            row.cells.setdefault(span.document_id, []).append(entry(span))
        rows.append(row)

    def key_of(fig: Figure) -> tuple[str, object]:
        return (fig.counts, (fig.value, fig.qualifier, fig.high) if group_by == "value" else None)

    # An unlinked figure joins a linked group that states exactly the same figure.
    groups: dict[tuple[str, object], Row] = {}
    for row in rows:
        keys = {key_of(f) for f in row.values}
        if len(keys) == 1 and group_by == "value":
            groups.setdefault(keys.pop(), row)
    for span in sorted(spans.values(), key=in_order):
        fig = figure(span) if span.id not in linked else None
        if fig is None:
            continue
        key = key_of(fig)
        group = groups.get(key)
        if group is None:
            title = f"{fig.label()} {fig.counts}".strip() if group_by == "value" \
                else (fig.counts or "(uncounted)")
            group = groups[key] = Row("figure", title, fig)
        group.values.append(fig)
        group.figure = min(group.values, key=_by_value)
        group.cells.setdefault(span.document_id, []).append(entry(span))
    rows.extend(row for row in groups.values() if row.kind == "figure")
    rows.sort(key=Row.sort_key)
    return CompareTable(docs, rows)


def _by_value(figure: Figure) -> float:
    return float(figure.value)


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


def table_rows(table: CompareTable) -> list[list[str]]:
    """The table as strings: a header row, then one row per fact."""
    header = ["fact", "value"] + [title for _, title in table.documents]
    body = [[row.title, row.value_text()]
            + [table.cell_text(row, doc_id) for doc_id, _ in table.documents]
            for row in table.rows]
    return [header, *body]


def write_csv(table: CompareTable, path: str | Path, *, keep_formulas: bool = False) -> None:
    """Write the table as CSV (UTF-8), atomically: a temporary file renamed into place.

    Cells a spreadsheet would run as a formula get a leading ' unless `keep_formulas`.
    """
    target = Path(path)
    if not target.parent.is_dir():
        raise WorkbenchError(f"Cannot write {target}: folder {target.parent} does not exist.")
    try:  # a new file under a name nobody can plant a link at first (mkstemp)
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as e:
        raise WorkbenchError(f"Cannot write {target}: {e.strerror or e}.") from e
    tmp = Path(name)
    try:
        with open(handle, "w", encoding="utf-8", newline="") as f:
            rows = table_rows(table)
            csv.writer(f).writerows(rows if keep_formulas else
                                    [[neutralised(cell) for cell in row] for row in rows])
        with_default_permissions(tmp)
        os.replace(tmp, target)
    except OSError as e:
        raise WorkbenchError(f"Cannot write {target}: {e.strerror or e}.") from e
    finally:
        tmp.unlink(missing_ok=True)


def render_table(table: CompareTable, *, width: int = 24) -> str:
    """A fixed-width text rendering: documents as numbered columns, cells wrapped."""
    if not table.rows:
        return "No facts to compare: link spans with same_as, or tag figures.\n"
    columns = [("fact", 22), ("value", 10)] + [(f"[{i}]", width)
                                              for i in range(1, len(table.documents) + 1)]
    out = io.StringIO()
    rule = "-+-".join("-" * w for _, w in columns)
    out.write(" | ".join(f"{name:<{w}}" for name, w in columns).rstrip() + "\n" + rule + "\n")
    for values in table_rows(table)[1:]:
        wrapped = [textwrap.wrap(v, w) or [""] for v, (_, w) in zip(values, columns, strict=True)]
        for line in range(max(map(len, wrapped))):
            cells = [(lines[line] if line < len(lines) else "") for lines in wrapped]
            out.write(" | ".join(f"{c:<{w}}" for c, (_, w) in
                                 zip(cells, columns, strict=True)).rstrip() + "\n")
        out.write(rule + "\n")
    out.write("\n")
    for i, (_, title) in enumerate(table.documents, start=1):
        out.write(f"[{i}] {title}\n")
    return out.getvalue()
