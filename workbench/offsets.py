"""Text normalisation and offset conversion.

Workbench offsets are Python string indices (code points), end exclusive, into the
stored text. Qt, doccano and UIMA count UTF-16 code units; `Utf16Map` converts
between the two in O(log n) per lookup after one O(n) pass over the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

BOM = "\ufeff"
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_LINE_BREAK = re.compile("\r\n?")


class Utf16Map:
    """Two-way mapping between code-point offsets and UTF-16 positions of one text."""

    __slots__ = ("_astral_cp", "_astral_u16", "length", "utf16_length")

    def __init__(self, text: str) -> None:
        # Only characters outside the BMP (two UTF-16 units) shift positions.
        self._astral_cp = [m.start() for m in _ASTRAL.finditer(text)]
        self._astral_u16 = [cp + i for i, cp in enumerate(self._astral_cp)]
        self.length = len(text)
        self.utf16_length = self.length + len(self._astral_cp)

    def to_utf16(self, offset: int) -> int:
        """UTF-16 position of code-point `offset` (0 <= offset <= len(text))."""
        if not 0 <= offset <= self.length:
            raise ValueError(f"offset {offset} outside text of length {self.length}")
        return offset + bisect_left(self._astral_cp, offset)

    def to_codepoint(self, position: int) -> int:
        """Code-point offset of UTF-16 `position`.

        A position inside a surrogate pair maps to the character it splits.
        """
        if not 0 <= position <= self.utf16_length:
            raise ValueError(
                f"UTF-16 position {position} outside text of {self.utf16_length} units"
            )
        # Astral characters that start strictly before `position` each add one unit.
        return position - bisect_left(self._astral_u16, position)

    def splits_pair(self, position: int) -> bool:
        """True when UTF-16 `position` falls between the two halves of a surrogate pair."""
        i = bisect_right(self._astral_u16, position - 1) - 1
        return i >= 0 and self._astral_u16[i] + 1 == position


def utf16_length(text: str) -> int:
    return len(text) + len(_ASTRAL.findall(text))


class OffsetShift:
    """Maps offsets in a raw text to offsets in its normalised form.

    Built from the sorted raw positions of characters that normalisation removed.
    """

    __slots__ = ("_removed", "_raw_length")

    def __init__(self, removed: Sequence[int], raw_length: int) -> None:
        self._removed = list(removed)
        self._raw_length = raw_length

    def __call__(self, raw_offset: int) -> int:
        if not 0 <= raw_offset <= self._raw_length:
            raise ValueError(f"offset {raw_offset} outside text of length {self._raw_length}")
        return raw_offset - bisect_left(self._removed, raw_offset)

    def removes(self, raw_offset: int) -> bool:
        """True when the character at `raw_offset` was dropped by normalisation."""
        i = bisect_left(self._removed, raw_offset)
        return i < len(self._removed) and self._removed[i] == raw_offset


def normalize_text(raw: str, *, strip_bom: bool = True) -> tuple[str, OffsetShift]:
    """Strip a leading BOM and turn CRLF and lone CR into LF; keep everything else.

    Returns the text and the mapping of raw offsets onto it. `strip_bom=False` keeps a
    leading U+FEFF: a text inside a file (a JSONL "text") is not a file and has no BOM.
    """
    removed: list[int] = []
    strip_bom = strip_bom and raw.startswith(BOM)
    if strip_bom:
        removed.append(0)
    if "\r" in raw:
        # In CRLF the CR is dropped; a lone CR becomes LF in place.
        removed.extend(m.start() for m in _LINE_BREAK.finditer(raw) if m.end() - m.start() == 2)
        text = _LINE_BREAK.sub("\n", raw)
    else:
        text = raw
    if strip_bom:
        text = text[1:]
    return text, OffsetShift(removed, len(raw))
