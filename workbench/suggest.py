"""Suggestions: spans proposed by readable rules, stored until the analyst decides.

The rules (resources/suggest_rules.json, extended per project) are regular expressions
over word lists; no model, nothing leaves the machine. Suggestions live in their own
table: a rejected one is remembered and not proposed again, an accepted one becomes a
span with the annotator `suggester`. They are never exported unless accepted.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection, Generator, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any

import regex

from workbench import limits
from workbench.errors import FormatError, WorkbenchError
from workbench.figures import span_attrs
from workbench.learned import RULE_PREFIX as LEARNED_PREFIX
from workbench.model import Span, new_id, now
from workbench.project import Project
from workbench.proposals import Rule, counted_figures_on, propose, without_superseded
from workbench.rule_guard import RuleSkipped, SkipLog, keep_longest, proposals
from workbench.rules_schema import check_pattern_size, check_rules_data
from workbench.suggest_parallel import Found, found_in_order, worth_workers
from workbench.suggestion_rows import SUGGESTER as SUGGESTER  # re-exported: suggest.X stays
from workbench.suggestion_rows import Suggestion as Suggestion
from workbench.suggestion_rows import count_suggestions
from workbench.suggestion_rows import suggestion as suggestion
from workbench.suggestion_rows import suggestions as suggestions
from workbench.suggestion_store import learned_for, rejected_keys, store_document

SETTINGS_KEY = "suggest_rules"
_TRIM = " \t\n,;:.“”\"'’("
# A line break, or a full stop after a lower-case word ("Russia. South", not "U.S. and").
_SENTENCE_BREAK = re.compile(r"\n|(?<=[a-z]{2}[.!?])\s+(?=[A-Z“\"])")


@dataclass(slots=True)
class SuggestReport:
    added: int = 0  # new pending suggestions
    pending: int = 0  # pending after the run
    rejected: int = 0  # found again but rejected before: not proposed
    accepted: int = 0  # turned into spans by this run (--accept)
    warnings: list[str] = field(default_factory=list)  # rules skipped (rule_guard.py)


# --- rules -------------------------------------------------------------------


def default_rules_data() -> dict[str, Any]:
    text = resources.files("workbench.resources").joinpath("suggest_rules.json").read_text("utf-8")
    return json.loads(text)


def read_rules_file(path: str | Path, *, labels: Collection[str] | None = None) -> dict[str, Any]:
    """Read and check a rules file (the shape of resources/suggest_rules.json); with
    `labels`, every rule must propose one of them."""
    path = Path(path)
    try:
        with path.open("rb") as f:
            raw = f.read(limits.MAX_RULES_FILE_BYTES + 1)
    except OSError as e:
        raise WorkbenchError(f"Cannot read {path}: {e.strerror}.") from e
    if len(raw) > limits.MAX_RULES_FILE_BYTES:
        limit = limits.size_text(limits.MAX_RULES_FILE_BYTES)
        raise FormatError(path, f"is larger than the {limit} a rules file may have")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise FormatError(path, f"is not valid JSON ({e})") from e
    except RecursionError as e:
        raise FormatError(path, "nests JSON deeper than Workbench reads") from e
    check_rules_data(data, origin=path, labels=labels)
    compile_rules(merge_rules(default_rules_data(), data), origin=path)
    return data


def store_rules_file(project: Project, path: str | Path) -> None:
    """Check a rules file against the project (its labels) and store it there."""
    data = read_rules_file(path, labels=[lb.name for lb in project.labels()])
    set_project_rules(project, data)


def project_rules_data(project: Project) -> dict[str, Any]:
    """The project's own rules, checked: a mailed project's rules are someone else's file."""
    row = project.conn.execute(
        "SELECT value FROM settings WHERE key = ?", (SETTINGS_KEY,)
    ).fetchone()
    if row is None:
        return {}
    origin = _stored_origin(project)
    try:
        data = json.loads(row[0])
    except (TypeError, json.JSONDecodeError) as e:
        raise FormatError(origin, "are not valid JSON") from e
    except RecursionError as e:
        raise FormatError(origin, "nest JSON deeper than Workbench reads") from e
    check_rules_data(data, origin=origin)
    return data


def _stored_origin(project: Project) -> str:
    return f"{project.path or 'the project'} (its stored suggestion rules)"


