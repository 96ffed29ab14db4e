"""Plain text (.txt) and Markdown (.md): the file is the document; its first line (or a
"Title:" line near the top) the title."""

from __future__ import annotations

from pathlib import Path

from workbench.formats.decode import read_text
from workbench.formats.records import DocumentRecord
from workbench.offsets import normalize_text

TITLE_MAX = 100


TITLE_LINE = "title:"
TITLE_LINE_WITHIN = 10  # lines: a forum post or saved page names its title near the top


def title_from(text: str, fallback: str) -> str:
    """A "Title: …" line near the top (forum posts and saved pages open with a banner),
    else the first non-empty line; a long one is cut at a word boundary."""
    lines = text.split("\n")
    for line in lines[:TITLE_LINE_WITHIN]:
        if line.strip().lower().startswith(TITLE_LINE) and line.strip()[len(TITLE_LINE) :].strip():
            lines = [line.strip()[len(TITLE_LINE) :]]
            break
    for line in lines:
        line = line.strip().lstrip("#").strip()
        if line:
            if len(line) <= TITLE_MAX:
                return line
            cut = line[:TITLE_MAX].rsplit(" ", 1)[0].rstrip(",;:")
            return cut + "…"
    return fallback


def read(path: Path, warnings: list[str], *, encoding: str | None = None) -> list[DocumentRecord]:
    text, _ = normalize_text(read_text(path, warnings, encoding=encoding))
    return [
        DocumentRecord(
            text=text, title=title_from(text, path.stem), source=path.name, origin=str(path)
        )
    ]
