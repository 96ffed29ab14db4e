"""One document's proposals: the word-list rules' spans and the attribution groups, merged.

`propose` runs both kinds of rules over a text and returns spans (each with its group,
or none) and links between them. Of two overlapping spans with one label the first
kept wins (attribution groups before single rules, longer before shorter) and the
links of the other move to it; a claim mostly inside a denial is dropped (the denial
says it); a denial from the single rules answers the nearest claim in its sentence or
the sentence before.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from workbench.attribution import DENIES, Group, Member, find_attributions
from workbench.attribution_phrases import sentences
from workbench.counted_figures import find_figures

if TYPE_CHECKING:
    import regex


@dataclass(frozen=True, slots=True)
class Rule:
    """One word-list rule, compiled (`suggest.rules_for` reads them; here so that this
    module need not import the suggester that imports it)."""

    name: str
    label: str
    pattern: regex.Pattern[str]
    keep: str = "first"  # which sentence to keep when a match runs across sentences


# Built-in word-list rules (resources/suggest_rules.json) that the attribution rules
# replace: they find the same sources, claims and denials (fewer of them, or the denial
# with the claim it denies in one span), and cost most of the time of a run. A project rule of
# the same name replaces one and runs.
SUPERSEDED_RULES = frozenset(
    (
        "source-according-to",
        "source-as-reported-by",
        "source-reports-from",
        "source-official-speaks",
        "source-agency-speaks",
        "source-officials-speak",
        "source-news-agency",
        "source-outlet",
        "claim-reported-that",
        "claim-allegations-that",
        "claim-accused-of",
        "claim-reportedly",
        "denial-verb",
        "denial-refused-to-confirm",
        "denial-repeated-denials",
        # counted_figures.py finds a number with any plural noun, not only the listed ones
        "figure-number-counted",
        "figure-small-number-counted",
        "figure-words-counted",
    )
)
# Disabling this built-in rule in a project turns the counted figures off.
COUNTED_FIGURES_RULE = "figure-number-counted"


def counted_figures_on(rules: Sequence[Rule], *, own: Collection[str] = ()) -> bool:
    """Whether counted_figures.py runs: while the built-in rule it stands for is among
    `rules` (a project may disable it) and no project rule of that name replaces it."""
    return COUNTED_FIGURES_RULE in {r.name for r in rules} and COUNTED_FIGURES_RULE not in own


def without_superseded(rules: Sequence[Rule], *, own: Collection[str] = ()) -> list[Rule]:
    """The rules to run beside the attribution rules (`own`: names the project defines)."""
    return [r for r in rules if r.name not in SUPERSEDED_RULES or r.name in own]


@dataclass(frozen=True, slots=True)
class Proposal:
    start: int
    end: int
    label: str
    rule: str
    group: int | None = None  # spans with one group number are proposed together


@dataclass(slots=True)
class Proposals:
    spans: list[Proposal] = field(default_factory=list)
    links: list[tuple[int, int, str]] = field(default_factory=list)  # (head, tail, relation)

    def link_texts(self, text: str) -> list[tuple[str, str, str]]:
        """The links as (head text, tail text, relation), for tests and reports."""
        return [
            (
                text[self.spans[h].start : self.spans[h].end],
                text[self.spans[t].start : self.spans[t].end],
                r,
            )
            for h, t, r in self.links
        ]


def _overlap(a: Proposal | Member, b: Proposal | Member) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def propose(
    text: str,
    flat: Sequence[tuple[int, int, str, str]],
    *,
    labels: Collection[str] | None = None,
    groups: Sequence[Group] | None = None,
    figures: bool = True,
) -> Proposals:
    """Merge single-rule spans (start, end, label, rule) with the attribution groups and
    (with `figures`) the counted figures found in `text`, or with the groups given."""
    if groups is None:
        groups = find_attributions(text)
        if figures and (not labels or "figure" in labels):
            flat = [*flat, *find_figures(text)]
    result = Proposals()
    where: dict[tuple[int, int], int] = {}  # (group, member) -> kept span index
    by_label: dict[str, list[int]] = {}
    links: list[tuple[tuple[int, int], tuple[int, int], str]] = []
    claims = sorted(
        {(m.start, m.end) for group in groups for m in group.members if m.label == "claim"}
    )
    claim_starts = [start for start, _ in claims]
    for g, group in enumerate(groups):
        for m, member in enumerate(group.members):
            if labels and member.label not in labels:
                continue
            if member.label == "claim" and _holds_another(claims, claim_starts, member):
                continue  # a claim holding another one: the inner attribution is the claim
            index = _keep(
                result, Proposal(member.start, member.end, member.label, member.rule, g), by_label
            )
            if index is not None:
                where[(g, m)] = index
        links += [((g, h), (g, t), r) for h, t, r in group.links]
    sources = [result.spans[i] for i in by_label.get("source", [])]
    for start, end, label, rule in sorted(flat, key=lambda f: (-(f[1] - f[0]), f[0])):
        if label == "figure" and any(s.start < end and start < s.end for s in sources):
            continue  # "Two newspapers claimed": how many speak is not a figure
        if not labels or label in labels:
            _keep(result, Proposal(start, end, label, rule), by_label)
    dropped = _drop_claims_inside_denials(result)
    seen = set()
    for head, tail, relation in links:
        if head in where and tail in where:
            pair = (where[head], where[tail], relation)
            if pair[0] != pair[1] and pair not in seen and not dropped & {pair[0], pair[1]}:
                seen.add(pair)
                result.links.append(pair)
    _link_lone_denials(text, result, seen)
    _renumber(result, dropped)
    return result


def _holds_another(
    claims: Sequence[tuple[int, int]], starts: Sequence[int], member: Member
) -> bool:
    """Whether another claim range (sorted, with their starts) lies inside the member's."""
    for i in range(bisect_left(starts, member.start), len(claims)):
        start, end = claims[i]
        if start >= member.end:
            return False
        if end <= member.end and (start, end) != (member.start, member.end):
            return True
    return False


