"""The suggester's evaluation counts hits the way its docstring says."""

from __future__ import annotations

from workbench.evaluate import score


def test_exact_and_overlap_scores_on_a_hand_made_example() -> None:
    gold = [("d", 0, 10, "claim"), ("d", 20, 30, "claim"), ("d", 40, 45, "figure"),
            ("e", 0, 5, "figure")]
    suggested = [
        ("d", 0, 10, "claim"),  # exact
        ("d", 25, 35, "claim"),  # overlaps the second claim
        ("d", 50, 60, "claim"),  # wrong
        ("d", 40, 45, "source"),  # right place, wrong label
        ("e", 0, 5, "figure"),  # exact
    ]
    by_label = {s.label: s for s in score(gold, suggested)}
    claim = by_label["claim"]
    assert (claim.gold, claim.suggested, claim.exact_hits) == (2, 3, 1)
    assert claim.exact == (1 / 3, 1 / 2, 0.4)
    assert claim.overlap[:2] == (2 / 3, 1.0)
    assert by_label["figure"].exact[:2] == (1.0, 0.5)
    assert by_label["source"].exact == (0.0, 0.0, 0.0)
    everything = by_label["all"]
    assert (everything.gold, everything.suggested, everything.exact_hits) == (4, 5, 2)
    assert everything.overlap[:2] == (3 / 5, 3 / 4)


def test_a_document_key_separates_identical_offsets() -> None:
    (claim, _) = score([("a", 0, 5, "claim")], [("b", 0, 5, "claim")])
    assert claim.exact_hits == claim.overlap_precise == claim.overlap_found == 0
