"""The two kinds of failure: the user's or the environment's (a clear sentence), and bugs."""

from __future__ import annotations

from pathlib import Path


class WorkbenchError(Exception):
    """A failure the user can act on; its message is one sentence shown as it is."""


class ProjectError(WorkbenchError):
    """The project file cannot be opened or written."""


class FormatError(WorkbenchError):
    """An input file is malformed; the message names the file and, where known, the line."""

    def __init__(self, path: str | Path, message: str, *, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        where = f"{self.path}, line {line}" if line is not None else self.path
        super().__init__(f"{where}: {message}")


class EditError(WorkbenchError):
    """An edit breaks a rule of the data model (a span outside its text, a duplicate...)."""
