"""Work the window does between input events, within one budget per pass of the loop.

A long article leaves work after its first paint: its spans still to read, the
highlights of the blocks off screen, the annotation list's rows. Each view used to run it
from a zero-interval timer of its own, a slice of a few milliseconds each; but Qt fires
every timer that is due in one pass of the event loop, so three slices and the repaint
after them made passes of 25-35 ms in which a key press waited. One timer now runs all
of them in turn, together within `BUDGET_SECONDS` a pass.

A `Slices` is one view's share: `step(deadline)` does some of its work (at least one
unit, stopping when `time.perf_counter()` passes the deadline) and returns whether any
is left. It stops when its owner (a QObject) is destroyed.

Work that is all SQL and cannot be cut in slices (the dashboard's counts) runs in a thread
instead (`in_thread`), over a second connection of its own (`Project.reader`).
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QTimer

T = TypeVar("T")

BUDGET_SECONDS = 0.005

Step = Callable[[float], bool]


class Slices:
    """One view's work in slices, run by the window's one background timer."""

    def __init__(self, owner: QObject, step: Step) -> None:
        self._step = step
        owner.destroyed.connect(self.stop)

    def start(self) -> None:
        _scheduler().add(self)

    def stop(self) -> None:
        if _instance is not None:
            _instance.discard(self)

    def isActive(self) -> bool:  # noqa: N802  # as QTimer says it
        return _instance is not None and _instance.holds(self)

    def run(self, deadline: float) -> bool:
        return self._step(deadline)


class _Scheduler(QObject):
    """The jobs with work left, run in turn from one zero-interval timer."""

    def __init__(self, parent: QObject | None) -> None:
        super().__init__(parent)
        self._jobs: list[Slices] = []
        self._next = 0  # the job that goes first in the next pass: no job waits behind another
        self._timer = QTimer(self, interval=0)
        self._timer.timeout.connect(self._on_pass)

    def add(self, job: Slices) -> None:
        if job not in self._jobs:
            self._jobs.append(job)
        if not self._timer.isActive():
            self._timer.start()

    def discard(self, job: Slices) -> None:
        if job in self._jobs:
            at = self._jobs.index(job)
            del self._jobs[at]
            if at < self._next:
                self._next -= 1
        if not self._jobs:
            self._timer.stop()

    def holds(self, job: Slices) -> bool:
        return job in self._jobs

    def _on_pass(self) -> None:
        deadline = time.perf_counter() + BUDGET_SECONDS
        served = 0
        while self._jobs and served < len(self._jobs):
            at = self._next % len(self._jobs)
            job = self._jobs[at]
            self._next = at + 1
            served += 1
            if not job.run(deadline) and job in self._jobs:
                self.discard(job)
            if time.perf_counter() >= deadline:
                break
        if not self._jobs:
            self._timer.stop()


_instance: _Scheduler | None = None


def _scheduler() -> _Scheduler:
    global _instance
    if _instance is None:
        _instance = _Scheduler(QCoreApplication.instance())
    return _instance


def keep_for_the_session() -> None:
    """Take every object alive now out of the collector's full scans (`gc.freeze`).

    For reading in slices whose results stay for the session (an article's spans, the
    compare view's figures): tens of thousands of objects made a full collection of 30-50 ms
    at 200k spans, which came due in the middle of a slice. They hold no cycles; whatever
    does, and dies later, is never collected, a small leak taken for no pause."""
    gc.freeze()


def in_thread(
    owner: QObject,
    work: Callable[[], T],
    done: Callable[[T], None],
    failed: Callable[[Exception], None],
) -> None:
    """Run `work` in a thread of its own, then `done(result)` (or `failed(error)`) in this
    one; neither once `owner` is gone or its timers were stopped. For reading that is all
    SQL (sqlite3 lets go of the GIL while a query runs): `work` must touch neither Qt nor
    the window's connection."""
    box: list[tuple[bool, Any]] = []

    def run() -> None:
        try:
            box.append((True, work()))
        except Exception as e:  # noqa: BLE001  # handed to `failed`, in the window's thread
            box.append((False, e))

    thread = threading.Thread(target=run, name="workbench-read", daemon=True)
    timer = QTimer(owner, interval=10)

    def poll() -> None:
        if not box:
            return
        timer.stop()
        timer.deleteLater()
        ok, value = box[0]
        if ok:
            done(value)
        else:
            failed(value)

    timer.timeout.connect(poll)
    thread.start()
    timer.start()
