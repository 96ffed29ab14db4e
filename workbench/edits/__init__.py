"""Every change an analyst can make, as one operation of the core (Anki's model).

An operation is a frozen dataclass whose `apply(project)` applies the domain rules, runs in
one transaction and returns `Applied(record, inverse)`: a `ChangeRecord` of what changed and
the operation that undoes it. The window's controller (workbench/ui/controller.py) runs
operations, pushes one undo command built from the inverse and announces the record; the
CLI and tests can run them without Qt.

`from workbench.edits import X` imports only the module that defines X, when X is first
asked for: a command runs one or two operations, and the suggester's (batch_ops) or the
adjudicator's (adjudication_ops) imports would otherwise cost every command (and the
window's first edit) their start-up time.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workbench.edits.adjudication_ops import AcceptAgreed, AcceptVersion
    from workbench.edits.batch_ops import (
        AcceptSuggestions,
        RunSuggester,
        SetSuggestionStatuses,
        UnacceptSuggestions,
        reject_suggestions,
    )
    from workbench.edits.change import Applied, ChangeRecord, Operation, Steps, steps
    from workbench.edits.document_ops import (
        DeleteRows,
        RemoveRows,
        RenameDocument,
        RestoreRows,
    )
    from workbench.edits.file_ops import ImportFiles, MergeProjects
    from workbench.edits.scheme_ops import (
        AddLabel,
        DeleteLabel,
        ReorderLabels,
        RestoreLabel,
        SetStatus,
        UpdateLabel,
    )
    from workbench.edits.span_ops import (
        AddRelation,
        AddSpans,
        RemoveRelations,
        RemoveSpans,
        RestoreRelations,
        RestoreSpans,
        SetSpans,
        SpanPlace,
        SyncFigures,
        UpdateSpan,
    )

__all__ = [
    "AcceptAgreed",
    "AcceptSuggestions",
    "AcceptVersion",
    "AddLabel",
    "AddRelation",
    "AddSpans",
    "Applied",
    "ChangeRecord",
    "DeleteLabel",
    "DeleteRows",
    "ImportFiles",
    "MergeProjects",
    "Operation",
    "RemoveRelations",
    "RemoveRows",
    "RemoveSpans",
    "RenameDocument",
    "ReorderLabels",
    "RestoreLabel",
    "RestoreRelations",
    "RestoreRows",
    "RestoreSpans",
    "RunSuggester",
    "SetSpans",
    "SetStatus",
    "SetSuggestionStatuses",
    "SpanPlace",
    "Steps",
    "SyncFigures",
    "UnacceptSuggestions",
    "UpdateLabel",
    "UpdateSpan",
    "reject_suggestions",
    "steps",
]

# Where each name of __all__ is defined (tests/test_cli_imports.py checks the two agree).
MODULES: dict[str, tuple[str, ...]] = {
    "adjudication_ops": ("AcceptAgreed", "AcceptVersion"),
    "batch_ops": (
        "AcceptSuggestions",
        "RunSuggester",
        "SetSuggestionStatuses",
        "UnacceptSuggestions",
        "reject_suggestions",
    ),
    "change": ("Applied", "ChangeRecord", "Operation", "Steps", "steps"),
    "document_ops": ("DeleteRows", "RemoveRows", "RenameDocument", "RestoreRows"),
    "file_ops": ("ImportFiles", "MergeProjects"),
    "scheme_ops": (
        "AddLabel",
        "DeleteLabel",
        "ReorderLabels",
        "RestoreLabel",
        "SetStatus",
        "UpdateLabel",
    ),
    "span_ops": (
        "AddRelation",
        "AddSpans",
        "RemoveRelations",
        "RemoveSpans",
        "RestoreRelations",
        "RestoreSpans",
        "SetSpans",
        "SpanPlace",
        "SyncFigures",
        "UpdateSpan",
    ),
}
_HOME = {name: module for module, names in MODULES.items() for name in names}


def __getattr__(name: str) -> Any:
    """An operation, its module imported on first use (PEP 562)."""
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # asked once: later lookups find it without this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
