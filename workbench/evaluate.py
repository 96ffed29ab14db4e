"""Measure the suggester against a hand-annotated JSONL file: precision, recall, F1 per label.

    python -m workbench.evaluate [GOLD.jsonl]   (default: tests/data/gold/sample_gold.jsonl)

Two ways to count a suggestion right: *exact* (same start, end and label as a gold span)
and *overlap* (shares at least one character with a gold span of the same label). For
overlap, precision counts suggestions that overlap some gold span, recall counts gold
spans that some suggestion overlaps.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from workbench.formats import jsonl
from workbench.suggest import Rule, find_suggestions, rules_for

DEFAULT_GOLD = Path(__file__).resolve().parents[1] / "tests" / "data" / "gold" / "sample_gold.jsonl"

Item = tuple[str, int, int, str]  # document key, start, end, label


@dataclass(frozen=True, slots=True)
class Score:
    label: str
    gold: int
    suggested: int
    exact_hits: int
    overlap_precise: int  # suggestions overlapping some gold span
    overlap_found: int  # gold spans overlapped by some suggestion

    @property
    def exact(self) -> tuple[float, float, float]:
        return _prf(self.exact_hits, self.suggested, self.exact_hits, self.gold)

    @property
    def overlap(self) -> tuple[float, float, float]:
        return _prf(self.overlap_precise, self.suggested, self.overlap_found, self.gold)


def _prf(right: int, suggested: int, found: int, gold: int) -> tuple[float, float, float]:
    precision = right / suggested if suggested else 0.0
    recall = found / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score(gold: Iterable[Item], suggested: Iterable[Item], *,
          labels: Sequence[str] | None = None) -> list[Score]:
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
        scores.append(Score(name, len(g), len(s), exact,
                            sum(any(overlaps(x, y) for y in g) for x in s),
                            sum(any(overlaps(x, y) for y in s) for x in g)))
    return scores


def evaluate_file(path: Path, *, rules: Sequence[Rule] | None = None) -> list[Score]:
    """Run the suggester on the texts of a JSONL file and score it against its spans."""
    records = jsonl.read(path, [])
    rules = rules_for() if rules is None else rules
    gold: list[Item] = []
    suggested: list[Item] = []
    labels: list[str] = []
    for i, record in enumerate(records):
        key = record.id or str(i)
        for s in record.spans:
            gold.append((key, s.start, s.end, s.label))
            if s.label not in labels:
                labels.append(s.label)
        suggested += [(key, start, end, label)
                      for start, end, label, _ in find_suggestions(record.text, rules)]
    return score(gold, suggested, labels=labels)


def render(scores: Sequence[Score]) -> str:
    """A Markdown table of the scores."""
    lines = ["| label | gold | suggested | exact P | exact R | exact F1 | overlap P | overlap R "
             "| overlap F1 |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for s in scores:
        cells = [f"{v:.2f}" for v in (*s.exact, *s.overlap)]
        lines.append(f"| {s.label} | {s.gold} | {s.suggested} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    path = Path(args[0]) if args else DEFAULT_GOLD
    print(render(evaluate_file(path)), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
