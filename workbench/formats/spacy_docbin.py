"""spaCy's binary training format: a `.spacy` DocBin.

Every document is tokenised with `spacy.blank(lang)`; all spans that sit on token
boundaries go into `doc.spans[key]` (overlaps allowed), and a non-overlapping subset
of them into `doc.ents`. Spans that cut through a token are left out and reported.
The document's id, title and metadata travel in `doc.user_data`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from spacy.tokens import DocBin

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
    key: str = "sc",
) -> None:
    docbin = DocBin(store_user_data=True)
    misaligned: Counter[str] = Counter()
    dropped_from_ents = 0
    for r in records:
        aligned = align(r, lang=lang)
        misaligned += aligned.misaligned
        doc = aligned.doc
        doc.spans[key] = [span for _, span in aligned.spans]
        flat = aligned.flat()
        doc.ents = flat
        dropped_from_ents += len(aligned.spans) - len(flat)
        doc.user_data.update({"id": r.id, "title": r.title, "source": r.source, "meta": r.meta})
        docbin.add(doc)
    note_misaligned(report, misaligned, what="DocBin")
    if dropped_from_ents:
        report.warnings.append(
            f"{dropped_from_ents} overlapping span(s) are in "
            f"doc.spans['{key}'] but not in doc.ents."
        )
    docbin.to_disk(path)
