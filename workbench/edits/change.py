"""What an operation changed, and the operation that takes it back.

An operation (see workbench.edits) is a small frozen dataclass with `apply(project)`: it
checks and applies one analyst's edit in one transaction and returns `Applied` — the
`ChangeRecord` (what changed, for the views) and the inverse operation (for undo). Applying
the inverse returns the original again as its own inverse, so undo and redo both just
apply an operation.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar, cast

from workbench.model import Label, Relation, Span
from workbench.project import Project


@dataclass(frozen=True, slots=True)
class ChangeRecord:
    """What one operation changed in the project file."""

    spans_added: tuple[Span, ...] = ()
    spans_updated: tuple[tuple[Span, Span], ...] = ()  # (old, new)
    spans_removed: tuple[Span, ...] = ()
    relations_added: tuple[Relation, ...] = ()
    relations_removed: tuple[Relation, ...] = ()
    statuses: tuple[tuple[str, str], ...] = ()  # (document id, status as its annotator sees it)
    labels: tuple[Label, ...] = ()  # labels added or changed (deleted ones are gone)
    labels_changed: bool = False
    documents_changed: bool = False
    relations_in_bulk: bool = False  # relations came or went uncounted (an import)
    suggestions_changed: bool = False
    everything_changed: bool = False  # a merge: views read the file again

    def then(self, other: ChangeRecord) -> ChangeRecord:
        """This change followed by another, as one record."""
        return ChangeRecord(
            spans_added=self.spans_added + other.spans_added,
            spans_updated=self.spans_updated + other.spans_updated,
            spans_removed=self.spans_removed + other.spans_removed,
            relations_added=self.relations_added + other.relations_added,
            relations_removed=self.relations_removed + other.relations_removed,
            statuses=self.statuses + other.statuses,
            labels=self.labels + other.labels,
            labels_changed=self.labels_changed or other.labels_changed,
            documents_changed=self.documents_changed or other.documents_changed,
            relations_in_bulk=self.relations_in_bulk or other.relations_in_bulk,
            suggestions_changed=self.suggestions_changed or other.suggestions_changed,
            everything_changed=self.everything_changed or other.everything_changed,
        )

    @property
    def relations_changed(self) -> bool:
        return bool(self.relations_added or self.relations_removed or self.relations_in_bulk)

    @property
    def empty(self) -> bool:
        return self == ChangeRecord()


R = TypeVar("R")  # what an operation reports besides its change record (an import's report)


class Operation(Protocol[R]):
    """One edit of the project: applied in one transaction, undone by its inverse."""

    def apply(self, project: Project) -> Applied[R]: ...


@dataclass(frozen=True, slots=True)
class Applied(Generic[R]):
    """An operation's outcome: what changed, and what undoes it (None: it cannot be
    undone step by step, as a merge, whose backup undoes it, or an import too large to
    keep), and the report of an operation that makes one (an import's, a merge's)."""

    record: ChangeRecord
    inverse: Operation[Any] | None
    result: R = field(default=cast(Any, None), compare=False)


@dataclass(frozen=True, slots=True)
class Steps:
    """Several operations as one (e.g. an adjudication decision); one transaction."""

    operations: tuple[Operation, ...]

    def apply(self, project: Project) -> Applied:
        record = ChangeRecord()
        inverses: list[Operation] = []
        with project.transaction():
            for operation in self.operations:
                applied = operation.apply(project)
                record = record.then(applied.record)
                if applied.inverse is None:
                    raise ValueError("Steps take only operations that can be undone.")
                inverses.append(applied.inverse)
        return Applied(record, Steps(tuple(reversed(inverses))))


def transaction_for(project: Project, writes: int) -> AbstractContextManager[None]:
    """One transaction around several writes of the core; a single write is its own
    transaction already (a nested block would cost a savepoint for nothing)."""
    return project.transaction() if writes > 1 else contextlib.nullcontext()


def steps(operations: Sequence[Operation]) -> Operation:
    """The operations as one (a single one as itself)."""
    return operations[0] if len(operations) == 1 else Steps(tuple(operations))
