"""The shape of a suggestion-rules file, checked with one sentence per mistake.

A rules file (resources/suggest_rules.json, `workbench suggest --rules FILE`, or the
rules a project stores) may come from anyone: every key and type is checked before a
pattern is compiled, and a pattern whose compiled form would be huge is refused before
`regex` builds it. The messages name the rule by number and name ("rule 3 ("x") has
no "label""); `FormatError` puts the file in front.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Any

import regex

from workbench import limits
from workbench.errors import FormatError

FILE_KEYS = ("about", "lists", "rules", "disable")
# The keys a rule may have; a branch that teaches rules a new key adds it here.
RULE_KEYS = ("name", "label", "pattern", "ignore_case", "keep", "about")
REQUIRED_RULE_KEYS = ("name", "label", "pattern")
KEEP_VALUES = ("first", "last")
_LIST_NAME = regex.compile(r"[A-Za-z_]\w*")
# A counted repeat: {m}, {m,}, {,n} or {m,n}.
_COUNTED = regex.compile(r"\{(\d*)(?:(,)(\d*))?\}")
_CONTROL = regex.compile(r"[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]")


def check_rules_data(
    data: Any, *, origin: str | Path, labels: Collection[str] | None = None, merged: bool = False
) -> None:
    """Refuse rules data of the wrong shape; `labels`: the project's, which rules must use.

    `merged`: the built-in rules with a project's, whose number is not limited (each part's
    was, when it was read).
    """

    def fail(message: str) -> FormatError:
        return FormatError(origin, message)

    if not isinstance(data, dict):
        raise fail('is not a JSON object with "lists" and "rules"')
    for key in data:
        if key not in FILE_KEYS:
            raise fail(f"has the unknown key {_quote(key)} (a rules file has {_names(FILE_KEYS)})")
    if not isinstance(data.get("about", ""), str):
        raise fail('has an "about" that is not a string')
    lists = data.get("lists", {})
    if not isinstance(lists, dict):
        raise fail('has "lists" that is not an object of word lists')
    for name, words in lists.items():
        if not _LIST_NAME.fullmatch(name):
            raise fail(
                f"has a word list named {_quote(name)}; a list name is a letter or _ "
                "followed by letters, digits or _"
            )
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            raise fail(f"has a word list {_quote(name)} that is not a list of non-empty strings")
    disable = data.get("disable", [])
    if not isinstance(disable, list) or not all(isinstance(n, str) for n in disable):
        raise fail('has "disable" that is not a list of rule names')
    rules = data.get("rules", [])
    if not isinstance(rules, list):
        raise fail('has "rules" that is not a list')
    if len(rules) > limits.MAX_RULES and not merged:
        raise fail(f"has {len(rules):,} rules, more than the {limits.MAX_RULES:,} Workbench runs")
    seen: dict[str, int] = {}
    for number, rule in enumerate(rules, start=1):
        _check_rule(rule, number, fail, labels)
        name = rule["name"]
        if name in seen:
            raise fail(f"rule {number} has the name {_quote(name)} of rule {seen[name]}")
        seen[name] = number


def _check_rule(rule: Any, number: int, fail: Any, labels: Collection[str] | None) -> None:
    if not isinstance(rule, dict):
        raise fail(f"rule {number} is not a JSON object")
    name = rule.get("name")
    what = f"rule {number} ({_quote(name)})" if isinstance(name, str) and name else f"rule {number}"
    for key in rule:
        if key not in RULE_KEYS:
            raise fail(f"{what} has the unknown key {_quote(key)} (a rule has {_names(RULE_KEYS)})")
    for key in REQUIRED_RULE_KEYS:
        if key not in rule:
            raise fail(f'{what} has no "{key}"; a rule needs "name", "label" and "pattern" strings')
        if not isinstance(rule[key], str) or not rule[key]:
            raise fail(
                f'{what} has a "{key}" that is not a non-empty string; a rule needs '
                '"name", "label" and "pattern" strings'
            )
    for key in ("name", "label"):
        if _CONTROL.search(rule[key]):
            raise fail(f'{what} has a "{key}" with a control character or line break')
    if not isinstance(rule.get("ignore_case", False), bool):
        raise fail(f'{what} has an "ignore_case" that is not true or false')
    if rule.get("keep", "first") not in KEEP_VALUES:
        raise fail(f'{what} has "keep" other than first/last')
    if not isinstance(rule.get("about", ""), str):
        raise fail(f'{what} has an "about" that is not a string')
    if labels is not None and rule["label"] not in labels:
        raise fail(
            f"{what} proposes the label {_quote(rule['label'])}, which the project "
            f"does not have (it has {_names(sorted(labels))})"
        )


def check_pattern_size(source: str, *, rule: str, origin: str | Path) -> None:
    """Refuse a pattern whose compiled form would be huge (see `pattern_size`)."""
    size = pattern_size(source, stop_above=limits.MAX_PATTERN_SIZE)
    if size > limits.MAX_PATTERN_SIZE:
        raise FormatError(
            origin,
            f"rule {_quote(rule)} has a pattern of size {size:,} or more "
            "once its word lists and counted repeats are spelled out, more than "
            f"the {limits.MAX_PATTERN_SIZE:,} Workbench compiles",
        )


def pattern_size(source: str, *, stop_above: int | None = None) -> int:
    """About how many items the compiled pattern holds: characters, with a group or atom
    followed by {m,n} counted max(m, n) times (so nested repeats multiply). With
    `stop_above`, counting stops once the size passes it (a lower bound is returned)."""
    stack: list[int] = [0]  # the size of each open group so far
    total = 0  # the sum of `stack`
    last = 0  # the size of the atom just closed, which a quantifier repeats
    i, n = 0, len(source)
    while i < n and (stop_above is None or total <= stop_above):
        c = source[i]
        grown = 1
        if c == "\\":
            last, i = 1, i + 2
        elif c == "[":  # a character class is one atom; skip to its closing bracket
            j = i + 1
            if j < n and source[j] == "^":
                j += 1
            if j < n and source[j] == "]":
                j += 1
            while j < n and source[j] != "]":
                j += 2 if source[j] == "\\" else 1
            last, i = 1, j + 1
        elif c == "(":
            stack.append(0)
            grown, i = 0, i + (3 if source.startswith("(?:", i) else 1)
        elif c == ")":
            last = stack.pop() if len(stack) > 1 else 0
            stack[-1] += last  # moved from the group to its parent: the total stays
            grown, i = 0, i + 1
        elif c == "{" and (m := _COUNTED.match(source, i)) is not None and m.group(0) != "{}":
            low, comma, high = m.group(1), m.group(2), m.group(3)
            times = max(int(low or 0), int(high or 0)) if comma else int(low or 0)
            grown = last * (max(times, 1) - 1)
            last *= max(times, 1)
            i = m.end()
        else:
            last, i = 1, i + 1
        stack[-1] += grown
        total += grown
    return total


def _quote(value: object) -> str:
    text = value if isinstance(value, str) else repr(value)
    text = text if len(text) <= 40 else text[:37] + "..."
    return '"' + _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + '"'


def _names(names: Collection[str]) -> str:
    quoted = [f'"{n}"' for n in names]
    return ", ".join(quoted[:-1]) + " and " + quoted[-1] if len(quoted) > 1 else "".join(quoted)
