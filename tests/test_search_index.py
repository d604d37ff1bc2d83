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
from conftest import entity_path

from iranru_ref.vocabulary import TYPE_FOLDER

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
