"""Reading text files: UTF-8, or a documented fallback with a warning, never mojibake.

Order: a UTF-16 file with a byte-order mark is decoded as UTF-16; otherwise UTF-8
(a UTF-8 BOM is dropped later by normalisation); a file that is not valid UTF-8 is
decoded as Windows-1252 with a warning, unless it holds bytes that Windows-1252 does
not define, or control characters that no text file has, in which case it is refused.
"""

from __future__ import annotations

import codecs
import functools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from workbench import limits
from workbench.errors import FormatError
from workbench.offsets import BOM

_SNIFF = 8192
_CHUNK = 1 << 20
# C0 controls other than tab, LF, FF, CR: a sign of binary data, not text.
_BINARY_CONTROLS = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")


def read_bytes(path: Path) -> bytes:
    """The bytes of a file read whole, refused past limits.MAX_FILE_BYTES (counted as
    read: the size a file system reports may not be the size that comes)."""
    try:
        with path.open("rb") as f:
            data = f.read(limits.MAX_FILE_BYTES + 1)
    except OSError as e:
        raise FormatError(path, f"cannot be read ({e.strerror})") from e
    if len(data) > limits.MAX_FILE_BYTES:
        limit = limits.size_text(limits.MAX_FILE_BYTES)
        raise FormatError(
            path, f"is larger than {limit}, the most Workbench imports from one file of this format"
        )
    return data


def read_text(path: Path, warnings: list[str], *, encoding: str | None = None) -> str:
    """The decoded contents of `path` (line endings and BOM still raw)."""
    data = read_bytes(path)
    text = _decode(path, data, warnings, encoding)
    if not text.replace(BOM, "").strip():  # a BOM alone is still an empty file
        raise FormatError(path, "is empty")
    return text


def text_lines(
    path: Path, warnings: list[str], *, encoding: str | None = None
) -> Iterator[tuple[int, str]]:
    """(line number, line) of `path` split on LF only, decoded as `read_text` decodes.

    A UTF-8 file is checked in one pass and then read line by line, never held whole;
    any other file is decoded at once by `read_text`. A leading BOM stays on line 1.
    """
    if encoding is None and _is_utf8_text(path, _version(path)):
        with path.open("rb") as f:
            for number, line in _split_lines(f, path, limits.MAX_LINE_BYTES):
                yield number, line.decode("utf-8")
        return
    text = read_text(path, warnings, encoding=encoding)
    for number, text_line in enumerate(text.split("\n"), start=1):
        if len(text_line) > limits.MAX_LINE_BYTES:  # characters here, at least as many bytes
            raise _long_line(path, number)
        yield number, text_line


def json_lines(
    path: Path, warnings: list[str], *, encoding: str | None, limit: int | None = None
) -> Iterator[tuple[int, Any]]:
    """(line number, parsed object) for each non-empty line of a JSONL file (the first
    `limit` of them, when given)."""
    found = 0
    # Split on LF only: a JSON string may hold U+2028 or U+2029, which splitlines() breaks on.
    for number, line in text_lines(path, warnings, encoding=encoding):
        if number == 1:
            line = line.removeprefix(BOM)
        if line.strip():
            try:
                yield number, orjson.loads(line)
            except orjson.JSONDecodeError as e:
                raise FormatError(path, f"is not valid JSON ({e})", line=number) from e
            found += 1
            if found == limit:
                return


def _split_lines(f: BinaryIO, path: Path, limit: int) -> Iterator[tuple[int, bytes]]:
    """(line number, line without its LF) of `f`, refused past `limit` bytes a line.

    Read in chunks split with bytes.find (memchr), not readline(), which looks at every
    byte itself; at most `limit` bytes of a line are held before it is refused, so a file
    with no line break is never read whole.
    """
    number = 0
    pieces: list[bytes] = []  # the start of a line that runs past the chunk it began in
    held = 0
    while chunk := f.read(_CHUNK):
        start = 0
        while (end := chunk.find(b"\n", start)) != -1:
            number += 1
            if pieces:
                line = b"".join([*pieces, chunk[start:end]])
                pieces, held = [], 0
            else:
                line = chunk[start:end]
            if len(line) > limit:
                raise _long_line(path, number)
            yield number, line
            start = end + 1
        if start < len(chunk):
            pieces.append(chunk[start:])
            held += len(chunk) - start
            if held > limit:
                raise _long_line(path, number + 1)
    if pieces:
        yield number + 1, b"".join(pieces)


def _long_line(path: Path, number: int) -> FormatError:
    limit = limits.size_text(limits.MAX_LINE_BYTES)
    return FormatError(
        path,
        f"has a line longer than {limit}, the most Workbench reads as one document",
        line=number,
    )


def _version(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


@functools.lru_cache(maxsize=8)  # a JSONL file is looked at twice: sniffed, then read
def _is_utf8_text(path: Path, version: tuple[int, int] | None) -> bool:
    """True when `path` (at `version`) is valid UTF-8 with some text in it and no sign
    of binary data."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    blank = True
    try:
        with path.open("rb") as f:
            head = f.read(_SNIFF)
            if head.startswith(
                (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
            ) or _BINARY_CONTROLS.search(head):
                return False
            chunk = head
            while chunk:
                decoded = decoder.decode(chunk)
                if blank and decoded.replace(BOM, "").strip():
                    blank = False
                chunk = f.read(_CHUNK)
            decoder.decode(b"", final=True)
    except (OSError, UnicodeDecodeError):
        return False  # read_text says why, or decodes it another way
    return not blank


def _decode(path: Path, data: bytes, warnings: list[str], encoding: str | None) -> str:
    if not data.strip():
        raise FormatError(path, "is empty")
    if encoding is not None:
        try:
            return data.decode(encoding)
        except LookupError as e:
            raise FormatError(path, f"names an unknown encoding '{encoding}'") from e
        except UnicodeDecodeError as e:
            raise FormatError(path, f"is not valid {encoding} (byte {e.start})") from e
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise FormatError(
                path, "starts with a UTF-16 byte-order mark but is not valid UTF-16"
            ) from e
        warnings.append(f"{path}: decoded as UTF-16 (it has a UTF-16 byte-order mark).")
        return text
    if _BINARY_CONTROLS.search(data[:_SNIFF]):
        raise FormatError(path, "looks like a binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        utf8_error = e
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as e:
        raise FormatError(
            path,
            f"is neither UTF-8 (invalid byte at {utf8_error.start}) nor Windows-1252; "
            "convert it to UTF-8 or name its encoding with --encoding",
        ) from e
    warnings.append(
        f"{path}: not valid UTF-8 (byte {utf8_error.start}); decoded as Windows-1252. "
        "Check the text, or name the encoding with --encoding."
    )
    return text
