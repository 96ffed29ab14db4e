"""Search returns code-point offsets into the stored text, with case and word options."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.project import Project
from workbench.search import find_all, find_in_project


def test_offsets_are_code_points_after_emoji_and_combining_marks() -> None:
    text = "😀👨‍👩‍👧 cafe\u0301 says Claim; claim."
    found = find_all(text, "claim")
    first, last = text.index("Claim"), text.rindex("claim")
    assert found == [(first, first + 5), (last, last + 5)]
    for start, end in found:
        assert text[start:end].casefold() == "claim"


@pytest.mark.parametrize(
    ("query", "options", "expected"),
    [
        ("claim", {}, ["Claim", "claim", "claim"]),
        ("claim", {"match_case": True}, ["claim", "claim"]),
        ("claim", {"whole_words": True}, ["Claim", "claim"]),
        ("claim", {"whole_words": True, "match_case": True}, ["claim"]),
        ("U.S.", {"whole_words": True}, ["U.S."]),
        ("", {}, []),
    ],
)
def test_options(query: str, options: dict[str, bool], expected: list[str]) -> None:
    text = "Claim, claims and claim by the U.S. (U.S.A.)"
    assert [text[s:e] for s, e in find_all(text, query, **options)] == expected


def test_a_match_never_cuts_a_combining_sequence() -> None:
    text = "cafe\u0301 cafe"
    assert find_all(text, "cafe") == [(6, 10)]
    assert find_all(text, "cafe\u0301") == [(0, 5)]


def test_find_in_project_scopes_to_documents(project: Project) -> None:
    a = project.add_document("🇰🇵 troops, more troops", title="a")
    b = project.add_document("No troops", title="b")
    everywhere = find_in_project(project, "troops")
    assert everywhere == [(a.id, 3, 9), (a.id, 16, 22), (b.id, 3, 9)]
    assert find_in_project(project, "troops", document_ids=[b.id]) == [(b.id, 3, 9)]
    assert find_in_project(project, "TROOPS", match_case=True) == []


@given(
    prefix=st.text(max_size=20),
    query=st.text(min_size=1, max_size=6),
    suffix=st.text(max_size=20),
    match_case=st.booleans(),
)
def test_every_match_equals_the_query(
    prefix: str, query: str, suffix: str, match_case: bool
) -> None:
    text = prefix + query + suffix
    matches = find_all(text, query, match_case=match_case)
    previous_end = 0
    for start, end in matches:
        assert previous_end <= start < end <= len(text)
        previous_end = end
        if match_case:
            assert text[start:end] == query
        else:
            assert text[start:end].casefold() == query.casefold()


@given(
    text=st.text(alphabet="ab 😀\u0301", max_size=30),
    query=st.text(alphabet="ab😀", min_size=1, max_size=3),
)
def test_case_sensitive_search_finds_what_str_find_finds(text: str, query: str) -> None:
    expected = []
    i = text.find(query)
    while i != -1:
        end = i + len(query)
        if not (end < len(text) and text[end] == "\u0301"):
            expected.append((i, end))
            i = text.find(query, end)
        else:
            i = text.find(query, i + 1)
    assert find_all(text, query, match_case=True) == expected
