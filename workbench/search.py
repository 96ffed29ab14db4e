"""Plain-text search over document texts (no Qt): code-point offsets, end exclusive."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.project import Project

_ZWJ = "\u200d"


def _extends_cluster(ch: str) -> bool:
    """True for a character that joins the one before it (combining mark, ZWJ, skin tone)."""
    if ch == _ZWJ or "\U0001f3fb" <= ch <= "\U0001f3ff":
        return True
    return unicodedata.category(ch) in ("Mn", "Mc", "Me")


def _splits_cluster(text: str, start: int, end: int) -> bool:
    """True when a match would cut a user-perceived character in two at either edge."""
    if end < len(text) and _extends_cluster(text[end]):
        return True
    return start > 0 and (_extends_cluster(text[start]) or text[start - 1] == _ZWJ)


def compile_query(
    query: str, *, match_case: bool = False, whole_words: bool = False
) -> re.Pattern[str]:
    """The regular expression that finds `query` literally with the given options."""
    pattern = re.escape(query)
    if whole_words:
        # Lookarounds rather than \b, so a query that starts or ends with punctuation
        # ("U.S.") still needs a non-word character (or the text's edge) next to it.
        pattern = rf"(?<!\w){pattern}(?!\w)"
    return re.compile(pattern, 0 if match_case else re.IGNORECASE)


def find_all(
    text: str, query: str, *, match_case: bool = False, whole_words: bool = False
) -> list[tuple[int, int]]:
    """Non-overlapping matches of `query` in `text` as (start, end) code-point offsets.

    Without `match_case`, a match is text whose casefold equals the query's casefold.
    A match never begins or ends inside a combining sequence or an emoji ZWJ sequence.
    """
    if not query:
        return []
    pattern = compile_query(query, match_case=match_case, whole_words=whole_words)
    folded = query.casefold()
    matches: list[tuple[int, int]] = []
    for m in pattern.finditer(text):
        start, end = m.span()
        if not match_case and text[start:end].casefold() != folded:
            continue  # re's simple case folding is looser than str.casefold (e.g. 'İ' ~ 'i')
        if _splits_cluster(text, start, end):
            continue
        matches.append((start, end))
    return matches


def find_in_project(
    project: Project,
    query: str,
    *,
    document_ids: Sequence[str] | None = None,
    match_case: bool = False,
    whole_words: bool = False,
) -> list[tuple[str, int, int]]:
    """Matches of `query` as (document id, start, end), documents in import order
    (or in the order of `document_ids` when given)."""
    if not query:
        return []
    ids = project.document_ids() if document_ids is None else list(document_ids)
    found: list[tuple[str, int, int]] = []
    for document_id in ids:
        text = project.document(document_id).text
        found.extend(
            (document_id, start, end)
            for start, end in find_all(text, query, match_case=match_case, whole_words=whole_words)
        )
    return found
