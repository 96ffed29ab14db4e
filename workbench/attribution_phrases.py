"""Phrases of attribution in a sentence's tokens: speakers, reported clauses, quotations.

The helpers the attribution rules (workbench/attribution.py) are made of. They work on
word tokens of one sentence and return token ranges (start index, end index).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from workbench import attribution_words as W

# A title abbreviation, an acronym with dots, a number, a word (with inner hyphens and
# apostrophes, and a possessive), or one other character. No nested repetition. A word
# starting lower-case (most tokens) is tried first: none of the other branches can take it.
_TOKEN = re.compile(
    r"[a-z]\w*(?:[’'\-.]\w+)*"
    r"|(?:[A-Z]\.){2,}|(?:Mrs?|Ms|Dr|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|Prof|Adm|Maj|St)\.(?=\s)"
    r"|\d[\d,.]*\d|\w+(?:[’'\-.]\w+)*|[^\s\w]"
)
# A line break, or a full stop (maybe inside a closing quote) and space before a capital;
# a stop without a quote counts only after two lower-case letters or digits ("Russia. The",
# not "U.S. and"), checked in `sentences` (a lookbehind here would be tried everywhere).
_SENTENCE_BREAK = re.compile(r"\n+|[.!?][”\"]?\s+(?=[“\"A-Z])")
_BEFORE_STOP = frozenset("abcdefghijklmnopqrstuvwxyz0123456789)")
# The longest clause or quotation the rules take (tokens): bounds the work per verb.
MAX_CLAUSE = 120
_OPEN_QUOTES = '“"'
_CLOSE_QUOTES = '”"'
_DASHES = "–—-"


class Tok(NamedTuple):
    """A word or punctuation token (a tuple: the rules make a great many of them)."""

    start: int
    end: int
    text: str
    lower: str


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence, split at line breaks and sentence-final stops."""
    start = 0
    for m in _SENTENCE_BREAK.finditer(text):
        stop = m.start()
        if text[stop] in ".!?":
            if text[stop + 1] in '”"':
                stop += 2
            elif stop >= 2 and text[stop - 1] in _BEFORE_STOP and text[stop - 2] in _BEFORE_STOP:
                stop += 1
            elif "\n" in m.group():
                stop += m.group().index("\n")  # "NATO.\nBritish": the line break ends it
            else:
                continue
        if stop > start:
            yield start, stop
        start = m.end()
    if start < len(text):
        yield start, len(text)


def tokens(
    text: str, start: int = 0, end: int | None = None, *, lowered: str | None = None
) -> list[Tok]:
    """`lowered`: text.lower(), when it is as long as the text (slices of it are cheaper
    than a lower() per token)."""
    new = tuple.__new__  # a NamedTuple's own constructor is a slow Python function
    found = _TOKEN.finditer(text, start, len(text) if end is None else end)
    if lowered is None:
        return [new(Tok, (*m.span(), w, w.lower())) for m in found if (w := m.group())]
    return [
        new(Tok, (s, e, text[s:e], lowered[s:e]))
        for m in found
        if (s := m.start()) != (e := m.end())
    ]


def _capitalised(tok: Tok) -> bool:
    return tok.text[:1].isupper() or tok.text[:1].isdigit()


def _plain(tok: Tok) -> str:
    """The word without a possessive ending."""
    for ending in ("’s", "'s"):
        if tok.lower.endswith(ending):
            return tok.lower[:-2]
    return tok.lower


def _is_speaker_head(tok: Tok) -> bool:
    if (
        _plain(tok) in W.PRONOUNS
        or tok.lower in W.LEFT_BOUNDARY
        or tok.lower in W.DETERMINERS
        or tok.lower in W.NOT_SPEAKERS
        or tok.text[:1].isdigit()
    ):
        return False  # a number ends a phrase but does not speak ("Weber, 61, said")
    return _capitalised(tok) or _speaker_noun(tok)


