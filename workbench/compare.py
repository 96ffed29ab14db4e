"""The comparison table: what each article says about the same fact.

One row per group of spans linked `same_as` (connected components), and one row per
figure group (figures not linked that way, grouped by what they count and their value);
one column per document. A cell holds each span's text, its source (`attributed_to`,
directly or through a claim that encloses it) and any denial linked to it (`denies`).
"""

from __future__ import annotations

import csv
import io
import textwrap
from collections.abc import Collection, Sequence
from pathlib import Path

from workbench.compare_table import CompareTable, Entry, Row
from workbench.formats.spreadsheet_cells import neutralised
from workbench.output_files import write_file
from workbench.project import Project

__all__ = ["CompareTable", "Entry", "Row", "build_table", "render_table", "table_rows", "write_csv"]


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
    from workbench.compare_source import CompareSource  # loaded when a table is built

    return CompareSource(
        project, document_ids=document_ids, figure_label=figure_label, group_by=group_by
    ).table


def table_rows(table: CompareTable) -> list[list[str]]:
    """The table as strings: a header row, then one row per fact."""
    header = ["fact", "value"] + [title for _, title in table.documents]
    body = [
        [row.title, row.value_text()]
        + [table.cell_text(row, doc_id) for doc_id, _ in table.documents]
        for row in table.rows
    ]
    return [header, *body]


def write_csv(table: CompareTable, path: str | Path, *, keep_formulas: bool = False) -> None:
    """Write the table as CSV (UTF-8), atomically: a temporary file renamed into place.

    Cells a spreadsheet would run as a formula get a leading ' unless `keep_formulas`.
    """
    rows: Sequence[Sequence[object]] = table_rows(table)
    if not keep_formulas:
        rows = [[neutralised(cell) for cell in row] for row in rows]

    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows(rows)

    write_file(Path(path), write)


def render_table(table: CompareTable, *, width: int = 24) -> str:
    """A fixed-width text rendering: documents as numbered columns, cells wrapped."""
    if not table.rows:
        return "No facts to compare: link spans with same_as, or tag figures.\n"
    columns = [("fact", 22), ("value", 10)] + [
        (f"[{i}]", width) for i in range(1, len(table.documents) + 1)
    ]
    out = io.StringIO()
    rule = "-+-".join("-" * w for _, w in columns)
    out.write(" | ".join(f"{name:<{w}}" for name, w in columns).rstrip() + "\n" + rule + "\n")
    for values in table_rows(table)[1:]:
        wrapped = [textwrap.wrap(v, w) or [""] for v, (_, w) in zip(values, columns, strict=True)]
        for line in range(max(map(len, wrapped))):
            cells = [(lines[line] if line < len(lines) else "") for lines in wrapped]
            out.write(
                " | ".join(f"{c:<{w}}" for c, (_, w) in zip(cells, columns, strict=True)).rstrip()
                + "\n"
            )
        out.write(rule + "\n")
    out.write("\n")
    for i, (_, title) in enumerate(table.documents, start=1):
        out.write(f"[{i}] {title}\n")
    return out.getvalue()
