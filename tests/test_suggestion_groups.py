"""Groups and links of stored suggestions, accepting a group, rejection memory, learning."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from workbench import suggest
from workbench.cli import main
from workbench.learned import name_variants, phrase_key
from workbench.project import Project
from workbench.schema import latest_version
from workbench.suggestion_groups import accept_group, accept_linked, group_of, suggested_links

TEXT = (
    "Port officials said that the terminal would reopen on Friday. "
    "Transport Minister Lena Park denied reports of a fuel shortage."
)


def _texts(project: Project, *, status: str | None = "pending") -> dict[str, tuple[str, str]]:
    """Suggestion id -> (label, text)."""
    out = {}
    for s in suggest.suggestions(project, status=status):
        out[s.id] = (s.label, project.document(s.document_id).text[s.start : s.end])
    return out


def _relations(project: Project) -> set[tuple[str, str, str]]:
    names = {t.id: t.name for t in project.relation_types()}
    spans = {s.id: project.document(s.document_id).text[s.start : s.end] for s in project.spans()}
    return {(spans[r.head], spans[r.tail], names[r.type_id]) for r in project.relations()}


def test_the_project_file_stores_groups_and_links(project: Project) -> None:
    assert project.conn.execute("PRAGMA user_version").fetchone()[0] == latest_version()
    project.add_document(TEXT, title="t")
    suggest.run_suggester(project)
    texts = _texts(project)
    links = {(texts[k.head][1], texts[k.tail][1], k.relation) for k in suggested_links(project)}
    assert ("the terminal would reopen on Friday", "Port officials", "attributed_to") in links
    assert ("denied reports", "a fuel shortage", "denies") in links
    claim = next(i for i, v in texts.items() if v[1] == "the terminal would reopen on Friday")
    assert {texts[i][1] for i in group_of(project, claim)} == {
        "the terminal would reopen on Friday",
        "Port officials",
    }


def test_accepting_one_member_accepts_the_group_with_its_link(project: Project) -> None:
    project.add_document(TEXT, title="t")
    suggest.run_suggester(project)
    texts = _texts(project)
    source = next(i for i, v in texts.items() if v == ("source", "Port officials"))
    spans, relations = accept_group(project, source)
    assert len(relations) == 1
    assert _relations(project) == {
        ("the terminal would reopen on Friday", "Port officials", "attributed_to")
    }
    assert {project.label(s.label_id).name for s in project.spans()} == {"source", "claim"}
    assert all(s.annotator == suggest.SUGGESTER for s in spans)


def test_a_member_decided_alone_gets_its_link_when_the_other_end_is_accepted(
    project: Project,
) -> None:
    project.add_document(TEXT, title="t")
    suggest.run_suggester(project)
    texts = _texts(project)
    denial = next(i for i, v in texts.items() if v == ("denial", "denied reports"))
    claim = next(i for i, v in texts.items() if v == ("claim", "a fuel shortage"))
    accept_linked(project, [denial])
    assert _relations(project) == set()
    accept_linked(project, [claim])
    assert _relations(project) == {("denied reports", "a fuel shortage", "denies")}


def test_a_rejected_phrase_is_not_proposed_again_anywhere_in_the_project(project: Project) -> None:
    first = project.add_document(TEXT, title="one").id
    suggest.run_suggester(project)
    source = next(
        s
        for s in suggest.suggestions(project, document_id=first)
        if s.label == "source" and "Lena Park" in TEXT[s.start : s.end]
    )
    suggest.reject(project, [source.id])
    project.add_document(
        "Transport Minister Lena Park said that fuel prices would rise.", title="two"
    )
    report = suggest.run_suggester(project)
    assert report.rejected >= 2  # the rejected one, and its phrase in the new document
    assert ("source", "Transport Minister Lena Park") not in set(_texts(project).values())
    assert ("claim", "fuel prices would rise") in set(_texts(project).values())


def test_learned_suggestions_find_other_mentions_in_the_same_role(project: Project) -> None:
    first = project.add_document(
        "Mayor Tomas Berg opened the bridge. About 40 ambulances were on standby.", title="a"
    ).id
    project.add_document(
        "Berg told council members the bridge was safe. Kim Hong Kyun warned of delays. "
        "About 40 ambulances were sent. Berg Street was closed.",
        title="b",
    )
    project.add_document("Kim Hong-kyun was in Seoul.", title="c")
    labels = {lb.name: lb.id for lb in project.labels()}
    project.add_span(first, 0, 16, labels["source"], annotator="analyst")
    project.add_span(first, 36, 55, labels["figure"], annotator="analyst")
    project.add_span(project.document_ids()[2], 0, 13, labels["source"], annotator="analyst")
    suggest.run_suggester(project, from_rules=False)
    found = {
        (s.label, s.rule, project.document(s.document_id).text[s.start : s.end])
        for s in suggest.suggestions(project)
    }
    assert found == {
        ("source", "learned-source", "Berg"),
        ("source", "learned-source", "Kim Hong Kyun"),
        ("figure", "learned-figure", "About 40 ambulances"),
    }


def test_name_variants_and_phrase_keys() -> None:
    assert {"Kim Hong-kyun", "Kim Hong Kyun", "Kim"} <= name_variants(
        "Vice Foreign Minister Kim Hong-kyun"
    )
    assert {"Mark Rutte", "Rutte"} <= name_variants("NATO Secretary-General Mark Rutte")
    assert phrase_key("Kim Hong-kyun’s") == phrase_key("kim  hong kyun")


def test_cli_from_tags_shows_only_the_learned_part(
    project_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Project.open(project_file) as project:
        first = project.add_document("Mayor Tomas Berg opened the bridge.", title="a").id
        project.add_document("Berg said that the bridge was safe, officials said.", title="b")
        project.add_span(first, 0, 16, project.label_named("source").id, annotator="analyst")
    assert main(["suggest", str(project_file), "--from-tags"]) == 0
    with Project.open(project_file) as project:
        rules = {s.rule for s in suggest.suggestions(project)}
    assert rules == {"learned-source"}
    capsys.readouterr()


_MANY_TAGS = r"""
from workbench.learned import Tagged, learned_suggestions
names = [f"Official{i} Name{i}" for i in range(3000)]
text = " ".join(f"{name} said that it rained." for name in names)
tagged = [Tagged("a", text, text.index(n), text.index(n) + len(n), "source") for n in names]
other = " ".join(f"Yesterday {name} told reporters it rained." for name in names)
found = learned_suggestions({"b": other}, tagged)
print(sorted({other[start:end] for start, end, _, _ in found["b"]}) == sorted(names))
"""


def test_learning_from_thousands_of_tags_finishes_within_seconds() -> None:
    # 3,000 tagged names over 3,000 mentions: one pass over the words, well under a
    # second; 30 s only guards against a search that grows with tags times text.
    done = subprocess.run(
        [sys.executable, "-c", _MANY_TAGS], capture_output=True, text=True, timeout=30, check=True
    )
    assert done.stdout.strip() == "True"


def test_a_learned_only_run_leaves_the_rules_suggestions_and_links_alone(project: Project) -> None:
    first = project.add_document(TEXT, title="one").id
    project.add_document("Transport Minister Lena Park warned of delays.", title="two")
    suggest.run_suggester(project)
    before = (set(_texts(project)), len(suggested_links(project)))
    source = next(
        s
        for s in suggest.suggestions(project, document_id=first)
        if s.label == "source" and "Lena Park" in TEXT[s.start : s.end]
    )
    project.add_span(
        first, source.start, source.end, project.label_named("source").id, annotator="analyst"
    )
    suggest.run_suggester(project, from_rules=False)
    assert before[0] - set(_texts(project)) == {source.id}  # answered by the tagged span
    assert len(suggested_links(project)) == before[1]