def set_project_rules(project: Project, data: dict[str, Any]) -> None:
    """Store a project's own rules (they extend the built-in ones)."""
    check_rules_data(data, origin=_stored_origin(project))
    compile_rules(merge_rules(default_rules_data(), data), origin=_stored_origin(project))
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
        merged = lists.setdefault(name, [])
        seen = set(merged)  # not `w in merged`: a mailed list of a million words
        for w in words:
            if w not in seen:
                seen.add(w)
                merged.append(w)
    disabled = set(extra.get("disable", []))
    rules = {r["name"]: r for r in base.get("rules", []) if r["name"] not in disabled}
    rules.update({r["name"]: r for r in extra.get("rules", [])})
    return {"lists": lists, "rules": list(rules.values())}


def compile_rules(data: dict[str, Any], *, origin: str | Path = "suggestion rules") -> list[Rule]:
    """Check the rules' shape and compile them with `regex` (which can time out a match)."""
    check_rules_data(data, origin=origin, merged=True)
    lists = data.get("lists", {})
    alternations: dict[str, str] = {}
    rules = []
    for raw in data.get("rules", []):
        expand = partial(
            _expand, lists=lists, alternations=alternations, rule=raw["name"], origin=origin
        )
        source = re.sub(r"\{([A-Za-z_]\w*)\}", expand, raw["pattern"])
        check_pattern_size(source, rule=raw["name"], origin=origin)
        try:
            pattern = regex.compile(source, regex.IGNORECASE if raw.get("ignore_case") else 0)
        except (regex.error, OverflowError, RecursionError) as e:
            raise FormatError(origin, f"rule '{raw['name']}' has a bad pattern ({e})") from e
        rules.append(Rule(raw["name"], raw["label"], pattern, raw.get("keep", "first")))
    return rules


def _expand(
    match: re.Match[str],
    lists: dict[str, list[str]],
    alternations: dict[str, str],
    rule: str,
    origin: str | Path,
) -> str:
    """The alternation of the word list `match` names, built when first used."""
    name = match.group(1)
    if name not in lists:
        raise FormatError(
            origin, f"rule '{rule}' uses the word list '{name}', which is not defined"
        )
    if name not in alternations:
        words = sorted(lists[name], key=len, reverse=True)
        alternations[name] = "(?:" + "|".join(regex.escape(w) for w in words) + ")"
    return alternations[name]


def rules_for(project: Project | None = None) -> list[Rule]:
    """The built-in rules, extended by the project's own."""
    data = default_rules_data()
    if project is not None:
        data = merge_rules(data, project_rules_data(project))
        return compile_rules(data, origin=_stored_origin(project))
    return compile_rules(data)


# --- finding -----------------------------------------------------------------


