"""Denial rules: "X denied that Y", "dismissed allegations of Y", "refused to confirm",
"repeated denials from X and Z regarding Y", and a second predicate (", calling them “…”").

A denial is linked (`denies`) to the claim in its own clause, else to the nearest claim
before it in the sentence, else to the last claim of the sentence before.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench import attribution_words as W
from workbench.attribution_groups import (
    CLOSE_QUOTES,
    DENIES,
    OPEN_QUOTES,
    Group,
    Sentence,
    content_after_word,
    member,
    speaker_of,
)
from workbench.attribution_phrases import Tok, clause_after, phrase_after

_DENIAL_ADVERBS = frozenset(
    (
        "firmly",
        "strongly",
        "consistently",
        "flatly",
        "categorically",
        "vehemently",
        "repeatedly",
        "swiftly",
        "quickly",
    )
)


def denials_from(s: Sentence, i: int) -> Group | None:
    """ "repeated denials from both Moscow and Pyongyang regarding X": the denial, each
    named one as a source, and X."""
    toks = s.toks
    k = i + 2
    if k < len(toks) and toks[k].lower == "both":
        k += 1
    group = Group()
    first = i - 1 if i and toks[i - 1].lower in ("repeated", "firm", "flat", "categorical") else i
    denial = group.add(member(toks, (first, i + 1), "denial", "denials-from"))
    speaker = None
    while k < len(toks):
        speaker = phrase_after(toks, k)
        if speaker is None:
            break
        # "Moscow and Pyongyang" are two speakers
        split = next((j for j in range(*speaker) if toks[j].lower == "and"), None)
        if split is not None:
            speaker = (speaker[0], split)
        group.add(member(toks, speaker, "source", "denials-from"))
        if split is None and (speaker[1] >= len(toks) or toks[speaker[1]].lower != "and"):
            break
        k = (split if split is not None else speaker[1]) + 1
    k = speaker[1] if speaker is not None else k
    if k < len(toks) and toks[k].lower in ("regarding", "about", "of", "over"):
        content = clause_after(toks, k + 1, finite=False, to_comma=True, min_tokens=2)
        if content is not None:
            claim = group.add(member(toks, content, "claim", "denials-from"))
            s.claims.append((group, claim))
            group.link(denial, claim, DENIES)
    return group


def denial_rule(s: Sentence, i: int) -> tuple[Group | None, bool]:
    toks = s.toks
    start = i
    while start > 0 and toks[start - 1].lower in _DENIAL_ADVERBS:
        start -= 1
    end = i + 1
    act = refused_act(toks, i)
    if act is not None:
        end = act
    # What is rejected stays in the span when it is named, not stated ("the allegations").
    j = end
    if (
        j < len(toks)
        and toks[j].lower in W.DETERMINERS | {"any"}
        and j + 1 < len(toks)
        and toks[j + 1].lower in W.DENIED_THINGS
    ):
        j += 1
    if j < len(toks) and toks[j].lower in W.DENIED_THINGS:
        end = j + 1
        if toks[j].lower == "questions":  # "deflected questions about X": all of it
            about = content_after_word(toks, j, "about", within=1)
            end = about[1] if about else end
    speaker = speaker_of(s, i)
    group = Group()
    denial = group.add(member(toks, (start, end), "denial", "denial-verb"))
    if isinstance(speaker, tuple):
        group.add(member(toks, speaker, "source", "denial-verb"))
        s.speaker = speaker
        s.last_source = group.members[-1]
    content = _denied_content(toks, end)
    if content is not None:
        claim = group.add(member(toks, content, "claim", "denial-verb"))
        s.claims.append((group, claim))
        group.link(denial, claim, DENIES)
    tail = _denial_tail(toks, content[1] if content else end)
    if tail is not None:
        second = group.add(member(toks, tail, "denial", "denial-tail"))
        if content is not None:
            group.link(second, claim, DENIES)
    return group, content is None


def refused_act(toks: Sequence[Tok], i: int) -> int | None:
    """The end of "refused to confirm" / "refrained from confirming" at `i`, or None."""
    if toks[i].lower not in W.REFUSE:
        return None
    if (
        i + 2 < len(toks)
        and toks[i + 1].lower in ("to", "from")
        and toks[i + 2].lower in W.REFUSED_ACTS
    ):
        return i + 3
    return None


def _denied_content(toks: Sequence[Tok], end: int) -> tuple[int, int] | None:
    """The claim inside a denial's own clause: "that X", "of X", or its object."""
    if end >= len(toks):
        return None
    nxt = toks[end].lower
    if nxt in ("that", "of", "regarding", "about"):
        return (
            clause_after(toks, end + 1, finite=False, to_comma=True, min_tokens=2)
            if nxt != "that"
            else clause_after(toks, end)
        )
    for k in range(end, min(end + 6, len(toks))):
        if toks[k].lower == "that" and all(t.text not in ",.;" for t in toks[end:k]):
            return clause_after(toks, k)
    if toks[end].text in ",.;" or toks[end].lower in W.PRONOUNS | W.NOT_CLAUSE_START:
        return None
    return clause_after(toks, end, finite=False, to_comma=True, min_tokens=2)


def _denial_tail(toks: Sequence[Tok], k: int) -> tuple[int, int] | None:
    """ ", calling them “groundless rumors.”" after a denial: a second denial span."""
    if k + 1 < len(toks) and toks[k].text == "," and toks[k + 1].lower in W.DENIAL_TAILS:
        for q in range(k + 2, min(k + 6, len(toks))):
            if toks[q].text in OPEN_QUOTES:
                end = q + 1
                while end < len(toks) and toks[end].text not in CLOSE_QUOTES:
                    end += 1
                return k + 1, min(end + 1, len(toks))
    return None


def link_nearest_claim(group: Group, s: Sentence, previous: Sentence | None) -> None:
    denial = next(k for k, m in enumerate(group.members) if m.label == "denial")
    where = group.members[denial].start
    before = [
        (where - g.members[k].start, g.members[k])
        for g, k in s.claims
        if g is not group and g.members[k].start < where
    ]
    after = [
        (g.members[k].start - where, g.members[k])
        for g, k in s.claims
        if g is not group and g.members[k].start > where
    ]
    candidates = before
    if not candidates and previous is not None and previous.claims:
        g, k = previous.claims[-1]
        candidates = [(0, g.members[k])]
    candidates = candidates or after
    if candidates:
        _, claim = min(candidates, key=lambda c: c[0])
        index = group.add(claim)
        group.link(denial, index, DENIES)
        for k, m in enumerate(group.members):
            if m.label == "denial" and k != denial:
                group.link(k, index, DENIES)
