"""Attribution rules: who said what, who denied it, as groups of suggested spans and links.

Plain rules over word tokens, one sentence at a time (no model, no parser). A reporting,
stance or denial verb (workbench/attribution_words.py) is found first; its speaker is
the noun phrase before it (or after it: "“…,” said X"; "according to X"), its claim the
clause after it (or the clause before it: "…, officials said"). Each finding is a
`Group`: its members (source, claim, denial spans) and the links between them
(`attributed_to` claim → source, `denies` denial → claim). A denial whose claim is not in
its own clause answers the nearest claim in the same sentence, else the last one of the
sentence before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from workbench import attribution_words as W
from workbench.attribution_phrases import (
    Tok,
    clause_after,
    clause_before,
    closes_sentence,
    phrase_after,
    sentence_subject,
    sentences,
    subject_before,
    tokens,
)

ATTRIBUTED_TO = "attributed_to"
_WORDS = re.compile(r"[A-Za-z]+|[–—]")
DENIES = "denies"
_OPEN_QUOTES = "“\""
_CLOSE_QUOTES = "”\""
# "the news of X" is a report; "the concerns of X" are X's.
_REPORTS_OF = frozenset("report reports allegation allegations claim claims accusation "
                        "accusations news rumor rumors rumour rumours speculation".split())
_BE = frozenset("is are was were be been being".split())
_DENIAL_ADVERBS = frozenset("firmly strongly consistently flatly categorically vehemently "
                            "repeatedly swiftly quickly".split())


# Every word a rule starts from (a quick test before the rules' own).
_TRIGGERS = (W.SPEECH | W.DENY | W.REFUSE | W.ACCUSE | W.AS_VERBS | W.STANCE | W.REPORT_NOUNS
             | frozenset(("according", "reported", "denials", "denial", "call", "calls",
                          "called", "calling", "–", "—")))


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
class _Sentence:
    """What the rules found so far in one sentence."""

    index: int
    toks: list[Tok]
    claims: list[tuple[Group, int]] = field(default_factory=list)
    speaker: tuple[int, int] | None = None  # the last speaker found, as a token range
    last_source: Member | None = None  # the last source so far, maybe of a sentence before


def find_attributions(text: str) -> list[Group]:
    """Groups of source, claim and denial spans with their links, in text order."""
    groups: list[Group] = []
    previous: _Sentence | None = None
    for index, (start, end) in enumerate(sentences(text)):
        inherited = previous.last_source if previous else None
        if _TRIGGERS.isdisjoint(w.lower() for w in _WORDS.findall(text, start, end)):
            previous = _Sentence(index, [], last_source=inherited)
            continue  # nothing to start from: no need for tokens
        sentence = _Sentence(index, tokens(text, start, end), last_source=inherited)
        found: list[tuple[Group, bool]] = []  # (group, needs a claim to deny)
        for i, tok in enumerate(sentence.toks):
            if tok.lower in _TRIGGERS:
                group, needs_claim = _rule_at(sentence, i)
                if group is not None:
                    found.append((group, needs_claim))
        for group, needs_claim in found:
            if needs_claim:
                _link_nearest_claim(group, sentence, previous)
            groups.append(group)
        previous = sentence
    return groups


def _member(toks: Sequence[Tok], span: tuple[int, int], label: str, rule: str) -> Member:
    start, end = span
    return Member(toks[start].start, toks[end - 1].end, label, rule)


def _rule_at(s: _Sentence, i: int) -> tuple[Group | None, bool]:
    toks, w = s.toks, s.toks[i].lower
    if w not in _TRIGGERS:
        return None, False
    if i > 0 and (toks[i].text[:1].isupper() or toks[i - 1].lower.endswith(("’s", "'s"))
                  or toks[i - 1].lower in W.DETERMINERS):
        return None, False  # "The United States", "North Korea’s alleged …": not verbs
    if i > 0 and toks[i - 1].lower in _BE and not w.endswith("ing") and not (
            i + 1 < len(toks) and toks[i + 1].lower == "as"):
        return None, False  # passive: "is expected to", "was denied"
    if w in W.DENIAL_TAILS and i > 0 and toks[i - 1].text == ",":
        return None, False  # ", dismissing them as …" belongs to the denial before it
    if w == "according" and i + 1 < len(toks) and toks[i + 1].lower == "to":
        return _according_to(s, i), False
    if w == "reported" and i + 1 < len(toks) and toks[i + 1].lower == "by":
        return _reported_by(s, i), False
    if w in ("denials", "denial") and i + 1 < len(toks) and toks[i + 1].lower in ("from", "by"):
        return _denials_from(s, i), False
    if toks[i].text in "–—" and i > 0 and toks[i - 1].text in _CLOSE_QUOTES:
        return _pull_quote(s, i), False
    if w in W.DENY or (w in W.REFUSE and _refused_act(toks, i) is not None):
        return _denial(s, i)
    if w in W.ACCUSE:
        return _with_content(s, i, _content_after_word(toks, i, "of"), "accused-of"), False
    if w in W.AS_VERBS and _as_content(toks, i) is not None:
        return _with_content(s, i, _as_content(toks, i), "characterized-as"), False
    if w in W.SPEECH:
        return _speech(s, i), False
    if w in W.REPORT_NOUNS and i + 1 < len(toks) and (
            toks[i + 1].lower == "that" or toks[i + 1].lower == "of" and w in _REPORTS_OF):
        return _reported_content(s, i), False
    if w in W.STANCE or (w.startswith("call") and i + 1 < len(toks)
                         and toks[i + 1].lower in ("for", "on")):
        return _with_content(s, i, None, "stance-speaker"), False
    return None, False


# --- the rule families ---------------------------------------------------------------

def _speaker(s: _Sentence, i: int) -> tuple[int, int] | str | None:
    """The speaker of the verb at `i`: the phrase before it, or for a participle after a
    comma the sentence's speaker (or its subject)."""
    toks = s.toks
    if toks[i].lower.endswith("ing") and i > 0 and (
            toks[i - 1].text == "," or toks[i - 1].lower in ("while", "by", "after")):
        return s.speaker or sentence_subject(toks[:i])
    if i > 0 and toks[i - 1].text in _CLOSE_QUOTES:
        after = phrase_after(toks, i + 1)  # "“…,” said X"
        if after is not None:
            return after
    found = subject_before(toks, i)
    if found is None and i > 0 and toks[i - 1].text == ",":
        # "X, the authority's director, said": skip the apposition back to X.
        comma = next((k for k in range(i - 2, max(i - 10, 0), -1) if toks[k].text == ","), None)
        if comma is not None:
            found = subject_before(toks, comma)
    return found


