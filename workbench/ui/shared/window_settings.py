"""The window's own look and layout, kept in an ini file beside the shared config.

What the CLI shares (the annotator, recent projects) lives in `workbench.config.Config`;
fonts, zoom, snapping, theme, geometry and each project's open panes live here.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

from workbench.config import config_dir

# CPython's own SHA-1: hashlib would load OpenSSL (~9 ms of the window's start-up) for
# one short digest.
try:
    from _sha1 import sha1  # type: ignore[import-not-found]  # typeshed has no stub for it
except ImportError:  # a Python built without it
    from hashlib import sha1

if TYPE_CHECKING:
    from PySide6.QtCore import QByteArray

THEMES = ("light", "dark")
DEFAULT_FONT = "Noto Serif"
DEFAULT_FONT_SIZE = 12
ZOOM_RANGE = (-6, 16)


class WindowSettings:
    """Typed access to the window's QSettings (an ini file, never the platform registry)."""

    def __init__(self, settings: QSettings | None = None) -> None:
        if settings is None:
            path = config_dir() / "window.ini"
            settings = QSettings(str(path), QSettings.Format.IniFormat)
        self.qsettings = settings
        self.shortcuts_changed = 0  # counts `set_shortcut` calls: the keys read may be stale

    def _get(self, key: str, default: str | int | bool, kind: type) -> str | int | bool:
        value = self.qsettings.value(key, default)
        if kind is bool:
            if isinstance(value, str):
                return value.lower() in ("true", "1", "yes")
            return bool(value)
        try:
            return kind(value)
        except (TypeError, ValueError):
            return default

    # --- reading ------------------------------------------------------------

    @property
    def font_family(self) -> str:
        return str(self._get("view/font_family", DEFAULT_FONT, str))

    @font_family.setter
    def font_family(self, value: str) -> None:
        self.qsettings.setValue("view/font_family", value)

    @property
    def font_size(self) -> int:
        return max(6, min(48, int(self._get("view/font_size", DEFAULT_FONT_SIZE, int))))

    @font_size.setter
    def font_size(self, value: int) -> None:
        self.qsettings.setValue("view/font_size", int(value))

    @property
    def zoom(self) -> int:
        value = int(self._get("view/zoom", 0, int))
        return max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], value))

    @zoom.setter
    def zoom(self, value: int) -> None:
        self.qsettings.setValue("view/zoom", max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], int(value))))

    @property
    def snap_words(self) -> bool:
        return bool(self._get("edit/snap_words", True, bool))

    @snap_words.setter
    def snap_words(self, value: bool) -> None:
        self.qsettings.setValue("edit/snap_words", bool(value))

    @property
    def theme(self) -> str:
        value = str(self._get("view/theme", "light", str))
        return value if value in THEMES else "light"

    @theme.setter
    def theme(self, value: str) -> None:
        self.qsettings.setValue("view/theme", value if value in THEMES else "light")

    @property
    def sync_scroll(self) -> bool:
        return bool(self._get("view/sync_scroll", False, bool))

    @sync_scroll.setter
    def sync_scroll(self, value: bool) -> None:
        self.qsettings.setValue("view/sync_scroll", bool(value))

    @property
    def first_run_done(self) -> bool:
        """True once the analyst tagged something or closed the first-run hint."""
        return bool(self._get("hints/first_run_done", False, bool))

    @first_run_done.setter
    def first_run_done(self, value: bool) -> None:
        self.qsettings.setValue("hints/first_run_done", bool(value))

    @property
    def last_folder(self) -> str:
        """The folder the analyst last chose a project or export in ("" for none)."""
        return str(self._get("files/last_folder", "", str))

    @last_folder.setter
    def last_folder(self, value: str) -> None:
        self.qsettings.setValue("files/last_folder", value)

    # --- window layout ------------------------------------------------------

    def window_state(self) -> tuple[QByteArray | None, QByteArray | None]:
        geometry = self.qsettings.value("window/geometry")
        state = self.qsettings.value("window/state")
        if geometry is None and state is None:
            return None, None  # a first start (and no QByteArray type to create for it)
        from PySide6.QtCore import QByteArray

        return (
            geometry if isinstance(geometry, QByteArray) else None,
            state if isinstance(state, QByteArray) else None,
        )

    def set_window_state(self, geometry: QByteArray, state: QByteArray) -> None:
        self.qsettings.setValue("window/geometry", geometry)
        self.qsettings.setValue("window/state", state)

    # --- keyboard shortcuts (see workbench.ui.shared.shortcuts) ---------------------

    def shortcut(self, name: str) -> str | None:
        """The analyst's keys for an action (portable text), or None for the defaults."""
        value = self.qsettings.value(f"shortcuts/{name}")
        return value if isinstance(value, str) else None

    def set_shortcut(self, name: str, keys: str | None) -> None:
        self.shortcuts_changed += 1
        if keys is None:
            self.qsettings.remove(f"shortcuts/{name}")
        else:
            self.qsettings.setValue(f"shortcuts/{name}", keys)

    # --- per project --------------------------------------------------------

    @staticmethod
    def _project_key(project_path: Path) -> str:
        digest = sha1(str(Path(project_path).resolve()).encode("utf-8")).hexdigest()
        return f"projects/{digest[:16]}"

    def open_documents(self, project_path: Path) -> list[str]:
        value = self.qsettings.value(self._project_key(project_path) + "/open_documents", [])
        if isinstance(value, str):
            return [value] if value else []
        return [str(v) for v in value] if isinstance(value, (list, tuple)) else []

    def set_open_documents(self, project_path: Path, document_ids: list[str]) -> None:
        key = self._project_key(project_path)
        path = str(Path(project_path).resolve())
        if (
            self.open_documents(project_path) == document_ids
            and self.qsettings.value(key + "/path") == path
        ):
            return  # as saved: a setValue would write the whole file again (at start-up too)
        self.qsettings.setValue(key + "/path", path)
        self.qsettings.setValue(key + "/open_documents", list(document_ids))

    def scroll_positions(self, project_path: Path) -> dict[str, float]:
        """Document id → scroll fraction of each pane when the project was last closed."""
        value = self.qsettings.value(self._project_key(project_path) + "/scroll", "")
        positions: dict[str, float] = {}
        for item in str(value).split(";") if isinstance(value, str) else []:
            document_id, _, fraction = item.partition("=")
            try:
                positions[document_id] = float(fraction)
            except ValueError:
                continue
        return positions

    def set_scroll_positions(self, project_path: Path, positions: dict[str, float]) -> None:
        text = ";".join(f"{d}={f:.4f}" for d, f in positions.items())
        self.qsettings.setValue(self._project_key(project_path) + "/scroll", text)

    def sync(self) -> None:
        self.qsettings.sync()
