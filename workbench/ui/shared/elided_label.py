"""One-line labels that end in "…" when narrower than their text, so a long headline never
pushes a narrow pane's header out of shape; and a count that changes on every edit
without laying out the window around it."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

MIN_CHARS = 6


def _minimum(widget: QWidget) -> QSize:
    metrics = widget.fontMetrics()
    return QSize(metrics.averageCharWidth() * MIN_CHARS, metrics.height())


def _paint_elided(widget: QWidget, text: str, alignment: Qt.AlignmentFlag) -> None:
    painter = QPainter(widget)
    rect = widget.contentsRect()
    shown = widget.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
    painter.setPen(widget.palette().color(widget.foregroundRole()))
    painter.drawText(rect, int(alignment | Qt.AlignmentFlag.AlignVCenter), shown)


class ElidedLabel(QLabel):
    """Shows as much of its one-line text as fits, then "…"."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def minimumSizeHint(self) -> QSize:
        return _minimum(self)

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance(self.text()), metrics.height())

    def is_elided(self) -> bool:
        return self.fontMetrics().horizontalAdvance(self.text()) > self.contentsRect().width()

    def paintEvent(self, event: QPaintEvent) -> None:
        _paint_elided(self, self.text(), self.alignment())


class CountLabel(QWidget):
    """A one-line count that changes on every edit ("1,234 of 5,678 spans"), as wide as
    `reserve` or its text asks. `QLabel.setText` lays out every layout above the label
    again even when its size stays: the annotation dock's relayout and repaint and the
    status bar's took 1.3-3 ms of each edit. Setting this text repaints this widget alone,
    unless the text outgrows `reserve`."""

    def __init__(
        self,
        reserve: str,
        parent: QWidget | None = None,
        *,
        alignment: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
    ) -> None:
        super().__init__(parent)
        self._text = ""
        self._reserve = reserve
        self._alignment = alignment
        self.setAutoFillBackground(True)  # opaque: its parent need not repaint beneath it

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:  # QLabel's name, for its callers
        if text == self._text:
            return
        metrics = self.fontMetrics()
        reserved = metrics.horizontalAdvance(self._reserve)
        wider = max(metrics.horizontalAdvance(t) for t in (text, self._text)) > reserved
        self._text = text
        self.setAccessibleName(text)
        if wider:  # the size it asks for follows the text
            self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        width = max(metrics.horizontalAdvance(self._text), metrics.horizontalAdvance(self._reserve))
        return QSize(width, metrics.height())

    def minimumSizeHint(self) -> QSize:
        return _minimum(self)

    def paintEvent(self, event: QPaintEvent) -> None:
        _paint_elided(self, self._text, self._alignment)