def _with_content(s: _Sentence, i: int, content: tuple[int, int] | None, rule: str,
                  *, speaker: tuple[int, int] | str | None = None) -> Group | None:
    """A group of the speaker of the verb at `i` and its content (when there is one)."""
    toks = s.toks
    speaker = _speaker(s, i) if speaker is None else speaker
    if not isinstance(speaker, tuple) and content is None:
        return None
    group = Group()
    source = None
    if isinstance(speaker, tuple):
        source = group.add(_member(toks, speaker, "source", rule))
        s.speaker = speaker
        s.last_source = group.members[source]
    elif speaker == "pronoun" and content is not None:
        # "he said", "what it described as": the sentence's own subject, else the
        # speaker named last
        subject = sentence_subject(toks[:i])
        if isinstance(subject, tuple) and subject[1] < i - 1 and subject != (0, 0):
            source = group.add(_member(toks, subject, "source", rule))
            s.last_source = group.members[source]
        elif s.last_source is not None:
            source = group.add(s.last_source)
    if content is not None:
        claim = group.add(_member(toks, content, "claim", rule))
        s.claims.append((group, claim))
        if source is not None:
            group.link(claim, source, ATTRIBUTED_TO)
    return group


def _speech(s: _Sentence, i: int) -> Group | None:
    toks, w = s.toks, s.toks[i].lower
    prev = toks[i - 1] if i else None
    if w in W.NOUN_LIKE and (prev is None or prev.lower in W.DETERMINERS
                             or prev.lower in W.MODIFIERS and prev.lower not in W.SPEAKER_NOUNS):
        return None
    speaker = _speaker(s, i)
    if speaker is None and prev is not None and prev.lower in ("and", "but") and s.speaker:
        speaker = s.speaker  # "stated … but acknowledged that": the same speaker
    if speaker is None and not (w.endswith("ing") and prev is not None and prev.text == ","):
        return None
    quote = _quotation_before(toks, i, speaker)
    if quote is not None:
        return _with_content(s, i, quote, "quotation", speaker=speaker)
    if isinstance(speaker, tuple) and closes_sentence(toks, i) and speaker[0] > 0 \
            and toks[speaker[0] - 1].text == ",":
        content = _existing_claim(s, speaker[0] - 1) or clause_before(toks, speaker[0] - 1)
        return _with_content(s, i, content, "said-after", speaker=speaker)
    content = clause_after(toks, i + 1, finite=w not in W.NOMINAL_CONTENT)
    if content is None and w.endswith("ing") and prev is not None and prev.text != ",":
        # "satellite imagery suggesting a buildup"
        content = clause_after(toks, i + 1, finite=False, to_comma=True, min_tokens=2)
    if content is None:
        # a speaker without a content of its own ("Russia, while affirming …")
        return None if w in W.NOUN_LIKE else _with_content(s, i, None, "speaker")
    group = _with_content(s, i, content, "said-that", speaker=speaker)
    if group is not None and content is not None:
        k = content[1]
        if k + 1 < len(toks) and toks[k].lower == "and" and toks[k + 1].lower == "that":
            second = clause_after(toks, k + 1)
            if second is not None:
                _with_content(s, i, second, "said-that", speaker=speaker)
                claim = group.add(_member(toks, second, "claim", "said-that"))
                if group.members[0].label == "source":
                    group.link(claim, 0, ATTRIBUTED_TO)
    return group