def find_suggestions(
    text: str,
    rules: Sequence[Rule],
    *,
    labels: Collection[str] | None = None,
    skipped: list[RuleSkipped] | None = None,
    stop_after: int | None = None,
) -> list[tuple[int, int, str, str]]:
    """(start, end, label, rule) proposed in `text`; per label, overlaps keep the longest.

    A rule over its limits (rule_guard.py) proposes nothing here and is added to `skipped`
    (without that list, RuleSkipped is raised); once `skipped` holds `stop_after`, no
    further rule is tried.
    """
    found: list[tuple[int, int, str, str]] = []

    def place(start: int, end: int, keep: str) -> tuple[int, int]:
        return _trim(text, *_one_sentence(text, start, end, keep))

    for rule in rules:
        if labels and rule.label not in labels:
            continue
        if skipped is not None and stop_after is not None and len(skipped) >= stop_after:
            break
        try:
            found += proposals(text, rule, place)
        except RuleSkipped as e:
            if skipped is None:
                raise
            skipped.append(e)
    return keep_longest(found)


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
    workers: bool = False,
) -> SuggestReport:
    """Propose spans in the documents; rejected and accepted ones are not proposed again,
    nor is a phrase rejected in that role anywhere in the project.

    `from_rules`: the word-list and attribution rules (workbench/attribution.py), in
    groups with links; `from_tags`: other mentions of what people tagged
    (workbench/learned.py). `workers`: a large run's attribution rules and figures in
    worker processes (workbench/suggest_parallel.py; the caller's main module must be
    guarded). Pending suggestions no longer made are dropped; one
    transaction (an exception from `progress(done, total)` leaves the project as it was).
    """
    known = {lb.name for lb in project.labels()}
    for name in labels or ():
        if name not in known:
            raise WorkbenchError(f"The project has no label '{name}'.")
    rules = rules_for(project) if rules is None else rules
    rules = [r for r in rules if r.label in known]
    figures = False
    if from_rules:  # the attribution rules and counted figures replace some built-in ones
        own = {r.get("name") for r in project_rules_data(project).get("rules", [])}
        names = {n for n in own if isinstance(n, str)}
        figures = counted_figures_on(rules, own=names)
        rules = without_superseded(rules, own=names)
    report = SuggestReport()
    todo = [d for d in project.document_ids() if document_ids is None or d in document_ids]
    skip_log = SkipLog(report.warnings)
    labels = list(labels) if labels else sorted(known)
    rejected = rejected_keys(project)
    learned = (
        learned_for(project, todo, exclude_annotator=SUGGESTER, rejected=rejected, labels=labels)
        if from_tags
        else {}
    )

    def in_scope(rule: str) -> bool:
        """Whether this run makes suggestions of this rule (else they stay as they are)."""
        return from_tags if rule.startswith(LEARNED_PREFIX) else from_rules

    def texts() -> Iterator[tuple[str, str]]:
        for doc_id in todo:
            yield doc_id, project.document(doc_id).text

    # The attribution rules and counted figures, in worker processes for a large run.
    by_rules: Generator[tuple[str, str, Found], None, None] = (
        found_in_order(
            texts(),
            figures=figures and "figure" in labels,
            parallel=workers and worth_workers(project.conn, todo),
        )
        if from_rules
        else ((doc_id, text, ([], [])) for doc_id, text in texts())
    )
    with project.transaction(), closing(by_rules):
        for done, (doc_id, text, (groups, counted)) in enumerate(by_rules):
            if progress:
                progress(done, len(todo))
            flat: list[tuple[int, int, str, str]] = []
            if from_rules:
                skipped: list[RuleSkipped] = []
                flat = find_suggestions(
                    text, rules, labels=labels, skipped=skipped, stop_after=skip_log.left
                )
                dropped = skip_log.record(skipped, doc_id, documents_left=len(todo) - done)
                rules = [r for r in rules if r.name not in dropped]
                if skip_log.stopped:
                    break
            found = propose(
                text,
                [*flat, *learned.get(doc_id, []), *counted],
                labels=labels,
                groups=groups,
                figures=False,
            )
            counts = store_document(
                project, doc_id, text, found, rejected=rejected, labels=labels, in_scope=in_scope
            )
            report.added += counts.added
            report.rejected += counts.rejected
    report.pending = count_suggestions(project, labels=labels)
    return report


def accept(
    project: Project, suggestion_ids: Iterable[str], *, annotator: str = SUGGESTER
) -> list[Span]:
    """Turn suggestions into spans of `annotator` (a figure gets its parsed value); one
    transaction. Where the annotator has that very span already, none is made twice: the
    suggestion is marked accepted."""
    labels = {lb.name: lb.id for lb in project.labels()}
    texts: dict[str, str] = {}
    spans = []
    with project.transaction():
        for sid in suggestion_ids:
            s = suggestion(project, sid)
            if s.label not in labels:
                raise WorkbenchError(f"The project has no label '{s.label}' any more.")
            if project.conn.execute(
                "SELECT 1 FROM spans WHERE document_id = ? AND start = ? AND end = ? "
                "AND label_id = ? AND annotator = ?",
                (s.document_id, s.start, s.end, labels[s.label], annotator),
            ).fetchone():
                set_status(project, [sid], "accepted")
                continue
            attrs = span_attrs(
                project, {}, s.document_id, s.start, s.end, labels[s.label], texts=texts
            )
            stamp = now()
            span = Span(
                new_id(),
                s.document_id,
                s.start,
                s.end,
                labels[s.label],
                annotator,
                "",
                stamp,
                stamp,
                attrs,
            )
            project.restore_span(span)
            set_status(project, [sid], "accepted")
            spans.append(span)
    return spans


def set_status(project: Project, suggestion_ids: Iterable[str], status: str) -> None:
    """Mark suggestions pending, accepted or rejected (reject, and undo of accept/reject)."""
    if status not in ("pending", "accepted", "rejected"):
        raise WorkbenchError(f"A suggestion is pending, accepted or rejected, not '{status}'.")
    with project.transaction():
        project.conn.executemany(
            "UPDATE suggestions SET status = ? WHERE id = ?", [(status, i) for i in suggestion_ids]
        )


def reject(project: Project, suggestion_ids: Iterable[str]) -> None:
    set_status(project, suggestion_ids, "rejected")
