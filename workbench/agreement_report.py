"""Agreement results as a text table, one JSON object, or CSV rows."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import orjson

from workbench.agreement import AgreementResult, PairScores
from workbench.output_files import write_file


def _scores(s: PairScores, *, kappa: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {"exact_f1": s.exact_f1, "overlap_f1": s.overlap_f1}
    if kappa:
        out["kappa"] = s.kappa
    out.update(spans=[s.spans_a, s.spans_b], exact_matches=s.matched)
    if kappa:
        out["characters"] = s.characters
    return out


def to_dict(result: AgreementResult) -> dict[str, Any]:
    return {
        "annotators": result.annotators,
        "documents": result.documents,
        "documents_all_annotators": result.documents_all,
        "pairs": [
            {
                "annotators": list(p.annotators),
                "documents": p.documents,
                "labels": {name: _scores(s) for name, s in p.labels.items()},
                "all": _scores(p.all, kappa=False),
                "relations": {
                    "exact_f1": p.relations_f1,
                    "relations": list(p.relations[:2]),
                    "exact_matches": p.relations[2],
                },
            }
            for p in result.pairs
        ],
        "labels": {
            name: {"alpha": a.alpha, "alpha_u": a.alpha_u, "characters": a.characters}
            for name, a in result.label_alpha.items()
        },
    }


def to_json(result: AgreementResult) -> str:
    return orjson.dumps(to_dict(result), option=orjson.OPT_INDENT_2).decode()


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def rows(result: AgreementResult) -> list[list[str]]:
    """One row per pair and label (and 'all'), then one per label for all annotators."""
    out = [
        [
            "annotator_a",
            "annotator_b",
            "label",
            "documents",
            "spans_a",
            "spans_b",
            "exact_matches",
            "exact_f1",
            "overlap_f1",
            "kappa",
            "alpha",
            "alpha_u",
        ]
    ]
    for p in result.pairs:
        a, b = p.annotators
        for name, s in [*p.labels.items(), ("all", p.all)]:
            out.append(
                [
                    a,
                    b,
                    name,
                    str(p.documents),
                    str(s.spans_a),
                    str(s.spans_b),
                    str(s.matched),
                    _fmt(s.exact_f1),
                    _fmt(s.overlap_f1),
                    _fmt(s.kappa),
                    "",
                    "",
                ]
            )
        out.append(
            [
                a,
                b,
                "relations",
                str(p.documents),
                str(p.relations[0]),
                str(p.relations[1]),
                str(p.relations[2]),
                _fmt(p.relations_f1),
                "",
                "",
                "",
                "",
            ]
        )
    for name, al in result.label_alpha.items():
        out.append(
            [
                "(all)",
                "",
                name,
                str(result.documents_all),
                "",
                "",
                "",
                "",
                "",
                "",
                _fmt(al.alpha),
                _fmt(al.alpha_u),
            ]
        )
    return out


def render_table(result: AgreementResult) -> str:
    table = rows(result)
    widths = [max(len(r[i]) for r in table) for i in range(len(table[0]))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in table]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def write_csv(result: AgreementResult, path: str | Path) -> None:
    """Write the rows to a temporary file beside `path`, then rename it into place."""

    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8", newline="") as f:
            csv.writer(f, lineterminator="\n").writerows(rows(result))

    write_file(Path(path), write)
