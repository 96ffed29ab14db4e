"""Checkpointing the WAL off the editing thread, and rarely.

By default SQLite checkpoints inside the commit that grows the WAL past 1,000 pages, and
that commit takes 15–30 ms instead of 0.1 ms: the rare edit that misses its frame. In WAL
mode a PASSIVE checkpoint from another connection runs beside readers and writers, so a
window turns the automatic checkpoint off and lets this thread do the work.

It checkpoints only after `COMMITS` commits of the window's connection (an edit writes
about five pages: about SQLite's 1,000) or once the WAL file has grown by 1,000 pages (an
import): after a checkpoint that copied everything, the next commit starts the WAL again
and fdatasyncs its header in the editing thread (0.5–1 ms here, 20–80 ms when the disk is
busy). Checkpointing every second made nearly every edit pay that.

The thread never opens the -wal or -shm file itself (it only stats the WAL): closing any
descriptor of a file drops every POSIX lock the process holds on it, SQLite's among them,
and another process's connection then rebuilt the wal-index as if the window had gone.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

from workbench.connection import BUSY_TIMEOUT_S, connect_plain

INTERVAL_S = 1.0
COMMITS = 200
GROWTH_BYTES = 1000 * (4096 + 24)  # 1,000 WAL frames of 4 KiB pages


class BackgroundCheckpointer:
    """Every `interval` seconds, copies the committed WAL pages into the project file
    once `every` commits were made (`commits()` counts them) or the WAL grew a lot."""

    def __init__(
        self,
        path: Path,
        commits: Callable[[], int],
        *,
        interval: float = INTERVAL_S,
        every: int = COMMITS,
    ) -> None:
        self.path = path
        self.interval = interval
        self.every = every
        self.checkpoints = 0
        self.rounds = 0
        self._commits = commits
        self._seen = commits()
        self._wal_size = self._size()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="wal-checkpoint", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=10 * BUSY_TIMEOUT_S)

    def _size(self) -> int:
        try:
            return os.stat(f"{self.path}-wal").st_size
        except OSError:
            return 0

    def _due(self) -> bool:
        commits, size = self._commits(), self._size()
        if commits - self._seen < self.every and size < self._wal_size + GROWTH_BYTES:
            return False
        self._seen, self._wal_size = commits, size
        return True

    def _run(self) -> None:
        try:
            conn = connect_plain(self.path, timeout=BUSY_TIMEOUT_S)
        except sqlite3.Error:
            return
        with contextlib.closing(conn):
            while not self._stop.wait(self.interval):
                if self._due():
                    try:
                        conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                        self.checkpoints += 1
                    except sqlite3.Error:
                        pass  # the file went away or is busy: a later round tries again
                self.rounds += 1
