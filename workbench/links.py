"""Links between spans: the relation type a link gets by default, from the labels it joins."""

from __future__ import annotations

from workbench.model import RelationType
from workbench.project import Project

# (head label, tail label) -> relation type, for the default scheme.
DEFAULT_TYPES = {("denial", "claim"): "denies", ("claim", "source"): "attributed_to",
                 ("figure", "source"): "attributed_to", ("denial", "source"): "attributed_to"}


def default_relation_type(project: Project, head_id: str, tail_id: str) -> RelationType | None:
    """denial → claim: denies; claim → source: attributed_to; same label: same_as."""
    head = project.label(project.span(head_id).label_id).name
    tail = project.label(project.span(tail_id).label_id).name
    name = DEFAULT_TYPES.get((head, tail)) or ("same_as" if head == tail else None)
    found = project.relation_type_named(name) if name else None
    if found is None:
        types = project.relation_types()
        return types[0] if types else None
    return found