def _speaker_noun(tok: Tok) -> bool:
    """A speaker noun of the list, or its plural ("newspapers", "firms")."""
    plain = _plain(tok)
    return plain in W.SPEAKER_NOUNS or plain.endswith("s") and plain[:-1] in W.SPEAKER_NOUNS


def _np_word(tok: Tok) -> bool:
    return (
        _capitalised(tok)
        or tok.lower in W.MODIFIERS
        or tok.lower in W.DETERMINERS
        or _speaker_noun(tok)
        or tok.text in ("’s", "'s", "-")
    )


# --- speakers ------------------------------------------------------------------------


def subject_before(toks: Sequence[Tok], i: int) -> tuple[int, int] | str | None:
    """The speaker noun phrase ending before the verb at `i` as a token range, "pronoun"
    when the subject is a pronoun, or None."""
    j = i - 1
    while j >= 0 and toks[j].lower in W.BETWEEN:
        j -= 1
    if j < 0:
        return None
    if toks[j].lower in W.PRONOUNS:
        return "pronoun"
    if toks[j].text == ")" and j >= 2 and toks[j - 2].text == "(":
        j -= 3  # "Service (NIS) reported": the name before the acronym
        if j < 0:
            return None
    end = j + 1
    floor = max(-1, j - 14)  # a speaker's phrase is short
    if not _is_speaker_head(toks[j]):
        # "The club denied": a plain noun after a determiner speaks too
        k = j
        while k > j - 3 and k >= 0 and _common_word(toks[k]):
            k -= 1
        if k < 0 or k == j or toks[k].lower != "the":  # "an urgent demand" is no speaker
            return None
        return k, end
    common = 0
    while j > floor:
        tok = toks[j]
        if j < end - 1 and _common_word(tok) and common < 2 and not _capitalised(toks[end - 1]):
            common += 1  # "the weather service"
            j -= 1
            continue
        if tok.lower in W.INNER_PREPOSITIONS and j > 0 and _speaker_noun(toks[j - 1]):
            j -= 1
            continue
        if (
            tok.lower == "and"
            and j > 0
            and _np_word(toks[j - 1])
            and _np_word(toks[j + 1])
            and toks[j - 1].lower not in W.DETERMINERS
        ):  # "intelligence and defense officials"
            j -= 1
            continue
        if tok.lower in W.DETERMINERS:
            if j > 1 and toks[j - 1].lower in W.INNER_PREPOSITIONS and _speaker_noun(toks[j - 2]):
                j -= 1  # "A spokesperson for the Council"
                continue
            return j, end  # a determiner opens the phrase
        if tok.lower in W.LEFT_BOUNDARY or not _np_word(tok):
            break
        j -= 1
    start = j + 1
    # A sentence-initial capital that is a connective is not part of the name.
    while start < end and toks[start].lower in W.LEFT_BOUNDARY:
        start += 1
    if start >= end or end - start > 10:
        return None
    return start, end


def _common_word(tok: Tok) -> bool:
    """A plain lower-case word that may be a noun or an adjective of a speaker's phrase."""
    w = tok.lower
    return (
        tok.text.isalpha()
        and tok.text.islower()
        and not w.endswith(("ly", "ing", "ed"))
        and w not in W.LEFT_BOUNDARY
        and w not in W.BETWEEN
        and w not in W.PRONOUNS
        and w not in W.FINITE
        and w not in W.NOT_CLAUSE_START
        and w not in W.SPEECH
        and w not in W.DENY
        and w not in W.STANCE
        and w not in W.DETERMINERS
    )


