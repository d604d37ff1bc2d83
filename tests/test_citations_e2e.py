"""End to end: every citation link in the built site lands on a paragraph containing its quote."""

from __future__ import annotations

import functools
import html
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from iranru_ref.records.text import fold


class _Collector(HTMLParser):
    """Citation links, and for each element id the id of the paragraph section around it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.cites: list[dict[str, str]] = []
        self.paragraph_of: dict[str, str] = {}
        self.stack: list[tuple[str, str | None]] = []
        self.text: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if tag == "a" and "cite" in classes:
            self.cites.append({"href": attributes.get("href") or "",
                               "quote": attributes.get("data-quote") or ""})
        current = next((p for _, p in reversed(self.stack) if p), None)
        if tag == "section" and "paragraph" in classes:
            current = attributes.get("id")
            if current:
                self.text[current] = []
        element_id = attributes.get("id")
        if element_id and current:
            self.paragraph_of[element_id] = current
        if tag not in ("br", "img", "input", "meta", "link", "hr"):
            self.stack.append((tag, current if tag == "section" and "paragraph" in classes
                               else None))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            opened, _ = self.stack.pop()
            if opened == tag:
                break

    def handle_data(self, data: str) -> None:
        current = next((p for _, p in reversed(self.stack) if p), None)
        if current:
            self.text[current].append(data)


@functools.cache
def _parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def _page_file(site: Path, url_path: str) -> Path:
    path = site / unquote(url_path).lstrip("/")
    return path / "index.html" if url_path.endswith("/") or path.is_dir() else path


def test_every_citation_link_resolves_to_a_paragraph_with_its_quote(built_site: Path) -> None:
    checked = 0
    for page in sorted(built_site.rglob("index.html")):
        collector = _parse(page)
        page_url = "/" + page.parent.relative_to(built_site).as_posix() + "/"
        for cite in collector.cites:
            target = urlparse(urljoin(page_url.replace("//", "/"), cite["href"]))
            assert target.fragment, f"{page}: citation link without an anchor: {cite['href']}"
            target_file = _page_file(built_site, target.path)
            assert target_file.is_file(), f"{page}: {cite['href']} points at no page"
            source = _parse(target_file)
            paragraph = source.paragraph_of.get(target.fragment)
            assert paragraph, f"{page}: anchor #{target.fragment} is not inside a paragraph"
            text = fold("".join(source.text[paragraph]))
            assert fold(html.unescape(cite["quote"])) in text, (page, cite)
            checked += 1
    assert checked >= 10


def test_source_pages_have_stable_paragraph_anchors(built_site: Path) -> None:
    page = built_site / "sources" / "dedov-sputnik-2023" / "index.html"
    ids = re.findall(r'<section class="paragraph[^"]*" id="(p\d+)"', page.read_text("utf-8"))
    assert ids == [f"p{n}" for n in range(1, len(ids) + 1)]
    assert len(ids) == 32


def test_cited_quotes_are_marked_on_the_source_page(built_site: Path) -> None:
    page = (built_site / "sources" / "dedov-sputnik-2023" / "index.html").read_text("utf-8")
    marks = re.findall(r'<mark class="cited" data-cites="[^"]+">([^<]+)</mark>', page)
    assert any("last September" in html.unescape(m) for m in marks)


def test_database_json_contract(built_site: Path) -> None:
    import json

    document = json.loads((built_site / "data" / "database.json").read_text("utf-8"))
    source = document["sources"][0]
    assert {"id", "title", "publisher", "date", "date_precision", "sha256", "paragraphs"} <= set(
        source)
    assert set(source["paragraphs"][0]) >= {"n", "kind", "text"}
    assert {"id", "type", "name", "aliases", "tags", "summary"} <= set(document["entities"][0])
    claim = document["claims"][0]
    assert {"id", "subject", "predicate", "object", "value", "unit", "date", "text",
            "attributed_to", "citations"} <= set(claim)
    assert set(claim["citations"][0]) >= {"source", "paragraph", "quote"}
    dates = {s["id"]: (s["date"], s["date_precision"]) for s in document["sources"]}
    assert dates["dedov-ria-novosti-2025"] == ("2025-02-12", "day")
    assert dates["dedov-sputnik-2023"] == ("2023", "year")
