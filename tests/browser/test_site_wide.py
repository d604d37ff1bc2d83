"""Every page of the built site in Chromium: nothing leaves localhost, nothing logs an error,
phone widths do not scroll sideways, entity and source pages print as documents."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import entity_path

from .conftest import PageLog, site_pages

pytestmark = pytest.mark.browser


def test_no_page_leaves_localhost_or_logs_an_error(
    page: Any, page_log: PageLog, site_url: str, built_site: Path
) -> None:
    pages = site_pages(built_site)
    assert len(pages) >= 10
    problems: dict[str, list[str]] = {}
    for path in pages:
        page_log.clear()
        page.goto(site_url + path, wait_until="load")
        page.wait_for_function("document.body.dataset.iranruReady === '1'")
        found = [f"request outside the site: {url}" for url in page_log.outside] + page_log.errors
        if found:
            problems[path or "/"] = found
    assert not problems, problems


def test_instant_navigation_keeps_pages_working(
    page: Any, page_log: PageLog, site_url: str, site_data: dict[str, Any]
) -> None:
    """Through links (Material swaps pages without reloading), the site's scripts rerun and
    nothing fails: network, timeline, an entity page with its graph, a source page."""
    page.goto(site_url)
    page.evaluate("window.iranruSamePage = true")
    page.click(".md-nav a[href$='network/']")
    page.wait_for_url("**/network/")
    page.wait_for_selector("#network-graph .network-filter:not([hidden])")  # its script ran
    assert page.locator("#network-graph svg.graph a.graph-node").count() >= 1
    page.click(".md-nav a[href$='timeline/']")
    page.wait_for_url("**/timeline/")
    page.wait_for_selector("nav.timeline-tags")
    # a speaker or subject page, or the first period of a timeline in periods
    page.locator("ol.timeline-list a[href*='/'], ul.timeline-periods a").first.click()
    page.wait_for_selector(".md-content h1")
    page.go_back()
    page.wait_for_url("**/timeline/")
    page.click(".md-nav a[href$='sources/']")
    page.wait_for_url("**/sources/")
    page.locator(".md-content ul.entity-index a").first.click()
    page.wait_for_selector(".paragraph")
    page.locator("details.citing > summary").first.click()
    page.locator("details.citing[open] a").first.click()  # back to a claim on an entity page
    page.wait_for_selector(".entity-head")
    page.wait_for_function("document.body.dataset.iranruReady === '1'")
    assert page.evaluate("window.iranruSamePage === true"), "a link reloaded the page"
    assert not page_log.outside and not page_log.errors, (page_log.outside, page_log.errors)


PHONE_PAGES = ["", "network/", "timeline/", "figures/", "sources/"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_phone_width_does_not_scroll_sideways(
    browser: Any, site_url: str, site_data: dict[str, Any], scheme: str
) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, color_scheme=scheme,
                                  is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        entities = sorted(site_data["entities"], key=lambda e: e["id"])
        paths = PHONE_PAGES + [entity_path(e) for e in entities[:5]] + [
            f"sources/{s['id']}/" for s in site_data["sources"]]
        wide = {}
        for path in paths:
            page.goto(site_url + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 360:
                wide[path or "/"] = width
        assert not wide, f"pages wider than the phone: {wide}"
    finally:
        context.close()


def test_entity_and_source_pages_print_as_documents(
    page: Any, site_url: str, site_data: dict[str, Any]
) -> None:
    entity = site_data["entities"][0]
    page.emulate_media(media="print")
    page.goto(site_url + entity_path(entity))
    for selector in (".md-header", ".md-sidebar--primary", ".entity-graph"):
        hidden = page.eval_on_selector_all(
            selector, "els => els.every(e => getComputedStyle(e).display === 'none')")
        assert hidden, f"{selector} shows in print"
    assert page.locator("h1").is_visible()
    source = site_data["sources"][0]
    page.goto(site_url + f"sources/{source['id']}/")
    assert page.locator(".paragraph").first.is_visible()
    assert page.eval_on_selector(".md-header", "e => getComputedStyle(e).display") == "none"
