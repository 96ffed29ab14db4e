"""*Edit › Keyboard shortcuts*: every action with its keys, to see and change them (the keys
themselves, their defaults and the analyst's bindings are in `shortcuts`).

Apart from `shortcuts` so that the window starts without the dialog's widgets.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.ui.shared.shortcuts import EDGE_KEYS, keys_text, parse_keys, saved_keys
from workbench.ui.shared.theme import error_label
from workbench.ui.shared.window_settings import WindowSettings


class ShortcutsDialog(QDialog):
    """Every action with its keys, editable; OK refuses a key used twice."""

    def __init__(
        self, actions: Sequence[QAction], settings: WindowSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.settings = settings
        self.actions_by_name = {a.objectName(): a for a in actions if a.objectName()}
        # What an action's key field shows when empty: "no key", or the keys a selection
        # takes without one ("Del" for Delete span).
        unbound = {
            name: f"none of its own; {a.property('contextKeys')} on a selected span"
            for name, a in self.actions_by_name.items()
            if a.property("contextKeys")
        }
        rows: list[tuple[str, str, str, str]] = [
            (
                name,
                a.text().split("\t")[0].replace("&", ""),
                keys_text(a.shortcuts()),
                str(a.property("defaultKeys") or ""),
            )
            for name, a in self.actions_by_name.items()
        ]
        rows += [
            (name, text, keys_text(saved_keys(settings, name, [QKeySequence(default)])), default)
            for name, (text, _edge, _direction, default) in EDGE_KEYS.items()
        ]
        self.table = QTableWidget(len(rows), 2)
        self.table.setHorizontalHeaderLabels(["Action", "Keys (several: separate with ;)"])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.edits: dict[str, QLineEdit] = {}
        self.defaults: dict[str, str] = {}
        self.texts: dict[str, str] = {}
        for row, (name, text, keys, default) in enumerate(rows):
            item = QTableWidgetItem(text)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(row, 0, item)
            edit = QLineEdit(keys)
            edit.setPlaceholderText(unbound.get(name, "no key"))
            edit.setAccessibleName(text)
            self.table.setCellWidget(row, 1, edit)
            self.edits[name] = edit
            self.defaults[name] = default
            self.texts[name] = text
        self.error = error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        reset = QPushButton("Reset all to defaults")
        buttons.addButton(reset, QDialogButtonBox.ButtonRole.ResetRole)
        reset.clicked.connect(self._on_reset_clicked)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(620, 560)

    def _on_reset_clicked(self) -> None:
        for name, edit in self.edits.items():
            edit.setText(self.defaults[name])

    def problem(self) -> str:
        """Why the keys as typed cannot be saved ("" when they can)."""
        owners: dict[str, str] = {}
        for name, edit in self.edits.items():
            label = self.texts[name]
            keys = parse_keys(edit.text())
            if keys is None:
                return f"“{edit.text()}” for “{label}” is not a key; write it like Ctrl+Shift+Z."
            for key in keys:
                text = key.toString(QKeySequence.SequenceFormat.PortableText)
                if text in owners:
                    return f"{text} is given to both “{owners[text]}” and “{label}”."
                owners[text] = label
        return ""

    def accept(self) -> None:
        problem = self.problem()
        if problem:
            self.error.setText(problem)
            return
        for name, edit in self.edits.items():
            keys = parse_keys(edit.text()) or []
            text = keys_text(keys)
            self.settings.set_shortcut(name, None if text == self.defaults[name] else text)
            action = self.actions_by_name.get(name)
            if action is not None:
                action.setShortcuts(keys)
        self.settings.sync()
        super().accept()
