"""The comparison table kept up to date edit by edit equals the table built afresh."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from analysis_helpers import annotate_sample

from workbench.compare import build_table, table_rows
from workbench.compare_source import CompareSource
from workbench.errors import WorkbenchError
from workbench.project import Project


def _as_built(source: CompareSource, project: Project, group_by: str) -> None:
    fresh = build_table(project, group_by=group_by)
    assert table_rows(source.table) == table_rows(fresh)
    assert [r.kind for r in source.table.rows] == [r.kind for r in fresh.rows]


@pytest.mark.parametrize("group_by", ["value", "counts"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_edits_keep_the_table_as_built(
    sample_project_file: Path, group_by: str, seed: int
) -> None:
    rng = random.Random(seed)
    project = Project.open(sample_project_file)
    annotate_sample(project)
    figure = project.label_named("figure")
    assert figure is not None
    labels = [label.id for label in project.labels()]
    documents = project.document_ids()
    source = CompareSource(project, group_by=group_by)
    _as_built(source, project, group_by)
    incremental = 0
    for _ in range(120):
        spans = project.spans()
        choice = rng.random()
        try:
            if choice < 0.4:  # tag near a number, mostly as a figure
                doc_id = rng.choice(documents)
                text = project.document(doc_id).text
                digits = [m.start() for m in re.finditer(r"\d", text)] or [0]
                start = max(0, rng.choice(digits) - rng.randint(0, 12))
                label = rng.choice([figure.id, figure.id, rng.choice(labels)])
                added = project.add_span(
                    doc_id, start, start + rng.randint(4, 40), label, annotator="a"
                )
                changed = source.apply(added=added)
            elif choice < 0.5:
                head, tail = rng.sample(spans, 2)
                project.add_relation(head.id, tail.id, rng.choice(project.relation_types()).id)
                source.reload_relations()
                changed = True
            elif choice < 0.7:
                removed, relations = project.delete_span(rng.choice(spans).id)
                changed = source.apply(removed=removed)
                if relations:
                    source.reload_relations()
            else:
                old = rng.choice(spans)
                new = project.update_span(
                    old.id,
                    label_id=rng.choice([*labels, figure.id]),
                    start=max(0, old.start - rng.randint(0, 3)),
                )
                changed = source.apply(removed=old, added=new)
        except WorkbenchError:
            continue  # the same span already exists
        incremental += changed
        _as_built(source, project, group_by)
    assert incremental > 20  # the edits did reach the table
    project.close()


def test_an_unrelated_edit_leaves_the_table_alone(sample_project_file: Path) -> None:
    project = Project.open(sample_project_file)
    annotate_sample(project)
    source = CompareSource(project)
    before = source.table
    claim = project.label_named("claim")
    assert claim is not None
    span = project.add_span(project.document_ids()[3], 0, 5, claim.id, annotator="a")
    assert not source.apply(added=span)
    assert source.table is before
    project.close()


def test_a_figure_edit_keeps_the_other_rows(sample_project_file: Path) -> None:
    project = Project.open(sample_project_file)
    annotate_sample(project)
    source = CompareSource(project)
    before = list(source.table.rows)
    figure = project.label_named("figure")
    assert figure is not None
    doc_id = project.document_ids()[0]
    start = project.document(doc_id).text.index("12,000 North Korean soldiers")
    span = project.add_span(doc_id, start, start + 28, figure.id, annotator="a")
    assert source.apply(added=span)
    after = source.table.rows
    assert len(after) == len(before) + 1
    assert sum(any(row is old for old in before) for row in after) == len(before)
    project.close()


def test_built_in_steps_it_reads_one_snapshot_and_follows_the_edits_after_it(
    sample_project_file: Path,
) -> None:
    """A window builds the table between input events: edits made after the first step
    are not read, and given to `apply` afterwards they leave the table as built afresh."""
    project = Project.open(sample_project_file)
    annotate_sample(project)
    figure = project.label_named("figure")
    assert figure is not None
    doc_id = project.document_ids()[0]
    text = project.document(doc_id).text
    source = CompareSource(project, defer=True)
    assert source.table.rows == []
    steps = source.building()
    next(steps)  # the snapshot is fixed
    start = text.index("12,000 North Korean soldiers")
    added = project.add_span(doc_id, start, start + 28, figure.id, annotator="a")
    removed, _ = project.delete_span(next(s for s in project.spans() if s.label_id == figure.id).id)
    taken = 1 + sum(1 for _ in steps)
    assert taken > 2  # it did come in steps
    assert added.id not in source.spans and removed.id in source.spans
    assert source.apply(added=added) and source.apply(removed=removed)
    _as_built(source, project, "value")
    project.close()
