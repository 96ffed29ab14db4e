"""The rule-based suggester: what it proposes, what it remembers, and the command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench import suggest
from workbench.cli import main
from workbench.errors import FormatError
from workbench.exporter import export_project
from workbench.figures import figure_of
from workbench.project import Project

TEXT = (
    "According to Seoul’s intelligence agency, approximately 1,500 North Korean soldiers "
    "have arrived. North Korea’s United Nations mission dismissed allegations of sending "
    "troops to Russia. Kremlin spokesperson Dmitry Peskov said the cooperation "
    '"is not directed against third countries". The ministry reported that up to 3,000 '
    "troops had been observed in multiple locations."
)


def _found(text: str, labels: list[str] | None = None) -> set[tuple[str, str]]:
    return {
        (label, text[start:end])
        for start, end, label, _ in suggest.find_suggestions(
            text, suggest.rules_for(), labels=labels
        )
    }


def test_proposes_each_label_from_its_definition() -> None:
    found = _found(TEXT)
    assert ("source", "Seoul’s intelligence agency") in found
    assert ("figure", "approximately 1,500 North Korean soldiers") in found
    assert ("figure", "up to 3,000 troops") in found
    assert ("denial", "dismissed allegations of sending troops to Russia") in found
    assert ("denial", "is not directed against third countries") in found
    assert ("source", "Kremlin spokesperson Dmitry Peskov") in found
    assert ("claim", "up to 3,000 troops had been observed in multiple locations") in found


def test_label_filter_and_no_cross_sentence_sources() -> None:
    assert {label for label, _ in _found(TEXT, ["figure"])} == {"figure"}
    text = "They fought in Ukraine. Ukrainian President Volodymyr Zelenskiy said so."
    assert _found(text, ["source"]) == {("source", "Ukrainian President Volodymyr Zelenskiy")}


@pytest.mark.parametrize(
    "text",
    [
        "The war began in 2022 and the pact was signed in June.",
        "Soldiers denounced the report.",
        "He said nothing about it.",
    ],
)
def test_plain_sentences_get_no_suggestions(text: str) -> None:
    assert _found(text) == set()


@pytest.fixture
def doc(project: Project) -> str:
    return project.add_document(TEXT, title="t").id


def test_rejected_does_not_come_back_and_accepted_becomes_span(project: Project, doc: str) -> None:
    first = suggest.run_suggester(project)
    pending = suggest.suggestions(project)
    assert first.added == len(pending) > 0
    figure = next(s for s in pending if s.label == "figure")
    denial = next(s for s in pending if s.label == "denial")
    suggest.reject(project, [denial.id])
    (span,) = suggest.accept(project, [figure.id])
    assert span.annotator == suggest.SUGGESTER
    assert figure_of(project.span(span.id).attrs).value in (1500, 3000)

    again = suggest.run_suggester(project)
    assert again.added == 0 and again.rejected == 1
    remaining = {s.id for s in suggest.suggestions(project)}
    assert denial.id not in remaining and figure.id not in remaining
    assert len(remaining) == len(pending) - 2


def test_a_tagged_span_answers_the_suggestion(project: Project, doc: str) -> None:
    suggest.run_suggester(project, labels=["source"])
    first = suggest.suggestions(project)[0]
    assert {s.label for s in suggest.suggestions(project)} == {"source"}
    project.add_span(
        doc, first.start, first.end - 1, project.label_named("source").id, annotator="me"
    )
    assert first.id not in {s.id for s in suggest.suggestions(project)}


def test_the_pending_count_is_the_pending_list(project: Project, doc: str) -> None:
    report = suggest.run_suggester(project)
    assert report.pending == len(suggest.suggestions(project)) > 3
    first = suggest.suggestions(project)[0]
    label = project.label_named(first.label)
    assert label is not None
    project.add_span(doc, first.start, first.end, label.id, annotator="me")
    suggest.reject(project, [suggest.suggestions(project)[0].id])
    for labels in (None, ["source"], [first.label, "figure"]):
        assert suggest.count_suggestions(project, labels=labels) == len(
            suggest.suggestions(project, labels=labels)
        )
    assert suggest.count_suggestions(project) == report.pending - 2


def test_suggestions_are_not_exported_until_accepted(project_file: Path, tmp_path: Path) -> None:
    with Project.open(project_file) as project:
        project.add_document(TEXT, title="t")
        suggest.run_suggester(project)
        export_project(project, tmp_path / "a.jsonl")
        assert json.loads((tmp_path / "a.jsonl").read_text("utf-8"))["spans"] == []
        suggest.accept(project, [s.id for s in suggest.suggestions(project, labels=["figure"])])
        export_project(project, tmp_path / "b.jsonl")
    spans = json.loads((tmp_path / "b.jsonl").read_text("utf-8"))["spans"]
    assert {s["label"] for s in spans} == {"figure"}
    assert all(s["annotator"] == "suggester" and s["attrs"]["figure"]["value"] for s in spans)


def test_project_rules_extend_and_replace(project: Project, doc: str) -> None:
    suggest.set_project_rules(
        project,
        {
            "lists": {"place": ["Kremlin"]},
            "rules": [{"name": "place", "label": "claim", "pattern": "{place}"}],
            "disable": ["figure-number-counted"],
        },
    )
    suggest.run_suggester(project)
    texts = {(s.label, TEXT[s.start : s.end]) for s in suggest.suggestions(project)}
    assert ("claim", "Kremlin") in texts
    assert ("figure", "approximately 1,500 North Korean soldiers") not in texts


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "not valid JSON"),
        ('{"rules": [{"name": "x", "label": "claim"}]}', "needs"),
        ('{"rules": [{"name": "x", "label": "claim", "pattern": "("}]}', "bad pattern"),
        ('{"rules": [{"name": "x", "label": "claim", "pattern": "{nolist}"}]}', "nolist"),
    ],
)
def test_bad_rules_file_names_the_file(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "rules.json"
    path.write_text(content, "utf-8")
    with pytest.raises(FormatError, match=message) as e:
        suggest.read_rules_file(path)
    assert "rules.json" in str(e.value)


def test_cli_suggest_and_accept(
    sample_project_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(sample_project_file)
    assert main(["suggest", path, "--label", "figure"]) == 0
    assert "pending: 7 figure" in capsys.readouterr().err
    assert main(["suggest", path, "--label", "figure", "--accept"]) == 0
    with Project.open(sample_project_file) as project:
        spans = project.spans()
        assert len(spans) == 7 and {s.annotator for s in spans} == {"suggester"}
    assert main(["suggest", path, "--label", "nothing"]) == 1


def test_new_counts_only_suggestions_no_span_answers_already(project: Project, doc: str) -> None:
    # The analyst tagged the agency before any suggester ran: that suggestion never shows,
    # so it is not "new" to them either.
    start = TEXT.index("Seoul’s intelligence agency")
    source = project.label_named("source")
    assert source is not None
    end = start + len("Seoul’s intelligence agency")
    project.add_span(doc, start, end, source.id, annotator="ana")
    report = suggest.run_suggester(project)
    shown = suggest.suggestions(project)
    assert report.added == report.pending == len(shown) > 0
    assert all(s.start != start or s.label != "source" for s in shown)