def phrase_after(toks: Sequence[Tok], i: int) -> tuple[int, int] | None:
    """A speaker noun phrase starting at `i` ("according to X", "said X"), to its end."""
    j = i
    common = 0
    while j < len(toks) and j - i < 12:
        tok = toks[j]
        if tok.text == "’s" or (tok.lower in W.INNER_PREPOSITIONS and j > i):
            j += 1
            continue
        if _common_word(tok) and not _np_word(tok) and common < 2:
            common += 1
            j += 1
            continue
        if not _np_word(tok) or tok.lower in W.LEFT_BOUNDARY or tok.lower in W.PRONOUNS:
            break
        j += 1
    while j > i and (
        toks[j - 1].lower in W.INNER_PREPOSITIONS
        or toks[j - 1].text == "-"
        or (
            _common_word(toks[j - 1])
            and not _is_speaker_head(toks[j - 1])
            and toks[i].lower not in ("the", "a", "an")
        )
    ):
        j -= 1
    if j == i or not (
        _is_speaker_head(toks[j - 1])
        or toks[i].lower in ("the", "a", "an")
        and _common_word(toks[j - 1])
    ):
        return None
    return i, j


def sentence_subject(toks: Sequence[Tok]) -> tuple[int, int] | str | None:
    """The subject of a sentence: its first noun phrase after a fronted adverbial."""
    i = 0
    if toks and toks[0].lower in W.LEFT_BOUNDARY | {"in", "on", "at", "after", "during"}:
        comma = next((k for k, t in enumerate(toks[:12]) if t.text == ","), None)
        i = comma + 1 if comma is not None else 0
    j = i
    while (
        j < len(toks)
        and j - i < 14
        and (_np_word(toks[j]) or toks[j].lower in W.INNER_PREPOSITIONS)
        and toks[j].lower not in W.BETWEEN
    ):
        j += 1
    if j == i:
        return "pronoun" if i < len(toks) and toks[i].lower in W.PRONOUNS else None
    return subject_before(toks, j) if j < len(toks) else None


# --- contents ------------------------------------------------------------------------


def _quote_end(toks: Sequence[Tok], i: int) -> int:
    """The token after the quotation opening at `i` (with punctuation inside it)."""
    for k in range(i + 1, min(i + MAX_CLAUSE, len(toks))):
        if toks[k].text in _CLOSE_QUOTES:
            return k + 1
    return min(i + MAX_CLAUSE, len(toks))


_ADJUNCTS_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _adjunct in W.ADJUNCTS:
    _ADJUNCTS_BY_FIRST.setdefault(_adjunct[0], []).append(_adjunct)


def skip_adjuncts(toks: Sequence[Tok], j: int) -> int:
    """The token after the time and place adjuncts starting at `j` ("on Friday")."""
    moved = True
    while moved and j < len(toks):
        moved = False
        for adjunct in _ADJUNCTS_BY_FIRST.get(toks[j].lower, ()):
            n = len(adjunct)
            words = [t.lower for t in toks[j : j + n]]
            if len(words) == n and all(a in ("*", w) for a, w in zip(adjunct, words, strict=True)):
                if adjunct[-1] == "*" and not _capitalised(toks[j + n - 1]):
                    continue  # "on *" only for names and dates: "on Monday", "in June"
                j += n
                moved = True
                break
    return j


def clause_after(
    toks: Sequence[Tok], i: int, *, finite: bool = True, to_comma: bool = False, min_tokens: int = 3
) -> tuple[int, int] | None:
    """The reported content after a verb ending at token `i`: a that-clause, or a bare
    clause (with a finite verb unless `finite` is false); a noun phrase content
    (`to_comma`) ends at the first comma."""
    j = i
    that = None
    for k in range(i, min(i + 7, len(toks))):
        if toks[k].lower == "that":
            that = k
            break
        if not (_np_word(toks[k]) or toks[k].lower in ("reporters", "to", "on", "in", "at")):
            break
    if that is not None:
        j = that + 1
    else:
        j = skip_adjuncts(toks, i)
        if j < len(toks) and toks[j].text in ",:":
            j += 1
    if (
        j >= len(toks)
        or toks[j].text in ",.;)"
        or (toks[j].lower in W.NOT_CLAUSE_START and j - 1 != that)
    ):
        return None
    if toks[j].text in _OPEN_QUOTES:
        return j, _quote_end(toks, j)
    end = _clause_end(toks, j, to_comma=to_comma)
    if end - j < min_tokens:
        return None
    if that is None and finite and not any(_finite(toks, k) for k in range(j, end)):
        return None
    return j, end


