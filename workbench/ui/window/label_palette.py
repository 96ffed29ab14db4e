"""The labels as buttons: click one to tag the selection (or relabel the selected span)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QToolBar, QWidget

from workbench.model import Label
from workbench.ui.controller import ProjectController


class LabelPalette(QToolBar):
    """A toolbar of label buttons, rebuilt when the labels change."""

    label_chosen = Signal(int)  # label id

    def __init__(self, controller: ProjectController, parent: QWidget | None = None) -> None:
        super().__init__("Labels", parent)
        self.setObjectName("labelPalette")
        self.controller = controller
        self.buttons: dict[int, QPushButton] = {}
        self._box = QWidget()
        self._layout = QHBoxLayout(self._box)
        self._layout.setContentsMargins(4, 2, 4, 2)
        self._layout.setSpacing(6)
        self.addWidget(self._box)
        controller.labels_changed.connect(self._on_labels_changed)
        self._on_labels_changed()

    def _on_labels_changed(self) -> None:
        for button in self.buttons.values():
            self._layout.removeWidget(button)
            button.deleteLater()
        self.buttons = {}
        for label in self.controller.project.labels():
            button = QPushButton(_button_text(label))
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keep the selection in the text
            button.setToolTip(
                (label.description or label.name)
                + (f"  (key {label.shortcut})" if label.shortcut else "")
            )
            button.setStyleSheet(_button_style(label.color))
            button.clicked.connect(lambda _=False, lid=label.id: self.label_chosen.emit(lid))
            self._layout.addWidget(button)
            self.buttons[label.id] = button


def _button_text(label: Label) -> str:
    return f"{label.shortcut}  {label.name}" if label.shortcut else label.name


def _button_style(color: str) -> str:
    c = QColor(color)
    light = c.lighter(170).name() if c.lightness() < 200 else c.name()
    return (
        f"QPushButton {{ background: {light}; color: black; border: 2px solid {c.name()};"
        " border-radius: 10px; padding: 3px 12px; font-weight: 600; }"
        f"QPushButton:hover {{ background: {c.lighter(130).name()}; }}"
        f"QPushButton:pressed {{ background: {c.name()}; }}"
    )
