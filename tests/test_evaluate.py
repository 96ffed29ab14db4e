"""The suggester's evaluation counts hits the way its docstring says."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.evaluate import score


def test_exact_and_overlap_scores_on_a_hand_made_example() -> None:
    gold = [
        ("d", 0, 10, "claim"),
        ("d", 20, 30, "claim"),
        ("d", 40, 45, "figure"),
        ("e", 0, 5, "figure"),
    ]
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


def test_inside_counts_a_suggestion_more_than_half_inside_a_gold_span() -> None:
    from workbench.evaluate import inside

    gold = ("d", 10, 20, "source")
    assert inside(("d", 12, 18, "source"), gold)
    assert inside(("d", 5, 16, "source"), gold)  # 6 of 11 inside
    assert not inside(("d", 5, 15, "source"), gold)  # half is not more than half
    assert not inside(("d", 12, 18, "claim"), gold)
    (source, _) = score([gold], [("d", 5, 16, "source"), ("d", 30, 40, "source")])
    assert source.inside[:2] == (0.5, 1.0)


def test_links_are_right_when_a_gold_relation_joins_the_spans_they_lie_in() -> None:
    from workbench.evaluate import evaluate_records
    from workbench.formats.records import DocumentRecord, RelationRecord, SpanRecord

    text = "Port officials said that the terminal would reopen on Friday."
    claim = text.index("the terminal")
    record = DocumentRecord(
        text=text,
        title="t",
        id="d",
        spans=[
            SpanRecord(0, 14, "source", id="s"),
            SpanRecord(claim, len(text) - 1, "claim", id="c"),
        ],
        relations=[RelationRecord("c", "s", "attributed_to")],
    )
    evaluation = evaluate_records([record], rules=[])
    assert (evaluation.links_suggested, evaluation.links_right) == (1, 1)
    assert evaluation.link_accuracy == (1.0, 1.0)
    record.relations[0] = RelationRecord("c", "s", "denies")  # the wrong type
    assert evaluate_records([record], rules=[]).link_accuracy == (0.0, 0.0)


def test_an_unreadable_gold_file_is_one_sentence_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from workbench.evaluate import main

    good = tmp_path / "good.jsonl"
    good.write_text('{"text": "Officials said so.", "spans": []}\n', encoding="utf-8")
    missing = tmp_path / "missing.jsonl"
    assert main([str(good), str(missing)]) == 1
    out, err = capsys.readouterr()
    assert out == ""  # nothing of the readable file's report either
    assert err.count("\n") == 1 and "missing.jsonl" in err and "Traceback" not in err
    with pytest.raises(SystemExit) as usage:
        main(["--help"])
    assert usage.value.code == 0 and "annotated JSONL" in capsys.readouterr().out
