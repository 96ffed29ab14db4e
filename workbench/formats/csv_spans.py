"""A CSV table with one row per span, for spreadsheet users.

Columns: document_id, title, label, start, end, text, annotator, note, created_at,
updated_at. Offsets are code points. The file is UTF-8 with a byte-order mark, so that
spreadsheet programs do not guess another encoding; line endings are CRLF, as RFC 4180
has them. Relations are not in the table.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from workbench.formats.records import DocumentRecord, Report, Scheme

COLUMNS = ("document_id", "title", "label", "start", "end", "text", "annotator", "note",
           "created_at", "updated_at")


def write(records: Iterable[DocumentRecord], path: Path, scheme: Scheme, report: Report) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        out = csv.writer(f)
        out.writerow(COLUMNS)
        for r in records:
            for s in r.spans:
                out.writerow([r.id, r.title, s.label, s.start, s.end, r.text[s.start:s.end],
                              s.annotator or "", s.note, s.created_at or "", s.updated_at or ""])
