"""The `workbench` command: a thin layer over the core.

User errors print one sentence to stderr and exit 1; usage errors exit 2.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from workbench import __version__
from workbench.cli_output import EXIT_ERROR, shown
from workbench.errors import WorkbenchError

if TYPE_CHECKING:
    from typing import NoReturn

__all__ = ["EXIT_ERROR", "build_parser", "main"]


class _Formatter(argparse.HelpFormatter):
    """argparse's formatter, told the terminal's width: its own way to learn it imports
    shutil (with bz2, lzma and zlib, ~2 ms of every command) as each argument is added."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_columns())


def _columns() -> int:
    """shutil.get_terminal_size().columns: $COLUMNS, else the terminal's, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0 and sys.__stdout__ is not None:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (ValueError, OSError):
            columns = 0
    return columns if columns > 0 else 80


class _Parser(argparse.ArgumentParser):
    """argparse, with the command line it quotes in an error shown escaped (see `shown`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        super().error(shown(message))


def build_parser(*, only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser: every command with its arguments; with `only` a command's
    name, that command's parser alone; with `only=""`, every command by name and help (all
    `workbench --help` shows). `main` builds what the words it parses need (`_needed`):
    the 13 parsers whole cost argparse ~5 ms, a fifth of what a small export does."""
    parser = _Parser(
        prog="workbench",
        description="Annotate news articles side by side and export the annotations.",
        epilog="With no command, opens the window on the most recent project "
        "(or on a copy of the sample project).",
    )
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    parser.set_defaults(run="workbench.cli_files:cmd_open", project=None)  # no command: open
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (help, add_arguments) in COMMANDS.items():
        if only in COMMANDS and name != only:
            continue
        command = sub.add_parser(name, help=help)
        if only is None or only == name:
            add_arguments(command)
    return parser


# What each command runs is named "module:function" (its `run` default) and imported only
# when the command runs (see `main`): one command does not import the others' modules.
def _open_arguments(p: argparse.ArgumentParser) -> None:
    p.description = "Open the window on PROJECT."
    p.add_argument("project", metavar="PROJECT")
    p.set_defaults(run="workbench.cli_files:cmd_open")


def _new_arguments(p: argparse.ArgumentParser) -> None:
    p.description = "Create a new project file (.wbproj)."
    p.add_argument("project", metavar="PROJECT")
    p.add_argument(
        "--labels", metavar="A,B,...", help="the label scheme (default: claim,source,denial,figure)"
    )
    p.set_defaults(run="workbench.cli_files:cmd_new")


def _import_arguments(p: argparse.ArgumentParser) -> None:
    from workbench import formats

    p.description = (
        "Import files and folders (recursively) into PROJECT, all or nothing. "
        f"Formats: {', '.join(formats.import_formats())}."
    )
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("paths", metavar="PATH", nargs="+")
    p.add_argument(
        "--format",
        choices=formats.import_formats(),
        help="read every file in this format (default: by file name)",
    )
    p.add_argument(
        "--strict",
        action="store_true",
        help="refuse labels the project does not have, instead of adding them",
    )
    p.add_argument(
        "--annotator",
        help="annotator of imported spans that name none (default: the configured annotator)",
    )
    p.add_argument("--encoding", help="decode text files with this encoding instead of UTF-8")
    p.set_defaults(run="workbench.cli_files:cmd_import")


def _export_arguments(p: argparse.ArgumentParser) -> None:
    from workbench import formats
    from workbench.model import STATUSES

    p.description = (
        "Export PROJECT's documents and annotations. The file is written to a "
        "temporary name and renamed, so an interrupted export leaves no half file."
    )
    p.add_argument("project", metavar="PROJECT")
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="the output file ('-' for standard output)",
    )
    p.add_argument("--format", default="jsonl", choices=formats.export_formats())
    p.add_argument("--label", action="append", metavar="L", help="only spans with this label")
    p.add_argument("--annotator", action="append", metavar="A", help="only spans by this annotator")
    p.add_argument(
        "--status", action="append", choices=STATUSES, help="only documents with this status"
    )
    p.add_argument(
        "--only-annotated",
        action="store_true",
        help="only documents that have spans (after the filters)",
    )
    p.add_argument(
        "-O",
        "--option",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a format option (e.g. lang=en; formulas=keep writes CSV cells "
        "starting with = + - @ as they are)",
    )
    p.set_defaults(run="workbench.cli_files:cmd_export")


def _stats_arguments(p: argparse.ArgumentParser) -> None:
    p.description = "Documents, spans per label, per annotator and per document."
    p.add_argument("project", metavar="PROJECT")
    p.add_argument(
        "--plot",
        metavar="OUT.png",
        help="draw the dashboard's charts into a PNG instead of printing counts",
    )
    p.set_defaults(run="workbench.cli_files:cmd_stats")


def _documents_arguments(p: argparse.ArgumentParser) -> None:
    p.description = (
        "List PROJECT's documents: id, status, spans and title. An ID may be cut to its "
        "first characters when no other document's id starts with them. --remove copies "
        "the project beside it first (PROJECT.preremove-TIME.bak)."
    )
    p.add_argument("project", metavar="PROJECT")
    change = p.add_mutually_exclusive_group()
    change.add_argument(
        "--rename", nargs=2, metavar=("ID", "TITLE"), help="give the document ID this title"
    )
    change.add_argument(
        "--remove",
        action="append",
        metavar="ID",
        help="remove the document ID with its spans, links, suggestions and statuses (repeat)",
    )
    p.set_defaults(run="workbench.cli_files:cmd_documents")


def _config_arguments(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Show the settings the window and the commands share; "
        "--annotator sets the name recorded on new spans."
    )
    p.add_argument(
        "--annotator", metavar="NAME", help="your name as annotator (default: your login name)"
    )
    p.set_defaults(run="workbench.cli_files:cmd_config")


def _compare_arguments(p: argparse.ArgumentParser) -> None:
    p.description = (
        "One row per group of spans linked same_as and per figure group, one "
        "column per document, with each span's source and any denial. Stores "
        "the parsed value of figure spans first."
    )
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("--csv", metavar="OUT", help="write the table as CSV instead of printing it")
    p.add_argument(
        "--group-by",
        choices=("value", "counts"),
        default="value",
        help="one figure row per value (default) or per thing counted",
    )
    p.add_argument("--width", type=int, default=24, help="width of a document column")
    p.add_argument(
        "--keep-formulas",
        action="store_true",
        help="write CSV cells starting with = + - @ as they are (by default they "
        "get a leading ' so that spreadsheets do not run them as formulas)",
    )
    p.set_defaults(run="workbench.cli_team:cmd_compare")


def _suggest_arguments(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Propose spans from readable rules (resources/suggest_rules.json plus the "
        "project's own). Suggestions wait in the project for review; a rejected "
        "one is not proposed again. --accept stores them all as spans."
    )
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("--label", action="append", metavar="L", help="only suggest this label")
    p.add_argument(
        "--accept",
        action="store_true",
        help="accept every pending suggestion as a span (annotator 'suggester')",
    )
    p.add_argument(
        "--rules",
        metavar="FILE",
        help="store this rules file in the project (extends the built-in rules)",
    )
    p.add_argument(
        "--from-tags",
        action="store_true",
        help="only the learned part: other mentions of what people tagged",
    )
    p.set_defaults(run="workbench.cli_team:cmd_suggest")


def _check_arguments(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Check PROJECT page by page (PRAGMA integrity_check) and compare its "
        "schema with the one this Workbench makes; print what is wrong, or OK. "
        "Never changes the file. Exit status 1 when something is wrong."
    )
    p.add_argument("project", metavar="PROJECT")
    p.set_defaults(run="workbench.cli_files:cmd_check")


def _recover_arguments(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Copy every row that can still be read from PROJECT into a new project "
        "NEW (which must not exist), skipping unreadable pages and rows that "
        "break the project's rules, and say what was saved and lost. PROJECT is "
        "only read."
    )
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("new_project", metavar="NEW")
    p.set_defaults(run="workbench.cli_files:cmd_recover")


def _merge_arguments(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Merge SOURCE project files into TARGET, all or nothing: documents by id "
        "or identical text, spans, relations, statuses and suggestion decisions by "
        "id; where both changed one, the newer wins and the report says so. The "
        "target is backed up first; merging a file twice changes nothing."
    )
    p.add_argument("target", metavar="TARGET")
    p.add_argument("sources", metavar="SOURCE", nargs="+")
    p.set_defaults(run="workbench.cli_team:cmd_merge")


def _agreement_arguments(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Exact and overlap F1, Cohen's kappa per pair of annotators and label, "
        "Krippendorff's alpha and unitizing alpha per label for all of them, and "
        "exact F1 of relations. A document counts for a pair when both marked it "
        "done or have a span in it."
    )
    p.add_argument("project", metavar="PROJECT")
    p.add_argument(
        "--annotator",
        action="append",
        metavar="A",
        help="only this annotator (repeat; default: everyone with spans)",
    )
    p.add_argument("--label", action="append", metavar="L", help="only this label (repeat)")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print one JSON object")
    out.add_argument("--csv", metavar="OUT", help="write the table as CSV")
    p.set_defaults(run="workbench.cli_team:cmd_agreement")


def _adjudicate_arguments(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Copy every span on which at least K of the annotators agree exactly "
        "(same document, offsets and label) into annotator NAME's layer, with "
        "the names of those who agreed; relations too when both spans were copied "
        "and K annotators share them. Running it again adds nothing twice."
    )
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("--into", required=True, metavar="NAME", help="the adjudicated layer")
    p.add_argument(
        "--annotator",
        action="append",
        metavar="A",
        help="an annotator to adjudicate (repeat; default: everyone but NAME)",
    )
    p.add_argument(
        "--min-agree", type=int, metavar="K", help="how many must agree (default: all of them)"
    )
    p.set_defaults(run="workbench.cli_team:cmd_adjudicate")


COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "open": ("open the window on a project", _open_arguments),
    "new": ("create a project file", _new_arguments),
    "import": ("import files and folders into a project", _import_arguments),
    "export": ("export the annotations", _export_arguments),
    "stats": ("count documents and spans", _stats_arguments),
    "documents": ("list, rename or remove a project's documents", _documents_arguments),
    "config": ("show or change your settings", _config_arguments),
    "compare": ("compare facts and figures across the documents", _compare_arguments),
    "suggest": ("propose spans with the rule-based suggester", _suggest_arguments),
    "check": ("check a project file's integrity and schema", _check_arguments),
    "recover": (
        "save what can still be read of a damaged project into a new one",
        _recover_arguments,
    ),
    "merge": ("merge other analysts' project files into a project", _merge_arguments),
    "agreement": (
        "inter-annotator agreement per pair of annotators and label",
        _agreement_arguments,
    ),
    "adjudicate": (
        "copy the spans annotators agree on into an adjudicated layer",
        _adjudicate_arguments,
    ),
}


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(only=_needed(words))
    args = parser.parse_args(words)
    if args.command == "export" and any("=" not in kv for kv in args.option):
        parser.error("--option takes KEY=VALUE")
    try:
        return command(args)(args)
    except WorkbenchError as e:
        print(shown(f"workbench: {e}"), file=sys.stderr)
        return EXIT_ERROR
    except sqlite3.Error as e:
        from workbench import connection

        # Damage found by a query after the project opened: every command, one sentence.
        print(
            f"workbench: {connection.damaged(getattr(args, 'project', None), e)}", file=sys.stderr
        )
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("workbench: interrupted; nothing was changed.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_ERROR


def _needed(words: Sequence[str]) -> str | None:
    """What of the parser `words` need, for `build_parser(only=...)`: the command they
    start with; "" (names and help) for `workbench`, `--help` or `--version` alone; all of
    it otherwise, so that anything else is parsed (or refused) exactly as it always was."""
    if words and words[0] in COMMANDS:
        return words[0]
    return "" if list(words) in ([], ["-h"], ["--help"], ["--version"]) else None


def command(args: argparse.Namespace) -> Callable[[argparse.Namespace], int]:
    """The function that runs the parsed command, its module imported now."""
    module, _, function = args.run.partition(":")
    run: Callable[[argparse.Namespace], int] = getattr(importlib.import_module(module), function)
    return run


if __name__ == "__main__":
    sys.exit(main())
