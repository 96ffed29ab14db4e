"""The attribution rules, one family at a time, on sentences written for these tests."""

from __future__ import annotations

import subprocess
import sys

import pytest

from workbench.attribution import find_attributions
from workbench.proposals import propose

Found = tuple[set[tuple[str, str]], set[tuple[str, str, str]]]


def _found(text: str) -> Found:
    """(label, text) of every proposed span and (head, tail, relation) of every link."""
    proposals = propose(text, [])
    spans = {(p.label, text[p.start : p.end]) for p in proposals.spans}
    return spans, set(proposals.link_texts(text))


@pytest.mark.parametrize(
    ("text", "source", "claim"),
    [
        # said / told / warned that
        (
            "Finance Minister Ana Ruiz said that the budget deficit had narrowed "
            "in the third quarter.",
            "Finance Minister Ana Ruiz",
            "the budget deficit had narrowed in the third quarter",
        ),
        (
            "The harbour authority told reporters on Monday that two cranes were damaged.",
            "The harbour authority",
            "two cranes were damaged",
        ),
        # a bare reported clause
        (
            "Local officials said the bridge would stay closed until March.",
            "Local officials",
            "the bridge would stay closed until March",
        ),
        # the attribution after the claim
        (
            "The bridge will stay closed until March, local officials said on Tuesday.",
            "local officials",
            "The bridge will stay closed until March",
        ),
        # a quotation and its speaker after the verb
        (
            "“We will not back down,” said union leader Pia Holm.",
            "union leader Pia Holm",
            "“We will not back down,”",
        ),
        # according to, before and after
        (
            "According to the weather service, the storm will reach the coast by Friday.",
            "the weather service",
            "the storm will reach the coast by Friday",
        ),
        (
            "The storm will reach the coast by Friday, according to the weather service.",
            "the weather service",
            "The storm will reach the coast by Friday",
        ),
        # accused X of Y
        (
            "Opposition leaders accused the mayor of hiding the audit report.",
            "Opposition leaders",
            "hiding the audit report",
        ),
        # characterized NP as Z
        (
            "The ministry described the strike as illegal and dangerous.",
            "The ministry",
            "the strike as illegal and dangerous",
        ),
        # a participle continues the subject's statement
        (
            "The regulator fined the bank, saying that its controls had failed for years.",
            "The regulator",
            "its controls had failed for years",
        ),
        # a pull quote
        ("“a historic mistake” – Senator Lee Park", "Senator Lee Park", "“a historic mistake”"),
        # modifiers joined by "and"
        (
            "Japanese trade and finance officials said that exports had slowed.",
            "Japanese trade and finance officials",
            "exports had slowed",
        ),
        # a document speaks
        (
            "Satellite imagery suggests that the reservoir has nearly dried up.",
            "Satellite imagery",
            "the reservoir has nearly dried up",
        ),
    ],
)
def test_a_speaker_and_what_they_said_come_as_one_linked_pair(
    text: str, source: str, claim: str
) -> None:
    spans, links = _found(text)
    assert ("source", source) in spans
    assert ("claim", claim) in spans
    assert (claim, source, "attributed_to") in links


def test_the_speaker_of_a_demand_is_a_source_without_a_claim() -> None:
    spans, links = _found("Greenpeace urged the government to halt the drilling.")
    assert spans == {("source", "Greenpeace")} and links == set()


@pytest.mark.parametrize(
    ("text", "denial", "claim"),
    [
        (
            "The club denied that its coach had been dismissed.",
            "denied",
            "its coach had been dismissed",
        ),
        (
            "The embassy firmly rejected claims of spying on exiles.",
            "firmly rejected claims",
            "spying on exiles",
        ),
        ("The army denies any role in the attack.", "denies", "any role in the attack"),
        # the denied claim in the sentence before
        (
            "Activists said that the dam had leaked toxic water. "
            "The mining company denied the claim.",
            "denied the claim",
            "the dam had leaked toxic water",
        ),
        # the denied claim earlier in the same sentence
        (
            "Critics claimed that the vote was rigged, an allegation the commission rejected.",
            "rejected",
            "the vote was rigged",
        ),
        (
            "Police declined to comment on reports that a suspect had fled abroad.",
            "declined to comment",
            "a suspect had fled abroad",
        ),
    ],
)
def test_a_denial_is_linked_to_the_claim_it_answers(text: str, denial: str, claim: str) -> None:
    spans, links = _found(text)
    assert ("denial", denial) in spans
    assert ("claim", claim) in spans
    assert (denial, claim, "denies") in links


def test_a_denial_with_a_second_predicate_gives_two_denials_of_one_claim() -> None:
    text = "The ministry dismissed reports of troop movements, calling them “pure fabrication.”"
    spans, links = _found(text)
    assert ("denial", "calling them “pure fabrication.”") in spans
    assert ("dismissed reports", "troop movements", "denies") in links
    assert ("calling them “pure fabrication.”", "troop movements", "denies") in links
    assert ("source", "The ministry") in spans


def test_he_said_is_attributed_to_the_speaker_named_before() -> None:
    text = "Governor Ines Varga said the river had peaked. She added that the levees had held."
    spans, links = _found(text)
    assert ("the levees had held", "Governor Ines Varga", "attributed_to") in links
    assert ("source", "She") not in spans


def test_a_group_holds_source_claim_and_link_together() -> None:
    text = "Analysts in Oslo expect that prices will fall."
    (group,) = find_attributions(text)
    assert [(m.label, text[m.start : m.end]) for m in group.members] == [
        ("source", "Analysts in Oslo"),
        ("claim", "prices will fall"),
    ]
    assert group.links == [(1, 0, "attributed_to")]


@pytest.mark.parametrize(
    "text",
    [
        "The war began in 2022 and the pact was signed in June.",
        "The reports could not be confirmed.",
        "The United States and Japan signed a trade deal.",
        "Her alleged role in the affair is unclear.",
        "The plan is expected to pass next week.",
    ],
)
def test_sentences_without_attribution_get_no_source_or_claim(text: str) -> None:
    spans, _ = _found(text)
    assert not {label for label, _ in spans} & {"source", "claim"}


_HOSTILE = r"""
import sys
from workbench.proposals import propose
texts = [
    "said " * 20000,
    "John " * 20000 + "said that it rained.",
    "“" * 5000 + "said that " + "," * 5000 + " according to " * 2000,
    "Officials said that " + "the reports of " * 5000 + "rain.",
    ("Analysts say that, " * 3000) + ".",
    "x" * 100000,
]
for text in texts:
    propose(text, [])
print("done")
"""


def test_hostile_texts_finish_within_seconds() -> None:
    # One line of 100 KB, thousands of verbs or quotation marks: the work per verb is
    # bounded, so this takes well under a second; 30 s only guards against a hang.
    done = subprocess.run(
        [sys.executable, "-c", _HOSTILE], capture_output=True, text=True, timeout=30, check=True
    )
    assert done.stdout.strip() == "done"
