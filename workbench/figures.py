"""Figures: the value a figure span states, with its qualifier and what it counts.

"approximately 1,500 soldiers" -> 1500, about, troops; "up to 3,000" -> at most 3000;
"10,000 to 12,000" -> a range. The parsed figure is stored as the span attribute
"figure" (`Project.set_span_attrs`), so exports carry it and the comparison table can
group and sort by it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from workbench.model import Span
from workbench.project import Project

QUALIFIERS = ("exact", "about", "nearly", "at_most", "at_least", "more_than", "less_than", "range")

# Phrases before the number, longest first so "no more than" wins over "more than".
_QUALIFIER_PHRASES: dict[str, str] = {
    "approximately": "about",
    "about": "about",
    "around": "about",
    "roughly": "about",
    "some": "about",
    "an estimated": "about",
    "estimated": "about",
    "circa": "about",
    "an approximate": "about",
    "close to": "nearly",
    "nearly": "nearly",
    "almost": "nearly",
    "up to": "at_most",
    "as many as": "at_most",
    "at most": "at_most",
    "no more than": "at_most",
    "at least": "at_least",
    "no fewer than": "at_least",
    "no less than": "at_least",
    "more than": "more_than",
    "over": "more_than",
    "upwards of": "more_than",
    "in excess of": "more_than",
    "less than": "less_than",
    "fewer than": "less_than",
    "under": "less_than",
}
_SYMBOLS = {
    "exact": "",
    "about": "≈",
    "nearly": "<≈",
    "at_most": "≤",
    "at_least": "≥",
    "more_than": ">",
    "less_than": "<",
}

_UNITS = {
    "hundred": 100,
    "thousand": 1_000,
    "k": 1_000,
    "million": 1_000_000,
    "m": 1_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
}
_SMALL = {
    w: i
    for i, w in enumerate(
        (
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        )
    )
}
_TENS = {
    w: 10 * i
    for i, w in enumerate(
        ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"), start=2
    )
}
_WORDS = {**_SMALL, **_TENS, "a": 1, "an": 1, "dozen": 12}
# The spelled numbers, "zero" to "ninety", in counting order.
NUMBER_NAMES = (*_SMALL, *_TENS)

# What a figure counts, reduced to one name per kind so articles can be compared.
COUNT_SYNONYMS = {
    "troops": (
        "troops",
        "troop",
        "soldiers",
        "soldier",
        "forces",
        "personnel",
        "servicemen",
        "fighters",
        "men",
        "military",
    ),
    "people": ("people", "persons", "civilians", "residents"),
    "dead": ("dead", "killed", "deaths", "casualties"),
}
_COUNT_OF = {word: name for name, words in COUNT_SYNONYMS.items() for word in words}
_COUNT_SKIP = {
    "of",
    "more",
    "additional",
    "other",
    "special",
    "north",
    "south",
    "korean",
    "russian",
    "ukrainian",
    "combat",
    "elite",
    "new",
    "extra",
}

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORD_NUMBER = (
    r"(?:(?:" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")\b[\s-]*)+"
    r"(?:(?:hundred|thousand|million|billion)\b)?"
)
_AMOUNT = (
    rf"(?:(?:{_NUMBER})(?:\s*(?:hundred|thousand|million|billion|bn|k|m)\b)?"
    rf"|{_WORD_NUMBER})"
)
_QUALIFIER = "|".join(sorted((re.escape(p) for p in _QUALIFIER_PHRASES), key=len, reverse=True))
_FIGURE = re.compile(
    rf"(?<![\w.,])(?:(?P<qualifier>{_QUALIFIER})\s+)?(?:between\s+)?(?P<low>{_AMOUNT})"
    rf"(?:\s*(?:to|-|–|and)\s*(?P<high>{_AMOUNT}))?",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Figure:
    value: int | float
    qualifier: str = "exact"
    high: int | float | None = None  # the upper end of a range
    counts: str = ""  # what is counted, e.g. "troops"

    def label(self) -> str:
        """A short human form: "≈1,500", "≤3,000", "10,000–12,000"."""
        if self.qualifier == "range" and self.high is not None:
            return f"{_number(self.value)}–{_number(self.high)}"
        return _SYMBOLS.get(self.qualifier, "") + _number(self.value)

    def to_attrs(self, text: str) -> dict[str, Any]:
        """The span attribute; `text` records what was parsed, to notice a resized span."""
        attrs: dict[str, Any] = {
            "value": self.value,
            "qualifier": self.qualifier,
            "counts": self.counts,
            "parsed_from": text,
        }
        if self.high is not None:
            attrs["high"] = self.high
        return attrs

    @classmethod
    def from_attrs(cls, attrs: dict[str, Any]) -> Figure | None:
        value = attrs.get("value")
        if not isinstance(value, int | float) or isinstance(value, bool):
            return None
        qualifier = attrs.get("qualifier")
        high = attrs.get("high")
        return cls(
            value,
            qualifier if qualifier in QUALIFIERS else "exact",
            high if isinstance(high, int | float) else None,
            str(attrs.get("counts", "")),
        )


def parse_figure(text: str, *, following: str = "") -> Figure | None:
    """The first figure stated in `text`, or None; `following` is the text after it."""
    for match in _FIGURE.finditer(text):
        low = _amount(match["low"])
        if low is None:
            continue
        high = _amount(match["high"]) if match["high"] else None
        qualifier = _QUALIFIER_PHRASES.get((match["qualifier"] or "").lower(), "exact")
        if high is not None and high > low:
            qualifier = "range"
        else:
            high = None
        counts = _counts(text[match.end() :] + " " + following)
        return Figure(low, qualifier, high, counts)
    return None


def _amount(token: str) -> int | float | None:
    token = token.strip().lower()
    if not token:
        return None
    if token[0].isdigit():
        number = re.match(r"[\d,]+(?:\.\d+)?", token)
        assert number is not None
        value = float(number.group().replace(",", ""))
        unit = token[number.end() :].strip()
        value *= _UNITS.get(unit, 1)
        return int(value) if value == int(value) else value
    return _words(token)


def _words(token: str) -> int | None:
    total, current, seen = 0, 0, False
    for word in re.split(r"[\s-]+", token):
        if word in ("a", "an"):
            current = max(current, 1)
        elif word == "dozen":
            current = max(current, 1) * 12
        elif word in _SMALL or word in _TENS:
            current += _WORDS[word]
            seen = True
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in _UNITS and word.isalpha() and len(word) > 1:
            total += max(current, 1) * _UNITS[word]
            current = 0
        elif word:
            return None
        seen = seen or word == "dozen"
    return total + current if seen or total else None


def _counts(after: str) -> str:
    for word in re.findall(r"[A-Za-z]+", after)[:5]:
        lower = word.lower()
        if lower in _COUNT_OF:
            return _COUNT_OF[lower]
        if lower in _COUNT_SKIP or word[0].isupper():
            continue
        return lower
    return ""


def _number(value: int | float) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}".rstrip("0").rstrip(".")


def figure_of(attrs: dict[str, Any]) -> Figure | None:
    """The figure stored in a span's attributes, if any."""
    stored = attrs.get("figure")
    return Figure.from_attrs(stored) if isinstance(stored, dict) else None


