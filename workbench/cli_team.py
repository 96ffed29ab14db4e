"""Commands for a team's work: compare, suggest, merge, agreement, adjudicate."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.cli_output import open_project, shown
from workbench.wording import counted

if TYPE_CHECKING:  # each command imports what it needs when it runs (see cli.main)
    import argparse


def cmd_compare(args: argparse.Namespace) -> int:
    from workbench.compare import build_table, render_table, write_csv
    from workbench.edits import SyncFigures
    from workbench.output_files import refuse_project_files

    with open_project(args.project) as project:
        SyncFigures().apply(project)
        table = build_table(project, group_by=args.group_by)
        if args.csv:
            refuse_project_files(project, Path(args.csv))
            write_csv(table, args.csv, keep_formulas=args.keep_formulas)
            print(shown(f"Wrote {len(table.rows)} rows to {args.csv}."), file=sys.stderr)
        else:
            print(shown(render_table(table, width=args.width), lines=True), end="")
    return 0


def cmd_suggest(args: argparse.Namespace) -> int:
    from workbench import suggest
    from workbench.edits import AcceptSuggestions, RunSuggester
    from workbench.learned import RULE_PREFIX as LEARNED_RULE_PREFIX

    with open_project(args.project) as project:
        if args.rules:
            suggest.store_rules_file(project, args.rules)
        report = (
            RunSuggester(labels=args.label and tuple(args.label), from_rules=not args.from_tags)
            .apply(project)
            .result
        )
        for warning in report.warnings:
            print(f"warning: {shown(warning)}", file=sys.stderr)
        pending = suggest.suggestions(project, labels=args.label)
        if args.from_tags:
            pending = [s for s in pending if s.rule.startswith(LEARNED_RULE_PREFIX)]
        counts: dict[str, int] = {}
        for s in pending:
            counts[s.label] = counts.get(s.label, 0) + 1
        if args.accept:
            accepted = AcceptSuggestions(tuple(s.id for s in pending)).apply(project)
            spans = accepted.record.spans_added
            print(
                f"Accepted {counted(len(spans), 'suggestion')} as spans by '{suggest.SUGGESTER}'.",
                file=sys.stderr,
            )
            counts = {}  # accepted ones are spans now, no longer pending
    detail = ", ".join(f"{n} {label}" for label, n in sorted(counts.items())) or "none"
    print(
        shown(
            f"{counted(report.added, 'new suggestion')}; pending: {detail}; "
            f"{report.rejected} rejected before and not proposed again."
        ),
        file=sys.stderr,
    )
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from workbench.edits import MergeProjects

    with open_project(args.target) as project:
        report = MergeProjects(tuple(args.sources)).apply(project).result
    print(report.summary())
    return 0


def cmd_agreement(args: argparse.Namespace) -> int:
    from workbench.agreement import compute_agreement
    from workbench.agreement_report import render_table, to_json, write_csv

    with open_project(args.project) as project:
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

    with open_project(args.project) as project:
        report = (
            AcceptAgreed(
                args.into, args.annotator and tuple(args.annotator), min_agree=args.min_agree
            )
            .apply(project)
            .result
        )
    print(report.summary())
    return 0
