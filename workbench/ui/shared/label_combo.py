"""Combo boxes that show whole label names, in the field and in the popup.

Qt elides a combo's items in the middle once the combo is narrower than its longest item
("s…e" for "source"), and sizes the popup to the combo. `show_whole_names` makes the
combo as wide as its longest item and the popup at least as wide as its widest row.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox


class _PopupWidth(QObject):
    """Keeps a combo and its popup as wide as the widest row whenever the items change."""

    def __init__(self, combo: QComboBox) -> None:
        super().__init__(combo)
        self._combo = combo
        model = combo.model()
        model.rowsInserted.connect(self._on_items_changed)
        model.rowsRemoved.connect(self._on_items_changed)
        model.modelReset.connect(self._on_items_changed)
        model.dataChanged.connect(self._on_items_changed)
        self._on_items_changed()

    def _on_items_changed(self) -> None:
        view = self._combo.view()
        rows = self._combo.count()
        widest = max(
            (
                view.sizeHintForIndex(self._combo.model().index(row, 0)).width()
                for row in range(rows)
            ),
            default=0,
        )
        scroll_bar = view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        view.setMinimumWidth(widest + scroll_bar + 2 * view.frameWidth())
        # AdjustToContents widens the size hint only (and by Qt's own sum, which leaves a
        # decorated item a pixel short); a crowded row would still squeeze it.
        combo = self._combo
        metrics = combo.fontMetrics()
        icon = combo.iconSize().width() + 4
        text = max(
            (
                metrics.horizontalAdvance(combo.itemText(row))
                + (0 if combo.itemIcon(row).isNull() else icon)
                for row in range(rows)
            ),
            default=0,
        )
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        wanted = combo.style().sizeFromContents(
            QStyle.ContentsType.CT_ComboBox, option, QSize(text + 4, metrics.height()), combo
        )
        combo.setMinimumWidth(max(combo.sizeHint().width(), wanted.width()))


def show_whole_names(combo: QComboBox) -> None:
    """Never cut an item's text, in the combo or in its popup."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    combo.view().setTextElideMode(Qt.TextElideMode.ElideNone)
    _PopupWidth(combo)
