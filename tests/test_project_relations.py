"""The project's relations between spans."""

from __future__ import annotations

import pytest

from workbench.errors import EditError
from workbench.project import Project


def test_relations_refuse_self_links_and_duplicates(project: Project) -> None:
    doc = project.add_document("abc def", title="t")
    s1 = project.add_span(doc.id, 0, 3, 1, annotator="x")
    s2 = project.add_span(doc.id, 4, 7, 1, annotator="x")
    same = project.relation_type_named("same_as")
    assert same is not None
    project.add_relation(s1.id, s2.id, same.id)
    with pytest.raises(EditError, match="already linked"):
        project.add_relation(s1.id, s2.id, same.id)
    with pytest.raises(EditError, match="itself"):
        project.add_relation(s1.id, s1.id, same.id)
    with pytest.raises(EditError, match="existing spans"):
        project.add_relation(s1.id, "no-such-span", same.id)
    assert len(project.relations()) == 1
