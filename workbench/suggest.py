"""Suggestions: spans proposed by readable rules, stored until the analyst decides.

The rules (resources/suggest_rules.json, extended per project) are regular expressions
over word lists; no model, nothing leaves the machine. Suggestions live in their own
table: a rejected one is remembered and not proposed again, an accepted one becomes a
span with the annotator `suggester`. They are never exported unless accepted.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from workbench.errors import FormatError, WorkbenchError
from workbench.figures import parse_figure
from workbench.learned import RULE_PREFIX as LEARNED_PREFIX
from workbench.model import Span, new_id, now
from workbench.project import Project
from workbench.proposals import propose, without_superseded
from workbench.suggestion_store import learned_for, rejected_keys, store_document

SUGGESTER = "suggester"
SETTINGS_KEY = "suggest_rules"
_TRIM = " \t\n,;:.“”\"'’("
# A line break, or a full stop after a lower-case word ("Russia. South", not "U.S. and").
_SENTENCE_BREAK = re.compile(r"\n|(?<=[a-z]{2}[.!?])\s+(?=[A-Z“\"])")


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    label: str
    pattern: re.Pattern[str]
    keep: str = "first"  # which sentence to keep when a match runs across sentences


@dataclass(frozen=True, slots=True)
class Suggestion:
    id: str
    document_id: str
    start: int
    end: int
    label: str
    rule: str
    status: str = "pending"


@dataclass(slots=True)
class SuggestReport:
    added: int = 0  # new pending suggestions
    pending: int = 0  # pending after the run
    rejected: int = 0  # found again but rejected before: not proposed
    accepted: int = 0  # turned into spans by this run (--accept)


# --- rules -------------------------------------------------------------------

def default_rules_data() -> dict[str, Any]:
    text = resources.files("workbench.resources").joinpath("suggest_rules.json").read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]  # a fixed file of ours


def read_rules_file(path: str | Path) -> dict[str, Any]:
    """Read and check a rules file (the shape of resources/suggest_rules.json)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text("utf-8"))
    except OSError as e:
        raise WorkbenchError(f"Cannot read {path}: {e.strerror}.") from e
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise FormatError(path, f"is not valid JSON ({e})") from e
    compile_rules(data, origin=path)
    return data  # type: ignore[no-any-return]


def project_rules_data(project: Project) -> dict[str, Any]:
    row = project.conn.execute("SELECT value FROM settings WHERE key = ?",
                               (SETTINGS_KEY,)).fetchone()
    return json.loads(row[0]) if row else {}


def set_project_rules(project: Project, data: dict[str, Any]) -> None:
    """Store a project's own rules (they extend the built-in ones)."""
    compile_rules(merge_rules(default_rules_data(), data))
    with project.transaction():
        project.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (SETTINGS_KEY, json.dumps(data, ensure_ascii=False)),
        )


