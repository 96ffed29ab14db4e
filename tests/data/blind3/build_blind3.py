"""Write `blind3_gold.jsonl` (Workbench's native JSONL) from the marked-up texts in
blind3_texts.py, the same way tests/data/blind2/build_blind2.py builds its set, plus the
`same_as` links (a later mention of a figure or claim -> the earliest article's one).

    python tests/data/blind3/build_blind3.py [OUT.jsonl]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import orjson

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from blind3_texts import RELATIONS, SAME_AS, TEXTS  # noqa: E402  # blind3_texts.py sits beside this script

FIXTURE = HERE / "blind3_gold.jsonl"
LABELS = {"c": "claim", "s": "source", "d": "denial", "f": "figure"}
_MARK = re.compile(r"\[\[(\w+)\||\]\]")


def parse(marked: str) -> tuple[str, dict[str, tuple[int, int, str]]]:
    """The plain text and its spans by key: (start, end, label)."""
    out: list[str] = []
    length = 0
    open_spans: list[tuple[str, int]] = []
    spans: dict[str, tuple[int, int, str]] = {}
    pos = 0
    for m in _MARK.finditer(marked):
        out.append(marked[pos : m.start()])
        length += m.start() - pos
        pos = m.end()
        if m.group(1):
            open_spans.append((m.group(1), length))
        else:
            key, start = open_spans.pop()
            assert key not in spans, key
            spans[key] = (start, length, LABELS[key[0]])
    out.append(marked[pos:])
    assert not open_spans, open_spans
    return "".join(out), spans


def records(texts: dict[str, str] = TEXTS) -> list[dict[str, Any]]:
    """One Workbench JSONL record per article, spans and relations by the gold annotator."""
    labels = {(name, key): span[2] for name in texts for key, span in parse(texts[name])[1].items()}
    for head, tail in SAME_AS:
        assert head[0] != tail[0] and labels[head] == labels[tail] != "source", (head, tail)
    result = []
    for name, marked in texts.items():
        text, spans = parse(marked)
        ids = {key: f"{name}-{key}" for key in spans}
        relations = []
        for head, tail in RELATIONS[name]:
            kind = {("claim", "source"): "attributed_to", ("denial", "claim"): "denies"}[
                (spans[head][2], spans[tail][2])
            ]
            relations.append(
                {
                    "id": f"{ids[head]}-{kind}-{ids[tail]}",
                    "head": ids[head],
                    "tail": ids[tail],
                    "label": kind,
                }
            )
        for (head_doc, head), (tail_doc, tail) in SAME_AS:
            if head_doc == name:
                relations.append(
                    {
                        "id": f"{ids[head]}-same_as-{tail_doc}-{tail}",
                        "head": ids[head],
                        "tail": f"{tail_doc}-{tail}",
                        "label": "same_as",
                    }
                )
        result.append(
            {
                "id": name,
                "title": text.split("\n", 1)[0],
                "source": name,
                "text": text,
                "status": "done",
                "meta": {},
                "spans": [
                    {
                        "id": ids[k],
                        "start": a,
                        "end": b,
                        "label": lb,
                        "text": text[a:b],
                        "annotator": "gold",
                        "note": "",
                    }
                    for k, (a, b, lb) in sorted(spans.items(), key=lambda kv: kv[1])
                ],
                "relations": relations,
            }
        )
    return result


def build(out: Path, texts: dict[str, str] = TEXTS) -> None:
    """Write the records as JSONL."""
    out.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records(texts)))


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else FIXTURE
    build(target)
    for r in records():
        counts = {lb: sum(s["label"] == lb for s in r["spans"]) for lb in LABELS.values()}
        print(r["id"], len(r["text"].split()), "words", counts, len(r["relations"]))
    print(f"Wrote {target}")
