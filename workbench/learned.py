"""Learned suggestions: other mentions of what the analyst tagged, in the same role.

A source the analyst tagged ("NATO Secretary-General Mark Rutte") is proposed wherever
it, its name without the title, or its surname ("Rutte"; "Kim" for "Kim Hong-kyun") speaks
again: as the subject of a reporting, stance or denial verb, after "according to", or
before "’s statement". Hyphen and space variants are the same name ("Kim Hong-kyun" /
"Kim Hong Kyun"). Other labels are proposed where the same words come again (a figure's
"about 1,500 troops"). A phrase rejected in a role is never proposed again in that role
(`phrase_key` is how phrases compare).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from itertools import islice

from workbench import attribution_words as W
from workbench.attribution_phrases import tokens

RULE_PREFIX = "learned-"
_ALNUM = re.compile(r"[^\W_]+")  # words without hyphens: "Hong-kyun" is "Hong" "kyun"
# Capitalised words before a name that are not part of it ("Yesterday Kim said").
_NOT_NAMES = W.NOT_SPEAKERS | W.LEFT_BOUNDARY | frozenset(("yesterday", "today", "tonight"))
_JOINS = re.compile(r"[\s-]{1,3}")  # what may stand between a phrase's words
_SPEAKING_AFTER = frozenset(("according to", "reported by", "by", "from"))
# Last words of a company's name: without them it is the company's short name
# ("Norvik" for "Norvik Chemicals"), and they are no surname.
_COMPANY_WORDS = frozenset(
    (
        "chemicals",
        "group",
        "inc",
        "inc.",
        "corp",
        "corp.",
        "corporation",
        "company",
        "co",
        "co.",
        "holdings",
        "ltd",
        "ltd.",
        "plc",
        "llc",
        "ag",
        "sa",
        "industries",
        "motors",
        "airlines",
        "airways",
        "energy",
        "pharmaceuticals",
        "systems",
        "technologies",
        "bank",
    )
)


@dataclass(frozen=True, slots=True)
class Tagged:
    """A span the analyst tagged, with its document's text."""

    document_id: str
    text: str
    start: int
    end: int
    label: str

    @property
    def phrase(self) -> str:
        return self.text[self.start : self.end]


def phrase_key(phrase: str) -> str:
    """How two phrases compare: case, spacing, hyphens and a possessive do not matter."""
    words = re.sub(r"[’']s\b", "", phrase).replace("-", " ").casefold().split()
    return " ".join(words)


def name_variants(phrase: str) -> set[str]:
    """A source phrase, its name without the title, and the name's surname."""
    variants = {phrase}
    words = phrase.split()
    k = len(words)
    while k > 0 and words[k - 1][:1].isupper() and words[k - 1].casefold() not in W.TITLE_WORDS:
        k -= 1
    name = words[k:]
    if name and k > 0 and words[0].casefold() not in ("the", "a", "some"):
        variants.add(" ".join(name))
    if len(name) >= 2 and name[-1].casefold() in _COMPANY_WORDS:
        variants.add(" ".join(name[:-1]))  # "Norvik Chemicals" speaks as "Norvik" too
    elif len(name) >= 2:
        variants.add(name[-1])
        if len(name) >= 3 or "-" in name[-1]:
            variants.add(name[0])  # family name first: "Kim Hong-kyun", "Yoon Suk Yeol"
    spaced = set()
    for v in variants:
        if "-" in v:
            spaced.add(" ".join(p[:1].upper() + p[1:] for p in v.replace("-", " ").split()))
    return variants | spaced