def merge_rules(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """`extra` adds list entries and rules; a rule with a built-in's name replaces it."""
    lists = {k: list(v) for k, v in base.get("lists", {}).items()}
    for name, words in extra.get("lists", {}).items():
        lists.setdefault(name, []).extend(w for w in words if w not in lists.get(name, []))
    disabled = set(extra.get("disable", []))
    rules = {r["name"]: r for r in base.get("rules", []) if r["name"] not in disabled}
    rules.update({r["name"]: r for r in extra.get("rules", [])})
    return {"lists": lists, "rules": list(rules.values())}


def compile_rules(data: dict[str, Any], *, origin: str | Path = "suggestion rules") -> list[Rule]:
    lists = data.get("lists", {})
    if not isinstance(lists, dict) or not isinstance(data.get("rules", []), list):
        raise FormatError(origin, 'needs "lists" as an object and "rules" as a list')
    alternations = {
        name: "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"
        for name, words in lists.items()
    }
    rules = []
    for i, raw in enumerate(data.get("rules", []), start=1):
        if not isinstance(raw, dict) or not all(
            isinstance(raw.get(k), str) and raw.get(k) for k in ("name", "label", "pattern")
        ):
            raise FormatError(origin, f'rule {i} needs "name", "label" and "pattern" strings')
        source = re.sub(r"\{([A-Za-z_]\w*)\}", lambda m: _expand(m, alternations, raw["name"], origin),
                        raw["pattern"])
        try:
            pattern = re.compile(source, re.IGNORECASE if raw.get("ignore_case") else 0)
        except re.error as e:
            raise FormatError(origin, f"rule '{raw['name']}' has a bad pattern ({e})") from e
        keep = raw.get("keep", "first")
        if keep not in ("first", "last"):
            raise FormatError(origin, f"rule '{raw['name']}' has \"keep\" other than first/last")
        rules.append(Rule(raw["name"], raw["label"], pattern, keep))
    return rules


def _expand(match: re.Match[str], alternations: dict[str, str], rule: str,
            origin: str | Path) -> str:
    name = match.group(1)
    if name not in alternations:
        raise FormatError(origin, f"rule '{rule}' uses the word list '{name}', which is not defined")
    return alternations[name]


def rules_for(project: Project | None = None) -> list[Rule]:
    """The built-in rules, extended by the project's own."""
    data = default_rules_data()
    if project is not None:
        data = merge_rules(data, project_rules_data(project))
    return compile_rules(data)


# --- finding -----------------------------------------------------------------

def find_suggestions(
    text: str, rules: Sequence[Rule], *, labels: Collection[str] | None = None
) -> list[tuple[int, int, str, str]]:
    """(start, end, label, rule) proposed in `text`; per label, overlaps keep the longest."""
    found: list[tuple[int, int, str, str]] = []
    for rule in rules:
        if labels and rule.label not in labels:
            continue
        for match in rule.pattern.finditer(text):
            group = "span" if "span" in rule.pattern.groupindex else 0
            start, end = match.span(group)
            if start < 0:
                continue
            start, end = _trim(text, *_one_sentence(text, start, end, rule.keep))
            if start < end:
                found.append((start, end, rule.label, rule.name))
    found.sort(key=lambda f: (f[2], -(f[1] - f[0]), f[0]))
    kept: list[tuple[int, int, str, str]] = []
    for cand in found:
        if not any(k[2] == cand[2] and k[0] < cand[1] and cand[0] < k[1] for k in kept):
            kept.append(cand)
    return sorted(kept, key=lambda f: (f[0], f[1], f[2]))


def _one_sentence(text: str, start: int, end: int, keep: str) -> tuple[int, int]:
    breaks = list(_SENTENCE_BREAK.finditer(text, start, end))
    if not breaks:
        return start, end
    return (breaks[-1].end(), end) if keep == "last" else (start, breaks[0].start())


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    # a match cut short by a length limit ends at the last whole word
    if end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        cut = text.rfind(" ", start, end)
        end = cut if cut > start else end
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    # keep a closing bracket whose opening one is inside ("Service (NIS)")
    if end < len(text) and text[end] == ")" and "(" in text[start:end]:
        end += 1
    return start, end


# --- storing -----------------------------------------------------------------

def run_suggester(
    project: Project,
    *,
    labels: Collection[str] | None = None,
    document_ids: Collection[str] | None = None,
    rules: Sequence[Rule] | None = None,
    progress: Callable[[int, int], None] | None = None,
    from_rules: bool = True,
    from_tags: bool = True,
) -> SuggestReport:
    """Propose spans in the documents; rejected and accepted ones are not proposed again,
    nor is a phrase rejected in that role anywhere in the project.

    `from_rules`: the word-list and attribution rules (workbench/attribution.py), in
    groups with links; `from_tags`: other mentions of what people tagged
    (workbench/learned.py). Pending suggestions no longer made are dropped; one
    transaction (an exception from `progress(done, total)` leaves the project as it was).
    """
    known = {lb.name for lb in project.labels()}
    for name in labels or ():
        if name not in known:
            raise WorkbenchError(f"The project has no label '{name}'.")
    rules = rules_for(project) if rules is None else rules
    rules = [r for r in rules if r.label in known]
    if from_rules:  # the attribution rules replace some built-in ones
        own = {r.get("name") for r in project_rules_data(project).get("rules", [])}
        rules = without_superseded(rules, own={n for n in own if isinstance(n, str)})
    report = SuggestReport()
    todo = [d for d in project.document_ids() if document_ids is None or d in document_ids]
    labels = list(labels) if labels else sorted(known)
    rejected = rejected_keys(project)
    learned = learned_for(project, todo, exclude_annotator=SUGGESTER, rejected=rejected,
                          labels=labels) if from_tags else {}

    def in_scope(rule: str) -> bool:
        """Whether this run makes suggestions of this rule (else they stay as they are)."""
        return from_tags if rule.startswith(LEARNED_PREFIX) else from_rules

    with project.transaction():
        for done, doc_id in enumerate(todo):
            if progress:
                progress(done, len(todo))
            text = project.document(doc_id).text
            flat = find_suggestions(text, rules, labels=labels) if from_rules else []
            found = propose(text, flat + learned.get(doc_id, []), labels=labels,
                            groups=None if from_rules else [])
            counts = store_document(project, doc_id, text, found, rejected=rejected,
                                    labels=labels, in_scope=in_scope)
            report.added += counts.added
            report.rejected += counts.rejected
    report.pending = len(suggestions(project, labels=labels))
    return report


def suggestions(
    project: Project,
    *,
    document_id: str | None = None,
    labels: Collection[str] | None = None,
    status: str | None = "pending",
) -> list[Suggestion]:
    """Stored suggestions (by default the pending ones an existing span does not cover)."""
    where, params = ["1"], []
    if document_id is not None:
        where.append("g.document_id = ?")
        params.append(document_id)
    if labels:
        where.append(f"g.label IN ({','.join('?' * len(labels))})")
        params += list(labels)
    if status is not None:
        where.append("g.status = ?")
        params.append(status)
    if status == "pending":
        # An analyst who tagged the same thing already answered the suggestion.
        where.append(
            "NOT EXISTS (SELECT 1 FROM spans s JOIN labels l ON l.id = s.label_id "
            "WHERE s.document_id = g.document_id AND l.name = g.label "
            "AND s.start < g.end AND g.start < s.end)"
        )
    rows = project.conn.execute(
        "SELECT g.id, g.document_id, g.start, g.end, g.label, g.rule, g.status "
        f"FROM suggestions g JOIN documents d ON d.id = g.document_id WHERE {' AND '.join(where)} "
        "ORDER BY d.rowid, g.start, g.end, g.label",
        params,
    )
    return [Suggestion(*row) for row in rows]


def suggestion(project: Project, suggestion_id: str) -> Suggestion:
    row = project.conn.execute(
        "SELECT id, document_id, start, end, label, rule, status FROM suggestions WHERE id = ?",
        (suggestion_id,),
    ).fetchone()
    if row is None:
        raise WorkbenchError(f"There is no suggestion with id {suggestion_id}.")
    return Suggestion(*row)


def accept(project: Project, suggestion_ids: Iterable[str], *,
           annotator: str = SUGGESTER) -> list[Span]:
    """Turn suggestions into spans (a figure gets its parsed value); one transaction."""
    labels = {lb.name: lb.id for lb in project.labels()}
    spans = []
    with project.transaction():
        for sid in suggestion_ids:
            s = suggestion(project, sid)
            if s.label not in labels:
                raise WorkbenchError(f"The project has no label '{s.label}' any more.")
            text = project.document(s.document_id).text
            attrs: dict[str, Any] = {}
            figure = parse_figure(text[s.start:s.end]) if s.label == "figure" else None
            if figure is not None:
                attrs["figure"] = figure.to_attrs(text[s.start:s.end])
            stamp = now()
            span = Span(new_id(), s.document_id, s.start, s.end, labels[s.label], annotator,
                        "", stamp, stamp, attrs)
            project.restore_span(span)
            set_status(project, [sid], "accepted")
            spans.append(span)
    return spans


def set_status(project: Project, suggestion_ids: Iterable[str], status: str) -> None:
    """Mark suggestions pending, accepted or rejected (reject, and undo of accept/reject)."""
    if status not in ("pending", "accepted", "rejected"):
        raise WorkbenchError(f"A suggestion is pending, accepted or rejected, not '{status}'.")
    with project.transaction():
        project.conn.executemany("UPDATE suggestions SET status = ? WHERE id = ?",
                                 [(status, i) for i in suggestion_ids])


def reject(project: Project, suggestion_ids: Iterable[str]) -> None:
    set_status(project, suggestion_ids, "rejected")
