"""Preferences: the annotator's name (shared with the CLI), reading font, zoom, snapping, theme."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFontComboBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from workbench.config import Config, annotator_problem
from workbench.ui.shared.theme import error_label
from workbench.ui.shared.window_settings import THEMES, ZOOM_RANGE, WindowSettings


class SettingsDialog(QDialog):
    """Edits `WindowSettings` and the annotator in `Config`; nothing changes until OK."""

    def __init__(
        self, settings: WindowSettings, config: Config, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.settings = settings
        self.config = config
        self.annotator = QLineEdit(config.annotator)
        self.annotator.setPlaceholderText("Your name, stored with every span you make")
        self.font_family = QFontComboBox()
        self.font_family.setCurrentFont(QFont(settings.font_family))
        self.font_size = QSpinBox()
        self.font_size.setRange(6, 48)
        self.font_size.setSuffix(" pt")
        self.font_size.setValue(settings.font_size)
        self.zoom = QSpinBox()
        self.zoom.setRange(*ZOOM_RANGE)
        self.zoom.setValue(settings.zoom)
        self.snap_words = QCheckBox("Snap selections to whole words")
        self.snap_words.setChecked(settings.snap_words)
        self.theme = QComboBox()
        for theme in THEMES:
            self.theme.addItem(theme.capitalize(), theme)
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Annotator", self.annotator)
        form.addRow("Reading font", self.font_family)
        form.addRow("Font size", self.font_size)
        form.addRow("Zoom", self.zoom)
        form.addRow("", self.snap_words)
        form.addRow("Theme", self.theme)
        self.error = error_label()
        self.error.hide()
        form.addRow(self.error)
        form.addRow(buttons)

    def accept(self) -> None:
        name = self.annotator.text().strip()
        if problem := annotator_problem(name):
            self.error.setText(problem)  # the dialog stays, nothing saved
            self.error.show()
            self.annotator.setFocus()
            return
        if name != self.config.annotator:
            self.config.annotator = name
            self.config.save()
        self.settings.font_family = self.font_family.currentFont().family()
        self.settings.font_size = self.font_size.value()
        self.settings.zoom = self.zoom.value()
        self.settings.snap_words = self.snap_words.isChecked()
        self.settings.theme = self.theme.currentData()
        self.settings.sync()
        super().accept()
