"""The comparison table's rows and cells (built by `compare_source`, written by `compare`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.figures import Figure


@dataclass(frozen=True, slots=True)
class Entry:
    """One span in a cell."""

    span_id: str
    text: str
    sources: tuple[str, ...] = ()
    denials: tuple[str, ...] = ()

    def describe(self) -> str:
        parts = [self.text]
        if self.sources:
            parts.append(f"(source: {'; '.join(self.sources)})")
        if self.denials:
            parts.append(f"[denied: {'; '.join(self.denials)}]")
        return " ".join(parts)


@dataclass(slots=True)
class Row:
    kind: str  # "same_as" or "figure"
    title: str
    figure: Figure | None = None  # the row's figure (the smallest), for sorting
    cells: dict[str, list[Entry]] = field(default_factory=dict)  # document id -> entries
    values: list[Figure] = field(default_factory=list)  # every figure in the row

    def value_text(self) -> str:
        """The row's figure, or the spread of its figures ("≈1,500 … ≤12,000")."""
        labels = list(dict.fromkeys(f.label() for f in sorted(self.values, key=_by_value)))
        return labels[0] if len(labels) == 1 else f"{labels[0]} … {labels[-1]}" if labels else ""

    def sort_key(self) -> tuple[int, str, float, str]:
        if self.figure is None:
            return (1, "", 0.0, self.title)
        return (0, self.figure.counts, float(self.figure.value), self.title)


@dataclass(slots=True)
class CompareTable:
    documents: list[tuple[str, str]]  # (id, title) in import order
    rows: list[Row]

    def cell_text(self, row: Row, document_id: str) -> str:
        return " | ".join(e.describe() for e in row.cells.get(document_id, ()))


def _by_value(figure: Figure) -> float:
    return float(figure.value)
