"""What the attribution rules build: groups of member spans with links, and the speaker
and content helpers every rule family shares (workbench/attribution.py,
workbench/attribution_denials.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from workbench.attribution_phrases import (
    Tok,
    clause_after,
    phrase_after,
    sentence_subject,
    subject_before,
)

ATTRIBUTED_TO = "attributed_to"
DENIES = "denies"
OPEN_QUOTES = '“"'
CLOSE_QUOTES = '”"'


@dataclass(frozen=True, slots=True)
class Member:
    start: int
    end: int
    label: str
    rule: str


@dataclass(slots=True)
class Group:
    """Spans proposed together, and their links as (head index, tail index, relation)."""

    members: list[Member] = field(default_factory=list)
    links: list[tuple[int, int, str]] = field(default_factory=list)

    def add(self, member: Member) -> int:
        for i, m in enumerate(self.members):
            if (m.start, m.end, m.label) == (member.start, member.end, member.label):
                return i
        self.members.append(member)
        return len(self.members) - 1

    def link(self, head: int, tail: int, relation: str) -> None:
        if head != tail and (head, tail, relation) not in self.links:
            self.links.append((head, tail, relation))


@dataclass(slots=True)
class Sentence:
    """What the rules found so far in one sentence."""

    index: int
    toks: list[Tok]
    claims: list[tuple[Group, int]] = field(default_factory=list)
    speaker: tuple[int, int] | None = None  # the last speaker found, as a token range
    last_source: Member | None = None  # the last source so far, maybe of a sentence before


def member(toks: Sequence[Tok], span: tuple[int, int], label: str, rule: str) -> Member:
    start, end = span
    return Member(toks[start].start, toks[end - 1].end, label, rule)


def speaker_of(s: Sentence, i: int) -> tuple[int, int] | str | None:
    """The speaker of the verb at `i`: the phrase before it, or for a participle after a
    comma the sentence's speaker (or its subject)."""
    toks = s.toks
    if (
        toks[i].lower.endswith("ing")
        and i > 0
        and (toks[i - 1].text == "," or toks[i - 1].lower in ("while", "by", "after"))
    ):
        return s.speaker or sentence_subject(toks[:i])
    if i > 0 and toks[i - 1].text in CLOSE_QUOTES:
        after = phrase_after(toks, i + 1)  # "“…,” said X"
        if after is not None:
            return after
    found = subject_before(toks, i)
    if found is None and i > 0 and toks[i - 1].text == ",":
        # "X, the authority's director, said", "X, 61, who heads the union, said": skip
        # the appositions back to X.
        for comma in [k for k in range(i - 2, max(i - 16, 0), -1) if toks[k].text == ","][:2]:
            found = subject_before(toks, comma)
            if found is not None:
                break
    return found


def with_content(
    s: Sentence,
    i: int,
    content: tuple[int, int] | None,
    rule: str,
    *,
    speaker: tuple[int, int] | str | None = None,
) -> Group | None:
    """A group of the speaker of the verb at `i` and its content (when there is one)."""
    toks = s.toks
    speaker = speaker_of(s, i) if speaker is None else speaker
    if not isinstance(speaker, tuple) and content is None:
        return None
    group = Group()
    source = None
    if isinstance(speaker, tuple):
        source = group.add(member(toks, speaker, "source", rule))
        s.speaker = speaker
        s.last_source = group.members[source]
    elif speaker == "pronoun" and content is not None:
        # "he said", "what it described as": the sentence's own subject, else the
        # speaker named last
        subject = sentence_subject(toks[:i])
        if isinstance(subject, tuple) and subject[1] < i - 1 and subject != (0, 0):
            source = group.add(member(toks, subject, "source", rule))
            s.last_source = group.members[source]
        elif s.last_source is not None:
            source = group.add(s.last_source)
    if content is not None:
        claim = group.add(member(toks, content, "claim", rule))
        s.claims.append((group, claim))
        if source is not None:
            group.link(claim, source, ATTRIBUTED_TO)
    return group


def content_after_word(
    toks: Sequence[Tok], i: int, word: str, *, within: int = 6
) -> tuple[int, int] | None:
    for k in range(i + 1, min(i + 1 + within, len(toks))):
        if toks[k].lower == word:
            return clause_after(toks, k + 1, finite=False, to_comma=True, min_tokens=2)
        if toks[k].text in ",.;":
            return None
    return None
