"""The `workbench` command: a thin layer over the core.

User errors print one sentence to stderr and exit 1; usage errors exit 2.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from workbench import __version__, formats
from workbench.config import Config
from workbench.errors import WorkbenchError
from workbench.formats.records import Report
from workbench.model import STATUSES
from workbench.project import Project
from workbench.wording import counted

EXIT_ERROR = 1


class _Progress:
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


def _open(path: str) -> Project:
    return Project.open(path)


def cmd_new(args: argparse.Namespace) -> int:
    labels = [name.strip() for name in args.labels.split(",") if name.strip()] if args.labels else None
    path = Path(args.project)
    if path.suffix != ".wbproj":
        path = path.with_name(path.name + ".wbproj")
    with Project.create(path, labels=labels) as project:
        names = ", ".join(label.name for label in project.labels())
    print(f"Created {path} with labels {names}.")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from workbench.importer import import_paths

    progress = _Progress("Reading file")
    with _open(args.project) as project:
        try:
            report = import_paths(project, args.paths, format=args.format, strict=args.strict,
                                  annotator=args.annotator, encoding=args.encoding,
                                  progress=progress)
        finally:
            progress.finish()
    _print_warnings(report)
    print(_summary("Imported", report), file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from workbench.exporter import export_project

    progress = _Progress("Exporting document")
    options = dict(kv.split("=", 1) for kv in args.option)
    with _open(args.project) as project:
        try:
            report = export_project(project, args.output, format=args.format, labels=args.label,
                                    annotators=args.annotator, statuses=args.status,
                                    only_annotated=args.only_annotated, progress=progress,
                                    **options)
        finally:
            progress.finish()
    _print_warnings(report)
    where = "standard output" if args.output == "-" else args.output
    print(_summary(f"Exported to {where}:", report), file=sys.stderr)
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from workbench.stats import project_stats, render_stats

    with _open(args.project) as project:
        if args.plot:
            _plot(project, args.plot)
            print(f"Wrote the charts to {args.plot}.", file=sys.stderr)
        else:
            print(render_stats(project_stats(project)), end="")
    return 0


def _plot(project: Project, out: str) -> None:
    """Draw the dashboard's charts into a PNG with Qt, offscreen when there is no display."""
    import os

    from workbench.chart_data import chart_data

    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from workbench.ui.charts import render_png
    except ImportError as e:
        raise WorkbenchError(f"Cannot draw charts without Qt ({e}).") from e
    render_png(chart_data(project), out)


def cmd_compare(args: argparse.Namespace) -> int:
    from workbench.compare import build_table, render_table, write_csv
    from workbench.figures import sync_figures

    with _open(args.project) as project:
        sync_figures(project)
        table = build_table(project, group_by=args.group_by)
        if args.csv:
            write_csv(table, args.csv)
            print(f"Wrote {len(table.rows)} rows to {args.csv}.", file=sys.stderr)
        else:
            print(render_table(table, width=args.width), end="")
    return 0


def cmd_suggest(args: argparse.Namespace) -> int:
    from workbench import suggest

    with _open(args.project) as project:
        if args.rules:
            suggest.set_project_rules(project, suggest.read_rules_file(args.rules))
        report = suggest.run_suggester(project, labels=args.label)
        pending = suggest.suggestions(project, labels=args.label)
        counts: dict[str, int] = {}
        for s in pending:
            counts[s.label] = counts.get(s.label, 0) + 1
        if args.accept:
            spans = suggest.accept(project, [s.id for s in pending])
            print(f"Accepted {counted(len(spans), 'suggestion')} as spans by "
                  f"'{suggest.SUGGESTER}'.", file=sys.stderr)
            counts = {}  # accepted ones are spans now, no longer pending
    detail = ", ".join(f"{n} {label}" for label, n in sorted(counts.items())) or "none"
    print(f"{counted(report.added, 'new suggestion')}; pending: {detail}; "
          f"{report.rejected} rejected before and not proposed again.", file=sys.stderr)
    return 0


def cmd_open(args: argparse.Namespace) -> int:
    path = Path(args.project) if args.project else _default_project()
    Project.open(path).close()  # refuse bad files here, with the CLI's message
    config = Config.load()
    config.remember(path)
    config.save()
    try:
        from workbench.ui.app import run
    except ImportError as e:
        raise WorkbenchError(
            f"The window cannot start ({e}); the command-line tools still work "
            "(see 'workbench --help')."
        ) from e
    return run(path)


def cmd_config(args: argparse.Namespace) -> int:
    config = Config.load()
    if args.annotator is not None:
        name = args.annotator.strip()
        if not name:
            raise WorkbenchError("The annotator's name cannot be empty.")
        config.annotator = name
        config.save()
    print(f"annotator: {config.annotator}")
    return 0


