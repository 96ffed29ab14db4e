"""The bundled sample project: five articles on North Korean troops in Russia (October 2024).

`python -m workbench.sample OUT.wbproj` rebuilds the project file from the texts in
sample_projects/articles/; `user_sample_project()` gives the window a private copy.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from workbench.config import data_dir
from workbench.connection import copy_project
from workbench.project import Project

REPO_SAMPLES = Path(__file__).resolve().parents[1] / "sample_projects"
SAMPLE_NAME = "north_korean_troops.wbproj"


def articles_dir() -> Path:
    return REPO_SAMPLES / "articles"


def build_sample(path: Path) -> None:
    """Build the sample project at `path` from the bundled article texts."""
    from workbench.importer import import_paths

    # Titles are taken from each article's text: two have no headline line, and one
    # opens with a forum's banner (sample_projects/titles.json).
    titles = json.loads((REPO_SAMPLES / "titles.json").read_text("utf-8"))
    with Project.create(path) as project:
        import_paths(project, sorted(articles_dir().glob("*.txt")), annotator="sample")
        for doc in project.documents():
            if doc.source in titles:
                project.rename_document(doc.id, titles[doc.source])


def bundled_sample() -> Path:
    return REPO_SAMPLES / SAMPLE_NAME


def user_sample_project() -> Path:
    """A copy of the sample project in the user's data folder (the bundled one stays pristine)."""
    target = data_dir() / SAMPLE_NAME
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        source = bundled_sample()
        if source.exists():
            copy_project(source, target)
        else:
            build_sample(target)
    return target


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else bundled_sample()
    if out.exists():
        out.unlink()
    build_sample(out)
    print(f"Built {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
