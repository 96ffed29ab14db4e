"""User settings shared by the command line and the window (a JSON file in the config folder).

The window keeps its own look and layout in QSettings; what the core needs — the
annotator's name and the recent projects — lives here so the CLI sees it too.
"""

from __future__ import annotations

import getpass
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

import platformdirs

APP = "workbench"
RECENT_MAX = 10


def config_dir() -> Path:
    override = os.environ.get("WORKBENCH_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP))


def data_dir() -> Path:
    override = os.environ.get("WORKBENCH_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP))


def default_annotator() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "analyst"


def annotator_problem(name: str) -> str:
    """Why `name` cannot be the analyst's own ("" when it can)."""
    from workbench.suggestion_rows import SUGGESTER

    if not name.strip():
        return "The annotator's name cannot be empty."
    if name.strip() == SUGGESTER:
        # Their spans would pass for machine suggestions: left out of agreement's people,
        # the annotators menu, and mixed with every `suggest --accept`.
        return f"'{SUGGESTER}' is the name Workbench gives machine suggestions; choose your own."
    return ""


@dataclass
class Config:
    annotator: str = field(default_factory=default_annotator)
    recent_projects: list[str] = field(default_factory=list)

    @classmethod
    def load(cls) -> Config:
        path = config_dir() / "config.json"
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict):
            return cls()
        config = cls()
        if isinstance(data.get("annotator"), str) and data["annotator"].strip():
            config.annotator = data["annotator"]
        if isinstance(data.get("recent_projects"), list):
            config.recent_projects = [p for p in data["recent_projects"] if isinstance(p, str)]
        return config

    def save(self) -> None:
        folder = config_dir()
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / "config.json.tmp"
        tmp.write_text(json.dumps(asdict(self), indent=2, ensure_ascii=False), "utf-8")
        tmp.replace(folder / "config.json")

    def forget(self, project: str | Path) -> bool:
        """Take a project off the recent ones; True when it was there."""
        path = str(Path(project).resolve())
        kept = [p for p in self.recent_projects if p != path]
        gone, self.recent_projects = len(kept) != len(self.recent_projects), kept
        return gone

    def remember(self, project: str | Path) -> None:
        path = str(Path(project).resolve())
        self.recent_projects = [path] + [p for p in self.recent_projects if p != path]
        del self.recent_projects[RECENT_MAX:]
