"""Figures by the shape of news English: a number and the plural noun it counts.

"about 40 tonnes of fish", "2,300 households", "three drinking water wells", "up to 5
million euros", "9 percent", "hundreds of postal ballots", "$2 billion": a number (digits
or a number word, with its qualifier and scale) followed by up to three modifiers and a
plural noun, whatever the noun, or by "percent"/"%", or after a currency sign. Not
figures: years ("since 2009"), dates ("March 10"), ages and list numbers (no counted
noun), durations and multipliers ("48 hours", "three times"), identifiers ("Article 5"),
and a spelled number after a determiner, a possessive or "between" ("the two leaders",
"between two nations": a reference to things already counted, not a count). Written from the
label definition (resources/labels.json, tests/data/gold/README.md), not from any set.
"""

from __future__ import annotations

import re

from workbench import counted_figures_words as lists

RULE = "figure-counted"

# Two quick scans (a case-blind alternation at every position costs three times more):
# digits in the text, number words in its lower-cased copy; the qualifier is looked for
# just before the number.
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")  # what stands before: below
_INSIDE = re.compile(r"[\w.,-]")  # a number after these is part of a word or a bigger number
_SPELLED = re.compile(
    r"\b(?:"
    + "|".join(lists.NUMBER_WORDS)
    + r")(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
    r"(?![\w-])"
)
_QUALIFIER_BEFORE = re.compile(
    r"\b(?:" + "|".join(sorted(lists.QUALIFIERS, key=len, reverse=True)) + r")\s+$"
)
_SIGNS = "$€£¥"
_WORD = re.compile(r"\s+(%|[A-Za-z][\w’'-]*)|\s*(%)")

_YEAR = re.compile(r"1[5-9]\d\d|20\d\d")
_WORD_BEFORE = re.compile(r"([\w’'.-]+)\s*$")
_MAX_MODIFIERS = 3


def find_figures(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, "figure", rule) of each counted number in `text`, in text order."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter that lower-cases to two characters
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    numbers = sorted(
        [
            m.span()
            for m in _DIGITS.finditer(text)
            if not (m.start() and _INSIDE.match(text, m.start() - 1))
        ]
        + [m.span() for m in _SPELLED.finditer(lowered)]
    )
    found: list[tuple[int, int, str, str]] = []
    for start, end in numbers:
        span = _figure_at(text, lowered, start, end)
        if span is not None and not (found and span[0] < found[-1][1]):
            found.append((span[0], span[1], "figure", RULE))
    return found


def _figure_at(text: str, lowered: str, start: int, end: int) -> tuple[int, int] | None:
    number = lowered[start:end]
    signed = start > 0 and text[start - 1] in _SIGNS
    first = start - 1 if signed else start
    qualifier = _QUALIFIER_BEFORE.search(lowered, max(0, first - 24), first)
    before = _WORD_BEFORE.search(text, max(0, first - 24), first)
    previous = before.group(1) if before else ""
    if not _counts_here(
        number,
        previous,
        spelled=number[0].isalpha(),
        qualified=qualifier is not None,
        signed=signed,
        at_start=_sentence_start(text, first),
    ):
        return None
    last = _counted_end(text, end, number, signed=signed)
    if last is None:
        return None
    return (qualifier.start() if qualifier else first), last


def _counts_here(
    number: str, previous: str, *, spelled: bool, qualified: bool, signed: bool, at_start: bool
) -> bool:
    """Whether what stands before the number lets it be a count."""
    word = previous.lower()
    if word in lists.MONTHS:
        return False  # "March 10"
    if spelled:
        return qualified or word not in lists.REFERRING and not word.endswith(("’s", "'s"))
    if qualified or signed:
        return True
    if _YEAR.fullmatch(number):
        return False  # "since 2009", "in 1998": a year, however the sentence goes on
    # "Article 5", "Resolution 2231": a number after a name identifies, it does not count.
    return at_start or not previous[:1].isupper()


def _sentence_start(text: str, pos: int) -> bool:
    k = pos - 1
    while k >= 0 and text[k] in ' \t“"(':
        k -= 1
    return k < 0 or text[k] in ".!?\n"


def _counted_end(text: str, pos: int, number: str, *, signed: bool) -> int | None:
    """The end of the counted noun phrase after the number ending at `pos`, or None."""
    end = pos
    words = list(_words(text, pos, 2 + _MAX_MODIFIERS + 4))
    k = 0
    while k < len(words) and words[k][0].lower() in lists.SCALES:  # "5 million", "2.5 bn"
        end = words[k][2]
        k += 1
    if number in lists.TAKES_OF and k < len(words) and words[k][0].lower() == "of":
        k += 1  # "hundreds of postal ballots"
    if k + 1 < len(words) and words[k][0].lower() == "per" and words[k + 1][0].lower() == "cent":
        return words[k + 1][2]  # "9 per cent"
    head = _plural_head(words, k)
    if head is None:
        return end if signed else None  # "$2 billion" counts money without a noun
    k = head
    end = words[k][2]
    while k + 1 < len(words) and _is_plural(words[k + 1][0]):  # "special forces troops"
        k += 1
        end = words[k][2]
    if words[k][0].lower() in lists.NOT_COUNTED:
        return None
    if (
        words[k][0].lower() in lists.MEASURES
        and k + 2 < len(words)
        and words[k + 1][0].lower() == "of"
    ):
        tail = k + 2
        while (
            tail < len(words)
            and tail - k - 2 < 3
            and words[tail][0].lower() not in lists.STOPS
            and words[tail][1] == words[tail - 1][2] + 1
        ):
            end = words[tail][2]
            tail += 1
    return end


def _words(text: str, pos: int, limit: int) -> list[tuple[str, int, int]]:
    """Up to `limit` words after `pos`, each (word, start, end); stops at punctuation."""
    found: list[tuple[str, int, int]] = []
    while len(found) < limit:
        m = _WORD.match(text, pos)
        if m is None:
            break
        group = 1 if m.group(1) is not None else 2
        found.append((m.group(group), m.start(group), m.end(group)))
        pos = m.end()
    return found


def _plural_head(words: list[tuple[str, int, int]], k: int) -> int | None:
    """The index of the counted noun: the first plural within a few modifiers."""
    for j in range(k, min(k + _MAX_MODIFIERS + 1, len(words))):
        word = words[j][0]
        if _is_plural(word):
            return j
        if word.lower() in lists.STOPS or word.lower() in lists.NOT_COUNTED:
            return None
    return None


def _is_plural(word: str) -> bool:
    lower = word.lower()
    if lower in lists.IRREGULAR:
        return True
    return (
        word.islower()
        and len(word) > 3
        and lower.endswith("s")
        and not lower.endswith(("ss", "us", "is", "’s", "'s"))
        and lower not in lists.NOT_NOUNS
        and lower not in lists.STOPS
    )
