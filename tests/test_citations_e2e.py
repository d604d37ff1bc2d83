"""End to end: every citation link in the built site lands on a paragraph containing its quote."""

from __future__ import annotations

import functools
import html
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlparse

from conftest import download_bytes

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
            title = attributes.get("title") or ""
            assert title[:1] + title[-1:] == "“”", f"a citation's title is not its quote: {title!r}"
            self.cites.append({"href": attributes.get("href") or "", "quote": title[1:-1]})
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


def assert_citations_resolve(built_site: Path) -> int:
    """Every citation link of the site lands on a paragraph holding its quote; the number
    checked."""
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
            assert fold(cite["quote"]) in text, (page, cite)
            checked += 1
    return checked


def test_every_citation_link_resolves_to_a_paragraph_with_its_quote(
        built_site: Path, site_data: dict[str, Any]) -> None:
    cited = sum(len(claim["citations"]) for claim in site_data["claims"])
    assert assert_citations_resolve(built_site) >= cited


def test_source_pages_have_stable_paragraph_anchors(built_site: Path,
                                                    site_data: dict[str, Any]) -> None:
    for source in site_data["sources"]:
        page = built_site / "sources" / source["id"] / "index.html"
        ids = re.findall(r'<section class="paragraph[^"]*" id="(p\d+)"', page.read_text("utf-8"))
        assert ids == [f"p{n}" for n in range(1, len(source["paragraphs"]) + 1)]


def test_cited_quotes_are_marked_on_the_source_page(built_site: Path,
                                                    site_data: dict[str, Any]) -> None:
    """Each citation's quote is marked on its source page, by marks that name its anchor."""
    for source in site_data["sources"]:
        page = (built_site / "sources" / source["id"] / "index.html").read_text("utf-8")
        marked: dict[str, str] = {}
        for cites, text in re.findall(r'<mark class="cited" data-cites="([^"]+)">([^<]*)</mark>',
                                      page):
            for anchor in cites.split():
                marked[anchor] = marked.get(anchor, "") + html.unescape(text)
        for claim in site_data["claims"]:
            subject, claim_id = claim["id"].split(".")
            for number, citation in enumerate(claim["citations"], 1):
                if citation["source"] == source["id"]:
                    anchor = f"cite-{subject}.{claim_id}-{number}"
                    assert fold(marked.get(anchor, "")) == fold(citation["quote"]), anchor


def test_database_json_contract(built_site: Path) -> None:
    import json

    document = json.loads(download_bytes(built_site / "data", "database.json"))
    source = document["sources"][0]
    assert {"id", "title", "publisher", "date", "date_precision", "sha256", "paragraphs"} <= set(
        source)
    assert set(source["paragraphs"][0]) >= {"n", "kind", "text"}
    assert {"id", "type", "name", "aliases", "tags", "summary"} <= set(document["entities"][0])
    claim = document["claims"][0]
    assert {"id", "subject", "predicate", "object", "value", "unit", "date", "text",
            "attributed_to", "citations"} <= set(claim)
    assert set(claim["citations"][0]) >= {"source", "paragraph", "quote"}
    for source in document["sources"]:
        detail = source["date_detail"]
        assert (source["date"], source["date_precision"]) == (detail["value"],
                                                              detail["precision"])
