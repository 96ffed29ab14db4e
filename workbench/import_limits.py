"""The size limits of one import, checked on every record as a reader hands it over.

Each reader keeps memory bounded where it reads (files read whole stop at
limits.MAX_FILE_BYTES, JSONL lines at limits.MAX_LINE_BYTES, zips as bounded_zip.py
says); this module checks what they produce, for every format alike: the length of a
document, spans per document and per file, relations per file. A record over a limit
is one sentence naming the file (and line).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from workbench import limits
from workbench.errors import FormatError
from workbench.formats.records import DocumentRecord


def within_limits(records: Iterable[DocumentRecord], path: Path) -> Iterator[DocumentRecord]:
    """The records of the file at `path`, refused at the first one over a limit."""
    spans = relations = 0
    for r in records:
        line = r.line
        if len(r.text) > limits.MAX_DOCUMENT_CHARS:
            raise FormatError(
                path,
                f"holds a document of {len(r.text):,} characters, more "
                f"than the {limits.MAX_DOCUMENT_CHARS:,} Workbench takes",
                line=line,
            )
        if len(r.spans) > limits.MAX_SPANS_PER_DOCUMENT:
            raise FormatError(
                path,
                f"gives one document {len(r.spans):,} spans, more than the "
                f"{limits.MAX_SPANS_PER_DOCUMENT:,} Workbench takes",
                line=line,
            )
        spans += len(r.spans)
        relations += len(r.relations)
        if spans > limits.MAX_SPANS_PER_FILE:
            raise FormatError(
                path,
                f"holds more than {limits.MAX_SPANS_PER_FILE:,} spans, the "
                "most Workbench imports from one file",
                line=line,
            )
        if relations > limits.MAX_RELATIONS_PER_FILE:
            raise FormatError(
                path,
                f"holds more than {limits.MAX_RELATIONS_PER_FILE:,} "
                "relations, the most Workbench imports from one file",
                line=line,
            )
        yield r
