"""Operations that bring whole files in: importing files and folders, merging project
files. Apart from the suggestion operations, so that `workbench import` and
`workbench merge` do not load the suggester (its rules, word lists and `regex`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import KW_ONLY, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.edits.change import Applied, ChangeRecord
from workbench.project import Project

if TYPE_CHECKING:  # importing and merging load their modules when first run, not at start-up
    from workbench.formats.records import Report
    from workbench.merge import MergeReport

Progress = Callable[[int, int], None]

# An import's undo keeps every row it takes back in memory (redo puts them back): over
# this many documents, spans and relations, an import is not undoable.
UNDOABLE_IMPORT_ROWS = 200_000


@dataclass(frozen=True, slots=True)
class ImportFiles:
    """Import files and folders, all or nothing (see workbench.importer); undone by
    removing what it stored, unless that is over `UNDOABLE_IMPORT_ROWS` rows or the caller
    keeps no undo (`undoable=False`: the command line, spared loading the removal's code)."""

    paths: tuple[str | Path, ...]
    _: KW_ONLY
    format: str | None = None
    strict: bool = False  # refuse unknown labels instead of adding them
    annotator: str | None = None
    encoding: str | None = None
    progress: Progress | None = field(default=None, compare=False)
    undoable: bool = True

    def apply(self, project: Project) -> Applied[Report]:
        from workbench.importer import import_paths

        if self.undoable:
            from workbench.edits.document_ops import added_since, rowid_marks

            marks = rowid_marks(project)
        report = import_paths(
            project,
            list(self.paths),
            format=self.format,
            strict=self.strict,
            annotator=self.annotator,
            encoding=self.encoding,
            progress=self.progress,
        )
        record = ChangeRecord(
            labels_changed=bool(report.added_labels),
            documents_changed=True,
            relations_in_bulk=bool(report.relations),
        )
        rows = report.documents + report.spans + report.relations + len(report.added_labels)
        undoable = self.undoable and 0 < rows <= UNDOABLE_IMPORT_ROWS
        undo = added_since(project, marks) if undoable else None
        return Applied(record, undo, result=report)


@dataclass(frozen=True, slots=True)
class MergeProjects:
    """Merge project files into this one (the merge keeps a backup: not undoable step by
    step)."""

    sources: tuple[str | Path, ...]

    def apply(self, project: Project) -> Applied[MergeReport]:
        from workbench.merge import merge_projects

        report = merge_projects(project, self.sources)
        return Applied(ChangeRecord(everything_changed=report.changed), None, result=report)
