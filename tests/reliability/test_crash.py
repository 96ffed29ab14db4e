"""SIGKILL an editing process (the window's ProjectController path) and check the file."""

from __future__ import annotations

from pathlib import Path

from crash_harness import make_project, run_kills, verify


def test_every_reported_edit_survives_sigkill(tmp_path: Path) -> None:
    path = tmp_path / "crash.wbproj"
    make_project(path)
    stats = run_kills(path, kills=4, seed=7)
    assert stats.problems == []
    assert stats.kills == 4
    assert stats.edits > 20  # the children really edited before dying


def test_verify_catches_a_lost_edit(tmp_path: Path) -> None:
    """The checker itself can fail: a reported span that is not in the file is reported."""
    path = tmp_path / "crash.wbproj"
    make_project(path)
    assert verify(path, {"no-such-span": 1}, None) == [
        "span no-such-span: expected 1, file has None"
    ]
