"""The tags: an index of the vocabulary, and a page per tag listing the entities that carry it,
generated from the data (in parts when a tag is on many entities)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from iranru_ref.check import load_checked
from iranru_ref.load.project import Project
from iranru_ref.records.vocabulary import TYPE_FOLDER
from iranru_ref.site import paging
from iranru_ref.site.generate import generate_tree

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tags") / "docs"
    generate_tree(Project.find(ROOT), out)
    return out


def _linked_entities(page: Path) -> list[str]:
    return re.findall(r'<li><a href="\.\./\.\./([a-z]+/[a-z0-9-]+)/">', page.read_text("utf-8"))


def test_the_index_lists_every_tag_with_its_description_and_count(tree: Path) -> None:
    database = load_checked(Project.find(ROOT))
    counts = Counter(tag for r in database.entities.values() for tag in r.entity.tags)
    text = (tree / "tags.md").read_text("utf-8")
    for tag, info in database.vocabulary.tags.items():
        entry = re.search(rf'<li id="tag:{tag}">(.*?)</li>', text, re.S)
        assert entry is not None, tag
        count = counts[tag]
        assert f"{count} entit{'y' if count == 1 else 'ies'}" in entry.group(1)
        assert (f'href="../tag/{tag}/"' in entry.group(1)) == (count > 0)
        assert info.description.replace("'", "&#39;") in entry.group(1)


def test_each_tag_page_lists_exactly_the_entities_that_carry_it(tree: Path) -> None:
    database = load_checked(Project.find(ROOT))
    for tag in database.vocabulary.tags:
        carriers = sorted(f"{TYPE_FOLDER[r.type]}/{r.id}" for r in database.entities.values()
                          if tag in r.entity.tags)
        page = tree / "tag" / f"{tag}.md"
        assert page.exists() == bool(carriers), tag
        if carriers:
            assert sorted(_linked_entities(page)) == carriers


def test_an_entity_page_links_its_tags_to_their_pages(tree: Path) -> None:
    text = (tree / "people" / "alexey-dedov.md").read_text("utf-8")
    links = re.findall(r'<a class="tag" href="\.\./\.\./tag/([a-z0-9-]+)/">', text)
    assert links and all((tree / "tag" / f"{tag}.md").exists() for tag in links)
    assert "\ntags:\n" not in text.split("---")[1]  # no front-matter tags: no tags plugin


def test_a_tag_on_many_entities_is_listed_in_parts(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paging, "PER_PART", 5)
    generate_tree(Project.find(ROOT), tmp_path / "docs")
    database = load_checked(Project.find(ROOT))
    carriers = [r for r in database.entities.values() if "diplomacy" in r.entity.tags]
    pages = [tmp_path / "docs" / "tag" / "diplomacy.md",
             *sorted((tmp_path / "docs" / "tag" / "diplomacy").glob("[0-9]*.md"),
                     key=lambda p: int(p.stem))]
    assert len(pages) == -(-len(carriers) // 5) > 1
    linked = [link for page in pages
              for link in re.findall(r'<li><a href="(?:\.\./)+([a-z]+/[a-z0-9-]+)/">',
                                     page.read_text("utf-8"))]
    assert sorted(linked) == sorted(f"{TYPE_FOLDER[r.type]}/{r.id}" for r in carriers)
    assert all('class="listing-parts"' in page.read_text("utf-8") for page in pages)
