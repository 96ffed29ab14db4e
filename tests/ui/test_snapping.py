"""Per-paragraph boundary finders give the answers of one finder over the whole text."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QTextBoundaryFinder

from workbench.offsets import Utf16Map
from workbench.ui.pane.snapping import Snapper

PIECES = [
    "word",
    " ",
    "\n",
    "\r\n",
    "\n\n",
    "😀",
    "🇰🇷",
    "cafe\u0301",
    "👨\u200d👩\u200d👧",
    "12,000",
    ".",
    "国防部",
    "\u2028",
    "  ",
    "l'armée",
]


def whole_text_boundaries(text: str, kind: QTextBoundaryFinder.BoundaryType) -> list[int]:
    """Every boundary of `text` in code points, from one finder over all of it."""
    utf16 = Utf16Map(text)
    finder = QTextBoundaryFinder(kind, text)
    found = {0, len(text)}
    position = finder.toNextBoundary()
    while position >= 0:
        found.add(utf16.to_codepoint(position))
        position = finder.toNextBoundary()
    return sorted(found)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40), st.data())
def test_boundaries_match_a_whole_text_finder(pieces: list[str], data: st.DataObject) -> None:
    text = "".join(pieces)
    snapper = Snapper(text)
    for kind in (QTextBoundaryFinder.BoundaryType.Word, QTextBoundaryFinder.BoundaryType.Grapheme):
        bounds = whole_text_boundaries(text, kind)
        cp = data.draw(st.integers(0, len(text)))
        assert snapper._previous(kind, cp) == bounds[bisect_right(bounds, cp) - 1]
        assert snapper._next(kind, cp) == bounds[bisect_left(bounds, cp)]
        if cp < len(text):
            assert snapper._move(kind, cp, +1) == bounds[bisect_right(bounds, cp)]
        if cp > 0:
            assert snapper._move(kind, cp, -1) == bounds[bisect_left(bounds, cp) - 1]
