"""Reading a zip from someone else without letting it fill the memory.

A zip's headers say how large each entry is, but a hostile zip lies, and a "zip bomb"
inflates a few megabytes into gigabytes. `BoundedZip` trusts no declared size: it
inflates an entry in chunks, counts the bytes that come out and the compressed bytes
actually read from the file, and stops as soon as a limit of workbench/limits.py is
crossed (entries, total inflated bytes, inflation ratio). It also refuses what no
honest export holds: entries with absolute paths or "..", two entries with one name,
zips inside the zip, encrypted entries. Nothing is ever extracted to disk.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from types import TracebackType
from typing import BinaryIO, Self

from workbench import limits
from workbench.errors import FormatError

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_DRIVE = re.compile(r"^[A-Za-z]:")
# Bytes an entry may take in the zip's directory (46 + name + extra field + comment).
_DIRECTORY_ENTRY_BYTES = 1024


class _CountingFile(io.RawIOBase):
    """A file whose reads are counted: the compressed bytes an entry really took."""

    def __init__(self, raw: BinaryIO) -> None:
        super().__init__()
        self._raw = raw
        self.bytes_read = 0

    def read(self, size: int | None = -1) -> bytes:
        data = self._raw.read(-1 if size is None else size)
        self.bytes_read += len(data)
        return data

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return self._raw.seek(offset, whence)

    def tell(self) -> int:
        return self._raw.tell()

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def close(self) -> None:
        self._raw.close()
        super().close()


class BoundedZip:
    """A zip file opened for reading under the limits; use as a context manager."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.inflated = 0  # bytes inflated so far, from every entry
        try:
            self._file = _CountingFile(path.open("rb"))
        except OSError as e:
            raise FormatError(path, f"cannot be read ({e.strerror})") from e
        try:
            self._check_directory()
            self._zip = zipfile.ZipFile(self._file)
            self.names = self._checked_names(self._zip.infolist())
        except zipfile.BadZipFile as e:
            self.close()
            raise FormatError(path, "is not a readable zip file") from e
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        if getattr(self, "_zip", None) is not None:
            self._zip.close()
        self._file.close()

    def _check_directory(self) -> None:
        """Refuse a zip whose end record announces too many entries or too large a
        directory, before zipfile reads the directory into memory."""
        # Private but unchanged since Python 2: the end record, read as ZipFile reads it.
        end = zipfile._EndRecData(self._file)  # type: ignore[attr-defined]  # private, no stub
        if end is None:
            raise zipfile.BadZipFile("no end of central directory record")
        entries, size = end[4], end[5]  # zipfile's _ECD_ENTRIES_TOTAL and _ECD_SIZE
        if entries > limits.MAX_ZIP_ENTRIES:
            raise self._refuse(
                f"holds {entries:,} entries, more than the "
                f"{limits.MAX_ZIP_ENTRIES:,} Workbench reads from one zip"
            )
        if size > limits.MAX_ZIP_ENTRIES * _DIRECTORY_ENTRY_BYTES:
            raise self._refuse(
                f"has a directory of {size:,} bytes, more than "
                f"{limits.MAX_ZIP_ENTRIES:,} entries take"
            )
        self._file.seek(0)

    def _checked_names(self, entries: list[zipfile.ZipInfo]) -> list[str]:
        if len(entries) > limits.MAX_ZIP_ENTRIES:
            raise self._refuse(
                f"holds {len(entries):,} entries, more than the "
                f"{limits.MAX_ZIP_ENTRIES:,} Workbench reads from one zip"
            )
        seen: set[str] = set()
        names = []
        for entry in entries:
            name = entry.filename
            parts = re.split(r"[/\\]", name)
            if name.startswith(("/", "\\")) or _DRIVE.match(name) or ".." in parts:
                raise self._refuse(
                    f"holds the entry {_shown(name)}, whose path leads out of "
                    'the zip (absolute, or with "..")'
                )
            key = "/".join(p for p in parts if p not in ("", ".")).casefold()
            if key in seen:
                raise self._refuse(f"holds two entries named {_shown(name)}")
            seen.add(key)
            if name.lower().endswith(".zip"):
                raise self._refuse(
                    f"holds another zip ({_shown(name)}); Workbench does not open zips inside zips"
                )
            if entry.flag_bits & 0x1:
                raise self._refuse(f"holds the encrypted entry {_shown(name)}")
            names.append(name)
        return names

    def read(self, name: str) -> bytes:
        """An entry's bytes, inflated chunk by chunk under the limits."""
        out = io.BytesIO()
        size = 0
        try:
            with self._zip.open(name) as entry:
                start = self._file.bytes_read
                while chunk := entry.read(limits.ZIP_CHUNK_BYTES):
                    if size == 0 and chunk.startswith(_ZIP_MAGIC):
                        raise self._refuse(
                            f"holds another zip ({_shown(name)}); Workbench "
                            "does not open zips inside zips"
                        )
                    size += len(chunk)
                    self.inflated += len(chunk)
                    self._check(name, size, self._file.bytes_read - start)
                    out.write(chunk)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError) as e:
            raise self._refuse(f"has a damaged entry {_shown(name)} ({e})") from e
        except NotImplementedError as e:
            raise self._refuse(
                f"compresses {_shown(name)} in a way Workbench cannot read ({e})"
            ) from e
        except RuntimeError as e:  # zipfile's word for "encrypted"
            raise self._refuse(f"holds the encrypted entry {_shown(name)}") from e
        return out.getvalue()

    def _check(self, name: str, size: int, compressed: int) -> None:
        if size > limits.MAX_FILE_BYTES:
            limit = limits.size_text(limits.MAX_FILE_BYTES)
            raise self._refuse(
                f"inflates its entry {_shown(name)} to more than {limit}, the "
                "most Workbench reads from one file"
            )
        if self.inflated > limits.MAX_ZIP_TOTAL_BYTES:
            limit = limits.size_text(limits.MAX_ZIP_TOTAL_BYTES)
            raise self._refuse(
                f"inflates to more than {limit}, the most Workbench reads from one zip"
            )
        if size > limits.ZIP_RATIO_GRACE_BYTES and size > limits.MAX_ZIP_RATIO * max(compressed, 1):
            raise self._refuse(
                f"inflates its entry {_shown(name)} more than "
                f"{limits.MAX_ZIP_RATIO} times (a zip bomb?)"
            )

    def _refuse(self, message: str) -> FormatError:
        return FormatError(self.path, message)


def _shown(name: str) -> str:
    name = "".join(
        c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in name
    )
    return '"' + (name if len(name) <= 60 else name[:57] + "...") + '"'
