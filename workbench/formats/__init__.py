"""The formats Workbench reads and writes, by name.

A reader is `read(path, warnings, *, encoding=None) -> Iterable[DocumentRecord]`: a list,
or (native JSONL, whose files can be large) an iterator that reads and checks as the
importer consumes it, so its errors surface inside the import's transaction. A writer is
`write(records, path, scheme, report, **options) -> None` and writes `path` (a file, or a
folder when `folder` is set), which the exporter then moves into place. Readers and
writers are named as "module:function" and imported only when used, so formats with
heavy libraries (spaCy, dkpro-cassis) cost nothing until asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.errors import WorkbenchError


@dataclass(frozen=True)
class Format:
    name: str
    description: str
    suffixes: tuple[str, ...] = ()
    reader: str | None = None
    writer: str | None = None
    folder: bool = False  # the export is a folder, not a file
    extra: str | None = None  # the pip extra that brings the libraries it needs
    # A writer of the export's rows (export_records.DocumentRows), used instead of `writer`.
    rows_writer: str | None = None

    def load(self, which: str) -> Callable[..., Any]:
        target = {"reader": self.reader, "rows_writer": self.rows_writer}.get(which, self.writer)
        if target is None:
            verb = "import" if which == "reader" else "export"
            raise WorkbenchError(f"Workbench cannot {verb} the {self.name} format.")
        module, _, function = target.partition(":")
        try:
            return getattr(importlib.import_module(module), function)
        except ModuleNotFoundError as e:
            if self.extra and e.name and not e.name.startswith("workbench"):
                raise WorkbenchError(
                    f"The {self.name} format needs the Python package '{e.name}'; "
                    f"install it with: pip install 'workbench[{self.extra}]'."
                ) from e
            raise


_F = "workbench.formats."
FORMATS: dict[str, Format] = {
    f.name: f
    for f in [
        # A .jsonl file whose first line looks like doccano's is read as doccano (sniff.py).
        Format(
            "jsonl",
            "Workbench JSONL: one document per line with its spans and relations",
            (".jsonl",),
            _F + "sniff:read_jsonl",
            _F + "jsonl:write",
            rows_writer=_F + "jsonl:write_rows",
        ),
        Format(
            "text", "plain text; the first line is the title", (".txt", ".text"), _F + "plain:read"
        ),
        Format(
            "markdown",
            "Markdown, kept as text; the first heading is the title",
            (".md", ".markdown"),
            _F + "plain:read",
        ),
        Format(
            "html",
            "an HTML article: its title and body text",
            (".html", ".htm", ".xhtml"),
            _F + "html_article:read",
        ),
        Format(
            "doccano",
            "doccano sequence-labelling JSONL (UTF-16 offsets)",
            (),
            _F + "doccano:read",
            _F + "doccano:write",
        ),
        Format(
            "label-studio",
            "Label Studio tasks JSON (a folder with its labelling config)",
            (".json",),
            _F + "label_studio:read",
            _F + "label_studio:write",
            folder=True,
        ),
        Format(
            "brat",
            "brat standoff: a folder of .txt/.ann pairs with annotation.conf",
            (".ann",),
            _F + "brat:read",
            _F + "brat:write",
            folder=True,
        ),
        Format(
            "xmi",
            "UIMA CAS XMI with TypeSystem.xml, for INCEpTION",
            (".xmi", ".zip"),
            _F + "xmi:read",
            _F + "xmi:write",
            folder=True,
            extra="interop",
        ),
        Format(
            "spacy",
            "a spaCy DocBin (.spacy) with spans and entities",
            (),
            writer=_F + "spacy_docbin:write",
            extra="interop",
        ),
        Format(
            "prodigy",
            "Prodigy JSONL with tokens and token-aligned spans",
            (),
            writer=_F + "prodigy:write",
            extra="interop",
        ),
        Format(
            "conll",
            "CoNLL IOB2 token tags (overlapping spans are lost)",
            (),
            writer=_F + "conll:write",
            extra="interop",
        ),
        Format("csv", "a CSV table with one row per span", (), writer=_F + "csv_spans:write"),
    ]
}


def register(fmt: Format) -> None:
    FORMATS[fmt.name] = fmt


def export_formats() -> list[str]:
    return [name for name, f in FORMATS.items() if f.writer]


def import_formats() -> list[str]:
    return [name for name, f in FORMATS.items() if f.reader]


def get(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise WorkbenchError(f"Unknown format '{name}'; Workbench knows {known}.") from None


def for_path(path: Path) -> Format | None:
    """The import format a file's name implies, if any."""
    suffix = path.suffix.lower()
    return next((f for f in FORMATS.values() if f.reader and suffix in f.suffixes), None)
