"""Prodigy-style JSONL: one task per document with `tokens` and token-aligned `spans`.

    {"text", "meta": {"id", "title", "source", ...},
     "tokens": [{"text", "start", "end", "id", "ws"}],
     "spans": [{"start", "end", "label", "token_start", "token_end"}]}

Offsets are code points; `token_end` is inclusive, as Prodigy has it. Tokens come
from `spacy.blank(lang)`; spans that cut through a token are left out and reported.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import orjson

from workbench.formats.export_records import Scheme
from workbench.formats.records import DocumentRecord, Report
from workbench.formats.tokens import align, note_misaligned


def write(
    records: Iterable[DocumentRecord],
    path: Path,
    scheme: Scheme,
    report: Report,
    *,
    lang: str = "en",
) -> None:
    misaligned: Counter[str] = Counter()
    with path.open("wb") as out:
        for r in records:
            aligned = align(r, lang=lang)
            misaligned += aligned.misaligned
            task = {
                "text": r.text,
                "meta": {"id": r.id, "title": r.title, "source": r.source, **r.meta},
                "tokens": [
                    {
                        "text": t.text,
                        "start": t.idx,
                        "end": t.idx + len(t),
                        "id": t.i,
                        "ws": bool(t.whitespace_),
                    }
                    for t in aligned.doc
                ],
                "spans": [
                    {
                        "start": s.start,
                        "end": s.end,
                        "label": s.label,
                        "token_start": span.start,
                        "token_end": span.end - 1,
                    }
                    for s, span in aligned.spans
                ],
                "answer": "accept",
            }
            out.write(orjson.dumps(task))
            out.write(b"\n")
    note_misaligned(report, misaligned, what="Prodigy tasks")
