"""Scroll positions saved with the panes: each pane's place as a fraction of its
document's height, restored once the reopened pane has laid its text out."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QScrollBar

from workbench.ui.article_pane import ArticlePane


def scroll_fractions(panes: Sequence[ArticlePane]) -> dict[str, float]:
    """Document id → how far down its pane is scrolled (0.0 top, 1.0 bottom)."""
    fractions = {}
    for pane in panes:
        bar = pane.view.verticalScrollBar()
        if pane.document_id and bar.maximum() > 0:
            fractions[pane.document_id] = bar.value() / bar.maximum()
    return fractions


def scroll_to_fraction(pane: ArticlePane, fraction: float) -> None:
    """Scroll the pane there now, or as soon as its text has a height."""
    bar = pane.view.verticalScrollBar()
    fraction = min(1.0, max(0.0, fraction))
    if bar.maximum() > 0:
        bar.setValue(round(fraction * bar.maximum()))
        return
    _ScrollWhenLaidOut(bar, fraction)


class _ScrollWhenLaidOut:
    """Sets the scroll bar once its range first grows past zero, then lets go."""

    def __init__(self, bar: QScrollBar, fraction: float) -> None:
        self.bar = bar
        self.fraction = fraction
        bar.rangeChanged.connect(self._on_range_changed)
        bar.setProperty("pendingScroll", self)  # lives as long as the bar, or until used

    def _on_range_changed(self, _minimum: int, maximum: int) -> None:
        if maximum <= 0:
            return
        self.bar.rangeChanged.disconnect(self._on_range_changed)
        self.bar.setValue(round(self.fraction * maximum))
        self.bar.setProperty("pendingScroll", None)
