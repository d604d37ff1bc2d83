"""What the built site's search index holds: every entity, alias, claim and source paragraph,
each once, on the page that owns it (listings that repeat them are left out of search)."""

from __future__ import annotations

import html
import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from conftest import copy_project, entity_path

from iranru_ref.engines.build import build_site
from iranru_ref.load.project import Project
from iranru_ref.records.vocabulary import TYPE_FOLDER
from iranru_ref.site import source_pages
from iranru_ref.site.generate import generate_tree

pytestmark = pytest.mark.slow


def flat(text: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


@pytest.fixture(scope="module")
def page_texts(built_site: Path) -> dict[str, str]:
    """Each page's indexed text (titles and section texts), keyed by its URL path."""
    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    texts: dict[str, list[str]] = defaultdict(list)
    for doc in index["docs"]:
        texts[doc["location"].partition("#")[0]] += [flat(doc["title"]), flat(doc["text"])]
    return {page: " ".join(parts) for page, parts in texts.items()}


def test_every_entity_is_found_by_its_name_and_its_aliases(
    page_texts: dict[str, str], site_data: dict[str, Any]
) -> None:
    missing = [
        f"{entity['id']}: {name!r}"
        for entity in site_data["entities"]
        for name in [entity["name"], *entity["aliases"]]
        if flat(name) not in page_texts.get(entity_path(entity), "")
    ]
    assert not missing


def test_each_claim_is_indexed_on_its_own_page(
    page_texts: dict[str, str], site_data: dict[str, Any]
) -> None:
    entities = {e["id"]: e for e in site_data["entities"]}
    missing = [
        claim["id"] for claim in site_data["claims"]
        if flat(claim["text"]) not in page_texts.get(entity_path(entities[claim["subject"]]), "")
    ]
    assert not missing


LISTINGS = ("", "timeline/", "network/", "coverage/", "sources/",
            *(f"{folder}/" for folder in TYPE_FOLDER.values()))


def test_listings_and_source_pages_do_not_index_claims_again(
    page_texts: dict[str, str], site_data: dict[str, Any]
) -> None:
    """Timeline, network, coverage, indexes and home repeat claims that their own pages hold."""
    claims = {flat(claim["text"]) for claim in site_data["claims"]}
    repeated = {page: sorted(text for text in claims if text in page_texts.get(page, ""))
                for page in LISTINGS}
    assert {page: texts for page, texts in repeated.items() if texts} == {}
    sources = [f"sources/{source['id']}/" for source in site_data["sources"]]
    assert not [page for page in sources if "cite this paragraph" in page_texts[page]]


def test_every_body_paragraph_is_found_on_its_source_page(
    page_texts: dict[str, str], site_data: dict[str, Any]
) -> None:
    missing = [
        f"{source['id']} ¶{paragraph['n']}"
        for source in site_data["sources"]
        for paragraph in source["paragraphs"]
        if paragraph["kind"] == "body"
        and flat(paragraph["text"]) not in page_texts.get(f"sources/{source['id']}/", "")
    ]
    assert not missing


def _runs(source_page: str) -> list[int]:
    """Bytes of paragraph text in each run between the Markdown headings of a source page."""
    runs = [0]
    for match in re.finditer(r'^## |<p class="ptext">(.*?)</p>',
                             source_page, re.S | re.M):
        if match.group(1) is None:
            runs.append(0)
        else:
            runs[-1] += len(html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).encode("utf-8"))
    return runs


def test_a_long_run_of_source_paragraphs_is_split_into_search_sections(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Zensical refuses a search section of over 32 KiB and starts sections only at Markdown
    headings (not at the raw HTML of a source's own headings): a source page starts a section
    of its own before a run of paragraphs grows too long."""
    project = Project.find(copy_project(tmp_path / "project"))
    monkeypatch.setattr(source_pages, "SECTION_BYTES", 1500)
    site = build_site(project, tmp_path / "site").site_dir
    tree = tmp_path / "tree"
    generate_tree(project, tree)
    longest = max(len(p.encode("utf-8")) for s in project.sources_dir.glob("*.txt")
                  for p in s.read_text("utf-8").split("\n\n"))
    for page in (tree / "sources").glob("*.md"):
        if page.name == "index.md":
            continue
        runs = _runs(page.read_text("utf-8"))
        assert max(runs) <= max(1500, longest), page.name
    text = (tree / "sources" / "dedov-sputnik-2023.md").read_text("utf-8")
    breaks = re.findall(r"^## From ¶(\d+) on \{ #from-p(\d+) \.source-continued \}$", text, re.M)
    assert breaks and all(a == b for a, b in breaks)
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    assert {f"sources/dedov-sputnik-2023/#from-p{n}" for n, _ in breaks} <= locations


def test_a_short_source_is_one_section(built_site: Path) -> None:
    page = built_site / "sources" / "dedov-ria-novosti-2025" / "index.html"  # 2.7 kB of text
    assert 'class="source-continued"' not in page.read_text("utf-8")


def test_the_money_chart_is_left_out_of_search(page_texts: dict[str, str]) -> None:
    """Its bar labels repeat the figures table (itself left out), 300 of them at scale."""
    assert "Money figures in US dollars" not in page_texts["figures/"]
    assert "Every number in the sources" in page_texts["figures/"]


def test_the_related_entities_of_a_page_are_left_out_of_search(built_site: Path) -> None:
    """Each is named on its own page; a hub's list outgrew Zensical's limit on one search
    section at 10k entities."""
    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    related = [doc for doc in index["docs"] if doc["location"].endswith("#related")]
    assert related, "no page has a Related section"
    page = (built_site / "people" / "alexey-dedov" / "index.html").read_text("utf-8")
    names = re.findall(r'<li><a href="[^"]+">([^<]+)</a> <span class="related-type">', page)
    assert names
    assert all(flat(doc["text"]) == "" or not any(flat(name) in flat(doc["text"])
                                                   for name in names) for doc in related)