def _according_to(s: _Sentence, i: int) -> Group | None:
    toks = s.toks
    k = i + 2
    # "according to a statement from the ministry": the ministry speaks.
    for j in range(k, min(k + 4, len(toks))):
        if toks[j].lower == "from":
            k = j + 1
            break
    speaker = phrase_after(toks, k)
    if speaker is None:
        return None
    after = speaker[1]
    if (i == 0 or toks[i - 1].text in ",;") and after < len(toks) and toks[after].text == ",":
        content = clause_after(toks, after + 1, finite=False)
    else:
        content = _existing_claim(s, i - 1) or clause_before(toks, i - 1 if i else 0)
    return _with_content(s, i, content, "according-to", speaker=speaker)


def _reported_content(s: _Sentence, i: int) -> Group | None:
    """"reports that X", "the news of X": X is a claim, with no one named."""
    toks = s.toks
    if toks[i + 1].lower == "that":
        content = clause_after(toks, i + 1)
    else:
        end = i + 2
        while end < len(toks) and toks[end].text not in ",.;:()" \
                and toks[end].lower not in W.FINITE:
            end += 1
        content = (i + 2, end) if end - i - 2 >= 2 else None
    return _with_content(s, i, content, "reported-content", speaker="none")


def _denials_from(s: _Sentence, i: int) -> Group | None:
    """"repeated denials from both Moscow and Pyongyang regarding X": the denial, each
    named one as a source, and X."""
    toks = s.toks
    k = i + 2
    if k < len(toks) and toks[k].lower == "both":
        k += 1
    group = Group()
    first = i - 1 if i and toks[i - 1].lower in ("repeated", "firm", "flat", "categorical") else i
    denial = group.add(_member(toks, (first, i + 1), "denial", "denials-from"))
    speaker = None
    while k < len(toks):
        speaker = phrase_after(toks, k)
        if speaker is None:
            break
        # "Moscow and Pyongyang" are two speakers
        split = next((j for j in range(*speaker) if toks[j].lower == "and"), None)
        if split is not None:
            speaker = (speaker[0], split)
        group.add(_member(toks, speaker, "source", "denials-from"))
        if split is None and (speaker[1] >= len(toks) or toks[speaker[1]].lower != "and"):
            break
        k = (split if split is not None else speaker[1]) + 1
    k = speaker[1] if speaker is not None else k
    if k < len(toks) and toks[k].lower in ("regarding", "about", "of", "over"):
        content = clause_after(toks, k + 1, finite=False, to_comma=True, min_tokens=2)
        if content is not None:
            claim = group.add(_member(toks, content, "claim", "denials-from"))
            s.claims.append((group, claim))
            group.link(denial, claim, DENIES)
    return group


