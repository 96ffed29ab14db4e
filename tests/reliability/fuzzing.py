"""Bad input at scale: mutate valid files of every importable format and import them.

An input passes when it either imports or fails with a `WorkbenchError` whose message
names the file, and a failed import leaves the project exactly as it was. Used by the
hypothesis tests (test_fuzz_importers.py) and by the fuzz run in `make bench`.
"""

from __future__ import annotations

import json
import random
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from workbench import formats
from workbench.errors import WorkbenchError
from workbench.exporter import export_project
from workbench.importer import import_records, read_files
from workbench.project import Project

SAMPLE_TEXT = (
    "Seoul, Oct. 18 — South Korea's spy agency said 1,500 North Korean special forces were "
    "sent to Russia.\r\n"
    "Moscow denied the report; Kyiv said “up to 12,000” troops 🙂 may follow.\n\n"
    "Ünïcödé: 国防部 表示, l'armée, señal.\n"
)
HTML_SEED = (
    "<!doctype html><html><head><title>Troops &amp; denials</title>"
    "<meta charset='utf-8'><style>p{}</style><script>var x = '<p>';</script></head>"
    "<body><nav>Home</nav><article><h1>Troops sent</h1><p>Seoul said <b>1,500</b> troops "
    "were sent.</p><p>Moscow denied it — “nonsense”.<br>Kyiv: 🙂</p></article>"
    "<footer>©</footer></body></html>"
)
# Byte strings that break parsers: NUL, lone surrogates in UTF-8, BOMs, CR, deep nesting.
NASTY = [
    b"\x00",
    b"\xed\xa0\x80",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\r",
    b"\r\n",
    b"\xff",
    b'"',
    b"{",
    b"[",
    b"]",
    b"}",
    b"<",
    b">",
    b"&#0;",
    b"&#xD800;",
    b"\\ud800",
    b"-1",
    b"1e400",
    b"99999999999999999999",
    b"null",
    b"\t",
    b"\xe2\x80\xa8",
    b"[" * 200,
    b"<b>" * 200,
    b"\n" * 3,
    "🙂".encode(),
]


@dataclass
class Seed:
    """A valid input: its files (name -> bytes) and the one the reader is given."""

    format: str
    files: dict[str, bytes]
    entry: str


@dataclass
class FuzzStats:
    inputs: int = 0
    imported: int = 0
    refused: int = 0
    failures: list[str] = field(default_factory=list)


def sample_project() -> Project:
    """A small project with overlaps, notes, relations, CRLF and astral characters."""
    project = Project.memory()
    labels = {label.name: label.id for label in project.labels()}
    for n in range(2):
        doc = project.add_document(
            SAMPLE_TEXT.replace("\r\n", "\n") * (n + 1), title=f"Article {n}", source=f"seed-{n}"
        )
        a = project.add_span(doc.id, 0, 5, labels["source"], annotator="ann")
        b = project.add_span(doc.id, 48, 79, labels["claim"], annotator="ann", note="a note")
        project.add_span(doc.id, 50, 55, labels["figure"], annotator="ann")
        project.add_relation(b.id, a.id, project.relation_types()[1].id)
    return project


def importable() -> list[str]:
    return [name for name, f in formats.FORMATS.items() if f.reader]


