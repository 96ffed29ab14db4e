"""Shared fixtures: fresh projects, isolated settings, and Qt forced offscreen."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before any Qt import: the tests never need a display. The offscreen screen is a
# desktop-sized 1920x1080 (its default 800x800 would shrink the window, which now fits
# its screen); tests/ui/test_window_on_screen.py checks real laptop screens under Xvfb.
OFFSCREEN_CONFIG = Path(__file__).with_name("data") / "offscreen_screen.json"
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={OFFSCREEN_CONFIG}"

from workbench.project import Project  # noqa: E402

SEED_ARTICLES = Path(__file__).resolve().parents[1] / "sample_projects" / "articles"


@pytest.fixture(autouse=True)
def _isolated_settings(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never read or write the developer's own settings or data folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("WORKBENCH_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("WORKBENCH_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg-config"))


@pytest.fixture
def project() -> Iterator[Project]:
    """A fresh project in memory."""
    p = Project.memory()
    yield p
    p.close()


@pytest.fixture
def project_file(tmp_path: Path) -> Path:
    """The path of a fresh project file on disk (created, then closed)."""
    path = tmp_path / "test.wbproj"
    Project.create(path).close()
    return path


@pytest.fixture
def sample_project_file(tmp_path: Path) -> Path:
    """A fresh copy of the sample project (five articles, no spans), never the bundled file."""
    from workbench.sample import build_sample

    path = tmp_path / "sample.wbproj"
    build_sample(path)
    return path
