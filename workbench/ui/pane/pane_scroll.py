"""Scroll positions saved with the panes: each pane's place as a fraction of its
document's height, restored once the reopened pane has laid its text out."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QScrollBar

from workbench.ui.pane.article_pane import ArticlePane

SETTLE_MS = 500


def scroll_fractions(panes: Sequence[ArticlePane]) -> dict[str, float]:
    """Document id → how far down its pane is scrolled (0.0 top, 1.0 bottom)."""
    fractions = {}
    for pane in panes:
        bar = pane.view.verticalScrollBar()
        if pane.document_id and bar.maximum() > 0:
            fractions[pane.document_id] = bar.value() / bar.maximum()
    return fractions


def scroll_to_fraction(pane: ArticlePane, fraction: float) -> None:
    """Scroll the pane there, and keep it there while the reopened window lays out."""
    _KeepScrolled(pane.view.verticalScrollBar(), min(1.0, max(0.0, fraction)))


class _KeepScrolled(QObject):
    """Re-applies a scroll fraction whenever the bar's range changes (the window opens,
    is resized to its saved size, the font loads) until the layout has settled a moment
    after the pane is shown, or the analyst scrolls."""

    def __init__(self, bar: QScrollBar, fraction: float) -> None:
        super().__init__(bar)
        self.bar = bar
        self.fraction = fraction
        self._settling = False
        bar.rangeChanged.connect(self._on_range_changed)
        bar.actionTriggered.connect(self._on_scrolled_by_hand)
        self._apply()

    def _apply(self) -> None:
        if self.bar.maximum() > 0:
            self.bar.setValue(round(self.fraction * self.bar.maximum()))
            if self.bar.isVisible() and not self._settling:
                self._settling = True
                QTimer.singleShot(SETTLE_MS, self._finish)

    def _on_range_changed(self, _minimum: int, _maximum: int) -> None:
        self._apply()

    def _on_scrolled_by_hand(self, _action: int) -> None:
        self._finish()

    def _finish(self) -> None:
        self.bar.rangeChanged.disconnect(self._on_range_changed)
        self.bar.actionTriggered.disconnect(self._on_scrolled_by_hand)
        self.deleteLater()
