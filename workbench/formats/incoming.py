"""Another tool's text and offsets, mapped onto the text Workbench stores.

Workbench stores text with CRLF turned into LF and without a BOM (`normalize_text`);
other tools count in the raw text, in code points (brat, Label Studio) or UTF-16 units
(doccano, UIMA). `IncomingText` checks an offset pair in the tool's unit and returns
code-point offsets into the stored text.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Literal

from workbench.errors import FormatError
from workbench.offsets import Utf16Map, normalize_text

Unit = Literal["codepoint", "utf16"]
Fail = Callable[[str], FormatError]


class IncomingText:
    """A raw text from another tool, with its offsets mapped onto the normalised text."""

    __slots__ = ("_map", "_shift", "raw", "text", "unit")

    def __init__(self, raw: str, unit: Unit) -> None:
        self.raw = raw
        self.unit = unit
        self.text, self._shift = normalize_text(raw)
        self._map = Utf16Map(raw) if unit == "utf16" else None

    def span(
        self, start: object, end: object, what: str, fail: Fail, *, expected: object = None
    ) -> tuple[int, int]:
        """Stored-text offsets of the tool's (start, end); `expected` is the tool's span text."""
        if type(start) is not int or type(end) is not int:
            raise fail(f"{what} needs whole-number start and end offsets")
        units = "UTF-16 units" if self._map else "characters"
        size = self._map.utf16_length if self._map else len(self.raw)
        if not 0 <= start < end <= size:
            raise fail(f"{what} ({start}-{end}) falls outside the text of {size} {units}")
        if self._map:
            for position in (start, end):
                if self._map.splits_pair(position):
                    raise fail(
                        f"{what} ({start}-{end}) splits a character outside the Basic "
                        "Multilingual Plane in two; are the offsets UTF-16 units?"
                    )
            start, end = self._map.to_codepoint(start), self._map.to_codepoint(end)
        if expected is not None and expected != self.raw[start:end]:
            hint = "code points" if self._map is None else "UTF-16 units"
            raise fail(
                f"{what} says its text is {short(expected)} but the document has "
                f"{short(self.raw[start:end])} there; are the offsets {hint}?"
            )
        new_start, new_end = self._shift(start), self._shift(end)
        if new_start >= new_end:
            raise fail(f"{what} covers only a line-ending character that import removes")
        return new_start, new_end


def short(value: object) -> str:
    s = value if isinstance(value, str) else str(value)
    return json.dumps(s if len(s) <= 40 else s[:37] + "...", ensure_ascii=False)