FIGURE_LABEL = "figure"


def sync_figures(project: Project, *, label: str = FIGURE_LABEL) -> int:
    """Parse every `label` span whose figure is missing or was parsed from other text.

    A figure an analyst set by hand ("edited": true) is kept. Returns how many changed.
    """
    return len(resync_figures(project, label=label)[0])


def resync_figures(
    project: Project, *, label: str = FIGURE_LABEL, after: int = 0, limit: int | None = None
) -> tuple[list[tuple[Span, Span]], int | None]:
    """`sync_figures`, returning each changed span as (before, after); one transaction.
    With a `limit`, only the next `limit` figure spans stored after row `after` (a long sync
    in slices, between which a window stays responsive); also returns the row to go on
    after, None when all are done."""
    found = project.label_named(label)
    if found is None:
        return [], None
    changed = []
    texts: dict[str, str] = {}
    with project.transaction():
        # One read of them all, and the figure rule itself: `span_attrs` per span would
        # read the span and the label scheme again (2.6 s of 4.6 s at 50k figure spans).
        spans, next_after = project.spans_labelled_after(found.id, after, limit)
        for span in spans:
            text = texts.get(span.document_id)
            if text is None:
                text = texts[span.document_id] = project.document_text(span.document_id)
            attrs = with_figure(span.attrs, text, span.start, span.end)
            if attrs != span.attrs:
                changed.append((span, project.set_span_attrs(span.id, attrs)))
    return changed, next_after


def span_attrs(
    project: Project,
    attrs: dict[str, Any],
    document_id: str,
    start: int,
    end: int,
    label_id: int,
    *,
    texts: dict[str, str] | None = None,
) -> dict[str, Any]:
    """A span's attributes as its label implies — the one place of the rule: a figure span
    carries its parsed value (see `with_figure`), any other span none. `texts` caches
    document texts by id across calls."""
    if project.label(label_id).name != FIGURE_LABEL:
        return {k: v for k, v in attrs.items() if k != "figure"}
    texts = {} if texts is None else texts
    text = texts.get(document_id)
    if text is None:
        text = texts[document_id] = project.document_text(document_id)
    return with_figure(attrs, text, start, end)


def with_figure(attrs: dict[str, Any], text: str, start: int, end: int) -> dict[str, Any]:
    """A figure span's attributes with its parsed value for text[start:end].

    Kept as they are when an analyst set the figure by hand ("edited": true) or it was
    parsed from this very text; without a value when the text holds no figure.
    """
    stored = attrs.get("figure")
    piece = text[start:end]
    if isinstance(stored, dict) and (stored.get("edited") or stored.get("parsed_from") == piece):
        return attrs
    figure = parse_figure(piece, following=text[end : end + 60])
    updated = {k: v for k, v in attrs.items() if k != "figure"}
    if figure is not None:
        updated["figure"] = figure.to_attrs(piece)
    return updated
