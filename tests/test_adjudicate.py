"""Adjudication: K of N annotators, relations across documents, re-runs, and export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench import cli
from workbench.adjudicate import AGREED, accept_span, adjudicate
from workbench.errors import WorkbenchError
from workbench.project import Project

TEXT = "Seoul said troops came; Moscow denied it all."


def _fill(p: Project) -> None:
    """Three annotators; ann and bob agree on more than cy does."""
    ids = {lb.name: lb.id for lb in p.labels()}
    same_as = p.relation_type_named("same_as")
    assert same_as is not None
    p.add_document(TEXT, title="one", id="d1")
    p.add_document(TEXT, title="two", id="d2")  # same text, another article
    for ann in ("ann", "bob", "cy"):
        p.add_span("d1", 0, 5, ids["source"], annotator=ann)  # all three
        c1 = p.add_span(
            "d1", 11, 22, ids["claim"], annotator=ann, attrs={"value": 1} if ann == "ann" else None
        )
        c2 = p.add_span("d2", 11, 22 if ann != "cy" else 21, ids["claim"], annotator=ann)
        p.add_relation(c2.id, c1.id, same_as.id, annotator=ann)  # across documents
    p.add_span("d1", 31, 37, ids["denial"], annotator="ann")  # ann alone


def _layer(p: Project, name: str) -> set[tuple[str, int, int, str]]:
    labels = {lb.id: lb.name for lb in p.labels()}
    return {
        (s.document_id, s.start, s.end, labels[s.label_id])
        for s in p.spans()
        if s.annotator == name
    }


def test_all_must_agree_by_default(project: Project) -> None:
    _fill(project)
    report = adjudicate(project, into="gold")
    assert report.min_agree == 3 and report.annotators == ["ann", "bob", "cy"]
    assert _layer(project, "gold") == {("d1", 0, 5, "source"), ("d1", 11, 22, "claim")}
    assert report.relations_added == []  # cy's d2 claim ends elsewhere
    gold = [s for s in project.spans() if s.annotator == "gold"]
    assert all(s.attrs[AGREED] == ["ann", "bob", "cy"] for s in gold)


def test_two_of_three_copy_spans_and_the_cross_document_relation(project: Project) -> None:
    _fill(project)
    report = adjudicate(project, into="gold", min_agree=2)
    assert _layer(project, "gold") == {
        ("d1", 0, 5, "source"),
        ("d1", 11, 22, "claim"),
        ("d2", 11, 22, "claim"),
    }
    [relation] = report.relations_added
    head, tail = project.span(relation.head), project.span(relation.tail)
    assert (head.document_id, tail.document_id) == ("d2", "d1")
    assert head.annotator == tail.annotator == relation.annotator == "gold"
    assert head.attrs[AGREED] == ["ann", "bob"]
    claim = next(s for s in project.spans("d1") if s.annotator == "gold" and s.start == 11)
    assert claim.attrs == {"value": 1, AGREED: ["ann", "bob", "cy"]}  # ann's attributes kept


def test_running_again_adds_nothing(project: Project) -> None:
    _fill(project)
    adjudicate(project, into="gold", min_agree=2)
    before = (project.span_count(), len(project.relations()))
    again = adjudicate(project, into="gold", min_agree=2)
    assert (again.spans_added, again.relations_added, again.spans_present) == ([], [], 3)
    assert (project.span_count(), len(project.relations())) == before


def test_a_chosen_subset_and_one_of_n(project: Project) -> None:
    _fill(project)
    adjudicate(project, into="gold", annotators=["ann", "cy"], min_agree=1)
    assert ("d1", 31, 37, "denial") in _layer(project, "gold")
    assert ("d2", 11, 21, "claim") in _layer(project, "gold")
    assert len(_layer(project, "gold")) == 5


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"min_agree": 4}, "between 1 and 3"),
        ({"min_agree": 0}, "between 1 and 3"),
        ({"annotators": ["ann", "zed"]}, "no annotator 'zed'"),
        ({"annotators": ["ann", "gold"]}, "both adjudicated and the adjudicator"),
    ],
)
def test_bad_options_are_refused(project: Project, kwargs: dict, message: str) -> None:  # type: ignore[type-arg]  # parametrized options
    _fill(project)
    project.add_span("d1", 0, 4, project.labels()[0].id, annotator="gold")
    with pytest.raises(WorkbenchError, match=message):
        adjudicate(project, into="gold", **kwargs)
    assert _layer(project, "gold") == {("d1", 0, 4, "claim")}


def test_accept_span_copies_one_version_with_edited_bounds(project: Project) -> None:
    _fill(project)
    cy_claim = next(s for s in project.spans("d2") if s.annotator == "cy")
    copy = accept_span(project, cy_claim.id, into="gold", end=22)
    assert (copy.start, copy.end, copy.annotator, copy.attrs[AGREED]) == (11, 22, "gold", ["cy"])


def test_cli_adjudicate_then_export_the_layer(
    project_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Project.open(project_file) as p:
        _fill(p)
    assert cli.main(["adjudicate", str(project_file), "--into", "gold", "--min-agree", "2"]) == 0
    assert "Copied 3 spans and 1 relations" in capsys.readouterr().out
    out = tmp_path / "gold.jsonl"
    assert cli.main(["export", str(project_file), "-o", str(out), "--annotator", "gold"]) == 0
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert sum(len(r["spans"]) for r in records) == 3
    assert sum(len(r["relations"]) for r in records) == 1
    assert cli.main(["adjudicate", str(project_file), "--into", "gold", "--min-agree", "9"]) == 1