def _finite(toks: Sequence[Tok], k: int) -> bool:
    tok = toks[k]
    if tok.lower in W.FINITE:
        return True
    return (
        tok.lower.endswith("ed")
        and k > 0
        and toks[k - 1].lower not in W.DETERMINERS
        and toks[k - 1].lower not in W.NOT_CLAUSE_START
        and not _capitalised(tok)
    )


def _clause_end(toks: Sequence[Tok], j: int, *, to_comma: bool = False) -> int:
    k = j
    while k < len(toks) and k - j < MAX_CLAUSE:
        tok = toks[k]
        if tok.text in ";:()" or (tok.text == "." and k == len(toks) - 1):
            break
        if tok.text in _OPEN_QUOTES:
            k = _quote_end(toks, k)
            # a comma inside the closing quote ends the clause as one outside would
            if (
                toks[k - 2].text == ","
                and k < len(toks)
                and (to_comma or _stops_after_comma(toks, k - 2))
            ):
                return k
            continue
        if tok.text == "," and k + 1 < len(toks) and (to_comma or _stops_after_comma(toks, k)):
            break
        if tok.lower == "and" and k + 1 < len(toks) and toks[k + 1].lower == "that":
            break
        k += 1
    while k > j and toks[k - 1].text in ",.":
        k -= 1
    return k


def _stops_after_comma(toks: Sequence[Tok], k: int) -> bool:
    """Whether the comma at `k` ends a reported clause: a conjunction, a participle, an
    attribution ("according to", "X said") or an apposition follows."""
    nxt = toks[k + 1].lower if k + 1 < len(toks) else ""
    if toks[k + 1 : k + 2] and toks[k + 1].text in _CLOSE_QUOTES:
        nxt = toks[k + 2].lower if k + 2 < len(toks) else ""
    if (
        (nxt in ("instead", "also", "then", "thereby", "thus") or nxt.endswith("ly"))
        and k + 2 < len(toks)
        and toks[k + 2].lower.endswith("ing")
    ):
        return True  # ", instead characterizing …"
    return bool(
        nxt in W.CLAUSE_STOPS
        or (nxt.endswith("ing") and nxt.isalpha() and nxt != "including")
        or nxt in ("according", "as", "a", "an")
        or _is_postposed(toks, k)
    )


def closes_sentence(toks: Sequence[Tok], i: int) -> bool:
    """Whether only adjuncts and punctuation follow token `i`."""
    end = len(toks)
    while end > i + 1 and toks[end - 1].text in ".,!?":
        end -= 1
    if end - i > 10:
        return False  # adjuncts are short: no need to look at a long rest
    return skip_adjuncts(toks[:end], i + 1) == end


def _is_postposed(toks: Sequence[Tok], comma: int) -> bool:
    """ ", officials said." — a speaker and a speech verb close the sentence."""
    for k in range(comma + 2, min(comma + 12, len(toks))):
        if toks[k].lower in W.SPEECH and not toks[k].lower.endswith("ing"):
            if closes_sentence(toks, k):
                return isinstance(subject_before(toks, k), tuple)
            return False
    return False


def clause_before(toks: Sequence[Tok], end: int) -> tuple[int, int] | None:
    """The clause that a post-posed attribution ("…, X said.") closes."""
    start = max(0, end - MAX_CLAUSE)
    for k in range(end - 1, start - 1, -1):
        if toks[k].text in ";:" or (
            toks[k].text == "," and k + 1 < len(toks) and toks[k + 1].lower in W.CLAUSE_STOPS
        ):
            start = k + 1
            break
    if start < len(toks) and toks[start].text in _OPEN_QUOTES:
        return start, min(_quote_end(toks, start), end)
    while end > start and toks[end - 1].text in ",":
        end -= 1
    return (start, end) if end - start >= 3 else None
