"""A one-line label that ends in "…" when narrower than its text (the whole text in its
tooltip), so a long headline never pushes a narrow pane's header out of shape."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

MIN_CHARS = 6


class ElidedLabel(QLabel):
    """Shows as much of its one-line text as fits, then "…"."""

    def __init__(self, text: str = "", parent: QWidget | None = None, *, reserve: str = "") -> None:
        super().__init__(text, parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        # With `reserve`, it asks for that text's width while what it shows is no wider: a
        # label whose text changes often (a count) then does not move the layout around it.
        self._reserve = reserve

    def minimumSizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.averageCharWidth() * MIN_CHARS, metrics.height())

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        width = metrics.horizontalAdvance(self.text())
        if self._reserve:
            width = max(width, metrics.horizontalAdvance(self._reserve))
        return QSize(width, metrics.height())

    def is_elided(self) -> bool:
        return self.fontMetrics().horizontalAdvance(self.text()) > self.contentsRect().width()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(rect, int(self.alignment() | Qt.AlignmentFlag.AlignVCenter), text)
