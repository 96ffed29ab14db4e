"""HTML articles: the readable text (title and body) without scripts, styles or navigation.

Built on the standard library's html.parser. The body is taken from <article> when
there is one, else <main>, else <body>; block elements become line breaks and runs of
white space collapse as a browser shows them (except inside <pre>).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from workbench.errors import FormatError
from workbench.formats.decode import read_text
from workbench.formats.records import DocumentRecord
from workbench.offsets import normalize_text

_SKIP = {
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "iframe",
    "object",
    "select",
    "figure",
    "menu",
    "dialog",
}
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
_BLOCK = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "table",
    "tr",
    "dd",
    "dt",
    "dl",
    "br",
    "hr",
    "figcaption",
    "address",
    "body",
    "td",
    "th",
}
_CONTAINERS = ("article", "main", "body")
_SPACE = re.compile(r"[ \t\n\r\f]+")


class _ArticleParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        # Text of each <h1>, and whether it sat in skipped chrome (a <header>, say).
        self.h1s: list[tuple[str, bool]] = []
        self.meta: dict[str, str] = {}
        self.canonical = ""
        self._in_title = False
        self._in_h1 = False
        self._skip_depth = 0
        self._pre_depth = 0
        self._open: list[str] = []
        # One list of paragraphs per container kind; the richest one wins.
        self._paragraphs: dict[str, list[str]] = {c: [] for c in _CONTAINERS}
        self._current: dict[str, list[str]] = {c: [] for c in _CONTAINERS}
        self._depth: dict[str, int] = dict.fromkeys(_CONTAINERS, 0)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "meta":
            key = a.get("property") or a.get("name")
            if (
                key
                and a.get("content")
                and key
                in {
                    "og:url",
                    "og:title",
                    "author",
                    "description",
                    "article:published_time",
                    "og:site_name",
                }
            ):
                self.meta[key] = a["content"].strip()
        elif tag == "link" and "canonical" in a.get("rel", "").split():
            self.canonical = a.get("href", "")
        if tag in _VOID:
            if tag in _BLOCK:
                self._break()
            return
        self._open.append(tag)
        if tag == "title":
            self._in_title = True
        elif tag == "h1":
            self._in_h1 = True
            # An article's own <header> holds its headline; any other chrome does not count.
            in_content = self._depth["article"] or self._depth["main"]
            chrome = [t for t in self._open if t in _SKIP and not (in_content and t == "header")]
            self.h1s.append(("", bool(chrome)))
        if tag in _SKIP:
            self._skip_depth += 1
        if tag == "pre":
            self._pre_depth += 1
        if tag in self._depth:
            self._depth[tag] += 1
        if tag in _BLOCK:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or tag not in self._open:
            return
        # Close everything opened after `tag` too (HTML in the wild is not always tidy).
        while self._open:
            closed = self._open.pop()
            if closed == "title":
                self._in_title = False
            elif closed == "h1":
                self._in_h1 = False
            if closed in _SKIP:
                self._skip_depth -= 1
            if closed == "pre":
                self._pre_depth -= 1
            if closed in _BLOCK:
                self._break()
            if closed in self._depth:
                self._depth[closed] -= 1
            if closed == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
            return
        if self._in_h1 and self.h1s:
            text, skipped = self.h1s[-1]
            self.h1s[-1] = (text + data, skipped)
        if self._skip_depth:
            return
        if not self._pre_depth:
            data = _SPACE.sub(" ", data)
        for container, depth in self._depth.items():
            if depth:
                self._current[container].append(data)

    def _break(self) -> None:
        for container in _CONTAINERS:
            chunk = "".join(self._current[container])
            self._current[container] = []
            chunk = chunk if self._pre_depth else chunk.strip()
            if chunk.strip():
                self._paragraphs[container].append(chunk)

    def headline(self, *, chrome: bool = False) -> str:
        """The first <h1> of the content (`chrome`: the first one in a header or the like)."""
        return next((t for t, skipped in self.h1s if skipped == chrome and t.strip()), "")

    def body(self) -> list[str]:
        self._break()
        for container in _CONTAINERS:
            if self._paragraphs[container]:
                return self._paragraphs[container]
        return []


def read(path: Path, warnings: list[str], *, encoding: str | None = None) -> list[DocumentRecord]:
    raw, _ = normalize_text(read_text(path, warnings, encoding=encoding))
    parser = _ArticleParser()
    try:
        parser.feed(_without_open_markup_at_the_end(raw))
        parser.close()
    except AssertionError as e:
        # Python 3.11's html.parser asserts on some malformed markup ("<![foo ...").
        raise FormatError(path, f"holds markup the HTML parser cannot read ({e})") from e
    paragraphs = parser.body()
    title = (
        parser.headline()
        or parser.meta.get("og:title")
        or parser.headline(chrome=True)
        or parser.title
    )
    title = _SPACE.sub(" ", title).strip()
    if paragraphs and title and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    if not paragraphs and not title:
        raise FormatError(path, "has no readable text")
    text = "\n".join(([title] if title else []) + paragraphs)
    source = parser.canonical or parser.meta.get("og:url") or path.name
    meta = {k: v for k, v in parser.meta.items() if k not in {"og:title", "og:url"}}
    if source != path.name:
        meta["file"] = path.name
    return [
        DocumentRecord(
            text=text, title=title or path.stem, source=source, meta=meta, origin=str(path)
        )
    ]


def _without_open_markup_at_the_end(raw: str) -> str:
    """`raw` with each "<" after its last ">" written as "&lt;" (text, as a browser shows it).

    Python 3.11's html.parser looks for the ">" that would close "</", "<!" or "<?" to the
    end of the text, once per such opening: a file of "</</</..." with no ">" after them
    takes time in the square of its length (hours for a few megabytes).
    """
    tail = raw[raw.rfind(">") + 1 :]
    return raw[: len(raw) - len(tail)] + tail.replace("<", "&lt;") if "<" in tail else raw
