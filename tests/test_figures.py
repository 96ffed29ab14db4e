"""Parsing figures, storing them as span attributes, and carrying them through JSONL."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.exporter import export_project
from workbench.figures import Figure, figure_of, parse_figure, sync_figures
from workbench.importer import import_paths
from workbench.project import Project


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "high", "counts"),
    [
        ("approximately 1,500 North Korean soldiers", 1500, "about", None, "troops"),
        ("12,000", 12000, "exact", None, ""),
        ("up to 3,000 North Korean troops", 3000, "at_most", None, "troops"),
        ("as many as 12,000", 12000, "at_most", None, ""),
        ("more than 200 people", 200, "more_than", None, "people"),
        ("at least 5", 5, "at_least", None, ""),
        ("nearly 40", 40, "nearly", None, ""),
        ("around 1,500 special forces troops", 1500, "about", None, "troops"),
        ("some 300 civilians", 300, "about", None, "people"),
        ("10,000 to 12,000 soldiers", 10000, "range", 12000, "troops"),
        ("between 10,000 and 12,000", 10000, "range", 12000, ""),
        ("three thousand troops", 3000, "exact", None, "troops"),
        ("a dozen soldiers", 12, "exact", None, "troops"),
        ("1.5 million", 1_500_000, "exact", None, ""),
        ("no more than 7", 7, "at_most", None, ""),
    ],
)
def test_parse_examples(
    text: str, value: int, qualifier: str, high: int | None, counts: str
) -> None:
    assert parse_figure(text) == Figure(value, qualifier, high, counts)


@pytest.mark.parametrize("text", ["the soldiers", "", "Seoul said", "approximately"])
def test_no_number_no_figure(text: str) -> None:
    assert parse_figure(text) is None


def test_counted_noun_may_follow_the_span() -> None:
    assert parse_figure("up to 10,000", following=" soldiers to assist Russia").counts == "troops"


PHRASES = {
    "": "exact",
    "approximately": "about",
    "up to": "at_most",
    "as many as": "at_most",
    "more than": "more_than",
    "at least": "at_least",
    "nearly": "nearly",
    "around": "about",
    "fewer than": "less_than",
}


@given(st.integers(min_value=0, max_value=10**12), st.sampled_from(sorted(PHRASES)))
def test_any_grouped_number_with_any_qualifier(n: int, phrase: str) -> None:
    figure = parse_figure(f"{phrase} {n:,} troops".strip())
    assert figure == Figure(n, PHRASES[phrase], None, "troops")


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=10**6))
def test_ranges(low: int, extra: int) -> None:
    figure = parse_figure(f"{low:,} to {low + extra:,}")
    assert figure is not None
    assert (figure.value, figure.high, figure.qualifier) == (low, low + extra, "range")


@given(st.integers(min_value=0, max_value=10**9), st.sampled_from(sorted(PHRASES.values())))
def test_attrs_round_trip(n: int, qualifier: str) -> None:
    figure = Figure(n, qualifier, None, "troops")
    assert Figure.from_attrs(figure.to_attrs("x")) == figure


def _figure_span(project: Project, text: str, part: str) -> str:
    doc = project.add_document(text, title="t")
    start = text.index(part)
    label = project.label_named("figure")
    assert label is not None
    return project.add_span(doc.id, start, start + len(part), label.id, annotator="a").id


def test_sync_stores_parsed_figure_and_keeps_edited(project: Project) -> None:
    span_id = _figure_span(
        project, "Seoul said approximately 1,500 soldiers went.", "approximately 1,500"
    )
    assert sync_figures(project) == 1
    figure = figure_of(project.span(span_id).attrs)
    assert figure == Figure(1500, "about", None, "troops")
    assert sync_figures(project) == 0  # nothing new to parse

    attrs = project.span(span_id).attrs
    attrs["figure"] = {**attrs["figure"], "value": 1600, "edited": True}
    project.set_span_attrs(span_id, attrs)
    project.update_span(span_id, start=project.span(span_id).start + len("approximately "))
    assert sync_figures(project) == 0
    assert figure_of(project.span(span_id).attrs).value == 1600


def test_resized_span_is_parsed_again(project: Project) -> None:
    span_id = _figure_span(project, "up to 3,000 troops", "up to 3,000")
    sync_figures(project)
    project.update_span(span_id, start=6)
    sync_figures(project)
    assert figure_of(project.span(span_id).attrs).qualifier == "exact"


def test_attrs_survive_jsonl_round_trip_byte_for_byte(tmp_path: Path) -> None:
    with Project.create(tmp_path / "a.wbproj") as project:
        span_id = _figure_span(
            project, "as many as 12,000 North Korean soldiers", "as many as 12,000"
        )
        _figure_span(project, "No figure here at all", "figure")  # attrs stay empty
        sync_figures(project)
        export_project(project, tmp_path / "one.jsonl")
        assert figure_of(project.span(span_id).attrs).value == 12000
    first = (tmp_path / "one.jsonl").read_bytes()
    assert first.count(b'"attrs"') == 1

    with Project.create(tmp_path / "b.wbproj") as again:
        import_paths(again, [tmp_path / "one.jsonl"])
        assert figure_of(again.span(span_id).attrs) == Figure(12000, "at_most", None, "troops")
        export_project(again, tmp_path / "two.jsonl")
    assert (tmp_path / "two.jsonl").read_bytes() == first


def test_jsonl_refuses_attrs_that_are_not_an_object(tmp_path: Path, project: Project) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"text": "abc", "spans": [{"start": 0, "end": 1, "label": "claim", "attrs": [1]}]}\n',
        "utf-8",
    )
    from workbench.errors import FormatError

    with pytest.raises(FormatError, match="attrs"):
        import_paths(project, [bad])
    assert project.documents() == []
