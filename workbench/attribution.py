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

from workbench import attribution_words as W
from workbench.attribution_denials import denial_rule, denials_from, link_nearest_claim, refused_act
from workbench.attribution_groups import (
    ATTRIBUTED_TO,
    CLOSE_QUOTES,
    DENIES,
    OPEN_QUOTES,
    Group,
    Member,
    Sentence,
    content_after_word,
    member,
    speaker_of,
    with_content,
)
from workbench.attribution_phrases import (
    MAX_CLAUSE,
    Tok,
    clause_after,
    clause_before,
    closes_sentence,
    phrase_after,
    sentences,
    tokens,
)

__all__ = ["ATTRIBUTED_TO", "DENIES", "Group", "Member", "find_attributions"]

_WORDS = re.compile(r"[a-z]+|[–—]")  # over the lower-cased text
# "the news of X" is a report; "the concerns of X" are X's.
_REPORTS_OF = frozenset(
    (
        "report",
        "reports",
        "allegation",
        "allegations",
        "claim",
        "claims",
        "accusation",
        "accusations",
        "news",
        "rumor",
        "rumors",
        "rumour",
        "rumours",
        "speculation",
    )
)
_BE = frozenset(("is", "are", "was", "were", "be", "been", "being"))
# Before a verb form these make it an adjective ("every rejected ballot", "no reported case").
_QUANTIFIERS = frozenset(("every", "each", "any", "no", "another", "such", "few", "fewer"))
_PREPOSITIONS = frozenset(("of", "for", "with", "on", "in", "among", "about", "against"))
# Every word a rule starts from (a quick test before the rules' own).
_TRIGGERS = (
    W.SPEECH
    | W.DENY
    | W.REFUSE
    | W.ACCUSE
    | W.AS_VERBS
    | W.STANCE
    | W.REPORT_NOUNS
    | frozenset(
        (
            "according",
            "reported",
            "denials",
            "denial",
            "call",
            "calls",
            "called",
            "calling",
            "–",
            "—",
        )
    )
)


def find_attributions(text: str) -> list[Group]:
    """Groups of source, claim and denial spans with their links, in text order."""
    groups: list[Group] = []
    previous: Sentence | None = None
    lowered = text.lower()
    exact: str | None = lowered  # each token's lower() is its slice of it
    if len(lowered) != len(text):  # a letter that lower-cases to two characters
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        exact = None
    for index, (start, end) in enumerate(sentences(text)):
        inherited = previous.last_source if previous else None
        if _TRIGGERS.isdisjoint(_WORDS.findall(lowered, start, end)):
            previous = Sentence(index, [], last_source=inherited)
            continue  # nothing to start from: no need for tokens
        sentence = Sentence(index, tokens(text, start, end, lowered=exact), last_source=inherited)
        found: list[tuple[Group, bool]] = []  # (group, needs a claim to deny)
        for i, tok in enumerate(sentence.toks):
            if tok.lower in _TRIGGERS:
                group, needs_claim = _rule_at(sentence, i)
                if group is not None:
                    found.append((group, needs_claim))
        for group, needs_claim in found:
            if needs_claim:
                link_nearest_claim(group, sentence, previous)
            groups.append(group)
        previous = sentence
    return groups