def seeds(name: str, work: Path) -> list[Seed]:
    """Valid inputs for format `name`: its writer's output, or hand-made files."""
    fmt = formats.get(name)
    suffix = fmt.suffixes[0] if fmt.suffixes else ".jsonl"
    if fmt.writer is None:
        body = HTML_SEED if name == "html" else SAMPLE_TEXT
        if name == "markdown":
            body = "# Troops sent\n\n" + SAMPLE_TEXT + "\n* list\n"
        return [Seed(name, {f"seed{suffix}": body.encode()}, f"seed{suffix}")]
    out = work / f"seed-{name}"
    shutil.rmtree(out, ignore_errors=True)
    target = out if fmt.folder else out.with_suffix(suffix)
    with sample_project() as project:
        export_project(project, target, format=name)
    if not fmt.folder:
        return [Seed(name, {target.name: target.read_bytes()}, target.name)]
    files = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    # Not the export's hidden manifest (.workbench-export.json), which imports skip too.
    entries = sorted(f for f in files if Path(f).suffix in fmt.suffixes and not f.startswith("."))
    return [Seed(name, files, entry) for entry in entries[:1]]


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One to four random byte-level or JSON-level changes."""
    for _ in range(rng.randint(1, 4)):
        data = rng.choice(_MUTATIONS)(data, rng)
    return data


def _flip(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return data
    i = rng.randrange(len(data))
    return data[:i] + bytes([rng.randrange(256)]) + data[i + 1 :]


def _insert(data: bytes, rng: random.Random) -> bytes:
    i = rng.randrange(len(data) + 1)
    return data[:i] + rng.choice(NASTY) + data[i:]


def _delete(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return data
    i = rng.randrange(len(data))
    return data[:i] + data[i + rng.randint(1, 64) :]


def _truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def _duplicate(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return data
    i = rng.randrange(len(data))
    j = min(len(data), i + rng.randint(1, 200))
    k = rng.randrange(len(data) + 1)
    return data[:k] + data[i:j] + data[k:]


_VALUES = [
    None,
    True,
    0,
    -1,
    1,
    2**63,
    -(2**70),
    1.5,
    float("inf"),
    "",
    "x",
    "\ud800",
    "claim",
    "🙂",
    [],
    {},
    [1, 2],
    {"a": None},
    "0",
    " ",
]


def _json_value(data: bytes, rng: random.Random) -> bytes:
    """Parse each JSON line (or the whole file) and replace one value anywhere in it."""
    try:
        text = data.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return _flip(data, rng)
    try:
        whole = [json.loads(text)]
        lines = False
    except ValueError:
        try:
            whole = [json.loads(line) for line in text.split("\n") if line.strip()]
            lines = True
        except ValueError:
            return _flip(data, rng)
    if not whole:
        return data
    target = rng.randrange(len(whole))
    whole[target] = _replace_somewhere(whole[target], rng)
    dump = lambda v: json.dumps(v, ensure_ascii=rng.random() < 0.5, allow_nan=True)  # noqa: E731
    out = "\n".join(dump(v) for v in whole) if lines else dump(whole[0])
    return out.encode("utf-8", "surrogatepass")


def _replace_somewhere(value: object, rng: random.Random) -> object:
    if isinstance(value, dict) and value and rng.random() < 0.8:
        key = rng.choice(list(value))
        if rng.random() < 0.15:
            del value[key]
        else:
            value[key] = _replace_somewhere(value[key], rng)
        return value
    if isinstance(value, list) and value and rng.random() < 0.8:
        i = rng.randrange(len(value))
        value[i] = _replace_somewhere(value[i], rng)
        return value
    if isinstance(value, int) and not isinstance(value, bool) and rng.random() < 0.5:
        return value + rng.choice([-1, 1, -100, 100, 10**6])
    return rng.choice(_VALUES)


_MUTATIONS = [_flip, _insert, _delete, _truncate, _duplicate, _json_value, _json_value]


def check_input(
    project: Project, fmt_name: str, files: dict[str, bytes], entry: str, work: Path
) -> str | None:
    """Read and import one input; None when it passed, else what went wrong."""
    folder = work / "input"
    folder.mkdir()
    try:
        for name, data in files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(data)
        path = folder / entry
        before = _dump(project)
        try:
            # The public path: read_files() is where a reader's slips become FormatErrors.
            records = read_files([(path, formats.get(fmt_name))], [])
            import_records(project, records, annotator="fuzz")
        except WorkbenchError as e:
            if not any(name in str(e) for name in files):
                return f"{fmt_name}: message does not name the file: {e}"
            if _dump(project) != before:
                return f"{fmt_name}: a failed import changed the project ({e})"
            return "refused"
        except Exception as e:  # noqa: BLE001  (any other exception is the bug we look for)
            return f"{fmt_name}: {type(e).__name__}: {e}"
        return None
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _dump(project: Project) -> tuple[object, ...]:
    """A fingerprint of the project's rows: an import only ever adds rows."""
    conn = project.conn
    counts = tuple(
        conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("documents", "spans", "relations", "labels", "relation_types")
    )
    return counts + tuple(conn.execute("SELECT id, name FROM labels ORDER BY id").fetchall())


def fuzz(name: str, *, inputs: int, seed: int = 0) -> FuzzStats:
    """Feed `inputs` mutated files of format `name` to its reader and the importer."""
    rng = random.Random(seed)
    stats = FuzzStats()
    with tempfile.TemporaryDirectory(prefix="wb-fuzz-") as tmp:
        work = Path(tmp)
        pool = seeds(name, work)
        project = Project.memory()
        for i, (files, entry) in enumerate(_inputs(pool, rng, inputs)):
            if i % 200 == 0:
                project.close()
                project = Project.memory()
            outcome = check_input(project, name, files, entry, work)
            stats.inputs += 1
            if outcome is None:
                stats.imported += 1
            elif outcome == "refused":
                stats.refused += 1
            elif len(stats.failures) < 20:
                stats.failures.append(outcome)
            else:
                stats.failures.append("...")
                break
        project.close()
    return stats


def _inputs(
    pool: list[Seed], rng: random.Random, count: int
) -> Iterator[tuple[dict[str, bytes], str]]:
    for _ in range(count):
        seed = rng.choice(pool)
        files = dict(seed.files)
        name = seed.entry if rng.random() < 0.8 else rng.choice(list(files))
        files[name] = mutate(files[name], rng)
        yield files, seed.entry
