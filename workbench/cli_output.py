"""What every command shares: opening a project, progress, and text safe for a terminal."""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING

from workbench.control_chars import escape_controls
from workbench.errors import WorkbenchError
from workbench.wording import counted

if TYPE_CHECKING:  # cli.py imports this module for `shown`: nothing heavier at start-up
    from workbench.formats.records import Report
    from workbench.project import Project

EXIT_ERROR = 1


class Progress:
    """A one-line progress counter on stderr, shown only when the work takes a moment."""

    def __init__(self, verb: str, *, delay: float = 0.5) -> None:
        self.verb = verb
        self.delay = delay
        self.started = time.monotonic()
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if not sys.stderr.isatty() or time.monotonic() - self.started < self.delay:
            return
        self.shown = True
        print(f"\r{self.verb} {done}/{total}", end="", file=sys.stderr, flush=True)

    def finish(self) -> None:
        if self.shown:
            print(file=sys.stderr)


def open_project(path: str) -> Project:
    """Open a project for a command; a damaged one is refused before anything is read or
    written (PRAGMA quick_check), not halfway through."""
    from workbench import connection
    from workbench.project import Project

    project = Project.open(path)
    try:
        connection.require_sound(project.conn, path)
    except WorkbenchError:
        project.close()
        raise
    return project


def summary(verb: str, report: Report) -> str:
    parts = [
        counted(report.documents, "document"),
        counted(report.spans, "span"),
        counted(report.relations, "relation"),
    ]
    if report.skipped_documents:
        parts.append(f"{counted(report.skipped_documents, 'document')} already in the project")
    if report.skipped_spans:
        parts.append(f"{counted(report.skipped_spans, 'duplicate span')} skipped")
    if report.added_labels:
        parts.append(f"new labels: {', '.join(report.added_labels)}")
    return f"{verb} {', '.join(parts)}."


def shown(text: str, *, lines: bool = False) -> str:
    """User data made safe for a terminal: control characters (ESC, CR...) escaped.

    `lines` keeps the line breaks of a multi-line report Workbench laid out itself.
    """
    return escape_controls(text, keep_newlines=lines)


def print_warnings(report: Report) -> None:
    for warning in report.warnings:
        print(shown(f"warning: {warning}"), file=sys.stderr)
