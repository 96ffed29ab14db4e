"""Guarding an open project file against being deleted or replaced under it.

On POSIX a deleted file stays writable through the open connection, so edits would go
on into a file nobody can find again. Before each write the guard checks that the path
still names the file that was opened; if not, it saves what the connection holds
(a deleted file is put back; a replaced one is saved beside it) and refuses the edit
with a sentence saying where the work is.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from workbench import connection
from workbench.errors import ProjectError

FileId = tuple[int, int]


def file_id(path: Path) -> FileId | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return st.st_dev, st.st_ino


def _copy(conn: sqlite3.Connection, target: Path) -> None:
    """A consistent copy of the open database (WAL content included) at `target`."""
    with contextlib.closing(connection.connect_plain(target)) as out:
        conn.backup(out)


class FileGuard:
    """Remembers which file a project opened; `check` before every write."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.id = file_id(path) if path is not None else None
        self.lost: str | None = None  # the message, once the file was replaced

    def check(self, conn: sqlite3.Connection, reconnect: Callable[[], None]) -> None:
        if self.path is None or self.id is None:
            return
        if self.lost:
            raise ProjectError(self.lost)
        current = file_id(self.path)
        if current == self.id:
            return
        if current is None:
            self._put_back(conn, reconnect)
        self._save_beside(conn)

    def _put_back(self, conn: sqlite3.Connection, reconnect: Callable[[], None]) -> None:
        assert self.path is not None
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.restore")
        try:
            _copy(conn, tmp)
            conn.close()  # checkpoints into the deleted file and removes its -wal and -shm
            if file_id(self.path) is None:
                os.replace(tmp, self.path)
                reconnect()
                self.id = file_id(self.path)
                raise ProjectError(
                    f"{self.path} was deleted by another program while it was open; Workbench "
                    "put it back with everything saved so far. Make the last change again."
                )
            self._save_beside_from(tmp)
        except (sqlite3.Error, OSError) as e:
            raise ProjectError(
                f"{self.path} was deleted by another program while it was open, and Workbench "
                f"could not put it back ({e}); export your work before closing."
            ) from e

    def _save_beside(self, conn: sqlite3.Connection) -> None:
        target = self._free_name()
        try:
            _copy(conn, target)
        except (sqlite3.Error, OSError) as e:
            raise ProjectError(
                f"{self.path} was replaced by another program while it was open, and saving "
                f"your work to {target} failed ({e}); export it before closing."
            ) from e
        self._lost(target)

    def _save_beside_from(self, tmp: Path) -> None:
        target = self._free_name()
        os.replace(tmp, target)
        self._lost(target)

    def _free_name(self) -> Path:
        assert self.path is not None
        for n in range(1, 1000):
            suffix = "" if n == 1 else f"-{n}"
            target = self.path.with_name(f"{self.path.stem}.recovered{suffix}{self.path.suffix}")
            if not target.exists():
                return target
        raise ProjectError(f"Too many recovered copies of {self.path}; tidy its folder.")

    def _lost(self, target: Path) -> None:
        self.lost = (
            f"{self.path} was replaced by another program while it was open; your work up to "
            f"now is saved in {target}. Open one of the two files to go on."
        )
        raise ProjectError(self.lost)
