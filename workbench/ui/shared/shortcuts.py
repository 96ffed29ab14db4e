"""Every action's keys: the defaults, the analyst's own bindings (kept in the window
settings); *Edit › Keyboard shortcuts* to see and change them is `shortcuts_dialog`.

Standard actions use `QKeySequence.StandardKey` alone, so each key is registered once
(Qt already maps Redo to Ctrl+Shift+Z on X11; registering it again made it ambiguous).
The span-edge keys avoid what desktops take by default: Ctrl+Alt+arrows switch
workspaces (GNOME, Xfce, Cinnamon, MATE, openbox), Shift+Alt+arrows send the window to
another desktop (openbox), Super+arrows tile (GNOME, KDE) and Ctrl+Shift+Alt+arrows move
the window (GNOME, Xfce). Alt+arrows and Ctrl+Shift+arrows are free on all of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from weakref import WeakKeyDictionary

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence

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


# Per settings object: (its `shortcuts_changed` when read, key text → edge move).
_edge_keys: WeakKeyDictionary[WindowSettings, tuple[int, dict[str, tuple[str, int]]]] = (
    WeakKeyDictionary()
)
_PORTABLE = QKeySequence.SequenceFormat.PortableText


def edge_move_for(event: QKeyEvent, settings: WindowSettings) -> tuple[str, int] | None:
    """(edge, direction) when the key moves a span edge, else None. The pane asks at every
    key (twice for one it takes): the saved keys are read once, not at each key (0.1-1 ms)."""
    known = _edge_keys.get(settings)
    if known is None or known[0] != settings.shortcuts_changed:
        moves: dict[str, tuple[str, int]] = {}
        for name, (_text, edge, direction, default) in EDGE_KEYS.items():
            for key in saved_keys(settings, name, [QKeySequence(default)]):
                moves.setdefault(key.toString(_PORTABLE), (edge, direction))  # first wins
        known = _edge_keys[settings] = (settings.shortcuts_changed, moves)
    pressed = QKeySequence(event.keyCombination().key() | _modifiers(event))
    return known[1].get(pressed.toString(_PORTABLE))


def _modifiers(event: QKeyEvent) -> Qt.KeyboardModifier:
    return event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
