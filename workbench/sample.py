"""The bundled sample project: five articles on North Korean troops in Russia (October 2024).

`python -m workbench.sample OUT.wbproj` rebuilds the project file from the texts in
sample_projects/articles/; `user_sample_project()` gives the window a private copy.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

from workbench.config import data_dir
from workbench.connection import copy_project
from workbench.errors import WorkbenchError
from workbench.project import Project

REPO_SAMPLES = Path(__file__).resolve().parents[1] / "sample_projects"
SAMPLE_NAME = "north_korean_troops.wbproj"


def articles_dir() -> Path:
    return REPO_SAMPLES / "articles"


# A first run that teaches: the first article comes with a few spans of every label,
# two links and a figure for the Compare view, made by the annotator "sample".
EXAMPLE_ANNOTATOR = "sample"
EXAMPLE_SPANS = (  # (text found in the first article, label)
    ("South Korea has summoned the Russian ambassador", "claim"),
    ("Seoul’s intelligence agency", "source"),
    ("approximately 1,500 North Korean soldiers", "figure"),
    ("he refrained from confirming the allegations", "denial"),
)
EXAMPLE_LINKS = (  # (head text, tail text, relation type), texts as in EXAMPLE_SPANS
    ("approximately 1,500 North Korean soldiers", "Seoul’s intelligence agency", "attributed_to"),
    (
        "he refrained from confirming the allegations",
        "South Korea has summoned the Russian ambassador",
        "denies",
    ),
)


def build_sample(path: Path, *, examples: bool = False) -> None:
    """Build the sample project at `path` from the bundled article texts; with
    `examples`, tag the first article as a new user first sees it."""
    from workbench.importer import import_paths

    # Titles are taken from each article's text: two have no headline line, and one
    # opens with a forum's banner (sample_projects/titles.json).
    titles = json.loads((REPO_SAMPLES / "titles.json").read_text("utf-8"))
    with Project.create(path) as project:
        import_paths(project, sorted(articles_dir().glob("*.txt")), annotator="sample")
        for doc in project.documents():
            if doc.source in titles:
                project.rename_document(doc.id, titles[doc.source])
        if examples:
            tag_examples(project)


def tag_examples(project: Project) -> None:
    """The first article's example spans and links (texts that are missing are skipped)."""
    from workbench.figures import FIGURE_LABEL, with_figure

    document = project.document(project.document_ids()[0])
    labels = {label.name: label.id for label in project.labels()}
    made: dict[str, str] = {}
    for text, label in EXAMPLE_SPANS:
        start = document.text.find(text)
        if start < 0 or label not in labels:
            continue
        end = start + len(text)
        attrs = with_figure({}, document.text, start, end) if label == FIGURE_LABEL else {}
        made[text] = project.add_span(
            document.id, start, end, labels[label], annotator=EXAMPLE_ANNOTATOR, attrs=attrs
        ).id
    for head, tail, kind in EXAMPLE_LINKS:
        relation_type = project.relation_type_named(kind)
        if head in made and tail in made and relation_type is not None:
            project.add_relation(
                made[head], made[tail], relation_type.id, annotator=EXAMPLE_ANNOTATOR
            )


def bundled_sample() -> Path:
    return REPO_SAMPLES / SAMPLE_NAME


def user_sample_project() -> Path:
    """A copy of the sample project in the user's data folder (the bundled one stays pristine)."""
    target = data_dir() / SAMPLE_NAME
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        source = bundled_sample()
        if source.exists():
            _land(target, lambda made: copy_project(source, made))
        else:
            write_sample(target)
    return target


def write_sample(target: Path) -> None:
    """Build the sample with its examples in place of `target`: whole, or not at all."""
    _land(target, lambda made: build_sample(made, examples=True))


def _land(target: Path, make: Callable[[Path], None]) -> None:
    # Made in a folder beside the target and renamed over it: a build or copy that stops
    # half way leaves the target as it was (a half-made sample would open next time).
    from workbench.output_files import replace_file, temporary_beside

    with temporary_beside(target, folder=True) as folder:
        made = folder / target.name
        make(made)
        replace_file(made, target)


def main(argv: list[str] | None = None) -> int:
    import argparse

    from workbench.cli_output import EXIT_ERROR, shown

    parser = argparse.ArgumentParser(
        prog="python -m workbench.sample",
        description="Rebuild the sample project from sample_projects/articles/.",
    )
    parser.add_argument(
        "out", nargs="?", type=Path, default=bundled_sample(), help="the project file to write"
    )
    out: Path = parser.parse_args(argv).out
    try:
        if not out.parent.is_dir():
            raise WorkbenchError(f"Cannot write {out}: folder {out.parent} does not exist.")
        write_sample(out)
    except WorkbenchError as e:
        print(shown(f"python -m workbench.sample: {e}"), file=sys.stderr)
        return EXIT_ERROR
    print(shown(f"Built {out}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
