"""Second-pass attribution rules on sentences written for these tests: verb forms that are
no denial, numbers and appositions around a speaker, plural speaker nouns."""

from __future__ import annotations

import pytest

from workbench.proposals import propose


def _spans(text: str) -> set[tuple[str, str]]:
    return {(p.label, text[p.start : p.end]) for p in propose(text, []).spans}


@pytest.mark.parametrize(
    "text",
    [
        # a participle after a quantifier or determiner is an adjective
        "Each rejected application was filed again in May.",
        "The clerk said every denied permit had been logged.",
        "Any disputed invoice goes to the auditor.",
        # after a preposition
        "The pile of rejected ballots sat in the hall.",
        # passive, with adverbs between "be" and the participle
        "Several bids had been quietly rejected by the board.",
        "The request was not denied.",
    ],
)
def test_a_denial_verb_used_as_an_adjective_or_passive_is_no_denial(text: str) -> None:
    assert not any(label == "denial" for label, _ in _spans(text))


@pytest.mark.parametrize(
    ("text", "denial"),
    [
        # the active verb still denies, with its object, after an adverb
        ("The board flatly rejected claims that bids were lost.", "flatly rejected claims"),
        ("The clerk denied that any permit was lost.", "denied"),
    ],
)
def test_an_active_denial_verb_stays_a_denial(text: str, denial: str) -> None:
    assert ("denial", denial) in _spans(text)


def test_an_age_between_commas_does_not_speak_and_the_name_before_it_does() -> None:
    text = "Marta Olsen, 47, who runs the ferry company, said the route would close."
    spans = _spans(text)
    assert ("source", "Marta Olsen") in spans
    assert ("source", "47") not in spans
    assert ("claim", "the route would close") in spans


def test_a_plural_of_a_speaker_noun_speaks() -> None:
    text = "Two newspapers reported that the coach had resigned."
    spans = _spans(text)
    assert ("source", "Two newspapers") in spans
    assert ("claim", "the coach had resigned") in spans
