from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.offsets import Utf16Map, normalize_text, utf16_length

AWKWARD = [
    "plain ascii",
    "emoji 😀 and flag 🇰🇷 and family 👨‍👩‍👧",
    "combining e\u0301 and a\u0308",
    "rtl: مرحبا بالعالم שלום",
    "zero\u200bwidth\u200d joiners\ufeff",
    "line\u2028separator\u2029paragraph",
    "tabs\tand\ttabs",
    "rare cjk 𠀀𪜀",
    "",
]

# Text drawn from every plane, surrogates excluded (they cannot be encoded).
texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=200)


def _utf16_units(text: str, cp: int) -> int:
    return len(text[:cp].encode("utf-16-le")) // 2


@pytest.mark.parametrize("text", AWKWARD)
def test_mapping_matches_utf16_encoding_on_awkward_texts(text: str) -> None:
    m = Utf16Map(text)
    assert m.utf16_length == len(text.encode("utf-16-le")) // 2 == utf16_length(text)
    for cp in range(len(text) + 1):
        u = m.to_utf16(cp)
        assert u == _utf16_units(text, cp)
        assert m.to_codepoint(u) == cp
        assert not m.splits_pair(u)


@given(texts, st.data())
def test_mapping_round_trips(text: str, data: st.DataObject) -> None:
    m = Utf16Map(text)
    cp = data.draw(st.integers(0, len(text)))
    u = m.to_utf16(cp)
    assert u == _utf16_units(text, cp)
    assert m.to_codepoint(u) == cp


@given(texts, st.data())
def test_a_position_inside_a_surrogate_pair_maps_to_that_character(
    text: str, data: st.DataObject
) -> None:
    m = Utf16Map(text)
    u = data.draw(st.integers(0, m.utf16_length))
    cp = m.to_codepoint(u)
    assert m.to_utf16(cp) <= u <= m.to_utf16(cp) + 1
    assert m.splits_pair(u) == (m.to_utf16(cp) != u)


def test_out_of_range_offsets_are_refused() -> None:
    m = Utf16Map("ab😀")
    with pytest.raises(ValueError):
        m.to_utf16(4)
    with pytest.raises(ValueError):
        m.to_codepoint(5)
    with pytest.raises(ValueError):
        m.to_utf16(-1)


def test_normalisation_strips_bom_and_unifies_line_endings_only() -> None:
    raw = "\ufeffa\r\nb\rc\nd\u2028e\u00a0f\t"
    text, shift = normalize_text(raw)
    assert text == "a\nb\nc\nd\u2028e\u00a0f\t"
    assert shift(len(raw)) == len(text)


# A lone CR is followed by a letter, so that two parts never join into one CRLF.
@given(
    st.lists(st.sampled_from(["a", "😀", "\r\n", "\rb", "\n", "e\u0301", "\u2029"]), max_size=40),
    st.booleans(),
    st.data(),
)
def test_spans_cover_the_same_characters_after_normalisation(
    parts: list[str], bom: bool, data: st.DataObject
) -> None:
    raw = ("\ufeff" if bom else "") + "".join(parts)
    text, shift = normalize_text(raw)
    # A span over whole parts keeps exactly those parts, each line break as "\n".
    i = data.draw(st.integers(0, len(parts)))
    j = data.draw(st.integers(i, len(parts)))
    start = len("".join(parts[:i])) + bom
    end = len("".join(parts[:j])) + bom
    expected = "".join(p.replace("\r\n", "\n").replace("\r", "\n") for p in parts[i:j])
    assert text[shift(start) : shift(end)] == expected
