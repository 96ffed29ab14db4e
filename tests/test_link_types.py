"""The relation type a new link gets by default."""

from __future__ import annotations

import pytest

from workbench.links import default_relation_type
from workbench.project import Project


@pytest.mark.parametrize(
    ("head", "tail", "expected"),
    [
        ("denial", "claim", "denies"),
        ("claim", "source", "attributed_to"),
        ("figure", "figure", "same_as"),
        ("claim", "claim", "same_as"),
        ("source", "figure", "denies"),  # no rule: the first type, for the analyst to change
    ],
)
def test_default_by_label_pair(project: Project, head: str, tail: str, expected: str) -> None:
    doc = project.add_document("one two three four", title="t")
    a = project.add_span(doc.id, 0, 3, project.label_named(head).id, annotator="x")
    b = project.add_span(doc.id, 4, 7, project.label_named(tail).id, annotator="x")
    found = default_relation_type(project, a.id, b.id)
    assert found is not None and found.name == expected
