"""Commands on one project file: new, import, export, stats, documents, open, check, recover,
config."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.cli_output import EXIT_ERROR, Progress, open_project, print_warnings, shown, summary
from workbench.errors import WorkbenchError

if TYPE_CHECKING:  # each command imports what it needs when it runs (see cli.main)
    import argparse

    from workbench.project import Project


def cmd_new(args: argparse.Namespace) -> int:
    from workbench.project import Project

    labels = (
        [name.strip() for name in args.labels.split(",") if name.strip()] if args.labels else None
    )
    path = Path(args.project)
    if path.suffix != ".wbproj":
        path = path.with_name(path.name + ".wbproj")
    with Project.create(path, labels=labels) as project:
        names = ", ".join(label.name for label in project.labels())
    print(shown(f"Created {path} with labels {names}."))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from workbench.edits import ImportFiles

    progress = Progress("Reading file")
    with open_project(args.project) as project:
        try:
            report = (
                ImportFiles(
                    tuple(args.paths),
                    format=args.format,
                    strict=args.strict,
                    annotator=args.annotator,
                    encoding=args.encoding,
                    progress=progress,
                    undoable=False,
                )
                .apply(project)
                .result
            )
        finally:
            progress.finish()
    print_warnings(report)
    print(shown(summary("Imported", report)), file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from workbench.exporter import export_project

    progress = Progress("Exporting document")
    options = dict(kv.split("=", 1) for kv in args.option)
    with open_project(args.project) as project:
        try:
            report = export_project(
                project,
                args.output,
                format=args.format,
                labels=args.label,
                annotators=args.annotator,
                statuses=args.status,
                only_annotated=args.only_annotated,
                progress=progress,
                **options,
            )
        finally:
            progress.finish()
    print_warnings(report)
    where = "standard output" if args.output == "-" else args.output
    print(shown(summary(f"Exported to {where}:", report)), file=sys.stderr)
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from workbench.output_files import refuse_project_files
    from workbench.stats import project_stats, render_stats

    with open_project(args.project) as project:
        if args.plot:
            refuse_project_files(project, Path(args.plot))
            _plot(project, args.plot)
            print(shown(f"Wrote the charts to {args.plot}."), file=sys.stderr)
        else:
            print(shown(render_stats(project_stats(project)), lines=True), end="")
    return 0


def cmd_documents(args: argparse.Namespace) -> int:
    from workbench import connection
    from workbench.edits.document_ops import RemoveRows, RenameDocument
    from workbench.wording import counted

    with open_project(args.project) as project:
        titles = project.document_titles()
        if args.rename:
            document_id = project.document_by_prefix(args.rename[0])
            RenameDocument(document_id, args.rename[1]).apply(project)
            before, after = titles[document_id], project.document_titles()[document_id]
            if after == before:
                message = f"Nothing to do: the document is called “{after}” already."
            else:
                message = f"Renamed “{before}” to “{after}”."
            print(shown(message), file=sys.stderr)
        elif args.remove:
            ids = list(dict.fromkeys(project.document_by_prefix(p) for p in args.remove))
            spans = sum(project.span_count(d) for d in ids)
            assert project.path is not None  # a command's project is a file
            with project.transaction():
                RemoveRows(documents=tuple(ids)).apply(project)
                backup = connection.backup_beside(project.path, "preremove")
            what = f"“{titles[ids[0]]}”" if len(ids) == 1 else counted(len(ids), "document")
            what += f" and {counted(spans, 'span')}" if spans else ""
            print(
                shown(f"Removed {what}; the project as it was is in {backup}."),
                file=sys.stderr,
            )
        else:
            for info in project.documents():
                print(shown(f"{info.id}  {info.status:<11} {info.span_count:>7}  {info.title}"))
    return 0


def _plot(project: Project, out: str) -> None:
    """Draw the dashboard's charts into a PNG with Qt, offscreen when there is no display."""
    import os

    from workbench.chart_data import chart_data

    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from workbench.ui.docks.charts import render_png
    except ImportError as e:
        raise WorkbenchError(f"Cannot draw charts without Qt ({e}).") from e
    render_png(chart_data(project), out)


def cmd_open(args: argparse.Namespace) -> int:
    from workbench.config import Config

    path = Path(args.project) if args.project else default_project()
    open_project(str(path)).close()  # refuse bad files here, with the CLI's message
    config = Config.load()
    config.remember(path)
    config.save()
    try:
        from workbench.ui.window.app import run
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
    from workbench.config import Config, annotator_problem

    config = Config.load()
    if args.annotator is not None:
        name = args.annotator.strip()
        if problem := annotator_problem(name):
            raise WorkbenchError(problem)
        config.annotator = name
        config.save()
    print(shown(f"annotator: {config.annotator}"))
    return 0


def default_project() -> Path:
    from workbench.config import Config
    from workbench.sample import user_sample_project

    for recent in Config.load().recent_projects:
        if Path(recent).is_file():
            return Path(recent)
    return user_sample_project()
