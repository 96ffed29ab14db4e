"""Learned suggestions: a company's short name and a surname after a title, on sentences
written for these tests."""

from __future__ import annotations

from workbench.learned import Tagged, learned_suggestions, name_variants


def _learned(tagged_text: str, tagged: str, text: str) -> list[str]:
    start = tagged_text.index(tagged)
    found = learned_suggestions(
        {"b": text}, [Tagged("a", tagged_text, start, start + len(tagged), "source")]
    )
    return [text[start:end] for start, end, _, _ in found.get("b", [])]


def test_a_company_speaks_again_by_its_short_name_and_its_last_word_is_no_surname() -> None:
    assert {"Talvik Chemicals", "Talvik"} <= name_variants("Talvik Chemicals")
    assert "Chemicals" not in name_variants("Talvik Chemicals")
    found = _learned(
        "Talvik Chemicals denied the report.",
        "Talvik Chemicals",
        "Talvik said the plant was safe. Chemicals said little.",
    )
    assert found == ["Talvik"]


def test_a_tagged_name_speaks_again_after_a_title() -> None:
    found = _learned(
        "Governor Ines Varga said the river had peaked.",
        "Governor Ines Varga",
        "Governor Varga told reporters the levees held. Joan Varga said no.",
    )
    assert found == ["Varga"]
