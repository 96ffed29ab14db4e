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
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.exporter import with_default_permissions
from workbench.figures import Figure
from workbench.formats.spreadsheet_cells import neutralised
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
    from workbench.compare_source import CompareSource  # it builds on this module's rows

    return CompareSource(project, document_ids=document_ids, figure_label=figure_label,
                         group_by=group_by).table


def _by_value(figure: Figure) -> float:
    return float(figure.value)


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
