"""Measure the suggester against a hand-annotated JSONL file: precision, recall, F1 per label.

    python -m workbench.evaluate [GOLD.jsonl ...]
        (default: the sample's gold, tests/data/gold/sample_gold.jsonl, the held-out
        texts, tests/data/heldout/heldout_gold.jsonl and heldout_blind.jsonl, and the
        second and third blind sets, tests/data/blind2/blind2_gold.jsonl and
        tests/data/blind3/blind3_gold.jsonl; the learned protocol runs on the sample,
        blind2 and blind3, or on the one file given)

Three ways to count a suggestion right: *exact* (same start, end and label as a gold
span), *overlap* (shares at least one character with a gold span of the same label) and
*inside* (more than half of it lies inside a gold span of the same label). For overlap
and inside, precision counts suggestions that match some gold span, recall counts gold
spans that some suggestion matches. Links (`attributed_to`, `denies`) are right when a
gold relation of the same type joins gold spans their ends are inside.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from workbench.cli_output import EXIT_ERROR, shown
from workbench.errors import WorkbenchError
from workbench.formats import jsonl
from workbench.formats.records import DocumentRecord
from workbench.learned import Tagged, learned_suggestions
from workbench.proposals import propose, without_superseded
from workbench.suggest import Rule, find_suggestions, rules_for

_DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
DEFAULT_GOLD = _DATA / "gold" / "sample_gold.jsonl"
DEFAULT_HELDOUT = _DATA / "heldout" / "heldout_gold.jsonl"
DEFAULT_BLIND = _DATA / "heldout" / "heldout_blind.jsonl"
DEFAULT_BLIND2 = _DATA / "blind2" / "blind2_gold.jsonl"  # five articles on one event
DEFAULT_BLIND3 = _DATA / "blind3" / "blind3_gold.jsonl"  # five more, on another event

Item = tuple[str, int, int, str]  # document key, start, end, label


@dataclass(frozen=True, slots=True)
class Score:
    label: str
    gold: int
    suggested: int
    exact_hits: int
    overlap_precise: int  # suggestions overlapping some gold span
    overlap_found: int  # gold spans overlapped by some suggestion
    inside_precise: int = 0  # suggestions more than half inside some gold span
    inside_found: int = 0  # gold spans holding more than half of some suggestion

    @property
    def exact(self) -> tuple[float, float, float]:
        return _prf(self.exact_hits, self.suggested, self.exact_hits, self.gold)

    @property
    def overlap(self) -> tuple[float, float, float]:
        return _prf(self.overlap_precise, self.suggested, self.overlap_found, self.gold)

    @property
    def inside(self) -> tuple[float, float, float]:
        return _prf(self.inside_precise, self.suggested, self.inside_found, self.gold)


def _prf(right: int, suggested: int, found: int, gold: int) -> tuple[float, float, float]:
    precision = right / suggested if suggested else 0.0
    recall = found / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def inside(suggested: Item, gold: Item) -> bool:
    """More than half of the suggestion lies inside the gold span (same label)."""
    if suggested[0] != gold[0] or suggested[3] != gold[3]:
        return False
    shared = min(suggested[2], gold[2]) - max(suggested[1], gold[1])
    return shared * 2 > suggested[2] - suggested[1]


def score(
    gold: Iterable[Item], suggested: Iterable[Item], *, labels: Sequence[str] | None = None
) -> list[Score]:
    """Scores per label (and "all"), in `labels` order (default: labels seen, sorted)."""
    gold, suggested = sorted(set(gold)), sorted(set(suggested))
    names = list(labels) if labels else sorted({g[3] for g in gold} | {s[3] for s in suggested})

    def overlaps(a: Item, b: Item) -> bool:
        return a[0] == b[0] and a[3] == b[3] and a[1] < b[2] and b[1] < a[2]

    scores = []
    for name in [*names, "all"]:
        g = [x for x in gold if name in ("all", x[3])]
        s = [x for x in suggested if name in ("all", x[3])]
        exact = len(set(g) & set(s))
        scores.append(
            Score(
                name,
                len(g),
                len(s),
                exact,
                sum(any(overlaps(x, y) for y in g) for x in s),
                sum(any(overlaps(x, y) for y in s) for x in g),
                sum(any(inside(x, y) for y in g) for x in s),
                sum(any(inside(y, x) for y in s) for x in g),
            )
        )
    return scores


@dataclass(frozen=True, slots=True)
class Evaluation:
    scores: list[Score]
    links_suggested: int
    links_right: int  # suggested links a gold relation of the same type confirms
    links_gold: int  # gold attributed_to and denies relations
    links_found: int  # gold relations some suggested link confirms

    @property
    def link_accuracy(self) -> tuple[float, float]:
        """(share of suggested links that are right, share of gold links found)."""
        return (
            self.links_right / self.links_suggested if self.links_suggested else 0.0,
            self.links_found / self.links_gold if self.links_gold else 0.0,
        )


def evaluate_records(
    records: Sequence[DocumentRecord],
    *,
    rules: Sequence[Rule] | None = None,
    learned_from: Sequence[DocumentRecord] = (),
    attribution: bool = True,
) -> Evaluation:
    """Suggest on the records' texts and score against their spans and relations; with
    `learned_from`, their gold spans count as tagged by the analyst (learned suggestions)."""
    rules = without_superseded(rules_for()) if rules is None else rules
    tagged = [
        Tagged(r.id or f"t{i}", r.text, s.start, s.end, s.label)
        for i, r in enumerate(learned_from)
        for s in r.spans
    ]
    texts = {r.id or str(i): r.text for i, r in enumerate(records)}
    extra = learned_suggestions(texts, tagged) if tagged else {}
    gold: list[Item] = []
    suggested: list[Item] = []
    labels: list[str] = []
    link_counts = [0, 0, 0, 0]
    for i, record in enumerate(records):
        key = record.id or str(i)
        spans = {s.id: (key, s.start, s.end, s.label) for s in record.spans}
        for item in spans.values():
            gold.append(item)
            if item[3] not in labels:
                labels.append(item[3])
        flat = find_suggestions(record.text, rules) + extra.get(key, [])
        found = propose(record.text, flat, groups=None if attribution else [])
        suggested += [(key, p.start, p.end, p.label) for p in found.spans]
        relations = [
            (spans[r.head], spans[r.tail], r.label)
            for r in record.relations
            if r.label != "same_as" and r.head in spans and r.tail in spans
        ]
        links = [
            (
                (key, found.spans[h].start, found.spans[h].end, found.spans[h].label),
                (key, found.spans[t].start, found.spans[t].end, found.spans[t].label),
                kind,
            )
            for h, t, kind in found.links
        ]

        def confirms(link: tuple[Item, Item, str], rel: tuple[Item, Item, str]) -> bool:
            return link[2] == rel[2] and inside(link[0], rel[0]) and inside(link[1], rel[1])

        link_counts[0] += len(links)
        link_counts[1] += sum(any(confirms(x, y) for y in relations) for x in links)
        link_counts[2] += len(relations)
        link_counts[3] += sum(any(confirms(x, y) for x in links) for y in relations)
    return Evaluation(score(gold, suggested, labels=labels), *link_counts)


def evaluate_file(path: Path, *, rules: Sequence[Rule] | None = None) -> list[Score]:
    """Run the suggester on the texts of a JSONL file and score it against its spans."""
    return evaluate_records(jsonl.read(path, []), rules=rules).scores


def render(scores: Sequence[Score]) -> str:
    """A Markdown table of the scores."""
    lines = [
        (
            "| label | gold | suggested | exact P | exact R | exact F1 | overlap P | overlap R "
            "| overlap F1 | inside P | inside R | inside F1 |"
        ),
        "|---|---:|---:" + "|---:" * 9 + "|",
    ]
    for s in scores:
        cells = [f"{v:.2f}" for v in (*s.exact, *s.overlap, *s.inside)]
        lines.append(f"| {s.label} | {s.gold} | {s.suggested} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def render_evaluation(title: str, evaluation: Evaluation) -> str:
    right, found = evaluation.link_accuracy
    return (
        f"### {title}\n\n{render(evaluation.scores)}\nLinks (attributed_to, denies): "
        f"{evaluation.links_suggested} suggested, {right:.2f} right; "
        f"{evaluation.links_gold} in the gold, {found:.2f} found.\n"
    )


def render_learned(
    records: Sequence[DocumentRecord], *, rules: Sequence[Rule] | None = None
) -> str:
    """The learned-suggestion protocol: article 1 tagged from the gold, articles 2-5
    measured with the rules alone and with the rules and learned suggestions."""
    first, rest = records[:1], records[1:]
    alone = evaluate_records(rest, rules=rules)
    learned = evaluate_records(rest, rules=rules, learned_from=first)
    only = evaluate_records(rest, rules=[], learned_from=first, attribution=False)
    lines = [
        "| label | rules P | rules R | rules + learned P | rules + learned R "
        "| learned alone P | learned alone R |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for a, b, c in zip(alone.scores, learned.scores, only.scores, strict=True):
        lines.append(
            f"| {a.label} | {a.inside[0]:.2f} | {a.inside[1]:.2f} | "
            f"{b.inside[0]:.2f} | {b.inside[1]:.2f} | "
            f"{c.inside[0]:.2f} | {c.inside[1]:.2f} |"
        )
    return (
        "### Learned suggestions: article 1 tagged, articles 2-5 measured (inside P/R)"
        "\n\n" + "\n".join(lines) + "\n"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m workbench.evaluate",
        description="Measure the suggester against hand-annotated JSONL files.",
    )
    parser.add_argument(
        "gold", nargs="*", type=Path, help="annotated JSONL files (default: the five sets)"
    )
    args = parser.parse_args(argv)
    paths: list[Path] = args.gold or [
        DEFAULT_GOLD,
        DEFAULT_HELDOUT,
        DEFAULT_BLIND,
        DEFAULT_BLIND2,
        DEFAULT_BLIND3,
    ]
    try:  # every file is read before anything is printed: no half a report
        sets = [(path, jsonl.read(path, [])) for path in paths]
    except WorkbenchError as e:
        print(shown(f"workbench.evaluate: {e}"), file=sys.stderr)
        return EXIT_ERROR
    for path, records in sets:
        print(render_evaluation(path.name, evaluate_records(records)))
        if path in (DEFAULT_GOLD, DEFAULT_BLIND2, DEFAULT_BLIND3) or len(paths) == 1:
            print(render_learned(records))
    return 0


if __name__ == "__main__":
    sys.exit(main())
