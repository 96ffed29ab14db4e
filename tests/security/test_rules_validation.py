"""Rules files of the wrong shape are refused with one sentence naming the file and the
rule, from `--rules` and from a project's stored rules, and nothing is changed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.security.child_runs import hashes, run_cli
from workbench import limits, suggest
from workbench.cli import main
from workbench.errors import FormatError
from workbench.project import Project

GOOD_RULE = {"name": "x", "label": "claim", "pattern": "Russia"}

# (rules data, what the sentence says)
WRONG_SHAPES: list[tuple[Any, str]] = [
    ([GOOD_RULE], "is not a JSON object"),
    ({"rulez": [GOOD_RULE]}, 'has the unknown key "rulez"'),
    ({"rules": {"x": GOOD_RULE}}, '"rules" that is not a list'),
    ({"lists": ["Russia"]}, '"lists" that is not an object'),
    ({"lists": {"place": "Russia"}}, 'word list "place" that is not a list'),
    ({"lists": {"place": ["Russia", 3]}}, 'word list "place" that is not a list'),
    ({"lists": {"two words": ["Russia"]}}, 'word list named "two words"'),
    ({"disable": "figure-number-counted"}, '"disable" that is not a list'),
    ({"about": 5}, '"about" that is not a string'),
    ({"rules": ["Russia"]}, "rule 1 is not a JSON object"),
    ({"rules": [GOOD_RULE, {"name": "y", "pattern": "a"}]}, 'rule 2 ("y") has no "label"'),
    ({"rules": [{"label": "claim", "pattern": "a"}]}, 'rule 1 has no "name"'),
    ({"rules": [{**GOOD_RULE, "pattern": 5}]}, 'rule 1 ("x") has a "pattern" that is not a'),
    ({"rules": [{**GOOD_RULE, "label": ""}]}, 'rule 1 ("x") has a "label" that is not a'),
    ({"rules": [{**GOOD_RULE, "ignore_case": "yes"}]}, '"ignore_case" that is not true'),
    ({"rules": [{**GOOD_RULE, "keep": "middle"}]}, '"keep" other than first/last'),
    ({"rules": [{**GOOD_RULE, "flags": "i"}]}, 'rule 1 ("x") has the unknown key "flags"'),
    (
        {"rules": [{**GOOD_RULE, "name": "x\x1b[2J"}]},
        'rule 1 ("x\\u001b[2J") has a "name" with a control character',
    ),
    ({"rules": [{**GOOD_RULE, "label": "claim\nfake"}]}, 'has a "label" with a control'),
    ({"rules": [GOOD_RULE, GOOD_RULE]}, 'rule 2 has the name "x" of rule 1'),
    ({"rules": [{**GOOD_RULE, "pattern": "(Russia"}]}, "rule 'x' has a bad pattern"),
    ({"rules": [{**GOOD_RULE, "pattern": "{nolist}"}]}, "'nolist', which is not defined"),
    (
        {"rules": [{**GOOD_RULE, "pattern": "(" * 5000 + "a" + ")" * 5000}]},
        "rule 'x' has a bad pattern (maximum recursion depth",
    ),
    ({"rules": [{**GOOD_RULE, "pattern": "(?:a{1000}){1000}"}]}, "a pattern of size 1,000"),
    ({"rules": [{**GOOD_RULE, "pattern": "((a{100}){100}){100}"}]}, "a pattern of size"),
    (
        {"rules": [{**GOOD_RULE, "name": f"r{i}"} for i in range(limits.MAX_RULES + 1)]},
        f"has {limits.MAX_RULES + 1:,} rules, more than",
    ),
]
IDS = [message.split('"')[0][:30] + str(i) for i, (_, message) in enumerate(WRONG_SHAPES)]


def _write(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data), "utf-8")
    return path


@pytest.mark.parametrize(("data", "message"), WRONG_SHAPES, ids=IDS)
def test_a_wrong_shape_is_one_sentence_naming_the_file(
    tmp_path: Path, data: Any, message: str
) -> None:
    path = _write(tmp_path / "rules.json", data)
    with pytest.raises(FormatError) as e:
        suggest.read_rules_file(path)
    assert str(e.value).startswith(f"{path}: ")
    assert message in str(e.value)
    assert "\n" not in str(e.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe{", "is not valid JSON"),
        (b"[" * 100_000, "nests JSON deeper"),
        (b'{"rules": [' + b"1," * 10 + b"]}", "is not valid JSON"),
    ],
)
def test_bytes_that_are_not_a_rules_file(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "rules.json"
    path.write_bytes(content)
    with pytest.raises(FormatError, match=message):
        suggest.read_rules_file(path)


def test_a_rules_file_over_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_RULES_FILE_BYTES", 1000)
    path = _write(tmp_path / "rules.json", {"lists": {"place": ["Russia"] * 200}})
    with pytest.raises(FormatError, match="larger than"):
        suggest.read_rules_file(path)


def _refused(capsys: pytest.CaptureFixture[str], argv: list[str], *, names: str) -> str:
    code = main(argv)
    err = capsys.readouterr().err.splitlines()
    assert code == 1 and len(err) == 1, err
    assert err[0].startswith("workbench: ") and names in err[0], err
    return err[0]


@pytest.mark.parametrize(("data", "message"), WRONG_SHAPES[::3], ids=IDS[::3])
def test_cli_refuses_a_wrong_rules_file_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: Any, message: str
) -> None:
    project = tmp_path / "p.wbproj"
    Project.create(project).close()
    rules = _write(tmp_path / "rules.json", data)
    before = hashes(tmp_path)
    sentence = _refused(capsys, ["suggest", str(project), "--rules", str(rules)], names=str(rules))
    assert message in sentence
    assert hashes(tmp_path) == before


def test_cli_refuses_a_rule_for_a_label_the_project_lacks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "p.wbproj"
    Project.create(project, labels=["person", "place"]).close()
    rules = _write(tmp_path / "rules.json", {"rules": [{**GOOD_RULE, "label": "claim"}]})
    before = hashes(tmp_path)
    sentence = _refused(capsys, ["suggest", str(project), "--rules", str(rules)], names=str(rules))
    assert 'proposes the label "claim", which the project does not have' in sentence
    assert '"person" and "place"' in sentence
    assert hashes(tmp_path) == before


@pytest.mark.parametrize(
    ("stored", "message"),
    [(json.dumps(data), message) for data, message in WRONG_SHAPES[1::3]]
    + [("{not json", "is damaged (CHECK constraint")],
)
def test_wrong_rules_stored_in_a_mailed_project_are_refused_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], stored: str, message: str
) -> None:
    project = tmp_path / "mailed.wbproj"
    with Project.create(project) as p:
        # The sender's program need not keep Workbench's CHECK (json_valid(value)).
        p.conn.execute("PRAGMA ignore_check_constraints = ON")
        with p.transaction():
            p.conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)", (suggest.SETTINGS_KEY, stored)
            )
    before = hashes(tmp_path)
    sentence = _refused(capsys, ["suggest", str(project)], names=str(project))
    # Invalid JSON breaks the file's own CHECK: the integrity check on open refuses it first.
    assert message in sentence
    if "damaged" not in message:
        assert "stored suggestion rules" in sentence
    assert hashes(tmp_path) == before


def test_a_good_rules_file_still_works(tmp_path: Path) -> None:
    rules = _write(
        tmp_path / "rules.json",
        {
            "about": "places",
            "lists": {"place": ["Russia"]},
            "rules": [
                {
                    **GOOD_RULE,
                    "pattern": "{place}",
                    "ignore_case": True,
                    "keep": "last",
                    "about": "a place",
                }
            ],
            "disable": ["figure-number-counted"],
        },
    )
    with Project.memory() as project:
        doc = project.add_document("Troops went to russia.", title="t").id
        suggest.store_rules_file(project, rules)
        suggest.run_suggester(project)
        found = {(s.label, s.start, s.end) for s in suggest.suggestions(project, document_id=doc)}
    assert ("claim", 15, 21) in found


@pytest.mark.parametrize(("used", "code"), [(False, 0), (True, 1)], ids=["unused", "used"])
def test_a_word_list_of_a_million_words_is_handled_in_seconds(
    tmp_path: Path, used: bool, code: int
) -> None:
    project = tmp_path / "p.wbproj"
    Project.create(project).close()
    words = [f"{i:x}" for i in range(1_000_000)]  # under the file size limit
    rule = {**GOOD_RULE, "pattern": "{huge}" if used else "Russia"}
    rules = _write(tmp_path / "rules.json", {"lists": {"huge": words}, "rules": [rule]})
    assert rules.stat().st_size < limits.MAX_RULES_FILE_BYTES

    run = run_cli("suggest", str(project), "--rules", str(rules))

    assert run.returncode == code, run.lines
    if used:  # the pattern would be millions of characters long
        assert 'rule "x" has a pattern of size' in run.lines[0] and str(rules) in run.lines[0]
