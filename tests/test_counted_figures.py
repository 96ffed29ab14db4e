"""Counted figures (workbench/counted_figures.py) on sentences written for these tests."""

from __future__ import annotations

import subprocess
import sys

import pytest

from workbench.counted_figures import find_figures
from workbench.proposals import propose


def _figures(text: str) -> list[str]:
    return [text[start:end] for start, end, _, _ in find_figures(text)]


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        # any plural noun counts, not only the ones of a word list
        ("The storm flattened 37 greenhouses near the coast.", "37 greenhouses"),
        ("Inspectors seized 1,250 counterfeit watches at the border.", "1,250 counterfeit watches"),
        ("She won by 418 votes.", "418 votes"),
        # modifiers, capitalised or not, between the number and the noun
        ("The firm closed two Bavarian bottling plants.", "two Bavarian bottling plants"),
        # a qualifier before the number
        ("Some 6,400 commuters were stranded.", "Some 6,400 commuters"),
        (
            "The fire destroyed more than 90 hectares of pine forest.",
            "more than 90 hectares of pine forest",
        ),
        # money, scales and shares
        ("The fine could reach up to 12 million kronor.", "up to 12 million kronor"),
        ("The council set aside $3.5 billion for repairs.", "$3.5 billion"),
        ("Turnout fell 7 percent in the north.", "7 percent"),
        ("Prices rose 4.2 per cent in May.", "4.2 per cent"),
        ("Unemployment reached 11% last spring.", "11%"),
        # measures take what they measure
        (
            "The tanker spilled about 300 barrels of crude oil into the bay.",
            "about 300 barrels of crude oil",
        ),
        # number words, and "hundreds of"
        ("Rescuers evacuated twenty-five cottages.", "twenty-five cottages"),
        ("Hundreds of fishing boats stayed in port.", "Hundreds of fishing boats"),
        # plurals without an "s"
        ("The ferry carried 212 people and 40 cattle.", "212 people"),
    ],
)
def test_a_number_with_the_plural_it_counts_is_a_figure(text: str, figure: str) -> None:
    assert figure in _figures(text)


@pytest.mark.parametrize(
    "text",
    [
        # years, dates, ages, ordinals, list numbers
        "The mill has been closed since 1987, the mayor said.",
        "The vote is set for March 12 in most districts.",
        "Lena Brod, 58, chairs the committee.",
        "It was the third strike this spring.",
        "Point 4 of the agreement covers pensions.",
        # durations and multipliers
        "Talks lasted 36 hours before the deal.",
        "The river rose three times faster than forecast.",
        # a spelled number that refers to what is already counted
        "The two governments signed the pact in Oslo.",
        "Relations between two neighbouring countries have cooled.",
        # identifiers after a name
        "Resolution 2417 condemns the use of hunger as a weapon.",
        # a number with no counted noun
        "The index closed at 4,512 on Friday.",
    ],
)
def test_numbers_that_count_nothing_are_not_figures(text: str) -> None:
    assert _figures(text) == []


def test_how_many_speak_is_a_source_not_a_figure() -> None:
    text = "Three newspapers reported that the minister would resign."
    proposals = propose(text, [])
    spans = {(p.label, text[p.start : p.end]) for p in proposals.spans}
    assert ("source", "Three newspapers") in spans
    assert not any(label == "figure" for label, _ in spans)


_HOSTILE = r"""
from workbench.counted_figures import find_figures
texts = ["1 " * 50000, "about 3 " * 30000 + "cars", "two hundred " * 20000,
         "9, " * 40000 + "soldiers", "$" * 50000 + "5 million"]
print(sum(len(find_figures(t)) >= 0 for t in texts))
"""


def test_hostile_texts_finish_within_seconds() -> None:
    # 100 KB of numbers: each is looked at once, a few words ahead; 30 s only guards a hang.
    done = subprocess.run(
        [sys.executable, "-c", _HOSTILE], capture_output=True, text=True, timeout=30, check=True
    )
    assert done.stdout.strip() == "5"
