"""The `workbench` command: a thin layer over the core.

User errors print one sentence to stderr and exit 1; usage errors exit 2.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from workbench import __version__, connection, formats
from workbench.config import Config
from workbench.control_chars import escape_controls
from workbench.errors import WorkbenchError
from workbench.exporter import refuse_project_files
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
    """Open a project for a command; a damaged one is refused before anything is read or
    written (PRAGMA quick_check), not halfway through."""
    project = Project.open(path)
    try:
        connection.require_sound(project.conn, path)
    except WorkbenchError:
        project.close()
        raise
    return project


def cmd_new(args: argparse.Namespace) -> int:
    labels = [name.strip() for name in args.labels.split(",") if name.strip()] if args.labels else None
    path = Path(args.project)
    if path.suffix != ".wbproj":
        path = path.with_name(path.name + ".wbproj")
    with Project.create(path, labels=labels) as project:
        names = ", ".join(label.name for label in project.labels())
    print(_shown(f"Created {path} with labels {names}."))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from workbench.edits import ImportFiles

    progress = _Progress("Reading file")
    with _open(args.project) as project:
        try:
            report = ImportFiles(tuple(args.paths), format=args.format, strict=args.strict,
                                 annotator=args.annotator, encoding=args.encoding,
                                 progress=progress).apply(project).result
        finally:
            progress.finish()
    _print_warnings(report)
    print(_shown(_summary("Imported", report)), file=sys.stderr)
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
    print(_shown(_summary(f"Exported to {where}:", report)), file=sys.stderr)
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from workbench.stats import project_stats, render_stats

    with _open(args.project) as project:
        if args.plot:
            refuse_project_files(project, Path(args.plot))
            _plot(project, args.plot)
            print(_shown(f"Wrote the charts to {args.plot}."), file=sys.stderr)
        else:
            print(_shown(render_stats(project_stats(project)), lines=True), end="")
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
    from workbench.edits import SyncFigures

    with _open(args.project) as project:
        SyncFigures().apply(project)
        table = build_table(project, group_by=args.group_by)
        if args.csv:
            refuse_project_files(project, Path(args.csv))
            write_csv(table, args.csv, keep_formulas=args.keep_formulas)
            print(_shown(f"Wrote {len(table.rows)} rows to {args.csv}."), file=sys.stderr)
        else:
            print(_shown(render_table(table, width=args.width), lines=True), end="")
    return 0


def cmd_suggest(args: argparse.Namespace) -> int:
    from workbench import suggest
    from workbench.edits import AcceptSuggestions, RunSuggester
    from workbench.learned import RULE_PREFIX as LEARNED_RULE_PREFIX

    with _open(args.project) as project:
        if args.rules:
            suggest.store_rules_file(project, args.rules)
        report = RunSuggester(labels=args.label and tuple(args.label),
                              from_rules=not args.from_tags).apply(project).result
        for warning in report.warnings:
            print(f"warning: {_shown(warning)}", file=sys.stderr)
        pending = suggest.suggestions(project, labels=args.label)
        if args.from_tags:
            pending = [s for s in pending if s.rule.startswith(LEARNED_RULE_PREFIX)]
        counts: dict[str, int] = {}
        for s in pending:
            counts[s.label] = counts.get(s.label, 0) + 1
        if args.accept:
            accepted = AcceptSuggestions(tuple(s.id for s in pending)).apply(project)
            spans = accepted.record.spans_added
            print(f"Accepted {counted(len(spans), 'suggestion')} as spans by "
                  f"'{suggest.SUGGESTER}'.", file=sys.stderr)
            counts = {}  # accepted ones are spans now, no longer pending
    detail = ", ".join(f"{n} {label}" for label, n in sorted(counts.items())) or "none"
    print(_shown(f"{counted(report.added, 'new suggestion')}; pending: {detail}; "
                 f"{report.rejected} rejected before and not proposed again."), file=sys.stderr)
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from workbench.edits import MergeProjects

    with _open(args.target) as project:
        report = MergeProjects(tuple(args.sources)).apply(project).result
    print(report.summary())
    return 0


def cmd_agreement(args: argparse.Namespace) -> int:
    from workbench.agreement import compute_agreement
    from workbench.agreement_report import render_table, to_json, write_csv

    with _open(args.project) as project:
        result = compute_agreement(project, annotators=args.annotator, labels=args.label)
    if args.json:
        sys.stdout.write(to_json(result) + "\n")
    elif args.csv:
        write_csv(result, args.csv)
        print(f"Wrote the agreement table to {args.csv}.", file=sys.stderr)
    else:
        print(render_table(result), end="")
    return 0


def cmd_adjudicate(args: argparse.Namespace) -> int:
    from workbench.edits import AcceptAgreed

    with _open(args.project) as project:
        report = AcceptAgreed(args.into, args.annotator and tuple(args.annotator),
                              min_agree=args.min_agree).apply(project).result
    print(report.summary())
    return 0


def cmd_open(args: argparse.Namespace) -> int:
    path = Path(args.project) if args.project else _default_project()
    _open(str(path)).close()  # refuse bad files here, with the CLI's message
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


def cmd_check(args: argparse.Namespace) -> int:
    from workbench.project_check import check_project

    path = Path(args.project)
    problems = check_project(path)
    for problem in problems:
        print(f"{path}: {problem}")
    if problems:
        return EXIT_ERROR
    print("OK")
    return 0


def cmd_recover(args: argparse.Namespace) -> int:
    from workbench.recover import recover_project

    report = recover_project(Path(args.project), Path(args.new_project))
    for table in report.tables:
        print(table.describe())
    for name in report.missing:
        print(f"{name}: lost (the damaged file no longer lists it)")
    if report.ignored_journals:
        print(f"not read: {', '.join(report.ignored_journals)} beside the damaged file")
    outcome = "everything" if report.complete else "what could be read"
    print(f"Saved {outcome} from {args.project} into {args.new_project}.", file=sys.stderr)
    return 0


def cmd_config(args: argparse.Namespace) -> int:
    config = Config.load()
    if args.annotator is not None:
        name = args.annotator.strip()
        if not name:
            raise WorkbenchError("The annotator's name cannot be empty.")
        config.annotator = name
        config.save()
    print(_shown(f"annotator: {config.annotator}"))
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


def _shown(text: str, *, lines: bool = False) -> str:
    """User data made safe for a terminal: control characters (ESC, CR...) escaped.

    `lines` keeps the line breaks of a multi-line report Workbench laid out itself.
    """
    return escape_controls(text, keep_newlines=lines)


def _print_warnings(report: Report) -> None:
    for warning in report.warnings:
        print(_shown(f"warning: {warning}"), file=sys.stderr)


class _Parser(argparse.ArgumentParser):
    """argparse, with the command line it quotes in an error shown escaped (see `_shown`)."""

    def error(self, message: str) -> NoReturn:
        super().error(_shown(message))


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
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
    p.add_argument("-O", "--option", action="append", default=[], metavar="KEY=VALUE",
                   help="a format option (e.g. lang=en; formulas=keep writes CSV cells "
                        "starting with = + - @ as they are)")
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
    p.add_argument("--keep-formulas", action="store_true",
                   help="write CSV cells starting with = + - @ as they are (by default they "
                        "get a leading ' so that spreadsheets do not run them as formulas)")
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
    p.add_argument("--from-tags", action="store_true",
                   help="only the learned part: other mentions of what people tagged")
    p.set_defaults(func=cmd_suggest)

    p = sub.add_parser(
        "check", help="check a project file's integrity and schema",
        description="Check PROJECT page by page (PRAGMA integrity_check) and compare its "
                    "schema with the one this Workbench makes; print what is wrong, or OK. "
                    "Never changes the file. Exit status 1 when something is wrong.",
    )
    p.add_argument("project", metavar="PROJECT")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser(
        "recover", help="save what can still be read of a damaged project into a new one",
        description="Copy every row that can still be read from PROJECT into a new project "
                    "NEW (which must not exist), skipping unreadable pages and rows that "
                    "break the project's rules, and say what was saved and lost. PROJECT is "
                    "only read.",
    )
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("new_project", metavar="NEW")
    p.set_defaults(func=cmd_recover)

    p = sub.add_parser(
        "merge", help="merge other analysts' project files into a project",
        description="Merge SOURCE project files into TARGET, all or nothing: documents by id "
                    "or identical text, spans, relations, statuses and suggestion decisions by "
                    "id; where both changed one, the newer wins and the report says so. The "
                    "target is backed up first; merging a file twice changes nothing.",
    )
    p.add_argument("target", metavar="TARGET")
    p.add_argument("sources", metavar="SOURCE", nargs="+")
    p.set_defaults(func=cmd_merge)

    p = sub.add_parser(
        "agreement", help="inter-annotator agreement per pair of annotators and label",
        description="Exact and overlap F1, Cohen's kappa per pair of annotators and label, "
                    "Krippendorff's alpha and unitizing alpha per label for all of them, and "
                    "exact F1 of relations. A document counts for a pair when both marked it "
                    "done or have a span in it.",
    )
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("--annotator", action="append", metavar="A",
                   help="only this annotator (repeat; default: everyone with spans)")
    p.add_argument("--label", action="append", metavar="L", help="only this label (repeat)")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print one JSON object")
    out.add_argument("--csv", metavar="OUT", help="write the table as CSV")
    p.set_defaults(func=cmd_agreement)

    p = sub.add_parser(
        "adjudicate", help="copy the spans annotators agree on into an adjudicated layer",
        description="Copy every span on which at least K of the annotators agree exactly "
                    "(same document, offsets and label) into annotator NAME's layer, with "
                    "the names of those who agreed; relations too when both spans were copied "
                    "and K annotators share them. Running it again adds nothing twice.",
    )
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("--into", required=True, metavar="NAME", help="the adjudicated layer")
    p.add_argument("--annotator", action="append", metavar="A",
                   help="an annotator to adjudicate (repeat; default: everyone but NAME)")
    p.add_argument("--min-agree", type=int, metavar="K",
                   help="how many must agree (default: all of them)")
    p.set_defaults(func=cmd_adjudicate)

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
        print(_shown(f"workbench: {e}"), file=sys.stderr)
        return EXIT_ERROR
    except sqlite3.Error as e:
        # Damage found by a query after the project opened: every command, one sentence.
        print(f"workbench: {connection.damaged(getattr(args, 'project', None), e)}",
              file=sys.stderr)
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
