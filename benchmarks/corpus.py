"""Seeded, generated corpora: news-like text with spans, at any size.

The same seed gives the same corpus, so runs on different machines compare.
Texts mix ASCII words with accented letters, CJK and an emoji now and then, so
the UTF-16 mapping is exercised the way real articles exercise it.
"""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.model import now
from workbench.project import Project, content_hash

LABELS = ("claim", "source", "denial", "figure")
# A run of mixed-script text reads better than a list of 45 quoted words.
_WORDS = (  # noqa: SIM905
    "the minister said troops crossed border officials denied reports according to "
    "sources in Seoul Kyiv Moscow confirmed thousands soldiers were seen near front "
    "analysts estimate that casualties rose sharply week après l'armée 国防部 表示 "
    "Übergriffe Wähler résumé señal 🙂 “quoted” — statement 12,000 3.5% October"
).split()


@dataclass(frozen=True)
class Size:
    """One corpus: `documents` texts of `chars` code points with `spans` spans in all."""

    documents: int
    chars: int
    spans: int

    @property
    def name(self) -> str:
        return f"{self.documents}d×{_short(self.chars)}c/{_short(self.spans)}s"


def _short(n: int) -> str:
    for unit, size in (("M", 1_000_000), ("k", 1_000)):
        if n >= size:
            return f"{n / size:g}{unit}"
    return str(n)


def text(rng: random.Random, chars: int) -> str:
    """About `chars` code points of words, in paragraphs of 40-120 words."""
    parts: list[str] = []
    length = 0
    while length < chars:
        words = rng.choices(_WORDS, k=rng.randint(40, 120))
        paragraph = " ".join(words).capitalize() + "."
        parts.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(parts)[:chars].rstrip() + "."


def spans(rng: random.Random, length: int, count: int) -> list[tuple[int, int, str]]:
    """`count` distinct (start, end, label) triples inside a text of `length`, sorted."""
    seen: set[tuple[int, int, str]] = set()
    while len(seen) < count:
        start = rng.randrange(0, max(1, length - 2))
        end = min(length, start + rng.randint(2, 60))
        seen.add((start, end, rng.choice(LABELS)))
    return sorted(seen)


def documents(size: Size, *, seed: int = 6) -> Iterator[dict[str, Any]]:
    """The corpus as native JSONL objects (what `workbench export` writes)."""
    rng = random.Random(seed)
    per_doc, extra = divmod(size.spans, size.documents)
    stamp = now()
    for i in range(size.documents):
        body = text(rng, size.chars)
        count = per_doc + (1 if i < extra else 0)
        yield {
            "id": f"doc-{i:06d}",
            "title": f"Article {i}",
            "source": f"https://news.example/{i}",
            "text": body,
            "status": "todo",
            "meta": {"n": i},
            "spans": [
                {
                    "id": f"{rng.getrandbits(128):032x}",
                    "start": s,
                    "end": e,
                    "label": label,
                    "text": body[s:e],
                    "annotator": "bench",
                    "note": "",
                    "created_at": stamp,
                    "updated_at": stamp,
                }
                for s, e, label in spans(rng, len(body), count)
            ],
            "relations": [],
        }


def write_jsonl(size: Size, path: Path, *, seed: int = 6) -> int:
    """Write the corpus as a JSONL file; returns its size in bytes."""
    with path.open("w", encoding="utf-8") as out:
        for doc in documents(size, seed=seed):
            out.write(json.dumps(doc, ensure_ascii=False))
            out.write("\n")
    return path.stat().st_size


def raw_insert(conn: sqlite3.Connection, docs: Iterable[dict[str, Any]]) -> int:
    """Insert JSONL documents into a project's tables with plain executemany.

    The floor for the importer: the same rows, no checks, no dedup. Returns the span count.
    """
    labels = dict(conn.execute("SELECT name, id FROM labels").fetchall())
    stamp = now()
    count = 0
    conn.execute("BEGIN")
    for d in docs:
        conn.execute(
            "INSERT INTO documents (id, title, source, text, content_hash, imported_at, meta, "
            "status, text_length) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                d["id"],
                d["title"],
                d["source"],
                d["text"],
                content_hash(d["text"]),
                stamp,
                json.dumps(d["meta"]),
                d["status"],
                len(d["text"]),  # the row the importer writes
            ),
        )
        rows = [
            (
                s["id"],
                d["id"],
                s["start"],
                s["end"],
                labels[s["label"]],
                s["annotator"],
                s["note"],
                s["created_at"],
                s["updated_at"],
            )
            for s in d["spans"]
        ]
        conn.executemany(
            "INSERT INTO spans (id, document_id, start, end, label_id, annotator, note, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        count += len(rows)
    conn.execute("COMMIT")
    return count


def build_project(size: Size, path: Path, *, seed: int = 6) -> Path:
    """A project file holding the corpus, built fast (through `raw_insert`)."""
    Project.create(path, labels=list(LABELS)).close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    raw_insert(conn, documents(size, seed=seed))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path
