"""The limits that keep a hostile file from hanging Workbench or filling the memory.

Every limit is generous for real work (a news article is about 10,000 characters, a
long book 1,000,000) and far below what would hurt the machine. A file over a limit is
refused with one sentence naming the file (and line); a suggestion rule over its time
is skipped with a warning. SECURITY.md ("Nothing hangs, nothing explodes") lists these
values and says why; tests/security checks that each one holds.
"""

from __future__ import annotations

MiB = 1 << 20

# --- suggestion rules ----------------------------------------------------------

# Seconds one rule may spend in one document (CPU time, in the `regex` engine and
# placing its matches), and the spans it may propose there. A rule over either is
# skipped in that document with a warning (workbench/rule_guard.py).
RULE_TIMEOUT_SECONDS = 1.0
MAX_SPANS_PER_RULE = 10_000
# After being skipped in this many documents of one run, a rule is skipped for the rest
# of the run, so one bad rule costs a few seconds, however many documents there are.
RULE_SKIPS_PER_RUN = 3
# Skips of all rules together after which a run stops (keeping what it found in the
# documents before), so a thousand slow rules cost seconds, not a thousand seconds.
MAX_RULE_SKIPS_PER_RUN = 20
# Rules in one rules file (or stored in one project), and the bytes of a rules file.
MAX_RULES = 1_000
MAX_RULES_FILE_BYTES = 10 * MiB
# The size of one pattern once word lists are filled in and counted repeats multiplied
# out ("(?:a{1000}){1000}" counts 1,000,000): compiling costs memory in proportion.
MAX_PATTERN_SIZE = 200_000

# --- zip files (XMI zips) ------------------------------------------------------

MAX_ZIP_ENTRIES = 10_000
# Bytes inflated from one zip, counted as they are read (never from the zip's headers);
# one entry may inflate to MAX_FILE_BYTES at most, as a file on disk may hold.
MAX_ZIP_TOTAL_BYTES = 512 * MiB
# Inflated bytes per compressed byte of an entry, checked once the entry has inflated
# past ZIP_RATIO_GRACE_BYTES (a small file of spaces may compress very well). XML
# compresses 5 to 20 times; a zip bomb of zeros about 1,000 times.
MAX_ZIP_RATIO = 200
ZIP_RATIO_GRACE_BYTES = 1 * MiB
# Bytes inflated at a time.
ZIP_CHUNK_BYTES = 64 * 1024

# --- one import ----------------------------------------------------------------

# A file read whole (text, Markdown, HTML, brat, Label Studio JSON, XMI, TypeSystem.xml).
MAX_FILE_BYTES = 128 * MiB
# One line of a JSONL file (Workbench JSONL, doccano): one document with its spans.
MAX_LINE_BYTES = 64 * MiB
# Characters (code points) of one document's text.
MAX_DOCUMENT_CHARS = 50_000_000
MAX_SPANS_PER_DOCUMENT = 1_000_000
MAX_SPANS_PER_FILE = 2_000_000
MAX_RELATIONS_PER_FILE = 2_000_000


def size_text(size: int) -> str:
    """A limit in bytes as a sentence says it: "128 MiB", or "4,000 bytes"."""
    return f"{size >> 20} MiB" if size % MiB == 0 else f"{size:,} bytes"
