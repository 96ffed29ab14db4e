"""Spans on spaCy tokens, for the token-based exports (spaCy, Prodigy, CoNLL).

Documents are tokenised with `spacy.blank(lang)`: no model download. A span is kept
only when both its ends fall on token boundaries (spaCy's `alignment_mode="strict"`),
so every exported span has exactly the text the analyst marked; the others are left
out and counted, with the reason, in the export report. Where spans overlap, the
longest (then the earliest) is the one a flat tagging keeps (`spacy.util.filter_spans`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.util import filter_spans

from workbench.formats.records import DocumentRecord, Report, SpanRecord


@lru_cache(maxsize=4)
def blank(lang: str = "en") -> Language:
    try:
        return spacy.blank(lang)
    except (ImportError, OSError, KeyError) as e:
        from workbench.errors import WorkbenchError

        raise WorkbenchError(f"spaCy has no language '{lang}' (option lang=).") from e


@dataclass
class Aligned:
    """A document's tokens and those of its spans that sit on token boundaries."""

    doc: Doc
    spans: list[tuple[SpanRecord, SpacySpan]] = field(default_factory=list)
    misaligned: Counter[str] = field(default_factory=Counter)

    def flat(self) -> list[SpacySpan]:
        """A non-overlapping subset: the longest first, then the earliest."""
        return sorted(filter_spans([s for _, s in self.spans]), key=lambda s: s.start)


def align(record: DocumentRecord, *, lang: str = "en") -> Aligned:
    doc = blank(lang).make_doc(record.text)
    aligned = Aligned(doc)
    for s in record.spans:
        span = doc.char_span(s.start, s.end, label=s.label, alignment_mode="strict")
        if span is None:
            aligned.misaligned[_why(record.text, doc, s)] += 1
        else:
            aligned.spans.append((s, span))
    return aligned


def _why(text: str, doc: Doc, s: SpanRecord) -> str:
    piece = text[s.start : s.end]
    if piece != piece.strip():
        return "it begins or ends with white space"
    starts = {t.idx for t in doc}
    ends = {t.idx + len(t) for t in doc}
    if s.start not in starts:
        return "it starts inside a token"
    if s.end not in ends:
        return "it ends inside a token"
    return "it does not fall on token boundaries"


def note_misaligned(report: Report, misaligned: Counter[str], *, what: str) -> None:
    """Tell the user how many spans the export left out, and why."""
    total = sum(misaligned.values())
    if not total:
        return
    reasons = "; ".join(f"{n} because {why}" for why, n in misaligned.most_common())
    report.warnings.append(
        f"{total} span(s) could not be aligned to spaCy tokens and are not "
        f"in the {what} ({reasons})."
    )
