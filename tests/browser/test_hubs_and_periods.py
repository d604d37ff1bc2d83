"""A reader on a hub's page and on the timeline: a capped relation leads to its complete list,
which holds every entity the page counts; the timeline's periods hold the entries the index
counts, and a tag's timeline the entries the tag's link counts.

Run on the benchmark's tiny corpus built with small caps and parts (so that hubs and periods
happen), and on the real data, where only invariants are checked; test_corpus_1k.py runs them on
the 1k corpus with the site's own caps."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import benchmark_module, entity_path, serve

from iranru_ref.check import load_checked
from iranru_ref.database import Database
from iranru_ref.engines.build import build_site
from iranru_ref.load.project import Project
from iranru_ref.records.vocabulary import TYPE_FOLDER
from iranru_ref.site import entity_pages, paging, periods
from iranru_ref.site.explore_pages import dated_claims

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RELATED = 3
SOURCES = 2


@pytest.fixture(scope="module")
def corpus_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The tiny corpus, built with 3 related entities a relation, 2 sources, 6 entries a part
    and spans of years that take in another while they hold fewer than 3 entries, served."""
    root = benchmark_module("corpus").write_corpus(
        "tiny", tmp_path_factory.mktemp("corpus") / "tiny")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(entity_pages, "RELATED_SHOWN", RELATED)
        patch.setattr(entity_pages, "SOURCES_SHOWN", SOURCES)
        patch.setattr(paging, "PER_PART", 6)
        patch.setattr(periods, "SPARSE", 3)
        site = build_site(Project.find(root)).site_dir
    with serve(site) as url:
        yield url


def number_in(text: str) -> int:
    return int(re.findall(r"[\d,]+", text)[0].replace(",", ""))


def listing(page: Any, items: str,
            read: Callable[[Any], list[str]] = lambda found: found.all_inner_texts()) -> list[str]:
    """What ``read`` takes of ``items`` (their text) on this part of a listing and on each part
    after it, reached by its “Next” link."""
    found: list[str] = []
    while True:
        page.wait_for_selector(items)
        found += read(page.locator(items))
        following = page.locator(".listing-next a")
        if not following.count():
            return found
        with page.expect_navigation():
            following.click()


def _names(page: Any, selector: str) -> list[str]:
    return [text.strip() for text in page.locator(selector).all_inner_texts()]


@pytest.fixture
def reader(browser: Any) -> Iterator[Any]:
    """A page of the browser, for the corpus's site."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    made = context.new_page()
    made.set_default_timeout(15_000)
    yield made
    context.close()


def test_a_capped_relation_leads_to_a_complete_list_of_every_entity(
        reader: Any, corpus_url: str) -> None:
    page = reader
    hubs = 0
    for index_page in (f"{folder}/" for folder in TYPE_FOLDER.values()):
        page.goto(corpus_url + index_page)
        entities = page.locator(".md-content ul.entity-index a").evaluate_all(
            "links => links.map(link => link.href)")
        for href in entities:
            page.goto(href)
            groups = page.locator(".related-group:has(.related-all)")
            if not groups.count():
                continue
            hubs += 1
            group = groups.first
            shown = _names(group, "ul > li > a")
            assert len(shown) == RELATED
            link = group.locator(".related-all a")
            total = number_in(link.inner_text())
            assert total > RELATED
            with page.expect_navigation():
                link.click()
            listed = [re.sub(r"\s+", " ", name).strip()
                      for name in listing(page, "ul.related-list > li > a")]
            assert len(listed) == len(set(listed)) == total
            assert set(shown) <= set(listed)
            assert listed == sorted(listed, key=str.casefold)
            with page.expect_navigation():
                page.locator("p.list-total a").click()  # back to the hub's page
            note = page.locator(".mentions-note a")
            if note.count():
                total = number_in(note.inner_text())
                assert page.locator("ul.mentioned-in > li").count() == SOURCES
                with page.expect_navigation():
                    note.click()
                assert len(listing(page, "ul.mentioned-in > li")) == total
    assert hubs >= 2, f"only {hubs} capped hubs in the fixture"


def timeline_periods(page: Any) -> list[tuple[str, int]]:
    """The timeline index's periods: each page's link and its count of entries."""
    return [(link.evaluate("link => link.href"), number_in(link.locator("xpath=..").locator(
        ":scope > .count").inner_text()))
            for link in page.locator("ul.timeline-periods li > a").all()]


def timeline_entries(page: Any, url: str) -> int:
    """How many entries the timeline at ``url`` holds: on its page, or on its periods' pages,
    each holding as many as the index says."""
    page.goto(url)
    if not page.locator("ul.timeline-periods").count():
        dates = page.locator("ol.timeline-list .claim-date").all_inner_texts()
        assert dates == sorted(dates, key=lambda d: d.split(",")[0])
        return len(dates)
    found = 0
    listed = timeline_periods(page)
    assert listed
    for number, (href, count) in enumerate(listed, 1):
        page.goto(href)
        dates = page.locator("ol.timeline-list .claim-date").all_inner_texts()
        assert len(dates) == count and dates == sorted(dates, key=lambda d: d.split(",")[0])
        assert f"Period {number} of {len(listed)}" in page.locator(".listing-parts").inner_text()
        found += count
    return found


def tag_counts(page: Any) -> dict[str, tuple[str, int]]:
    return {link.evaluate("link => link.href"): (link.inner_text().split()[0],
                                         number_in(link.locator(".count").inner_text()))
            for link in page.locator("nav.timeline-tags a.timeline-tag:has(.count)").all()}


def test_the_timeline_periods_hold_what_the_index_counts(reader: Any, corpus_url: str) -> None:
    page = reader
    page.goto(corpus_url + "timeline/")
    assert page.locator("ul.timeline-periods").count() == 1
    total = number_in(page.locator(".timeline-total").inner_text())
    tags = tag_counts(page)
    assert timeline_entries(page, corpus_url + "timeline/") == total
    assert tags and all(count <= total for _, count in tags.values())
    for href, (_, count) in list(tags.items())[:3]:
        assert timeline_entries(page, href) == count


def _neighbours(site_data: dict[str, Any]) -> dict[str, set[str]]:
    """Each entity's neighbours through relation claims, from database.json."""
    degree: dict[str, set[str]] = {}
    ids = {entity["id"] for entity in site_data["entities"]}
    for claim in site_data["claims"]:
        if claim["object"] in ids:
            degree.setdefault(claim["subject"], set()).add(claim["object"])
            degree.setdefault(claim["object"], set()).add(claim["subject"])
    return degree


