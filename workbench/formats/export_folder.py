"""Folder exports: file names made from document ids, kept inside the folder, and a manifest.

A document id comes from whoever wrote the file it was imported from, so it is never
used as a file name as it is: `/home/u/notes`, `../x`, `CON` or an id with a NUL would
write outside the folder, fail, or name a device. `FileNamer` makes a readable name from
the id (letters, digits, `.`, `_` and `-`, at most 60 characters) and adds a short hash
of the id when the name differs from the id, is reserved on Windows, or is taken by an
earlier document (compared without case, as macOS and Windows do). `child` checks every
name before a file is opened. The manifest (`.workbench-export.json`) lists the files
the export wrote with their SHA-256 and the original id of each document's files, so a
re-import keeps the ids and a later export may replace the folder only when it holds
nothing but those files, unchanged.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from workbench.control_chars import escape_controls
from workbench.errors import WorkbenchError

MANIFEST = ".workbench-export.json"
MAX_STEM = 60
_MAX_MANIFEST_BYTES = 256 * 1024 * 1024
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_RESERVED = frozenset(
    {
        "con",
        "prn",
        "aux",
        "nul",
        "conin$",
        "conout$",
        *(f"com{i}" for i in range(10)),
        *(f"lpt{i}" for i in range(10)),
    }
)


def _hash(text: str) -> str:
    import hashlib  # here, not at start-up: a file export (the exporter imports us) hashes nothing

    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]


def slug(text: str) -> str:
    """A file-name-safe, readable form of `text` (may be empty)."""
    safe = _UNSAFE.sub("_", text).lstrip("._-")[:MAX_STEM]
    return safe.rstrip(".")


def _reserved(stem: str) -> bool:
    return stem.split(".", 1)[0].casefold() in _RESERVED


class FileNamer:
    """Unique, safe file stems for the documents of one folder export."""

    def __init__(self) -> None:
        self._taken: set[str] = set()
        self.documents: dict[str, str] = {}  # stem -> the document's own id

    def stem(self, document_id: str | None, *, number: int) -> str:
        """The stem of the files of document `number` (from 1), whose id is `document_id`."""
        wanted = document_id or f"document-{number}"
        base = slug(wanted) or "document"
        reserved = _reserved(base)  # CON, or con.txt: Windows reads the part before a dot
        if reserved:
            base = base.replace(".", "_", 1)  # then the hash follows: CON-<hash>
        hashed = f"{base}-{_hash(wanted)}"
        first = [base] if base == wanted and not reserved else []
        candidates = itertools.chain(first, [hashed], (f"{hashed}-{n}" for n in itertools.count(2)))
        stem = next(c for c in candidates if c.casefold() not in self._taken)
        self._taken.add(stem.casefold())
        if document_id:
            self.documents[stem] = document_id
        return stem


def child(folder: Path, name: str) -> Path:
    """`folder / name`, after checking that `name` is one plain file name (no `..`, no `/`).

    Writers write into a folder the exporter has just created for them (`mkdtemp`, private
    to the user), so no link inside it can lead elsewhere; a plain name is then a file
    directly inside it.
    """
    if not name or name in (".", "..") or any(c in name for c in "/\\:\0"):
        raise WorkbenchError(
            f"Workbench refused to write '{escape_controls(name)}', which "
            f"would not be a file inside {folder}."
        )
    return folder / name


def file_digest(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(functools.partial(f.read, 1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_manifest(folder: Path, *, format: str, documents: Mapping[str, str] = {}) -> None:
    """List every file in `folder` (with its SHA-256) and the documents' original ids."""
    files = {p.name: file_digest(p) for p in sorted(folder.iterdir()) if p.name != MANIFEST}
    data = {"workbench_export": format, "files": files, "documents": dict(documents)}
    child(folder, MANIFEST).write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2))


@dataclass(frozen=True)
class Manifest:
    format: str
    files: dict[str, str] = field(default_factory=dict)
    documents: dict[str, str] = field(default_factory=dict)


def _str_map(value: Any) -> dict[str, str] | None:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        return None
    return value


def read_manifest(folder: Path) -> Manifest | None:
    """The folder's manifest, or None when it has none or one of the wrong shape."""
    path = folder / MANIFEST
    try:
        if path.is_symlink() or not path.is_file():
            return None
        st = path.stat()
        if st.st_size > _MAX_MANIFEST_BYTES:
            return None
        return _parsed_manifest(str(path), (st.st_ino, st.st_size, st.st_mtime_ns))
    except OSError:
        return None


@functools.lru_cache(maxsize=8)
def _parsed_manifest(path: str, version: tuple[int, int, int]) -> Manifest | None:
    """The manifest at `path`, cached by (inode, size, modification time): a brat import
    asks for it once per document, and it does not change while the folder is read."""
    try:
        data = orjson.loads(Path(path).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("workbench_export"), str):
        return None
    files, documents = _str_map(data.get("files")), _str_map(data.get("documents", {}))
    if files is None or documents is None:
        return None
    return Manifest(data["workbench_export"], files, documents)


def original_id(path: Path, *, format: str) -> str | None:
    """The id of the document whose file `path` is, as a `format` export's manifest says."""
    manifest = read_manifest(path.parent)
    return manifest.documents.get(path.stem) if manifest and manifest.format == format else None


def check_replaceable(target: Path, *, format: str) -> Manifest | None:
    """Refuse to replace a folder holding anything an earlier `format` export did not write.

    Returns the earlier export's manifest (None when `target` is absent or empty).
    """
    if target.is_symlink():
        raise WorkbenchError(
            f"Cannot write the folder {target}: it is a symbolic link; "
            "name the folder it points to."
        )
    if not target.exists():
        return None
    if not target.is_dir():
        raise WorkbenchError(f"Cannot write the folder {target}: a file has that name.")
    entries = sorted(target.iterdir())
    if not entries:
        return None
    manifest = read_manifest(target)
    if manifest is None or manifest.format != format:
        raise WorkbenchError(
            f"Cannot write the folder {target}: it is not empty and is not an "
            f"earlier {format} export by Workbench; choose a new or empty folder."
        )
    for entry in entries:
        if entry.name == MANIFEST:
            continue
        name = escape_controls(entry.name)
        if entry.is_symlink() or not entry.is_file() or entry.name not in manifest.files:
            raise WorkbenchError(
                f"Cannot replace the folder {target}: it holds {name}, which "
                "Workbench did not write; move it or choose another folder."
            )
        if file_digest(entry) != manifest.files[entry.name]:
            raise WorkbenchError(
                f"Cannot replace the folder {target}: {name} was changed since "
                "Workbench wrote it; move it or choose another folder."
            )
    return manifest


def remove_export(folder: Path, manifest: Manifest) -> bool:
    """Delete the files an earlier export wrote, then the folder if that empties it."""
    for name in [*manifest.files, MANIFEST]:
        with contextlib.suppress(OSError):
            child(folder, name).unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        folder.rmdir()
    return not os.path.lexists(folder)