def _pull_quote(s: _Sentence, i: int) -> Group | None:
    """"“a grave security threat” – Foreign Minister Kim": the quotation and its speaker."""
    toks = s.toks
    speaker = phrase_after(toks, i + 1)
    quote = _quotation_before(toks, i, None)
    if speaker is None or quote is None:
        return None
    return _with_content(s, i, quote, "pull-quote", speaker=speaker)


def _reported_by(s: _Sentence, i: int) -> Group | None:
    toks = s.toks
    speaker = phrase_after(toks, i + 2)
    if speaker is None:
        return None
    before = i - 1 if i and toks[i - 1].lower == "as" else i
    content = _existing_claim(s, before - 1) or clause_before(toks, before - 1)
    return _with_content(s, i, content, "reported-by", speaker=speaker)


def _denial(s: _Sentence, i: int) -> tuple[Group | None, bool]:
    toks = s.toks
    start = i
    while start > 0 and toks[start - 1].lower in _DENIAL_ADVERBS:
        start -= 1
    end = i + 1
    act = _refused_act(toks, i)
    if act is not None:
        end = act
    # What is rejected stays in the span when it is named, not stated ("the allegations").
    j = end
    if j < len(toks) and toks[j].lower in W.DETERMINERS | {"any"} and j + 1 < len(toks) \
            and toks[j + 1].lower in W.DENIED_THINGS:
        j += 1
    if j < len(toks) and toks[j].lower in W.DENIED_THINGS:
        end = j + 1
        if toks[j].lower == "questions":  # "deflected questions about X": all of it
            end = _content_after_word(toks, j, "about", within=1) or (0, end)
            end = end[1]
    speaker = _speaker(s, i)
    group = Group()
    denial = group.add(_member(toks, (start, end), "denial", "denial-verb"))
    if isinstance(speaker, tuple):
        group.add(_member(toks, speaker, "source", "denial-verb"))
        s.speaker = speaker
        s.last_source = group.members[-1]
    content = _denied_content(toks, end)
    if content is not None:
        claim = group.add(_member(toks, content, "claim", "denial-verb"))
        s.claims.append((group, claim))
        group.link(denial, claim, DENIES)
    tail = _denial_tail(toks, content[1] if content else end)
    if tail is not None:
        second = group.add(_member(toks, tail, "denial", "denial-tail"))
        if content is not None:
            group.link(second, claim, DENIES)
    return group, content is None


def _refused_act(toks: Sequence[Tok], i: int) -> int | None:
    """The end of "refused to confirm" / "refrained from confirming" at `i`, or None."""
    if toks[i].lower not in W.REFUSE:
        return None
    if i + 2 < len(toks) and toks[i + 1].lower in ("to", "from") \
            and toks[i + 2].lower in W.REFUSED_ACTS:
        return i + 3
    return None


def _denied_content(toks: Sequence[Tok], end: int) -> tuple[int, int] | None:
    """The claim inside a denial's own clause: "that X", "of X", or its object."""
    if end >= len(toks):
        return None
    nxt = toks[end].lower
    if nxt in ("that", "of", "regarding", "about"):
        return clause_after(toks, end + 1, finite=False, to_comma=True, min_tokens=2) \
            if nxt != "that" else clause_after(toks, end)
    for k in range(end, min(end + 6, len(toks))):
        if toks[k].lower == "that" and all(t.text not in ",.;" for t in toks[end:k]):
            return clause_after(toks, k)
    if toks[end].text in ",.;" or toks[end].lower in W.PRONOUNS | W.NOT_CLAUSE_START:
        return None
    return clause_after(toks, end, finite=False, to_comma=True, min_tokens=2)