def learned_suggestions(
    texts: Mapping[str, str],
    tagged: Iterable[Tagged],
    *,
    rejected: Collection[tuple[str, str]] = (),
) -> dict[str, list[tuple[int, int, str, str]]]:
    """Per document: (start, end, label, rule) for mentions of tagged phrases, skipping
    (label, phrase_key) pairs in `rejected`."""
    by_label: dict[str, set[str]] = {}
    for t in tagged:
        phrase = " ".join(t.phrase.split())
        if t.label == "source":
            by_label.setdefault("source", set()).update(name_variants(phrase))
        elif len(phrase) >= 4:
            by_label.setdefault(t.label, set()).add(phrase)
    # Phrases as word tuples by their first word: one pass over each text's words finds
    # them all, however many the analyst tagged (an alternation of thousands would not).
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for label, phrases in by_label.items():
        for p in phrases:
            words = tuple(w.casefold() for w in _ALNUM.findall(p))
            if words and (label, phrase_key(p)) not in rejected:
                index.setdefault(words[0], []).append((words, label))
    found: dict[str, list[tuple[int, int, str, str]]] = {}
    if not index:
        return found
    longest = max(len(entry[0]) for entries in index.values() for entry in entries)
    for doc, text in texts.items():
        taken: set[tuple[int, int, str]] = set()
        for start in _first_words(text, index):
            here = [
                (m.start(), m.end(), m.group().casefold())
                for m in islice(_ALNUM.finditer(text, start), longest)
            ]
            for wanted, label in index.get(here[0][2], ()):
                end = _phrase_end(text, here, wanted)
                if end is None or (label == "source" and not _speaks(text, start, end)):
                    continue
                if (start, end, label) not in taken:
                    taken.add((start, end, label))
                    found.setdefault(doc, []).append((start, end, label, RULE_PREFIX + label))
    return found


def _first_words(text: str, index: Mapping[str, object]) -> list[int]:
    """Where a word of `index` starts in `text`: found by substring search when there are
    few such words, else by one pass over all the words (thousands of tags)."""
    lowered = text.lower()
    if len(index) > 40 or len(lowered) != len(text):
        return [m.start() for m in _ALNUM.finditer(text) if m.group().casefold() in index]
    starts = []
    for word in index:
        at = lowered.find(word)
        while at >= 0:
            end = at + len(word)
            if (at == 0 or not lowered[at - 1].isalnum()) and (
                end == len(lowered) or not lowered[end].isalnum()
            ):
                starts.append(at)
            at = lowered.find(word, at + 1)
    return sorted(starts)


def _phrase_end(
    text: str, words: list[tuple[int, int, str]], phrase: tuple[str, ...]
) -> int | None:
    """The end of `phrase` when `words` (from its first word on) spell it, else None."""
    if len(words) < len(phrase) or any(words[k][2] != w for k, w in enumerate(phrase)):
        return None
    if not all(
        _JOINS.fullmatch(text, words[k][1], words[k + 1][0]) for k in range(len(phrase) - 1)
    ):
        return None  # "Kim, Hong" is not "Kim Hong"
    start, end = words[0][0], words[len(phrase) - 1][1]
    if end < len(text) and (text[end] == "-" or text[end].isalnum()):
        return None  # "Hong" in "Hong-kyun"
    if start > 0 and (text[start - 1] == "-" or text[start - 1].isalnum()):
        return None
    return end


def _speaks(text: str, start: int, end: int) -> bool:
    """Whether a mention stands where a speaker does: before a reporting, stance or denial
    verb, after "according to", or before "’s statement"; not inside a longer name."""
    before = tokens(text, max(0, start - 40), start)[-2:]
    after = tokens(text, end, min(len(text), end + 80))[:8]
    if (
        before
        and before[-1].text[:1].isupper()
        and before[-1].lower not in W.DETERMINERS
        and before[-1].lower not in _NOT_NAMES
        and before[-1].lower not in W.TITLE_WORDS
        and before[-1].lower not in W.SPEAKER_NOUNS
    ):
        return False  # "… Jong Kim": part of a longer name ("Mayor Kim" is Kim, titled)
    if after and after[0].text[:1].isupper():
        return False  # "Kim Jong Un" is not "Kim"
    joined = " ".join(t.lower for t in before)
    if any(joined.endswith(w) for w in _SPEAKING_AFTER):
        return True
    if (
        text[end : end + 2] in ("’s", "'s")
        and len(after) > 1
        and after[1].lower in W.SPEAKING_DOCUMENTS
    ):
        return True
    k = 0
    if after and after[0].text == ",":  # an apposition: "Rutte, the alliance's chief, said"
        k = next((j + 1 for j in range(1, len(after)) if after[j].text == ","), 0)
    while k < len(after) and after[k].lower in W.BETWEEN:
        k += 1
    if k >= len(after):
        return False
    verb = after[k].lower
    return verb in W.SPEECH | W.DENY | W.ACCUSE | W.STANCE | W.REFUSE or (
        verb in W.AS_VERBS and verb not in ("see", "view", "call")
    )
