"""Where a selection may start and end: word boundaries and whole character clusters.

Works on the stored text (code points); Qt's QTextBoundaryFinder supplies the Unicode
rules (UAX #29) on the UTF-16 form, converted back with `Utf16Map` at the edge.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QTextBoundaryFinder

from workbench.offsets import Utf16Map

_GRAPHEME = QTextBoundaryFinder.BoundaryType.Grapheme
_WORD = QTextBoundaryFinder.BoundaryType.Word


def _in_word(character: str) -> bool:
    """Letters, digits, symbols and emoji: not a space and not punctuation."""
    return not character.isspace() and not unicodedata.category(character).startswith("P")


class Snapper:
    """Snaps code-point ranges of one text to clusters, optionally to whole words."""

    def __init__(self, text: str, utf16: Utf16Map | None = None) -> None:
        self.text = text
        self.map = utf16 or Utf16Map(text)
        self._finders: dict[QTextBoundaryFinder.BoundaryType, QTextBoundaryFinder] = {}

    def _finder(self, kind: QTextBoundaryFinder.BoundaryType) -> QTextBoundaryFinder:
        finder = self._finders.get(kind)
        if finder is None:
            finder = self._finders[kind] = QTextBoundaryFinder(kind, self.text)
        return finder

    def _is_boundary(self, kind: QTextBoundaryFinder.BoundaryType, cp: int) -> bool:
        if cp <= 0 or cp >= len(self.text):
            return True
        finder = self._finder(kind)
        finder.setPosition(self.map.to_utf16(cp))
        return finder.isAtBoundary()

    def _previous(self, kind: QTextBoundaryFinder.BoundaryType, cp: int) -> int:
        """The boundary at or before `cp`."""
        if self._is_boundary(kind, cp):
            return cp
        finder = self._finder(kind)
        finder.setPosition(self.map.to_utf16(cp))
        position = finder.toPreviousBoundary()
        return 0 if position < 0 else self.map.to_codepoint(position)

    def _next(self, kind: QTextBoundaryFinder.BoundaryType, cp: int) -> int:
        """The boundary at or after `cp`."""
        if self._is_boundary(kind, cp):
            return cp
        finder = self._finder(kind)
        finder.setPosition(self.map.to_utf16(cp))
        position = finder.toNextBoundary()
        return len(self.text) if position < 0 else self.map.to_codepoint(position)

    def clusters(self, start: int, end: int) -> tuple[int, int]:
        """Widen [start, end) so it never splits a character cluster."""
        return self._previous(_GRAPHEME, start), self._next(_GRAPHEME, end)

    def snap(self, start: int, end: int, *, words: bool = True) -> tuple[int, int]:
        """The range to tag for a selection [start, end): never empty unless the input is."""
        start, end = sorted((max(0, start), min(len(self.text), end)))
        if start == end:
            return start, end
        start, end = self.clusters(start, end)
        if not words:
            return start, end
        wide_start, wide_end = self._previous(_WORD, start), self._next(_WORD, end)
        text = self.text
        s, e = wide_start, wide_end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s >= e:
            return start, end
        return self.clusters(s, e)

    def step(self, cp: int, direction: int, *, edge: str = "end", words: bool = True) -> int:
        """Where a span's start or end moves from `cp` (direction -1 or +1): the next
        cluster, or with `words` the next word end (for an end) or word start (for a start)."""
        kind = _WORD if words else _GRAPHEME
        finder = self._finder(kind)
        text = self.text
        position = cp
        while True:
            if direction > 0 and position >= len(text):
                return len(text)
            if direction < 0 and position <= 0:
                return 0
            finder.setPosition(self.map.to_utf16(position))
            found = finder.toNextBoundary() if direction > 0 else finder.toPreviousBoundary()
            if found < 0:
                return len(text) if direction > 0 else 0
            position = self.map.to_codepoint(found)
            if not words:
                return position
            # A start or end lands next to a word, never on the ", " between two.
            if edge == "end" and position > 0 and _in_word(text[position - 1]):
                return position
            if edge == "start" and position < len(text) and _in_word(text[position]):
                return position
