"""Noticing edits another program made to the open project file.

SQLite's `PRAGMA data_version` changes when another connection commits; a timer polls
it (one cheap query) and `changed` tells the window to reload what it shows.
"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QObject, QTimer, Signal

from workbench.errors import WorkbenchError
from workbench.project import Project

POLL_MS = 1000


class ExternalChangeWatcher(QObject):
    """Emits `changed` once per poll in which another connection committed to the file."""

    changed = Signal()

    def __init__(
        self, project: Project, parent: QObject | None = None, *, interval_ms: int = POLL_MS
    ) -> None:
        super().__init__(parent)
        self.project = project
        self._version = self._read()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def _read(self) -> int | None:
        try:
            return self.project.data_version()
        except (WorkbenchError, sqlite3.Error):  # a closed or vanished file: nothing to report
            return None

    def poll(self) -> bool:
        """Check now; True (and `changed` emitted) when another program committed."""
        version = self._read()
        if version is None or version == self._version:
            return False
        self._version = version
        self.changed.emit()
        return True
