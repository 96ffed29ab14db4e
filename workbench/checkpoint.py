"""Checkpointing the WAL off the editing thread, and rarely.

By default SQLite checkpoints inside the commit that grows the WAL past 1,000 pages, and
that commit takes 15–30 ms instead of 0.1 ms: the rare edit that misses its frame. In WAL
mode a PASSIVE checkpoint from another connection runs beside readers and writers, so a
window turns the automatic checkpoint off and lets this thread do the work.

It checkpoints only once 1,000 frames wait, as SQLite would: after a checkpoint that
copied everything, the next commit starts the WAL again and syncs its header, and that
fdatasync is the editing thread's (0.5–1 ms here, 20–80 ms when the disk is busy).
Checkpointing every second made nearly every edit pay it.
"""

from __future__ import annotations

import contextlib
import sqlite3
import struct
import threading
from pathlib import Path

from workbench.connection import BUSY_TIMEOUT_S, connect_plain

INTERVAL_S = 1.0
FRAMES = 1000  # SQLite's own automatic checkpoint threshold


def pending_frames(path: Path) -> int:
    """Frames in the WAL not yet copied into the project file.

    Read from the wal-index (the -shm file; https://sqlite.org/walformat.html): its
    header's mxFrame at byte 16 and the checkpoint's nBackfill at byte 96, in native byte
    order. Reading it takes no lock; a torn read only moves one round's decision.
    """
    try:
        with open(f"{path}-shm", "rb") as index:
            head = index.read(100)
    except OSError:
        return 0
    if len(head) < 100:
        return 0
    (frames,) = struct.unpack_from("=I", head, 16)
    (copied,) = struct.unpack_from("=I", head, 96)
    return max(0, frames - copied)


class BackgroundCheckpointer:
    """Every `interval` seconds, copies the committed WAL pages into the project file
    once `frames` of them wait."""

    def __init__(self, path: Path, *, interval: float = INTERVAL_S, frames: int = FRAMES) -> None:
        self.path = path
        self.interval = interval
        self.frames = frames
        self.checkpoints = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="wal-checkpoint", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=10 * BUSY_TIMEOUT_S)

    def _run(self) -> None:
        try:
            conn = connect_plain(self.path, timeout=BUSY_TIMEOUT_S)
        except sqlite3.Error:
            return
        with contextlib.closing(conn):
            while not self._stop.wait(self.interval):
                if pending_frames(self.path) < self.frames:
                    continue
                try:
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                    self.checkpoints += 1
                except sqlite3.Error:
                    continue  # the file went away or is busy: the next round tries again