def _default_project() -> Path:
    from workbench.sample import user_sample_project

    for recent in Config.load().recent_projects:
        if Path(recent).is_file():
            return Path(recent)
    return user_sample_project()


def _summary(verb: str, report: Report) -> str:
    parts = [counted(report.documents, "document"), counted(report.spans, "span"),
             counted(report.relations, "relation")]
    if report.skipped_documents:
        parts.append(f"{counted(report.skipped_documents, 'document')} already in the project")
    if report.skipped_spans:
        parts.append(f"{counted(report.skipped_spans, 'duplicate span')} skipped")
    if report.added_labels:
        parts.append(f"new labels: {', '.join(report.added_labels)}")
    return f"{verb} {', '.join(parts)}."


def _print_warnings(report: Report) -> None:
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workbench",
        description="Annotate news articles side by side and export the annotations.",
        epilog="With no command, opens the window on the most recent project "
               "(or on a copy of the sample project).",
    )
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("open", help="open the window on a project",
                       description="Open the window on PROJECT.")
    p.add_argument("project", metavar="PROJECT")
    p.set_defaults(func=cmd_open)

    p = sub.add_parser("new", help="create a project file",
                       description="Create a new project file (.wbproj).")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("--labels", metavar="A,B,...",
                   help="the label scheme (default: claim,source,denial,figure)")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser(
        "import", help="import files and folders into a project",
        description="Import files and folders (recursively) into PROJECT, all or nothing. "
                    f"Formats: {', '.join(formats.import_formats())}.",
    )
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("paths", metavar="PATH", nargs="+")
    p.add_argument("--format", choices=formats.import_formats(),
                   help="read every file in this format (default: by file name)")
    p.add_argument("--strict", action="store_true",
                   help="refuse labels the project does not have, instead of adding them")
    p.add_argument("--annotator", help="annotator of imported spans that name none "
                                       "(default: the configured annotator)")
    p.add_argument("--encoding", help="decode text files with this encoding instead of UTF-8")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser(
        "export", help="export the annotations",
        description="Export PROJECT's documents and annotations. The file is written to a "
                    "temporary name and renamed, so an interrupted export leaves no half file.",
    )
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("-o", "--output", required=True, metavar="OUT",
                   help="the output file ('-' for standard output)")
    p.add_argument("--format", default="jsonl", choices=formats.export_formats())
    p.add_argument("--label", action="append", metavar="L", help="only spans with this label")
    p.add_argument("--annotator", action="append", metavar="A",
                   help="only spans by this annotator")
    p.add_argument("--status", action="append", choices=STATUSES,
                   help="only documents with this status")
    p.add_argument("--only-annotated", action="store_true",
                   help="only documents that have spans (after the filters)")
    p.add_argument("--option", action="append", default=[], metavar="KEY=VALUE",
                   help="a format option (e.g. lang=en)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("stats", help="count documents and spans",
                       description="Documents, spans per label, per annotator and per document.")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("--plot", metavar="OUT.png",
                   help="draw the dashboard's charts into a PNG instead of printing counts")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("config", help="show or change your settings",
                       description="Show the settings the window and the commands share; "
                                   "--annotator sets the name recorded on new spans.")
    p.add_argument("--annotator", metavar="NAME",
                   help="your name as annotator (default: your login name)")
    p.set_defaults(func=cmd_config)

    p = sub.add_parser(
        "compare", help="compare facts and figures across the documents",
        description="One row per group of spans linked same_as and per figure group, one "
                    "column per document, with each span's source and any denial. Stores "
                    "the parsed value of figure spans first.",
    )
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("--csv", metavar="OUT", help="write the table as CSV instead of printing it")
    p.add_argument("--group-by", choices=("value", "counts"), default="value",
                   help="one figure row per value (default) or per thing counted")
    p.add_argument("--width", type=int, default=24, help="width of a document column")
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser(
        "suggest", help="propose spans with the rule-based suggester",
        description="Propose spans from readable rules (resources/suggest_rules.json plus the "
                    "project's own). Suggestions wait in the project for review; a rejected "
                    "one is not proposed again. --accept stores them all as spans.",
    )
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("--label", action="append", metavar="L", help="only suggest this label")
    p.add_argument("--accept", action="store_true",
                   help="accept every pending suggestion as a span (annotator 'suggester')")
    p.add_argument("--rules", metavar="FILE",
                   help="store this rules file in the project (extends the built-in rules)")
    p.set_defaults(func=cmd_suggest)

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] = getattr(args, "func", None) or _open_default
    if args.command == "export" and any("=" not in kv for kv in args.option):
        parser.error("--option takes KEY=VALUE")
    try:
        return func(args)
    except WorkbenchError as e:
        print(f"workbench: {e}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("workbench: interrupted; nothing was changed.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_ERROR


def _open_default(args: argparse.Namespace) -> int:
    args.project = None
    return cmd_open(args)


if __name__ == "__main__":
    sys.exit(main())
