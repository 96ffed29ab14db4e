"""A catastrophic suggestion rule cannot hang Workbench: each rule has a time limit per
document, and a rule that times out is skipped with a warning naming it and the document.

Both routes a hostile rule comes by (`--rules FILE`, and rules stored in a mailed
project) and both ways of running the suggester (the command, the window's Suggest) are
run in a child process with a generous timeout, so a hang fails the test instead of
hanging it.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.security.child_runs import CHILD_TIMEOUT_SECONDS, run_cli
from workbench import limits, suggest
from workbench.project import Project
from workbench.rule_guard import RuleSkipped, SkipLog, keep_longest
from workbench.suggest import Rule

# Catastrophic in `regex` too ((a+)+$ backtracks exponentially on a run of a's and "!").
CATASTROPHIC = {"name": "catastrophic", "label": "claim", "pattern": "(a+)+$"}
HOSTILE_TEXT = "a" * 20_000 + "!"
FIGURE_TEXT = "Officials said about 1,500 North Korean soldiers arrived."


def _project(path: Path, *, documents: int = 1, stored_rules: dict | None = None) -> Path:
    with Project.create(path) as project:
        for i in range(documents):
            project.add_document(HOSTILE_TEXT, title=f"hostile {i}", id=f"hostile-{i}")
        project.add_document(FIGURE_TEXT, title="figures", id="figures")
        if stored_rules is not None:  # as a mailed project carries them: written by another hand
            with project.transaction():
                project.conn.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?)",
                    (suggest.SETTINGS_KEY, json.dumps(stored_rules)),
                )
    return path


def _timeout_warnings(lines: list[str]) -> list[str]:
    return [
        line
        for line in lines
        if line.startswith("warning: the suggestion rule 'catastrophic' took longer")
    ]


def test_a_catastrophic_rule_from_rules_file_is_skipped(tmp_path: Path) -> None:
    path = _project(tmp_path / "p.wbproj")
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps({"rules": [CATASTROPHIC]}), "utf-8")

    run = run_cli("suggest", path, "--rules", rules)

    assert run.returncode == 0, run.lines
    (warning,) = _timeout_warnings(run.lines)
    assert "document hostile-0" in warning
    assert "pending: 1 figure" in run.lines[-1]  # the other rules still ran
    with Project.open(path) as project:  # the rules were stored all the same
        assert suggest.project_rules_data(project) == {"rules": [CATASTROPHIC]}


def test_a_catastrophic_rule_stored_in_a_mailed_project_is_skipped(tmp_path: Path) -> None:
    path = _project(tmp_path / "mailed.wbproj", stored_rules={"rules": [CATASTROPHIC]})

    run = run_cli("suggest", path)

    assert run.returncode == 0, run.lines
    (warning,) = _timeout_warnings(run.lines)
    assert "document hostile-0" in warning
    assert "pending: 1 figure" in run.lines[-1]


def test_a_rule_that_keeps_timing_out_is_dropped_for_the_rest_of_the_run(tmp_path: Path) -> None:
    documents = limits.RULE_SKIPS_PER_RUN + 3
    path = _project(
        tmp_path / "many.wbproj", documents=documents, stored_rules={"rules": [CATASTROPHIC]}
    )

    run = run_cli("suggest", path)

    assert run.returncode == 0, run.lines
    warnings = _timeout_warnings(run.lines)
    assert len(warnings) == limits.RULE_SKIPS_PER_RUN < documents
    assert "skipped for the rest of this run" in warnings[-1]
    assert "pending: 1 figure" in run.lines[-1]


def test_the_windows_suggest_finishes_and_says_which_rule_it_skipped(tmp_path: Path) -> None:
    path = _project(tmp_path / "mailed.wbproj", stored_rules={"rules": [CATASTROPHIC]})
    child = Path(__file__).with_name("window_suggest_child.py")

    done = subprocess.run(
        [sys.executable, str(child), str(path)],
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT_SECONDS,
        check=False,
    )

    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    # The other rules still ran: the figure (and the attribution rules' finds) were proposed.
    assert any(line.startswith("report ") and int(line.split()[1]) >= 1 for line in lines), lines
    (box,) = [line for line in lines if line.startswith("box ")]
    assert "The suggestion rule 'catastrophic' took longer" in box and "hostile-0" in box
    assert "window-visible True" in lines


def test_without_a_list_to_report_to_a_timeout_is_an_error() -> None:
    (rule,) = suggest.compile_rules({"rules": [CATASTROPHIC]})
    with pytest.raises(RuleSkipped, match="'catastrophic' took longer"):
        suggest.find_suggestions(HOSTILE_TEXT, [rule])
    skipped: list[RuleSkipped] = []
    assert suggest.find_suggestions(HOSTILE_TEXT, [rule], skipped=skipped) == []
    assert [(s.rule, s.reason) for s in skipped] == [("catastrophic", "took longer than 1 s")]


# --- the shipped rules mean with `regex` what they meant with `re` ----------------------

GOLD = Path(__file__).resolve().parents[1] / "data" / "gold" / "sample_gold.jsonl"
ARTICLES = Path(__file__).resolve().parents[2] / "sample_projects" / "articles"


def _rules_compiled_with_re() -> list[Rule]:
    """The shipped rules as suggest.py compiled them before it used `regex`."""
    data = suggest.default_rules_data()
    lists = {
        name: "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"
        for name, words in data["lists"].items()
    }
    rules = []
    for raw in data["rules"]:
        source = re.sub(r"\{([A-Za-z_]\w*)\}", lambda m: lists[m.group(1)], raw["pattern"])
        pattern = re.compile(source, re.IGNORECASE if raw.get("ignore_case") else 0)
        # An re.Pattern stands in for the regex.Pattern a Rule holds: finditer is the same.
        rules.append(
            Rule(
                raw["name"],
                raw["label"],
                pattern,  # type: ignore[arg-type]
                raw.get("keep", "first"),
            )
        )
    return rules


def _matches(rules: list[Rule], text: str) -> list[tuple[str, tuple[int, int], dict]]:
    return [
        (rule.name, m.span(), m.groupdict()) for rule in rules for m in rule.pattern.finditer(text)
    ]


def test_the_shipped_rules_match_the_same_with_regex_as_with_re() -> None:
    texts = [
        json.loads(line)["text"] for line in GOLD.read_text("utf-8").splitlines() if line.strip()
    ]
    texts += [p.read_text("utf-8") for p in sorted(ARTICLES.glob("*.txt"))]
    new, old = suggest.rules_for(), _rules_compiled_with_re()
    assert [r.name for r in new] == [r.name for r in old]
    found = [_matches(new, text) for text in texts]
    assert sum(map(len, found)) > 50  # the texts exercise the rules
    assert found == [_matches(old, text) for text in texts]


_WORDS = sorted(
    {w for words in suggest.default_rules_data()["lists"].values() for w in words}
    | {
        "1,500",
        "3,000",
        "12",
        "North",
        "Korean",
        "that",
        "the",
        "of",
        "Seoul",
        "according",
        "to",
        "Reports",
        "from",
        "denied",
        "allegations",
        "could",
        "not",
        "be",
        "confirmed",
        "\n",
        ".",
        ",",
        "(NIS)",
        "’s",
        "“",
        "”",
    }
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=3, max_size=40))
def test_regex_and_re_agree_on_news_like_text(words: list[str]) -> None:
    text = " ".join(words)
    assert _matches(suggest.rules_for(), text) == _matches(_rules_compiled_with_re(), text)


def test_a_thousand_slow_rules_stop_the_run_after_a_budget_of_timeouts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "RULE_TIMEOUT_SECONDS", 0.05)
    monkeypatch.setattr(limits, "MAX_RULE_SKIPS_PER_RUN", 4)
    slow = [{**CATASTROPHIC, "name": f"slow-{i}"} for i in range(limits.MAX_RULES)]
    path = _project(tmp_path / "mailed.wbproj", documents=3, stored_rules={"rules": slow})
    with Project.open(path) as project:
        report = suggest.run_suggester(project)
    assert len(report.warnings) == 4 + 1
    assert all("took longer than 0.05 s in document hostile-0" in w for w in report.warnings[:4])
    assert report.warnings[-1].startswith(
        "rules were skipped 4 times, so the run stopped in "
        "document hostile-0; 4 documents were not searched"
    )


def test_a_rule_proposing_a_span_at_every_character_is_skipped(tmp_path: Path) -> None:
    path = _project(tmp_path / "p.wbproj")
    with Project.open(path) as project:
        project.add_document("word " * 60_000, title="long", id="long")
    rules = tmp_path / "rules.json"
    rules.write_text(
        json.dumps({"rules": [{"name": "every", "label": "claim", "pattern": "(?s)."}]}), "utf-8"
    )

    run = run_cli("suggest", path, "--rules", rules, "--label", "claim")

    assert run.returncode == 0, run.lines
    assert (
        f"warning: the suggestion rule 'every' proposed more than "
        f"{limits.MAX_SPANS_PER_RULE:,} spans in document long and was skipped there."
    ) in run.lines
    with Project.open(path) as project:  # nothing of it was stored
        assert suggest.suggestions(project, document_id="long") == []


def _keep_longest_as_before(
    found: list[tuple[int, int, str, str]],
) -> list[tuple[int, int, str, str]]:
    """The overlap rule as suggest.py wrote it before (quadratic, but plainly right)."""
    found = sorted(found, key=lambda f: (f[2], -(f[1] - f[0]), f[0]))
    kept: list[tuple[int, int, str, str]] = []
    for cand in found:
        if not any(k[2] == cand[2] and k[0] < cand[1] and cand[0] < k[1] for k in kept):
            kept.append(cand)
    return sorted(kept, key=lambda f: (f[0], f[1], f[2]))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 60),
            st.integers(1, 15),
            st.sampled_from("ab"),
            st.sampled_from(["r1", "r2"]),
        )
    )
)
def test_overlaps_keep_the_longest_as_before(spans: list[tuple[int, int, str, str]]) -> None:
    found = [(start, start + length, label, rule) for start, length, label, rule in spans]
    assert keep_longest(list(found)) == _keep_longest_as_before(found)


def test_a_warning_escapes_the_control_characters_of_a_mailed_document_id() -> None:
    log = SkipLog()
    log.record([RuleSkipped("slow", "took longer than 1 s")], "doc\x1b[2J", documents_left=1)
    (warning,) = log.warnings
    assert "\x1b" not in warning and "document doc\\x1b[2J and" in warning
