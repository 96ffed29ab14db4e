"""Links between spans: the relation type a link gets by default, from the labels it joins."""

from __future__ import annotations

from workbench.model import RelationType
from workbench.project import Project

# (head label, tail label) -> relation type, for the default scheme.
DEFAULT_TYPES = {
    ("denial", "claim"): "denies",
    ("claim", "source"): "attributed_to",
    ("figure", "source"): "attributed_to",
    ("denial", "source"): "attributed_to",
}


def relation_name_for(head_label: str, tail_label: str) -> str | None:
    """The relation type name a link between these labels implies, or None when it is
    a matter of judgement (the analyst should choose)."""
    return DEFAULT_TYPES.get((head_label, tail_label)) or (
        "same_as" if head_label == tail_label else None
    )


def default_relation_type(project: Project, head_id: str, tail_id: str) -> RelationType | None:
    """denial → claim: denies; claim → source: attributed_to; same label: same_as."""
    head = project.label(project.span(head_id).label_id).name
    tail = project.label(project.span(tail_id).label_id).name
    name = relation_name_for(head, tail)
    found = project.relation_type_named(name) if name else None
    if found is None:
        types = project.relation_types()
        return types[0] if types else None
    return found
