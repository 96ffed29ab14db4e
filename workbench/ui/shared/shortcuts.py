"""Every action's keys: the defaults, the analyst's own bindings (kept in the window
settings), and *Edit › Keyboard shortcuts* to see and change them.

Standard actions use `QKeySequence.StandardKey` alone, so each key is registered once
(Qt already maps Redo to Ctrl+Shift+Z on X11; registering it again made it ambiguous).
The span-edge keys avoid what desktops take by default: Ctrl+Alt+arrows switch
workspaces (GNOME, Xfce, Cinnamon, MATE, openbox), Shift+Alt+arrows send the window to
another desktop (openbox), Super+arrows tile (GNOME, KDE) and Ctrl+Shift+Alt+arrows move
the window (GNOME, Xfce). Alt+arrows and Ctrl+Shift+arrows are free on all of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.ui.shared.window_settings import WindowSettings

# Keys the article pane handles itself (only while a span is selected): name → text,
# edge, direction, default key.
EDGE_KEYS: dict[str, tuple[str, str, int, str]] = {
    "move_start_left": ("Move the selected span's start left", "start", -1, "Alt+Left"),
    "move_start_right": ("Move the selected span's start right", "start", +1, "Alt+Right"),
    "move_end_left": ("Move the selected span's end left", "end", -1, "Ctrl+Shift+Left"),
    "move_end_right": ("Move the selected span's end right", "end", +1, "Ctrl+Shift+Right"),
}
SEPARATOR = "; "


def standard_keys(standard: QKeySequence.StandardKey, *extra: str) -> list[QKeySequence]:
    """The platform's keys for a standard action, then `extra` ones it lacks (each once)."""
    keys = list(QKeySequence.keyBindings(standard))
    for text in extra:
        key = QKeySequence(text)
        if key not in keys:
            keys.append(key)
    return keys


def keys_text(keys: Iterable[QKeySequence]) -> str:
    return SEPARATOR.join(k.toString(QKeySequence.SequenceFormat.PortableText) for k in keys)


def parse_keys(text: str) -> list[QKeySequence] | None:
    """Keys from "Ctrl+Y; Ctrl+Shift+Z" (empty text: no key); None when one is not a key."""
    keys = []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        key = QKeySequence.fromString(part, QKeySequence.SequenceFormat.PortableText)
        if key.isEmpty() or key.toString() == "":
            return None
        keys.append(key)
    return keys


def saved_keys(
    settings: WindowSettings, name: str, defaults: Sequence[QKeySequence]
) -> list[QKeySequence]:
    """The analyst's keys for `name`, or the defaults when none (or nonsense) are saved."""
    text = settings.shortcut(name)
    if text is None:
        return list(defaults)
    keys = parse_keys(text)
    return list(defaults) if keys is None else keys


def bind_action(
    action: QAction, name: str, defaults: Sequence[QKeySequence], settings: WindowSettings
) -> None:
    """Give `action` its name, remember its defaults and set the analyst's keys."""
    action.setObjectName(name)
    action.setProperty("defaultKeys", keys_text(defaults))
    action.setShortcuts(saved_keys(settings, name, defaults))


def edge_move_for(event: QKeyEvent, settings: WindowSettings) -> tuple[str, int] | None:
    """(edge, direction) when the key moves a span edge, else None."""
    pressed = QKeySequence(event.keyCombination().key() | _modifiers(event))
    for name, (_text, edge, direction, default) in EDGE_KEYS.items():
        if pressed in saved_keys(settings, name, [QKeySequence(default)]):
            return edge, direction
    return None


def _modifiers(event: QKeyEvent) -> Qt.KeyboardModifier:
    return event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier


class ShortcutsDialog(QDialog):
    """Every action with its keys, editable; OK refuses a key used twice."""

    def __init__(
        self, actions: Sequence[QAction], settings: WindowSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.settings = settings
        self.actions_by_name = {a.objectName(): a for a in actions if a.objectName()}
        rows: list[tuple[str, str, str, str]] = [
            (
                name,
                a.text().replace("&", ""),
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
            edit.setPlaceholderText("no key")
            edit.setAccessibleName(text)
            self.table.setCellWidget(row, 1, edit)
            self.edits[name] = edit
            self.defaults[name] = default
            self.texts[name] = text
        self.error = QLabel()
        self.error.setWordWrap(True)
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
