"""Where a selection may start and end: word boundaries and whole character clusters.

Works on the stored text (code points); Qt's QTextBoundaryFinder supplies the Unicode
rules (UAX #29) on the UTF-16 form, converted back with `Utf16Map` at the edge. A finder
covers one paragraph (up to and including its newline), built when first needed: a line
break is always a word and cluster boundary, so the answers are those of a finder over the
whole text, and the first tag in a 5 MB article does not wait for one.
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
        # (kind, paragraph start) -> (finder over the paragraph, its UTF-16 start)
        self._finders: dict[
            tuple[QTextBoundaryFinder.BoundaryType, int], tuple[QTextBoundaryFinder, int]
        ] = {}

    def _finder(
        self, kind: QTextBoundaryFinder.BoundaryType, cp: int
    ) -> tuple[QTextBoundaryFinder, int, int]:
        """The finder of the paragraph holding `cp`, that paragraph's start and UTF-16 start."""
        start = self.text.rfind("\n", 0, cp) + 1
        found = self._finders.get((kind, start))
        if found is None:
            newline = self.text.find("\n", cp)
            end = len(self.text) if newline < 0 else newline + 1
            if len(self._finders) > 256:  # a long session: keep the recent paragraphs only
                self._finders.clear()
            found = self._finders[(kind, start)] = (
                QTextBoundaryFinder(kind, self.text[start:end]),
                self.map.to_utf16(start),
            )
        return found[0], start, found[1]

    def _is_boundary(self, kind: QTextBoundaryFinder.BoundaryType, cp: int) -> bool:
        if cp <= 0 or cp >= len(self.text):
            return True
        finder, _, u16_start = self._finder(kind, cp)
        finder.setPosition(self.map.to_utf16(cp) - u16_start)
        return finder.isAtBoundary()

    def _move(self, kind: QTextBoundaryFinder.BoundaryType, cp: int, direction: int) -> int:
        """The boundary after (direction +1) or before (-1) `cp`; -1 if there is none."""
        finder, start, u16_start = self._finder(kind, cp)
        if direction < 0 and cp == start:
            if start == 0:
                return -1
            finder, start, u16_start = self._finder(kind, cp - 1)  # the paragraph before
        finder.setPosition(self.map.to_utf16(cp) - u16_start)
        found = finder.toNextBoundary() if direction > 0 else finder.toPreviousBoundary()
        return -1 if found < 0 else self.map.to_codepoint(found + u16_start)

    def _previous(self, kind: QTextBoundaryFinder.BoundaryType, cp: int) -> int:
        """The boundary at or before `cp`."""
        if self._is_boundary(kind, cp):
            return cp
        return max(0, self._move(kind, cp, -1))

    def _next(self, kind: QTextBoundaryFinder.BoundaryType, cp: int) -> int:
        """The boundary at or after `cp`."""
        if self._is_boundary(kind, cp):
            return cp
        position = self._move(kind, cp, +1)
        return len(self.text) if position < 0 else position

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
        text = self.text
        position = cp
        while True:
            if direction > 0 and position >= len(text):
                return len(text)
            if direction < 0 and position <= 0:
                return 0
            found = self._move(kind, position, direction)
            if found < 0:
                return len(text) if direction > 0 else 0
            position = found
            if not words:
                return position
            # A start or end lands next to a word, never on the ", " between two.
            if edge == "end" and position > 0 and _in_word(text[position - 1]):
                return position
            if edge == "start" and position < len(text) and _in_word(text[position]):
                return position