def _denial_tail(toks: Sequence[Tok], k: int) -> tuple[int, int] | None:
    """", calling them “groundless rumors.”" after a denial: a second denial span."""
    if k + 1 < len(toks) and toks[k].text == "," and toks[k + 1].lower in W.DENIAL_TAILS:
        for q in range(k + 2, min(k + 6, len(toks))):
            if toks[q].text in _OPEN_QUOTES:
                end = q + 1
                while end < len(toks) and toks[end].text not in _CLOSE_QUOTES:
                    end += 1
                return k + 1, min(end + 1, len(toks))
    return None


def _content_after_word(toks: Sequence[Tok], i: int, word: str,
                        *, within: int = 6) -> tuple[int, int] | None:
    for k in range(i + 1, min(i + 1 + within, len(toks))):
        if toks[k].lower == word:
            return clause_after(toks, k + 1, finite=False, to_comma=True, min_tokens=2)
        if toks[k].text in ",.;":
            return None
    return None


def _as_content(toks: Sequence[Tok], i: int) -> tuple[int, int] | None:
    """"characterized NP as X" → "NP as X"; "what it described as X" → "X"."""
    for k in range(i + 1, min(i + 12, len(toks))):
        if toks[k].lower == "as" and k == i + 1:  # "what it sees as X", "labeled as X"
            return clause_after(toks, k + 1, finite=False, to_comma=True)
        if toks[k].lower == "as" and k > i + 1:
            if i >= 2 and toks[i - 2].lower == "what" or i >= 3 and "what" in (
                    toks[i - 3].lower, toks[i - 4].lower if i >= 4 else ""):
                return clause_after(toks, k + 1, finite=False, to_comma=True)
            content = clause_after(toks, i + 1, finite=False, to_comma=True)
            return content if content and content[1] > k + 1 else None
        if toks[k].text in ",.;" or toks[k].lower == "that":
            return None
    return None


def _quotation_before(toks: Sequence[Tok], i: int,
                      speaker: tuple[int, int] | str | None) -> tuple[int, int] | None:
    """The quotation that a speech verb at `i` closes ("“…,” X said")."""
    k = speaker[0] if isinstance(speaker, tuple) and speaker[0] < i else i
    k -= 1
    while k >= 0 and toks[k].text == ",":
        k -= 1
    if k < 0 or toks[k].text not in _CLOSE_QUOTES:
        return None
    for q in range(k - 1, -1, -1):
        if toks[q].text in _OPEN_QUOTES and toks[q].text != '"' or (
                toks[q].text == '"' and (q == 0 or toks[q - 1].text not in ".,")):
            return (q, k + 1) if k - q > 2 else None
    return None


def _existing_claim(s: _Sentence, before: int) -> tuple[int, int] | None:
    """A claim this sentence already has that ends just before token `before`."""
    if before < 0 or not s.claims:
        return None
    limit = s.toks[before].start
    for group, index in reversed(s.claims):
        member = group.members[index]
        if member.end <= limit and limit - member.end <= 3:
            first = next(k for k, t in enumerate(s.toks) if t.start == member.start)
            last = next(k for k, t in enumerate(s.toks) if t.end == member.end)
            return first, last + 1
    return None


def _link_nearest_claim(group: Group, s: _Sentence, previous: _Sentence | None) -> None:
    denial = next(k for k, m in enumerate(group.members) if m.label == "denial")
    where = group.members[denial].start
    before = [(where - g.members[k].start, g.members[k]) for g, k in s.claims
              if g is not group and g.members[k].start < where]
    after = [(g.members[k].start - where, g.members[k]) for g, k in s.claims
             if g is not group and g.members[k].start > where]
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
