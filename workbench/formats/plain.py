"""Plain text (.txt) and Markdown (.md): the file is the document; its first line the title."""

from __future__ import annotations

from pathlib import Path

from workbench.formats.decode import read_text
from workbench.formats.records import DocumentRecord
from workbench.offsets import normalize_text

TITLE_MAX = 100


def title_from(text: str, fallback: str) -> str:
    """The first non-empty line; a long one is cut at a word boundary."""
    for line in text.split("\n"):
        line = line.strip().lstrip("#").strip()
        if line:
            if len(line) <= TITLE_MAX:
                return line
            cut = line[:TITLE_MAX].rsplit(" ", 1)[0].rstrip(",;:")
            return cut + "…"
    return fallback


def read(path: Path, warnings: list[str], *, encoding: str | None = None) -> list[DocumentRecord]:
    text, _ = normalize_text(read_text(path, warnings, encoding=encoding))
    return [DocumentRecord(text=text, title=title_from(text, path.stem), source=path.name,
                           origin=str(path))]
