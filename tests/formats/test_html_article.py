"""HTML articles: readable title and body, never scripts, styles or site chrome."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.errors import FormatError
from workbench.formats import html_article

DATA = Path(__file__).resolve().parents[1] / "data" / "html"
# Every fixture marks the text that must not reach the document in capitals.
LEAKS = ["SCRIPT", "STYLE", "NAV", "FOOTER", "ASIDE", "FIGURE CAPTION", "NOSCRIPT", "BUTTON"]


def _read(name: str) -> html_article.DocumentRecord:
    warnings: list[str] = []
    [record] = html_article.read(DATA / name, warnings)
    assert warnings == []
    return record


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.html")))
def test_no_script_style_or_chrome_leaks(name: str) -> None:
    text = _read(name).text
    for marker in LEAKS:
        assert marker not in text
    assert "<" not in text and "&" not in text.replace(" & ", "")


def test_news_article_title_body_entities_and_canonical_link() -> None:
    r = _read("wire_story.html")
    assert r.title == "North Korean troops arrive in Russia\u2019s Kursk region"
    assert r.text.split("\n") == [
        r.title,
        "By Jane Doe \u00b7 October 23, 2024",
        "SEOUL \u2013 About 3,000 North Korean soldiers have been moved to Russia, South "
        "Korea's spy agency said on Wednesday.",
        'The Kremlin called the report "fake news" & denied it.',
        "Officials in Kyiv put the number at 12,000.",
    ]
    assert r.source == "https://news.example.com/world/2024/10/23/nk-troops"
    assert r.meta == {
        "author": "Jane Doe",
        "article:published_time": "2024-10-23T08:00:00Z",
        "file": "wire_story.html",
    }


def test_forum_post_keeps_pre_layout_and_nbsp() -> None:
    r = _read("forum_post.html")
    assert r.title == "Thread: Satellite images of Vladivostok port - OSINT Forum"
    assert "lat   43.0967\nlon  131.8855\nships    4" in r.text
    assert (
        "Caf\u00e9 owners near the port say ~2\u00a0000 men passed through.\nUnconfirmed." in r.text
    )
    assert r.source == "https://forum.example.org/t/4412"


def test_untidy_html_with_unclosed_tags() -> None:
    r = _read("untidy.html")
    assert r.title == "Ministry statement"
    assert r.source == "untidy.html"
    assert r.text.split("\n")[1:] == [
        "Statement on foreign military personnel",
        "The ministry rejects the allegations as unfounded",
        "No units have been deployed abroad.",
        "First point",
        "Second point",
    ]


def test_the_headline_is_the_articles_h1_not_the_site_logo(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_text(
        "<body><header><h1>Site</h1></header><article><h1>Real headline</h1>"
        "<p>Body.</p><h1>Second heading</h1></article></body>",
        "utf-8",
    )
    [r] = html_article.read(path, [])
    assert r.title == "Real headline"
    assert r.text == "Real headline\nBody.\nSecond heading"


def test_html_without_readable_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><script>x()</script></head><body><nav>menu</nav></body></html>")
    with pytest.raises(FormatError, match=r"empty\.html: has no readable text"):
        html_article.read(path, [])


def test_markup_the_stdlib_parser_asserts_on_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "odd.html"
    path.write_text("<html><body><p>Text</p><![octype html]></body></html>", encoding="utf-8")
    with pytest.raises(FormatError, match=r"odd\.html: holds markup the HTML parser cannot read"):
        html_article.read(path, [])
