"""CoNLL-style IOB2 tags: one token and its tag per line, tab-separated.

Each document starts with `# id = ...` and `# title = ...` comment lines; sequences
end at blank lines (at paragraph breaks, and between documents). IOB2 cannot hold
overlapping spans: where spans overlap only the longest (then the earliest) is
tagged, and each document says how many it lost in a `# overlapping spans not
tagged = N` line. Tokens come from `spacy.blank(lang)`; white-space tokens are left
out; spans that cut through a token are left out. Both losses go in the report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from workbench.control_chars import escape_controls
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
    lost = 0
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for r in records:
            aligned = align(r, lang=lang)
            misaligned += aligned.misaligned
            flat = aligned.flat()
            lost_here = len(aligned.spans) - len(flat)
            lost += lost_here
            tags = ["O"] * len(aligned.doc)
            for span in flat:
                tags[span.start] = f"B-{span.label_}"
                for i in range(span.start + 1, span.end):
                    tags[i] = f"I-{span.label_}"
            out.write(f"# id = {escape_controls(r.id or '')}\n# title = {_one_line(r.title)}\n")
            if lost_here:
                out.write(f"# overlapping spans not tagged = {lost_here}\n")
            in_sequence = False
            for token, tag in zip(aligned.doc, tags, strict=True):
                if token.is_space:
                    # A paragraph break ends the sequence, unless a span runs across it.
                    if in_sequence and "\n" in token.text and tag == "O":
                        out.write("\n")
                        in_sequence = False
                    continue
                out.write(f"{token.text}\t{tag}\n")
                in_sequence = True
            out.write("\n")
    note_misaligned(report, misaligned, what="CoNLL tags")
    if lost:
        report.warnings.append(
            f"{lost} overlapping span(s) could not be written as IOB2 tags "
            "(only the longest of overlapping spans is tagged)."
        )


def _one_line(s: str) -> str:
    return " ".join(s.split())
