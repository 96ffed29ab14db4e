"""The window's background work: one budget per pass of the event loop, jobs in turn."""

from __future__ import annotations

from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QObject

from workbench.ui.shared import background
from workbench.ui.shared.background import BUDGET_SECONDS, Slices


class _Clock:
    """time.perf_counter for the scheduler, moved on by the jobs themselves."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> _Clock:
    fake = _Clock()
    monkeypatch.setattr(background.time, "perf_counter", fake)
    return fake


def _job(owner: QObject, clock: _Clock, calls: list[str], name: str, seconds: float) -> Slices:
    """A job that takes `seconds` a step, whatever its deadline, and never runs out."""

    def step(deadline: float) -> bool:
        calls.append(name)
        clock.now += seconds
        return True

    return Slices(owner, step)


def test_a_pass_runs_jobs_until_the_budget_is_spent(qapp: Any, clock: _Clock) -> None:
    owner, calls = QObject(), []
    jobs = [_job(owner, clock, calls, name, BUDGET_SECONDS * 0.6) for name in "abc"]
    for job in jobs:
        job.start()
    try:
        background._scheduler()._on_pass()
        assert calls == ["a", "b"]  # b ends past the budget: c waits for the next pass
        background._scheduler()._on_pass()
        assert calls == ["a", "b", "c", "a"]  # and goes first then: no job waits behind others
    finally:
        for job in jobs:
            job.stop()


def test_a_job_that_spends_every_budget_does_not_starve_the_others(
    qapp: Any, clock: _Clock
) -> None:
    owner, calls = QObject(), []
    greedy = _job(owner, clock, calls, "greedy", BUDGET_SECONDS * 3)
    small = _job(owner, clock, calls, "small", 0.0)
    greedy.start()
    small.start()
    try:
        for _ in range(4):
            background._scheduler()._on_pass()
        # Each pass after the first starts with the job the greedy one held up.
        assert calls == ["greedy", "small", "greedy", "small", "greedy", "small", "greedy"]
    finally:
        greedy.stop()
        small.stop()


def test_a_job_ends_when_it_has_no_work_left_or_its_owner_goes(qtbot: Any) -> None:
    owner = QObject()
    left = [3]

    def step(deadline: float) -> bool:
        left[0] -= 1
        return left[0] > 0

    job = Slices(owner, step)
    job.start()
    assert job.isActive()
    qtbot.waitUntil(lambda: not job.isActive())
    assert left == [0]

    other = QObject()
    steps: list[float] = []
    endless = Slices(other, lambda deadline: steps.append(deadline) is None)
    endless.start()
    qtbot.waitUntil(lambda: len(steps) > 2)
    shiboken6.delete(other)  # the view that owned the work is gone
    assert not endless.isActive()
    count = len(steps)
    qtbot.wait(20)
    assert len(steps) == count