def _rule_at(s: Sentence, i: int) -> tuple[Group | None, bool]:
    toks, w = s.toks, s.toks[i].lower
    if w not in _TRIGGERS:
        return None, False
    if i > 0 and (
        toks[i].text[:1].isupper()
        or toks[i - 1].lower.endswith(("’s", "'s"))
        or toks[i - 1].lower in W.DETERMINERS
        or toks[i - 1].lower in _QUANTIFIERS
    ):
        return None, False  # "The United States", "every rejected ballot": not verbs
    if w.endswith("ed") and i > 0 and toks[i - 1].lower in _PREPOSITIONS and w in W.DENY:
        return None, False  # "of rejected ballots": a participle as an adjective
    if (
        _after_be(toks, i)
        and not w.endswith("ing")
        and not (i + 1 < len(toks) and toks[i + 1].lower == "as")
    ):
        return None, False  # passive: "is expected to", "was denied", "been wrongly rejected"
    if w in W.DENIAL_TAILS and i > 0 and toks[i - 1].text == ",":
        return None, False  # ", dismissing them as …" belongs to the denial before it
    if w == "according" and i + 1 < len(toks) and toks[i + 1].lower == "to":
        return _according_to(s, i), False
    if w == "reported" and i + 1 < len(toks) and toks[i + 1].lower == "by":
        return _reported_by(s, i), False
    if w in ("denials", "denial") and i + 1 < len(toks) and toks[i + 1].lower in ("from", "by"):
        return denials_from(s, i), False
    if toks[i].text in "–—" and i > 0 and toks[i - 1].text in CLOSE_QUOTES:
        return _pull_quote(s, i), False
    if w in W.DENY or (w in W.REFUSE and refused_act(toks, i) is not None):
        return denial_rule(s, i)
    if w in W.ACCUSE:
        return with_content(s, i, content_after_word(toks, i, "of"), "accused-of"), False
    if w in W.AS_VERBS and _as_content(toks, i) is not None:
        return with_content(s, i, _as_content(toks, i), "characterized-as"), False
    if w in W.SPEECH:
        return _speech(s, i), False
    if (
        w in W.REPORT_NOUNS
        and i + 1 < len(toks)
        and (toks[i + 1].lower == "that" or toks[i + 1].lower == "of" and w in _REPORTS_OF)
    ):
        return _reported_content(s, i), False
    if w in W.STANCE or (
        w.startswith("call") and i + 1 < len(toks) and toks[i + 1].lower in ("for", "on")
    ):
        return with_content(s, i, None, "stance-speaker"), False
    return None, False


def _after_be(toks: Sequence[Tok], i: int) -> bool:
    """Whether a form of "be" stands before token `i`, past adverbs ("been wrongly")."""
    j = i - 1
    while j >= 0 and (
        toks[j].lower.endswith("ly")
        and toks[j].lower not in _BE
        or toks[j].lower in ("not", "never", "also", "since")
    ):
        j -= 1
    return j >= 0 and toks[j].lower in _BE


# --- the rule families ---------------------------------------------------------------


def _speech(s: Sentence, i: int) -> Group | None:
    toks, w = s.toks, s.toks[i].lower
    prev = toks[i - 1] if i else None
    if w in W.NOUN_LIKE and (
        prev is None
        or prev.lower in W.DETERMINERS
        or prev.lower in W.MODIFIERS
        and prev.lower not in W.SPEAKER_NOUNS
    ):
        return None
    speaker = speaker_of(s, i)
    if speaker is None and prev is not None and prev.lower in ("and", "but") and s.speaker:
        speaker = s.speaker  # "stated … but acknowledged that": the same speaker
    if speaker is None and not (w.endswith("ing") and prev is not None and prev.text == ","):
        return None
    quote = _quotation_before(toks, i, speaker)
    if quote is not None:
        return with_content(s, i, quote, "quotation", speaker=speaker)
    if (
        isinstance(speaker, tuple)
        and closes_sentence(toks, i)
        and speaker[0] > 0
        and toks[speaker[0] - 1].text == ","
    ):
        content = _existing_claim(s, speaker[0] - 1) or clause_before(toks, speaker[0] - 1)
        return with_content(s, i, content, "said-after", speaker=speaker)
    content = clause_after(toks, i + 1, finite=w not in W.NOMINAL_CONTENT)
    if content is None and w.endswith("ing") and prev is not None and prev.text != ",":
        # "satellite imagery suggesting a buildup"
        content = clause_after(toks, i + 1, finite=False, to_comma=True, min_tokens=2)
    if content is None:
        # a speaker without a content of its own ("Russia, while affirming …")
        return None if w in W.NOUN_LIKE else with_content(s, i, None, "speaker")
    group = with_content(s, i, content, "said-that", speaker=speaker)
    if group is not None and content is not None:
        k = content[1]
        if k + 1 < len(toks) and toks[k].lower == "and" and toks[k + 1].lower == "that":
            second = clause_after(toks, k + 1)
            if second is not None:
                with_content(s, i, second, "said-that", speaker=speaker)
                claim = group.add(member(toks, second, "claim", "said-that"))
                if group.members[0].label == "source":
                    group.link(claim, 0, ATTRIBUTED_TO)
    return group


