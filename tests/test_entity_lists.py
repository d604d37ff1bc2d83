"""A hub's entity page stays small: each relation lists its few most connected entities,
“Mentioned in” its few sources that mention the entity most, and “Said or reported by” its
first claims about others that the entity said or that were said in it, each with a link to a
complete list (in parts when long) that holds all of them. Run on the benchmark's tiny corpus
with the caps set low, so that many entities are hubs; expectations come from the database."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest
from conftest import ROOT, benchmark_module
from tree_links import parts, target

from iranru_ref.check import load_checked
from iranru_ref.database import Database
from iranru_ref.load.project import Project
from iranru_ref.site import entity_pages, paging
from iranru_ref.site.generate import generate
from iranru_ref.site.render import environment
from iranru_ref.urls import entity_page, relation_key

RELATED = 3
SOURCES = 2
REPORTED = 1
PER_PART = 3

_GROUP = re.compile(
    r'<div class="related-group" data-relation="([^"]+)"[^>]*><h3 class="related-label">(.*?)</h3>'
    r'<ul>\n(.*?)</ul>\n(?:<p class="related-all"><a href="([^"]+)">All ([\d,]+) .*?</a></p>\n)?'
    r'</div>', re.S)
_LINK = re.compile(r'<li><a href="([^"]+)">')


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Database, Path]:
    """The tiny corpus's tree, with at most 3 related entities a relation, 2 sources, 1 claim
    said or reported and 3 entries a part."""
    root = benchmark_module("corpus").write_corpus(
        "tiny", tmp_path_factory.mktemp("corpus") / "tiny")
    tree = tmp_path_factory.mktemp("tree") / "docs"
    database = load_checked(Project.find(root))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(entity_pages, "RELATED_SHOWN", RELATED)
        patch.setattr(entity_pages, "SOURCES_SHOWN", SOURCES)
        patch.setattr(entity_pages, "REPORTED_SHOWN", REPORTED)
        patch.setattr(paging, "PER_PART", PER_PART)
        generate(database, Project.find(root), tree)
    return database, tree


def _entity(tree: Path, page: str, href: str) -> str:
    """The id of the entity whose page ``href`` opens."""
    return Path(target(tree, page, href)).stem


def _relations(database: Database) -> dict[tuple[str, str], set[str]]:
    """(entity id, relation key) → the entities at the relation's other end."""
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for ref in database.claims():
        other = ref.claim.object
        if other in database.entities:
            found[(ref.subject.id, relation_key(ref.claim.predicate, True))].add(other)
            found[(other, relation_key(ref.claim.predicate, False))].add(ref.subject.id)
    return found


def _degrees(database: Database) -> dict[str, int]:
    linked: dict[str, set[str]] = defaultdict(set)
    for ref in database.claims():
        if ref.claim.object in database.entities and ref.claim.object != ref.subject.id:
            linked[ref.subject.id].add(ref.claim.object)
            linked[ref.claim.object].add(ref.subject.id)
    return {entity: len(others) for entity, others in linked.items()}


def test_each_relation_lists_its_most_connected_entities_and_links_to_all(
        corpus: tuple[Database, Path]) -> None:
    database, tree = corpus
    expected = _relations(database)
    degree = _degrees(database)
    capped = complete_pages = 0
    for record in database.entities.values():
        page = entity_page(record.type, record.id)
        groups = _GROUP.findall((tree / page).read_text("utf-8"))
        assert {key for key, *_ in groups} == {key for (entity, key) in expected
                                               if entity == record.id}, page
        for key, _label, items, href, total in groups:
            every = expected[(record.id, key)]
            shown = [_entity(tree, page, link) for link in _LINK.findall(items)]
            # the entity's own relations are cited under Relations, those naming it here
            cited = [item.count('class="cite"') for item in items.splitlines()]
            assert all(cited) if key.endswith("-inverse") else not any(cited), (page, key)
            assert len(shown) == len(set(shown)) == min(len(every), RELATED), (page, key)
            assert set(shown) <= every
            rest = every - set(shown)
            assert all(degree.get(e, 0) >= degree.get(o, 0) for e in shown for o in rest), (page, key)
            if len(every) <= RELATED:
                assert not href, (page, key)
                continue
            capped += 1
            assert int(total.replace(",", "")) == len(every)
            listed = []
            for part in parts(tree, target(tree, page, href)):
                complete_pages += 1
                text = (tree / part).read_text("utf-8")
                found = re.search(r'<ul class="related-list"[^>]*>(.*?)</ul>', text, re.S)
                assert found is not None, part
                links = _LINK.findall(found.group(1))
                assert 0 < len(links) <= PER_PART, part
                listed += [_entity(tree, part, link) for link in links]
                assert target(tree, part, re.findall(r'<p class="list-total">.*?<a href="([^"]+)"',
                                                     text)[0]) == page
            assert sorted(listed) == sorted(every), (page, key)
            names = [database.entities[e].name.casefold() for e in listed]
            assert names == sorted(names)
    assert capped and complete_pages > capped  # the caps bite, and some lists have parts


def _mentions(database: Database) -> dict[str, dict[str, set[int]]]:
    """entity id → source id → the paragraphs that claims naming the entity cite."""
    found: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for ref in database.claims():
        named = {ref.subject.id, ref.claim.object, ref.claim.said_in, *ref.claim.attributed_to}
        for entity in named & database.entities.keys():
            for citation in ref.claim.citations:
                found[entity][citation.source].add(citation.paragraph)
    return found


