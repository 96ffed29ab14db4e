"""A CSV table with one row per span, for spreadsheet users.

Columns: document_id, title, label, start, end, text, annotator, note, created_at,
updated_at. Offsets are code points. The file is UTF-8 with a byte-order mark, so that
spreadsheet programs do not guess another encoding; line endings are CRLF, as RFC 4180
has them. Relations are not in the table. Cells a spreadsheet would run as a formula get
a leading `'` (spreadsheet_cells.py) unless the option `formulas=keep` is given.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from workbench.formats.export_records import Scheme
from workbench.formats.records import DocumentRecord, Report
from workbench.formats.spreadsheet_cells import keeps_formulas, neutralised

COLUMNS = (
    "document_id",
    "title",
    "label",
    "start",
    "end",
    "text",
    "annotator",
    "note",
    "created_at",
    "updated_at",
)


def write(
    records: Iterable[DocumentRecord],
    path: Path,
    scheme: Scheme,
    report: Report,
    *,
    formulas: str = "escape",
) -> None:
    keep = keeps_formulas(formulas)
    escaped = 0
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        out = csv.writer(f)
        out.writerow(COLUMNS)
        for r in records:
            for s in r.spans:
                row = [
                    r.id,
                    r.title,
                    s.label,
                    s.start,
                    s.end,
                    r.text[s.start : s.end],
                    s.annotator or "",
                    s.note,
                    s.created_at or "",
                    s.updated_at or "",
                ]
                written = row if keep else [neutralised(value) for value in row]
                escaped += sum(a is not b for a, b in zip(row, written, strict=True))
                out.writerow(written)
    if escaped:
        report.warnings.append(
            f"{escaped} cell(s) starting with =, +, -, @, a tab or a carriage "
            "return were written with a leading ' so that spreadsheets do "
            "not run them as formulas (option formulas=keep writes them "
            "as they are)."
        )
