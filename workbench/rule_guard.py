"""Running suggestion rules someone else wrote, within limits: no rule can hang a run.

Each rule has limits.RULE_TIMEOUT_SECONDS per document, counted by `regex` inside its
engine and by this module around it, and may propose limits.MAX_SPANS_PER_RULE spans
per document. A rule over either limit proposes nothing in that document and is
*skipped* there with a warning naming it and the document; a rule skipped in
limits.RULE_SKIPS_PER_RUN documents is dropped for the rest of the run, and after
limits.MAX_RULE_SKIPS_PER_RUN skips of any rules the run stops.
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import regex

from workbench import limits
from workbench.errors import WorkbenchError

Proposal = tuple[int, int, str, str]  # start, end, label, rule name
Place = Callable[[int, int, str], tuple[int, int]]  # (start, end, keep) -> the span kept


class GuardedRule(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def pattern(self) -> regex.Pattern[str]: ...
    @property
    def keep(self) -> str: ...


class RuleSkipped(WorkbenchError):
    """A rule went over its limits in one text (see `proposals`)."""

    def __init__(self, rule: str, reason: str) -> None:
        self.rule, self.reason = rule, reason
        super().__init__(f"The suggestion rule '{rule}' {reason}.")


def proposals(text: str, rule: GuardedRule, place: Place) -> list[Proposal]:
    """The spans `rule` proposes in `text`, each placed by `place`; RuleSkipped when the
    rule goes over its time or its number of spans."""
    try:
        return list(_proposals(text, rule, place))
    except TimeoutError:
        raise RuleSkipped(
            rule.name, f"took longer than {limits.RULE_TIMEOUT_SECONDS:g} s"
        ) from None


def _proposals(text: str, rule: GuardedRule, place: Place) -> Iterator[Proposal]:
    deadline = time.thread_time() + limits.RULE_TIMEOUT_SECONDS
    group = "span" if "span" in rule.pattern.groupindex else 0
    count = 0
    for match in rule.pattern.finditer(text, timeout=limits.RULE_TIMEOUT_SECONDS):
        if time.thread_time() > deadline:  # the time spent here, outside `regex`, counts too
            raise TimeoutError
        start, end = match.span(group)
        if start < 0:
            continue
        start, end = place(start, end, rule.keep)
        if start < end:
            count += 1
            if count > limits.MAX_SPANS_PER_RULE:
                raise RuleSkipped(
                    rule.name, f"proposed more than {limits.MAX_SPANS_PER_RULE:,} spans"
                )
            yield start, end, rule.label, rule.name


def keep_longest(found: list[Proposal]) -> list[Proposal]:
    """Per label, the longest of overlapping proposals (the first, among equals), in
    O(n log n): the kept spans of a label are disjoint, so of those starting before a
    candidate ends, only the last can overlap it."""
    found.sort(key=lambda f: (f[2], -(f[1] - f[0]), f[0]))
    kept: list[Proposal] = []
    starts: dict[str, list[int]] = {}
    ends: dict[str, list[int]] = {}
    for cand in found:
        label_starts, label_ends = starts.setdefault(cand[2], []), ends.setdefault(cand[2], [])
        i = bisect.bisect_left(label_starts, cand[1])
        if i and label_ends[i - 1] > cand[0]:
            continue
        label_starts.insert(i, cand[0])
        label_ends.insert(i, cand[1])
        kept.append(cand)
    return sorted(kept, key=lambda f: (f[0], f[1], f[2]))


@dataclass
class SkipLog:
    """The rules a run skipped, with the warnings to show; decides what runs next."""

    warnings: list[str] = field(default_factory=list)
    skips: dict[str, int] = field(default_factory=dict)  # rule name -> documents skipped in
    stopped: bool = False

    @property
    def left(self) -> int:
        """Skips the run may still take before it stops."""
        return limits.MAX_RULE_SKIPS_PER_RUN - sum(self.skips.values())

    def record(
        self, skipped: Sequence[RuleSkipped], document_id: str, *, documents_left: int
    ) -> set[str]:
        """Note the rules skipped in a document; the names of those to drop from the run."""
        dropped = set()
        for skip in skipped:
            self.skips[skip.rule] = count = self.skips.get(skip.rule, 0) + 1
            warning = (
                f"the suggestion rule '{_shown(skip.rule)}' {skip.reason} in document "
                f"{_shown(document_id)} and was skipped there"
            )
            if count >= limits.RULE_SKIPS_PER_RUN:
                dropped.add(skip.rule)
                warning += f"; after {count} such documents it is skipped for the rest of this run"
            self.warnings.append(warning + ".")
        if skipped and self.left <= 0:
            self.stopped = True
            self.warnings.append(
                f"rules were skipped {limits.MAX_RULE_SKIPS_PER_RUN} times, so the run stopped "
                f"in document {_shown(document_id)}; {documents_left} documents were not searched "
                "(fix or replace the slow rules with --rules)."
            )
        return dropped


def _shown(text: str) -> str:
    """`text` with control characters escaped: ids come from a mailed project."""
    return "".join(
        c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text
    )