def _keep(result: Proposals, candidate: Proposal, by_label: dict[str, list[int]]) -> int | None:
    """Keep a candidate unless a kept span of its label overlaps it; returns the index of
    the span that stands for it (for a group member) or None (a single rule's span)."""
    mine = by_label.setdefault(candidate.label, [])
    spans = result.spans
    for i in mine:
        kept = spans[i]
        if kept.start < candidate.end and candidate.start < kept.end:
            return i if candidate.group is not None else None
    spans.append(candidate)
    mine.append(len(spans) - 1)
    return len(spans) - 1


def _drop_claims_inside_denials(result: Proposals) -> set[int]:
    denials = [s for s in result.spans if s.label == "denial"]
    return {
        i
        for i, s in enumerate(result.spans)
        if s.label == "claim" and any(_overlap(s, d) * 3 > s.end - s.start for d in denials)
    }


def _link_lone_denials(text: str, result: Proposals, seen: set[tuple[int, int, str]]) -> None:
    linked = {h for h, _, r in seen if r == DENIES}
    if all(s.label != "denial" or i in linked for i, s in enumerate(result.spans)):
        return
    starts = [a for a, _ in sentences(text)]

    def sentence_of(pos: int) -> int:
        return bisect_right(starts, pos) - 1

    claims = [(i, sentence_of(s.start)) for i, s in enumerate(result.spans) if s.label == "claim"]
    for i, s in enumerate(result.spans):
        if s.label != "denial" or i in linked:
            continue
        here = sentence_of(s.start)
        same = [c for c, k in claims if k == here]
        before = [c for c, k in claims if k == here - 1]
        choice = (
            min(same, key=lambda c: abs(result.spans[c].start - s.start))
            if same
            else before[-1]
            if before
            else None
        )
        if choice is not None:
            seen.add((i, choice, DENIES))
            result.links.append((i, choice, DENIES))


def _renumber(result: Proposals, dropped: set[int]) -> None:
    keep = [i for i in range(len(result.spans)) if i not in dropped]
    new = {old: k for k, old in enumerate(keep)}
    result.spans = [result.spans[i] for i in keep]
    result.links = [(new[h], new[t], r) for h, t, r in result.links if h in new and t in new]
    order = sorted(
        range(len(result.spans)),
        key=lambda k: (result.spans[k].start, result.spans[k].end, result.spans[k].label),
    )
    position = {old: k for k, old in enumerate(order)}
    result.spans = [result.spans[k] for k in order]
    result.links = sorted((position[h], position[t], r) for h, t, r in result.links)