def _according_to(s: Sentence, i: int) -> Group | None:
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
    return with_content(s, i, content, "according-to", speaker=speaker)


def _reported_content(s: Sentence, i: int) -> Group | None:
    """ "reports that X", "the news of X": X is a claim, with no one named."""
    toks = s.toks
    if toks[i + 1].lower == "that":
        content = clause_after(toks, i + 1)
    else:
        end = i + 2
        while (
            end < len(toks)
            and end - i < MAX_CLAUSE
            and toks[end].text not in ",.;:()"
            and toks[end].lower not in W.FINITE
        ):
            end += 1
        content = (i + 2, end) if end - i - 2 >= 2 else None
    return with_content(s, i, content, "reported-content", speaker="none")


def _pull_quote(s: Sentence, i: int) -> Group | None:
    """ "“a grave security threat” – Foreign Minister Kim": the quotation and its speaker."""
    toks = s.toks
    speaker = phrase_after(toks, i + 1)
    quote = _quotation_before(toks, i, None)
    if speaker is None or quote is None:
        return None
    return with_content(s, i, quote, "pull-quote", speaker=speaker)


def _reported_by(s: Sentence, i: int) -> Group | None:
    toks = s.toks
    speaker = phrase_after(toks, i + 2)
    if speaker is None:
        return None
    before = i - 1 if i and toks[i - 1].lower == "as" else i
    content = _existing_claim(s, before - 1) or clause_before(toks, before - 1)
    return with_content(s, i, content, "reported-by", speaker=speaker)


def _as_content(toks: Sequence[Tok], i: int) -> tuple[int, int] | None:
    """ "characterized NP as X" → "NP as X"; "what it described as X" → "X"."""
    for k in range(i + 1, min(i + 12, len(toks))):
        if toks[k].lower == "as" and k == i + 1:  # "what it sees as X", "labeled as X"
            return clause_after(toks, k + 1, finite=False, to_comma=True)
        if toks[k].lower == "as" and k > i + 1:
            if (
                i >= 2
                and toks[i - 2].lower == "what"
                or i >= 3
                and "what" in (toks[i - 3].lower, toks[i - 4].lower if i >= 4 else "")
            ):
                return clause_after(toks, k + 1, finite=False, to_comma=True)
            content = clause_after(toks, i + 1, finite=False, to_comma=True)
            return content if content and content[1] > k + 1 else None
        if toks[k].text in ",.;" or toks[k].lower == "that":
            return None
    return None


def _quotation_before(
    toks: Sequence[Tok], i: int, speaker: tuple[int, int] | str | None
) -> tuple[int, int] | None:
    """The quotation that a speech verb at `i` closes ("“…,” X said")."""
    k = speaker[0] if isinstance(speaker, tuple) and speaker[0] < i else i
    k -= 1
    while k >= 0 and toks[k].text == ",":
        k -= 1
    if k < 0 or toks[k].text not in CLOSE_QUOTES:
        return None
    for q in range(k - 1, -1, -1):
        if (
            toks[q].text in OPEN_QUOTES
            and toks[q].text != '"'
            or (toks[q].text == '"' and (q == 0 or toks[q - 1].text not in ".,"))
        ):
            return (q, k + 1) if k - q > 2 else None
    return None


def _existing_claim(s: Sentence, before: int) -> tuple[int, int] | None:
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
