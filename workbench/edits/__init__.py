"""Every change an analyst can make, as one operation of the core (Anki's model).

An operation is a frozen dataclass whose `apply(project)` applies the domain rules, runs in
one transaction and returns `Applied(record, inverse)`: a `ChangeRecord` of what changed and
the operation that undoes it. The window's controller (workbench/ui/controller.py) runs
operations, pushes one undo command built from the inverse and announces the record; the
CLI and tests can run them without Qt.
"""

from workbench.edits.batch_ops import (
    AcceptSuggestions,
    ImportFiles,
    MergeProjects,
    RunSuggester,
    SetSuggestionStatuses,
    UnacceptSuggestions,
    reject_suggestions,
)
from workbench.edits.change import Applied, ChangeRecord, Operation, Steps, steps
from workbench.edits.scheme_ops import (
    AddLabel,
    DeleteLabel,
    ReorderLabels,
    RestoreLabel,
    SetStatus,
    UpdateLabel,
)
from workbench.edits.span_ops import (
    AcceptAgreed,
    AcceptVersion,
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
    "ImportFiles",
    "MergeProjects",
    "Operation",
    "RemoveRelations",
    "RemoveSpans",
    "ReorderLabels",
    "RestoreLabel",
    "RestoreRelations",
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