def _sources(tree: Path, page: str, items: str) -> dict[str, set[int]]:
    """The sources a ``mentioned-in`` list names, with the paragraphs it links to."""
    listed: dict[str, set[int]] = {}
    for item in re.findall(r"<li>(.*?)</li>", items):
        links = re.findall(r'<a href="([^"]+)">', item)
        source = Path(target(tree, page, links[0])).stem
        assert source not in listed
        listed[source] = set()
        for link in links[1:]:
            assert Path(target(tree, page, link)).stem == source
            listed[source].add(int(link.rpartition("#p")[2]))
    return listed


def test_mentioned_in_lists_the_sources_that_mention_most_and_links_to_all(
        corpus: tuple[Database, Path]) -> None:
    database, tree = corpus
    expected = _mentions(database)
    capped = 0
    for record in database.entities.values():
        page = entity_page(record.type, record.id)
        text = (tree / page).read_text("utf-8")
        every = expected[record.id]
        shown = _sources(tree, page, re.findall(r'<ul class="mentioned-in">\n(.*?)</ul>', text,
                                                re.S)[0])
        assert len(shown) == min(len(every), SOURCES), page
        assert all(shown[s] == every[s] for s in shown)
        assert all(len(every[s]) >= len(every[o]) for s in shown for o in every.keys() - shown)
        ld = json.loads(re.findall(r'<script type="application/ld\+json">(.*?)</script>', text)[0])
        assert {n["@id"].rstrip("/").rpartition("/")[2] for n in ld.get("subjectOf", [])} == set(
            shown)
        link = re.findall(r'<p class="mentions-note">.*?<a href="([^"]+)">all ([\d,]+) sources',
                          text)
        if len(every) <= SOURCES:
            assert not link, page
            continue
        capped += 1
        assert int(link[0][1]) == len(every)
        listed: dict[str, set[int]] = {}
        for part in parts(tree, target(tree, page, link[0][0])):
            items = re.findall(r'<ul class="mentioned-in"[^>]*>\n(.*?)</ul>',
                               (tree / part).read_text("utf-8"), re.S)[0]
            found = _sources(tree, part, items)
            assert 0 < len(found) <= PER_PART and not found.keys() & listed.keys()
            listed.update(found)
        assert listed == every, page
        positions = database.source_positions
        assert list(listed) == sorted(listed, key=positions.__getitem__)
    assert capped


def _reported(database: Database) -> dict[str, list[tuple[str, str]]]:
    """entity id → the (subject, claim) ids of the claims about others that it said or
    reported, or that were said in it, in the database's order."""
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for ref in database.claims():
        for entity in dict.fromkeys((*ref.claim.attributed_to, ref.claim.said_in)):
            if entity in database.entities and entity not in (ref.subject.id, ref.claim.object):
                found[entity].append((ref.subject.id, ref.claim.id))
    return found


def _claims(tree: Path, page: str, text: str) -> list[tuple[str, str]]:
    """The (subject, claim) ids of the claims that a page lists with their subject, from
    the link to each claim on its subject's page."""
    found = re.search(r'<ul class="claims" data-search-exclude>\n(.*?)</ul>', text, re.S)
    if found is None:
        return []
    return [(Path(target(tree, page, href)).stem, href.rpartition("#claim-")[2])
            for href in re.findall(r'<span class="claim-subject">— on <a href="([^"]+)">',
                                   found.group(1))]


def test_said_or_reported_lists_the_first_claims_and_links_to_all(
        corpus: tuple[Database, Path]) -> None:
    database, tree = corpus
    expected = _reported(database)
    capped = parted = 0
    for record in database.entities.values():
        page = entity_page(record.type, record.id)
        text = (tree / page).read_text("utf-8")
        every = expected[record.id]
        assert _claims(tree, page, text) == every[:REPORTED], page
        note = re.findall(r'<p class="reported-note">The first (\d+) of the ([\d,]+) (.*?); '
                          r'<a href="([^"]+)">all ([\d,]+) →</a></p>', text)
        if len(every) <= REPORTED:
            assert not note and "reported-note" not in text, page
            continue
        capped += 1
        shown, total, what, href, total_again = note[0]
        assert int(shown) == REPORTED and int(total) == int(total_again) == len(every)
        by = any(record.id in ref.claim.attributed_to for ref in database.claims()
                 if (ref.subject.id, ref.claim.id) in every)
        assert what == (f"claims that {record.name} said or reported" if by
                        else f"claims said in {record.name}"), page
        listed: list[tuple[str, str]] = []
        pages = parts(tree, target(tree, page, href))
        parted += len(pages) > 1
        for part in pages:
            part_text = (tree / part).read_text("utf-8")
            found = _claims(tree, part, part_text)
            assert 0 < len(found) <= PER_PART, part
            listed += found
            total_line = re.findall(r'<p class="list-total">([\d,]+) .*?<a href="([^"]+)">',
                                    part_text)
            assert int(total_line[0][0]) == len(every)
            assert target(tree, part, total_line[0][1]) == page
        assert listed == every, page
    assert capped and parted  # the cap bites, and some complete lists have parts


def test_the_wording_of_what_an_entity_said_fits_its_roles() -> None:
    """A speaker said or reported claims; an event or an outlet is where they were said; an
    entity that is both is worded as both."""
    macros = environment(ROOT / "templates").from_string(
        '{% import "_macros.md.j2" as m %}{% call m.reported_claims(count, roles) %}'
        "{{ name }}{% endcall %}")

    def worded(count: int, by: bool, at: bool) -> str:
        return macros.render(count=count, roles={"by": by, "at": at}, name="Kograd")

    assert worded(2, True, False) == "claims that Kograd said or reported"
    assert worded(1, False, True) == "claim said in Kograd"
    assert worded(2, True, True) == "claims that Kograd said or reported, or that were said in it"
