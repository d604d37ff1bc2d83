"""A reader on the benchmark's generated 1k corpus (1,000 entities, 10,000 claims), built once
with the site's own caps, parts and periods: search by alias, by a claim's and a source's text,
narrowed by filters; a hub's capped relation and its complete list; the network of the most
connected entities; the timeline in periods. What each page should hold is read from the
corpus's database and graph; the helpers are those of the tests on the real data."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import networkx as nx
import pytest
from conftest import benchmark_module, entity_path, search_fragments, serve

from iranru_ref.check import load_checked
from iranru_ref.database import Database, EntityRecord
from iranru_ref.engines.build import build_site
from iranru_ref.graph import build_graph, neighbours
from iranru_ref.load.project import Project
from iranru_ref.records.vocabulary import TYPE_FOLDER, TYPE_LABELS
from iranru_ref.site import paging
from iranru_ref.site.entity_lists import RELATED_SHOWN
from iranru_ref.site.search_filters import SOURCE_TYPE
from iranru_ref.urls import relation_key

from .conftest import PageLog
from .test_hubs_and_periods import check_timeline_holds_every_dated_claim, listing, number_in
from .test_reading import (
    MORE_RESULTS,
    NODES,
    RESULT_LINKS,
    SEARCH_BUTTON,
    assert_clean,
    choose_filter,
    loneliest_node,
    open_search_result,
    rarest_words,
    search_for,
    search_result,
    untick_filter,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RESULTS = ".iranru-search pagefind-results .pf-result"


@dataclass(frozen=True)
class Corpus:
    site: Path
    database: Database
    graph: nx.MultiDiGraph


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """The 1k corpus, built as ``iranru-ref build`` builds it, with its checked database."""
    root = benchmark_module("corpus").write_corpus("1k", tmp_path_factory.mktemp("corpus") / "1k")
    project = Project.find(root)
    site = build_site(project).site_dir
    database = load_checked(project)
    return Corpus(site, database, build_graph(database))


@pytest.fixture(scope="module")
def built_site(corpus: Corpus) -> Path:
    """The 1k site, in place of the real data's for this module's ``page`` and ``context``."""
    return corpus.site


@pytest.fixture(scope="module")
def site_url(built_site: Path) -> Iterator[str]:
    with serve(built_site) as url:
        yield url


def as_entity(record: EntityRecord) -> dict[str, Any]:
    """An entity as the helpers of the tests on the real data take it (database.json's)."""
    return {"id": record.id, "type": record.type, "name": record.name}


def path_of(url: str, site_url: str) -> str:
    """A link of the site as a URL path from its root, without query or fragment."""
    return urlsplit(url).path.removeprefix(urlsplit(site_url).path)


def entity_at(corpus: Corpus, path: str) -> EntityRecord | None:
    """The entity whose page is at ``path``, if it is an entity's page."""
    folder, _, rest = path.partition("/")
    record = corpus.database.entities.get(rest.rstrip("/"))
    return record if record is not None and TYPE_FOLDER[record.type] == folder else None


# --- search -----------------------------------------------------------------------------------

def test_search_by_alias_reaches_the_entity(
        page: Any, page_log: PageLog, site_url: str, corpus: Corpus) -> None:
    """An alias that its entity's name does not hold (the corpus gives some entities their
    initials), the one that the fewest entities' names and aliases hold, so that its entity
    comes among the first results."""
    records = list(corpus.database.entities.values())
    named = [" ".join([r.name, *r.entity.aliases, *r.entity.editor_aliases]).casefold()
             for r in records]
    cases = [(alias, record) for record in records
             for alias in (*record.entity.aliases, *record.entity.editor_aliases)]
    assert cases, "no entity of the corpus has an alias"
    alias, record = min(cases, key=lambda case: (
        case[0].casefold() in case[1].name.casefold(),
        sum(case[0].casefold() in names for names in named), case[1].id))
    assert alias.casefold() not in record.name.casefold(), "every alias is part of its name"
    page.goto(site_url + "timeline/")
    page.click(SEARCH_BUTTON)
    search_for(page, alias)
    open_search_result(page, as_entity(record))
    assert_clean(page_log)


def test_search_finds_a_claim_by_its_text_and_a_source_by_a_paragraph(
        page: Any, page_log: PageLog, site_url: str, corpus: Corpus) -> None:
    """The rarest words of the longest claim find its subject's page; those of a source's
    longest paragraph, among every paragraph and claim, find the source's page."""
    database = corpus.database
    claims = list(database.claims())
    texts = [ref.claim.text for ref in claims]
    claim = max(claims, key=lambda ref: (len(ref.claim.text), ref.id))
    page.goto(site_url)
    page.click(SEARCH_BUTTON)
    search_for(page, rarest_words(claim.claim.text, texts))
    search_result(page, entity_path(as_entity(claim.subject)))
    source = next(iter(database.sources.values()))
    paragraph = max(source.body, key=lambda p: (len(p.text), -p.n))
    everything = texts + [p.text for s in database.sources.values() for p in s.body]
    search_for(page, rarest_words(paragraph.text, everything))
    search_result(page, f"sources/{source.id}/")
    assert_clean(page_log)


#: the most results the filters' query may have: each is loaded to see them all
MOST_RESULTS = 40


def all_result_paths(page: Any, site_url: str) -> set[str]:
    """Every result's page, as a URL path from the site's root: the results load as they
    scroll into view, so each is scrolled to until all have."""
    page.wait_for_timeout(400)
    page.locator(RESULT_LINKS).first.wait_for()
    for _ in range(MOST_RESULTS * 2):
        hrefs = page.eval_on_selector_all(RESULT_LINKS, "links => links.map(l => l.href)")
        if len(hrefs) == page.locator(RESULTS).count():
            assert not page.locator(MORE_RESULTS).is_visible(), "more results than are listed"
            return {path_of(href, site_url) for href in hrefs}
        page.evaluate("""results => {
            const next = [...document.querySelectorAll(results)].find(
                result => !result.querySelector('a.pf-result-link'));
            if (next) next.scrollIntoView();
        }""", RESULTS)
        page.wait_for_timeout(150)
    pytest.fail("the search results never all loaded")


def test_search_lists_fifty_results_at_a_time_and_more_on_request(
        page: Any, page_log: PageLog, site_url: str, corpus: Corpus) -> None:
    """A word most pages hold lists 50 results, and the button lists 50 more, the first added in
    view; other words list 50 at most again, and the button shows only while some are unlisted."""
    in_browser = benchmark_module("in_browser")
    total = sum(in_browser.SEARCH_WORD.casefold() in page_text.casefold()
                for page_text in (f["content"] + " " + f["meta"].get("title", "")
                                  for f in search_fragments(corpus.site).values()))
    assert total > 100, f"only {total} pages hold {in_browser.SEARCH_WORD!r}"
    listed = ".iranru-search pagefind-results li.pf-result"
    more = page.locator(MORE_RESULTS)
    page.goto(site_url)
    page.click(SEARCH_BUTTON)
    search_for(page, in_browser.SEARCH_WORD)
    page.wait_for_function(f"document.querySelectorAll({listed!r}).length === 50")
    assert number_in(page.inner_text(".iranru-search pagefind-summary")) >= 100
    assert more.is_visible()
    more.click()
    page.wait_for_function(f"document.querySelectorAll({listed!r}).length === 100")
    assert page.evaluate(f"""() => {{
        const box = document.querySelectorAll({listed!r})[50].getBoundingClientRect();
        return box.top >= 0 && box.top < window.innerHeight; }}""")
    name = min(corpus.database.entities.values(), key=lambda r: (len(r.name), r.id)).name
    search_for(page, name)
    page.wait_for_function("""name => /^[0-9][0-9,]* results? for /.test(
        document.querySelector('.iranru-search pagefind-summary').textContent.trim()) &&
        document.querySelector('.iranru-search pagefind-summary').textContent.trim()
            .endsWith('for ' + name)""", arg=name)
    found = number_in(page.inner_text(".iranru-search pagefind-summary"))
    assert page.locator(listed).count() == min(found, 50)
    assert more.is_visible() == (found > 50)
    search_for(page, in_browser.SEARCH_WORD)
    page.wait_for_function(f"document.querySelectorAll({listed!r}).length === 50")
    assert_clean(page_log)


def test_search_filters_narrow_the_results_to_the_pages_of_their_type_and_tag(
        page: Any, page_log: PageLog, site_url: str, corpus: Corpus) -> None:
    """A place's name finds pages of several kinds (the place whose name the most indexed pages
    hold, up to MOST_RESULTS); each filter keeps exactly those of them that it matches: source
    pages, the pages of places, the pages of entities with the place's tag."""
    pages = search_fragments(corpus.site)
    places = [r for r in corpus.database.entities.values() if r.type == "place"]

    def holding(record: EntityRecord) -> int:
        word = re.compile(rf"\b{re.escape(record.name)}\b", re.IGNORECASE)
        return sum(1 for fragment in pages.values() if word.search(fragment["content"]))

    held = {r.id: holding(r) for r in places}
    place = max((r for r in places if held[r.id] <= MOST_RESULTS),
                key=lambda r: (held[r.id], r.id))
    tag = place.entity.tags[0]
    page.goto(site_url)
    page.click(SEARCH_BUTTON)
    search_for(page, place.name)
    found = all_result_paths(page, site_url)
    kinds: dict[str, set[str]] = {
        SOURCE_TYPE: {path for path in found if path.startswith("sources/")
                      and path.removeprefix("sources/").rstrip("/") in corpus.database.sources},
        TYPE_LABELS[place.type]: {path for path in found
                                  if (e := entity_at(corpus, path)) and e.type == place.type}}
    with_tag = {path for path in found if (e := entity_at(corpus, path)) and tag in e.entity.tags}
    for kind, matching in kinds.items():
        assert matching and matching != found, f"{kind}: nothing to narrow in {found}"
        choose_filter(page, "type", kind)
        assert all_result_paths(page, site_url) == matching, kind
        untick_filter(page, "type")
    assert with_tag and with_tag != found, f"{tag}: nothing to narrow in {found}"
    choose_filter(page, "tag", tag)
    assert all_result_paths(page, site_url) == with_tag, tag
    assert_clean(page_log)


# --- a hub's capped relations -----------------------------------------------------------------

def capped_relations(graph: nx.MultiDiGraph) -> dict[str, dict[str, set[str]]]:
    """Each entity's relations, read one way (keyed as ``urls.relation_key``), that hold more
    entities than its page lists: the entities at their other end."""
    found: dict[str, dict[str, set[str]]] = {}
    for entity_id in graph:
        groups: dict[str, set[str]] = defaultdict(set)
        for neighbour in neighbours(graph, entity_id):
            groups[relation_key(neighbour.predicate, neighbour.outgoing)].add(neighbour.entity_id)
        capped = {key: ids for key, ids in groups.items() if len(ids) > RELATED_SHOWN}
        if capped:
            found[entity_id] = capped
    return found


#: how many hubs, the most connected first, have each capped relation followed to its list
HUBS_FOLLOWED = 4


def test_a_hubs_capped_relations_lead_to_complete_lists_of_every_entity(
        page: Any, page_log: PageLog, site_url: str, corpus: Corpus) -> None:
    """Each hub's page caps exactly the relations the graph holds more of than it lists, each
    at the cap; a capped relation's link counts its entities, and its complete list (through
    every part) holds each of them once, and no other."""
    hubs = capped_relations(corpus.graph)
    assert len(hubs) >= 2, f"only {len(hubs)} hubs in the 1k corpus"
    ranked = sorted(hubs, key=lambda n: (-sum(len(ids) for ids in hubs[n].values()), n))
    for entity_id in ranked[:HUBS_FOLLOWED]:
        record = corpus.database.entities[entity_id]
        page.goto(site_url + entity_path(as_entity(record)))
        capped = {group["relation"]: group for group in page.locator(
            ".related-group:has(.related-all)").evaluate_all("""groups => groups.map(g => ({
                relation: g.dataset.relation, shown: g.querySelectorAll('ul > li > a').length,
                link: g.querySelector('.related-all a').textContent,
                href: g.querySelector('.related-all a').href}))""")}
        assert set(capped) == set(hubs[entity_id]), entity_id
        for key, expected in sorted(hubs[entity_id].items()):
            assert capped[key]["shown"] == RELATED_SHOWN
            assert number_in(capped[key]["link"]) == len(expected)
            page.goto(capped[key]["href"])
            hrefs = listing(page, "ul.related-list > li > a",
                            lambda items: items.evaluate_all("ls => ls.map(l => l.href)"))
            listed = [entity_at(corpus, path_of(href, site_url)) for href in hrefs]
            ids = [e.id for e in listed if e is not None]
            assert len(ids) == len(hrefs) == len(set(ids)), (entity_id, key, hrefs)
            assert set(ids) == expected, (entity_id, key)
    assert_clean(page_log)


# --- the network ------------------------------------------------------------------------------

#: each drawn node as the reader sees it: its page, whether it shows, and its circle
DRAWN_NODES = """svg => [...svg.querySelectorAll('a.graph-node')].map(a => {
    const c = a.querySelector('circle');
    return {href: new URL(a.href.baseVal, document.baseURI).href,
            shown: a.checkVisibility({visibilityProperty: true}),
            x: c.cx.baseVal.value, y: c.cy.baseVal.value, r: c.r.baseVal.value};
})"""

#: The edges the network shows, as segments [x1, y1, x2, y2] in the drawing's units: each
#: <line> that shows (a sparse drawing), and the M…L… segments of a <path> that shows (a dense
#: drawing's one path, which the filters redraw). A new way of drawing edges is read here.
VISIBLE_EDGE_SEGMENTS = """svg => [...svg.querySelectorAll('.graph-edges > *')]
    .filter(e => e.checkVisibility({visibilityProperty: true}))
    .flatMap(e => e.tagName === 'line'
        ? [[e.x1, e.y1, e.x2, e.y2].map(v => v.baseVal.value)]
        : [...(e.getAttribute('d') || '').matchAll(
              /M\\s*([-\\d.]+)[\\s,]+([-\\d.]+)\\s*L\\s*([-\\d.]+)[\\s,]+([-\\d.]+)/g)]
              .map(m => m.slice(1, 5).map(Number)))"""

#: how a node looks: a highlighted one looks otherwise
NODE_LOOK = """a => {
    const c = getComputedStyle(a.querySelector('circle'));
    const t = getComputedStyle(a.querySelector('.graph-label'));
    return [c.stroke, c.strokeWidth, t.fontWeight, t.visibility].join(' ');
}"""


@dataclass(frozen=True)
class DrawnNode:
    id: str
    shown: bool
    x: float
    y: float
    r: float


def drawn_nodes(page: Any, site_url: str, corpus: Corpus) -> list[DrawnNode]:
    """The network's nodes, each a link to the page of an entity of the corpus that the site
    has."""
    found = []
    for node in page.eval_on_selector("#network-graph svg.graph", DRAWN_NODES):
        path = path_of(node["href"], site_url)
        record = entity_at(corpus, path)
        assert record is not None, f"a node links to {node['href']}, no entity's page"
        assert (corpus.site / path / "index.html").is_file(), f"{path} is not in the site"
        found.append(DrawnNode(record.id, node["shown"], node["x"], node["y"], node["r"]))
    return found


def shown_pairs(page: Any, nodes: list[DrawnNode]) -> set[frozenset[str]]:
    """The pairs of nodes that the shown edges join: each end of an edge is on the rim of one
    of the shown nodes."""
    shown = [n for n in nodes if n.shown]

    def node_at(x: float, y: float) -> str:
        def off_rim(node: DrawnNode) -> float:
            return abs(((node.x - x) ** 2 + (node.y - y) ** 2) ** 0.5 - node.r)
        nearest = min(shown, key=off_rim)
        assert off_rim(nearest) < 1, f"an edge ends at ({x}, {y}), at no shown node"
        return nearest.id

    return {frozenset((node_at(x1, y1), node_at(x2, y2)))
            for x1, y1, x2, y2 in page.eval_on_selector("#network-graph svg.graph",
                                                        VISIBLE_EDGE_SEGMENTS)}


def related_pairs(graph: nx.MultiDiGraph, ids: set[str]) -> set[frozenset[str]]:
    """The pairs of the entities ``ids`` that a relation joins."""
    return {frozenset((a, b)) for a, b in graph.edges() if a != b and a in ids and b in ids}


def test_the_network_draws_the_most_connected_highlights_and_filters_them(
        page: Any, page_log: PageLog, site_url: str, corpus: Corpus) -> None:
    """The most connected entities, and every relation between them; pointing at a node or
    focusing it highlights it and its edges; the type and tag filters hide the other nodes and
    every edge that touches one, with no error."""
    graph = corpus.graph
    degree = {n: len(set(graph.successors(n)) | set(graph.predecessors(n))) for n in graph}
    page.goto(site_url + "network/")
    page.wait_for_selector("#network-graph .network-filter:not([hidden])")
    nodes = drawn_nodes(page, site_url, corpus)
    drawn = {n.id for n in nodes}
    assert len(nodes) == len(drawn) == min(len(graph), paging.PER_PART) < len(graph)
    assert min(degree[n] for n in drawn) >= max(degree[n] for n in set(graph) - drawn)
    assert all(n.shown for n in nodes)
    pairs = related_pairs(graph, drawn)
    assert shown_pairs(page, nodes) == pairs

    # Pointing at a node, or focusing it, highlights it and its edges.
    joined: dict[str, set[str]] = defaultdict(set)
    for a, b in map(tuple, pairs):
        joined[a].add(b)
        joined[b].add(a)
    target = loneliest_node(page, sorted(n for n in drawn if joined[n]))
    node = page.locator(f"{NODES}[data-id='{target}']")
    plain = node.evaluate(NODE_LOOK)
    node.scroll_into_view_if_needed()
    box = node.locator("circle").bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert node.evaluate(NODE_LOOK) != plain
    assert highlighted_edges(node) == len(joined[target])
    page.mouse.move(0, 0)
    assert node.evaluate(NODE_LOOK) == plain
    node.focus()
    assert node.evaluate(NODE_LOOK) != plain
    assert highlighted_edges(node) == len(joined[target])

    # Unticking a type hides its nodes and every edge that touches one.
    types = {n: graph.nodes[n]["type"] for n in drawn}
    kind = max(set(types.values()), key=lambda t: (sum(v == t for v in types.values()), t))
    page.locator(f"#network-graph input[name=type][value='{kind}']").uncheck()
    nodes = drawn_nodes(page, site_url, corpus)
    kept = {n.id for n in nodes if n.shown}
    assert kept == {n for n in drawn if types[n] != kind}
    assert shown_pairs(page, nodes) == related_pairs(graph, kept)
    assert f"{len(kept)} of {len(drawn)}" in page.inner_text(".network-status")
    page.locator(f"#network-graph input[name=type][value='{kind}']").check()
    tagged = {t: {n for n in drawn if t in graph.nodes[n]["tags"]}
              for t in corpus.database.vocabulary.tags}
    tag = min(tagged, key=lambda t: (abs(len(tagged[t]) - len(drawn) / 4), t))  # a quarter
    page.select_option("#network-graph select[name=tag]", tag)
    nodes = drawn_nodes(page, site_url, corpus)
    kept = {n.id for n in nodes if n.shown}
    assert kept == tagged[tag]
    assert shown_pairs(page, nodes) == related_pairs(graph, kept)
    assert_clean(page_log)


def highlighted_edges(node: Any) -> int:
    """How many edges show highlighted with ``node``: the segments of its edges' path."""
    edges = node.locator(".graph-node-edges")
    if not edges.count() or edges.evaluate("e => getComputedStyle(e).visibility") != "visible":
        return 0
    return len(re.findall("M", edges.get_attribute("d") or ""))


# --- the timeline -----------------------------------------------------------------------------

def test_the_timeline_periods_hold_every_dated_entry_and_a_tags_timeline_its_count(
        page: Any, page_log: PageLog, site_url: str, corpus: Corpus) -> None:
    page.goto(site_url + "timeline/")
    assert page.locator("ul.timeline-periods").count() == 1, "the 1k timeline is not in periods"
    check_timeline_holds_every_dated_claim(page, site_url, corpus.database)
    assert_clean(page_log)