def test_on_the_real_data_capped_lists_are_complete_elsewhere(
        page: Any, site_url: str, site_data: dict[str, Any]) -> None:
    """The most connected entities: each relation lists at most RELATED_SHOWN entities, a
    longer one links to all of them, and Mentioned in lists at most SOURCES_SHOWN sources."""
    degree = _neighbours(site_data)
    entities = sorted(site_data["entities"], key=lambda e: -len(degree.get(e["id"], ())))[:4]
    for entity in entities:
        page.goto(site_url + entity_path(entity))
        for group in page.locator(".related-group").all():
            shown = group.locator("ul > li").count()
            assert 0 < shown <= entity_pages.RELATED_SHOWN
            link = group.locator(".related-all a")
            if link.count():
                assert shown == entity_pages.RELATED_SHOWN < number_in(link.inner_text())
        assert page.locator("ul.mentioned-in > li").count() <= entity_pages.SOURCES_SHOWN


def test_on_the_real_data_what_a_speaker_said_is_capped_and_complete_elsewhere(
        page: Any, site_url: str, site_data: dict[str, Any]) -> None:
    """The speakers and events with the most claims about others said by them or in them:
    their page lists at most REPORTED_SHOWN of those, and a longer list links to all of them."""
    said: dict[str, int] = {}
    for claim in site_data["claims"]:
        for entity in {*claim["attributed_to"], claim["said_in"]} - {
                None, claim["subject"], claim["object"]}:
            said[entity] = said.get(entity, 0) + 1
    entities = {entity["id"]: entity for entity in site_data["entities"]}
    for entity_id in sorted(said, key=lambda e: (-said[e], e))[:2]:
        page.goto(site_url + entity_path(entities[entity_id]))
        shown = page.locator("#said-or-reported-by + ul.claims > li").count()
        assert shown == min(said[entity_id], entity_pages.REPORTED_SHOWN), entity_id
        note = page.locator(".reported-note a")
        assert note.count() == (said[entity_id] > entity_pages.REPORTED_SHOWN), entity_id
        if note.count():
            assert number_in(note.inner_text()) == said[entity_id]
            with page.expect_navigation():
                note.click()
            assert len(listing(page, "ul.claims > li")) == said[entity_id]


def check_timeline_holds_every_dated_claim(page: Any, site_url: str,
                                           database: Database) -> None:
    """Every dated claim and every event at its own date of ``database``, on the timeline (in
    its periods, if it has them), and on a tag's timeline as many as the tag's link counts,
    which for each tag are as many as the database has (the largest tag's is walked)."""
    dated = dated_claims(database)
    assert timeline_entries(page, site_url + "timeline/") == len(dated)
    page.goto(site_url + "timeline/")
    tags = tag_counts(page)
    assert tags
    for _href, (tag, count) in tags.items():
        assert count == sum(1 for entry in dated if tag in entry.subject.entity.tags), tag
    href, (_tag, count) = max(tags.items(), key=lambda item: (item[1][1], item[0]))
    assert timeline_entries(page, href) == count


def test_on_the_real_data_the_timeline_holds_every_dated_claim(
        page: Any, site_url: str, built_site: Path) -> None:
    check_timeline_holds_every_dated_claim(page, site_url,
                                           load_checked(Project.find(built_site.parent)))


def test_on_a_phone_a_hub_graph_opens_at_its_left_edge_at_reading_size(
        browser: Any, site_url: str, site_data: dict[str, Any]) -> None:
    """390 CSS pixels wide: the neighbourhood graph scrolls sideways in its box rather than
    shrinking, opens at its left edge, and no label is cut off there or set below 12 px."""
    degree = _neighbours(site_data)
    hub = max(site_data["entities"], key=lambda e: (len(degree.get(e["id"], ())), e["id"]))
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(site_url + entity_path(hub))
        box = page.locator(".entity-graph .graph-box")
        box.scroll_into_view_if_needed()
        found = box.evaluate("""box => {
          const frame = box.getBoundingClientRect();
          const svg = box.querySelector("svg.graph");
          const labels = Array.from(svg.querySelectorAll(".graph-label:not(.is-hover)"));
          return {scrollLeft: box.scrollLeft, scale: svg.getBoundingClientRect().width /
                    svg.viewBox.baseVal.width,
                  left: Math.min(...labels.map(l => l.getBoundingClientRect().left)) - frame.left,
                  smallest: Math.min(...labels.map(l => l.getBoundingClientRect().height)),
                  labels: labels.length};
        }""")
        assert found["scrollLeft"] == 0 and found["labels"] > 1
        assert found["scale"] >= 0.95, "the graph is shrunk to the phone's width"
        assert found["left"] >= 0, "a label is cut off at the graph's left edge"
        assert found["smallest"] >= 12
    finally:
        context.close()
