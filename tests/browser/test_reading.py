"""A reader's paths through the site, in Chromium: citations, search, graphs, filters."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from conftest import entity_path

from .conftest import PageLog

pytestmark = pytest.mark.browser


def folded(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def cited_quote(site_data: dict[str, Any], href: str) -> str:
    """The quote that a citation link's anchor (``cite-<claim id>-<k>``) stands for, read
    from the database: the words the source page must mark."""
    claim_id, _, number = href.rsplit("#cite-", 1)[1].rpartition("-")
    claim = next(c for c in site_data["claims"] if c["id"] == claim_id)
    quote: str = claim["citations"][int(number) - 1]["quote"]
    return quote


def best_entity(site_data: dict[str, Any]) -> dict[str, Any]:
    """The entity with the most claims (it has citations, relations and a graph)."""
    counts: dict[str, int] = {}
    for claim in site_data["claims"]:
        counts[claim["subject"]] = counts.get(claim["subject"], 0) + 1
    return max(site_data["entities"], key=lambda e: (counts.get(e["id"], 0), e["id"]))


VISIBLE = """el => {
    const r = el.getBoundingClientRect();
    const header = document.querySelector('.md-header');
    const top = header ? header.getBoundingClientRect().bottom : 0;
    return r.height > 0 && r.bottom > top + 20 && r.top < window.innerHeight - 20;
}"""


def in_viewport(page: Any, selector: str) -> bool:
    """Whether the element shows between the sticky header and the bottom of the window."""
    return bool(page.eval_on_selector(selector, VISIBLE))


def wait_for_title(page: Any, name: str) -> None:
    """Under instant navigation the address changes before the page does: wait for the page."""
    page.wait_for_function(
        "name => { const h = document.querySelector('.md-content h1');"
        " return h !== null && h.textContent.replace(/\\s+/g, ' ').trim().startsWith(name); }",
        arg=folded(name))


def assert_clean(log: PageLog) -> None:
    assert not log.outside, f"requests left the site: {log.outside}"
    assert not log.errors, f"errors: {log.errors}"


def check_cited_paragraph(page: Any, quote: str) -> None:
    """The page shows one targeted paragraph, the one holding the address's anchor, in view,
    with the quote marked inside it."""
    try:
        page.wait_for_function("""() => {
            const id = decodeURIComponent(location.hash.slice(1));
            const anchor = document.getElementById(id);
            return anchor !== null && anchor.closest('.paragraph.is-target') !== null;
        }""")
    except Exception as error:
        state = page.evaluate("""() => ({url: location.href,
            targets: Array.from(document.querySelectorAll('.is-target')).map(e => e.id || e.className),
            ready: document.body.dataset.iranruReady})""")
        raise AssertionError(f"the cited paragraph was not highlighted: {state}") from error
    page.wait_for_timeout(300)  # let the scrolling settle: the paragraph must stay in view
    assert page.locator(".paragraph.is-target").count() == 1
    assert in_viewport(page, ".paragraph.is-target"), "the cited paragraph is not in view"
    paragraph_text = page.inner_text(".paragraph.is-target .ptext, .paragraph.is-target .source-heading")
    assert folded(quote) in folded(paragraph_text)
    marked = " ".join(page.locator(".paragraph.is-target mark.cited.is-target").all_inner_texts())
    assert marked, "the quoted span is not marked"
    assert folded(quote) in folded(marked) or folded(marked) in folded(quote)


def test_citation_from_entity_page_opens_highlighted_paragraph(
    page: Any, page_log: PageLog, site_url: str, site_data: dict[str, Any]
) -> None:
    entity = best_entity(site_data)
    page.goto(site_url + entity_path(entity))
    cite = page.locator("ul.claims a.cite").first
    href = cite.get_attribute("href") or ""
    quote = cited_quote(site_data, href)
    anchor = href.split("#", 1)[1]
    assert anchor.startswith("cite-")
    page.evaluate("window.iranruSamePage = true")
    cite.click()  # instant navigation: Material swaps the page, :target is not updated
    page.wait_for_url(re.compile(re.escape("#" + anchor) + "$"))
    check_cited_paragraph(page, quote)
    assert page.evaluate("window.iranruSamePage === true"), "the page was reloaded, not swapped"
    assert page.evaluate("document.getElementById(location.hash.slice(1)) !== null")
    assert_clean(page_log)


def test_citation_link_loaded_directly_and_by_hashchange(
    page: Any, page_log: PageLog, site_url: str, site_data: dict[str, Any]
) -> None:
    entity = best_entity(site_data)
    page.goto(site_url + entity_path(entity))
    targets = [(href, cited_quote(site_data, href)) for href in page.eval_on_selector_all(
        "ul.claims a.cite", "links => links.map(a => a.href)")]
    first_href, first_quote = targets[0]
    page.goto(first_href)  # a full load of the source page at the citation's anchor
    check_cited_paragraph(page, first_quote)
    # Another citation of the same source, reached by changing the hash on the page.
    source = first_href.split("#")[0]
    same = [(h, q) for h, q in targets if h.split("#")[0] == source and h != first_href]
    if same:
        href, quote = same[0]
        page.evaluate("hash => { location.hash = hash; }", href.split("#", 1)[1])
        check_cited_paragraph(page, quote)
    assert_clean(page_log)


def test_citation_marker_shows_the_quote_on_hover(
    page: Any, site_url: str, site_data: dict[str, Any]
) -> None:
    """The marker's title holds the quote, which the browser shows as its own plain tooltip;
    the theme's tooltips, which render a title as HTML, stay off."""
    page.goto(site_url + entity_path(best_entity(site_data)))
    cite = page.locator("ul.claims a.cite").first
    quote = cited_quote(site_data, cite.get_attribute("href") or "")
    cite.hover()
    page.wait_for_timeout(300)
    assert folded(cite.get_attribute("title") or "") == folded(f"“{quote}”")
    assert page.locator(".md-tooltip2").count() == 0


def test_home_reaches_every_entity_in_one_click(
    page: Any, site_url: str, site_data: dict[str, Any]
) -> None:
    """Home → entity page (one click) → citation (second click) → highlighted sentence."""
    page.goto(site_url)
    hrefs = set(page.eval_on_selector_all(
        ".md-content a[href]", "links => links.map(a => new URL(a.href).pathname)"))
    missing = [e["id"] for e in site_data["entities"] if "/" + entity_path(e) not in hrefs]
    assert not missing, f"the home page does not link to: {missing}"
    entity = best_entity(site_data)
    page.locator(f".every-entity a[href$='{entity_path(entity)}']").first.click()
    page.wait_for_url(re.compile(re.escape(entity_path(entity)) + "(#.*)?$"))
    wait_for_title(page, entity["name"])
    cite = page.locator("ul.claims a.cite").first
    quote = cited_quote(site_data, cite.get_attribute("href") or "")
    cite.click()
    page.wait_for_url(re.compile(r"#cite-"))
    check_cited_paragraph(page, quote)


def test_every_claim_is_on_its_entity_page_with_its_citations(
    built_site: Path, site_data: dict[str, Any]
) -> None:
    """So the second click exists for every claim: its subject's page shows it, with a link to
    each citation's marker on the source page (which the build places in the quoted words)."""
    entities = {e["id"]: e for e in site_data["entities"]}
    problems = []
    pages: dict[str, str] = {}
    for claim in site_data["claims"]:
        subject = entities[claim["subject"]]
        path = entity_path(subject)
        if path not in pages:
            pages[path] = (built_site / path / "index.html").read_text(encoding="utf-8")
        html = pages[path]
        local = claim["id"].removeprefix(subject["id"] + ".")
        if f'id="claim-{local}"' not in html:
            problems.append(f"{claim['id']}: not on {path}")
        for number, citation in enumerate(claim["citations"], 1):
            anchor = f"cite-{claim['id']}-{number}"
            if f"#{anchor}" not in html:
                problems.append(f"{claim['id']}: no link to {anchor}")
            source = f"sources/{citation['source']}/"
            if source not in pages:
                pages[source] = (built_site / source / "index.html").read_text(encoding="utf-8")
            if f'id="{anchor}"' not in pages[source]:
                problems.append(f"{claim['id']}: {anchor} is not marked in its source")
    assert not problems, problems[:20]


def alias_case(site_data: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """An alias to search for (the sources' or the editors'): Owji when the data has it,
    otherwise any alias."""
    def aliases(entity: dict[str, Any]) -> list[str]:
        return [*entity.get("aliases", []), *entity.get("editor_aliases", [])]

    with_aliases = [e for e in site_data["entities"] if aliases(e)]
    if not with_aliases:
        pytest.fail("no entity has an alias, so alias search cannot be checked")
    for entity in with_aliases:
        for alias in aliases(entity):
            if "owji" in alias.casefold().split():  # the example: Owji finds Ouji
                return "Owji", entity
    entity = with_aliases[0]
    return aliases(entity)[0], entity


#: the header's search (Pagefind's modal) and its parts
SEARCH_BUTTON = ".iranru-search__button"
SEARCH_DIALOG = ".iranru-search dialog.pf-modal"
SEARCH_INPUT = ".iranru-search pagefind-input input"
RESULT_LINKS = ".iranru-search pagefind-results a.pf-result-link"
MORE_RESULTS = ".iranru-search .iranru-search__more"


def search_for(page: Any, query: str) -> None:
    """Type a query into the open search, as a reader would."""
    box = page.locator(SEARCH_INPUT)
    box.fill("")
    box.press_sequentially(query)


def search_result(page: Any, path: str) -> Any:
    """The search result that links to ``path`` (a URL path from the site's root). Results load
    as they scroll into view, and are listed 50 at a time, so the list is scrolled, and more
    results are asked for, until it shows up."""
    link = page.locator(f"{RESULT_LINKS}[href$='/{path}']")
    more = page.locator(MORE_RESULTS)
    page.locator(RESULT_LINKS).first.wait_for()
    for _ in range(40):
        if link.count():
            return link.first
        listed = page.locator(".iranru-search pagefind-results li.pf-result").count()
        if more.is_visible() and page.locator(RESULT_LINKS).count() >= listed:
            more.click()  # every listed result has loaded, and none is the one looked for
        # in one step in the page: results that a later keystroke's results replace vanish
        # between finding the last one and scrolling to it
        page.evaluate("""() => {
            const shown = document.querySelectorAll('.iranru-search pagefind-results .pf-result');
            if (shown.length) shown[shown.length - 1].scrollIntoView();
        }""")
        page.wait_for_timeout(150)
    shown = page.eval_on_selector_all(RESULT_LINKS, "links => links.map(l => l.href)")
    pytest.fail(f"no search result links to {path}; the results: {shown}")


def open_search_result(page: Any, entity: dict[str, Any]) -> None:
    search_result(page, entity_path(entity)).click()
    page.wait_for_url(re.compile(re.escape(entity_path(entity)) + r"(\?[^#]*)?(#.*)?$"))
    wait_for_title(page, entity["name"])
    page.wait_for_selector(SEARCH_DIALOG + ":not([open])", state="attached")


def test_search_by_alias_reaches_the_entity(
    page: Any, page_log: PageLog, site_url: str, site_data: dict[str, Any]
) -> None:
    alias, entity = alias_case(site_data)
    page.goto(site_url + "timeline/")
    page.click(SEARCH_BUTTON)
    search_for(page, alias)
    open_search_result(page, entity)
    assert_clean(page_log)


def test_home_search_box_opens_the_search_with_the_query(
    page: Any, page_log: PageLog, site_url: str, site_data: dict[str, Any]
) -> None:
    alias, entity = alias_case(site_data)
    page.goto(site_url)
    page.fill("#home-search-input", alias)
    page.press("#home-search-input", "Enter")
    page.wait_for_selector(SEARCH_DIALOG + "[open]")
    assert page.input_value(SEARCH_INPUT) == alias
    open_search_result(page, entity)
    assert_clean(page_log)


def test_search_query_in_the_address_opens_the_search(
    page: Any, site_url: str, site_data: dict[str, Any]
) -> None:
    alias, entity = alias_case(site_data)
    page.goto(site_url + "?q=" + alias)
    page.wait_for_selector(SEARCH_DIALOG + "[open]")
    open_search_result(page, entity)


def test_search_finds_claim_text_and_source_text(
    page: Any, site_url: str, site_data: dict[str, Any]
) -> None:
    # A claim's own wording (its words that the fewest other claims use) finds its subject's page.
    claim = max(site_data["claims"], key=lambda c: len(c["text"]))
    subject = next(e for e in site_data["entities"] if e["id"] == claim["subject"])
    page.goto(site_url)
    page.click(SEARCH_BUTTON)
    search_for(page, rarest_words(claim["text"], [c["text"] for c in site_data["claims"]]))
    search_result(page, entity_path(subject))
    # A word that only the source text has finds the source page.
    source = site_data["sources"][0]
    body = " ".join(p["text"] for p in source["paragraphs"] if p["kind"] == "body")
    search_for(page, _rare_phrase(body))
    search_result(page, f"sources/{source['id']}/")


def choose_filter(page: Any, name: str, value: str) -> None:
    """Tick ``value`` in the menu of the filter ``name``, then close the menu."""
    page.click(f".iranru-search pagefind-filter-dropdown[filter={name}] .pf-dropdown-trigger")
    option = page.locator(".iranru-search .pf-dropdown-option").filter(
        has=page.locator(".pf-dropdown-option-label", has_text=re.compile(
            "^" + re.escape(value) + "$")))
    option.first.click()
    page.keyboard.press("Escape")  # closes the menu, not the search
    page.wait_for_selector(SEARCH_DIALOG + "[open]")


def untick_filter(page: Any, name: str) -> None:
    """Untick the ticked value of the filter ``name``, then close the menu."""
    page.click(f".iranru-search pagefind-filter-dropdown[filter={name}] .pf-dropdown-trigger")
    page.locator(".iranru-search .pf-dropdown-option[aria-selected=true]").first.click()
    page.keyboard.press("Escape")
    page.wait_for_selector(SEARCH_DIALOG + "[open]")


def result_paths(page: Any, site_url: str) -> list[str]:
    """The loaded results' pages, as URL paths from the site's root, once the results settle."""
    page.wait_for_timeout(400)
    page.locator(RESULT_LINKS).first.wait_for()
    hrefs: list[str] = page.eval_on_selector_all(RESULT_LINKS, "links => links.map(l => l.href)")
    return [href.removeprefix(site_url) for href in hrefs]


def test_search_filters_narrow_the_results_by_type_tag_and_source(
    page: Any, page_log: PageLog, site_url: str, site_data: dict[str, Any]
) -> None:
    entity = best_entity(site_data)
    tag = entity["tags"][0]
    tagged = {entity_path(e) for e in site_data["entities"] if tag in e["tags"]}
    source = site_data["sources"][0]
    page.goto(site_url)
    page.click(SEARCH_BUTTON)
    search_for(page, entity["name"])
    result_paths(page, site_url)
    choose_filter(page, "type", "Source")
    narrowed = result_paths(page, site_url)
    assert narrowed and all(path.startswith("sources/") for path in narrowed), narrowed
    untick_filter(page, "type")
    choose_filter(page, "tag", tag)
    narrowed = result_paths(page, site_url)
    assert entity_path(entity) in narrowed and set(narrowed) <= tagged, narrowed
    choose_filter(page, "source", source["label"] or source["title"])
    both = result_paths(page, site_url)
    # (counts of loaded results prove nothing: the list loads more as it scrolls)
    assert both and set(both) <= set(narrowed), both
    assert_clean(page_log)


def test_search_by_keyboard(
    page: Any, page_log: PageLog, site_url: str, site_data: dict[str, Any]
) -> None:
    """/ (or s) opens the search with the typing in its box, the arrows move through the
    results, Enter follows one; Escape closes the search and gives the focus back."""
    alias, entity = alias_case(site_data)
    page.goto(site_url + "sources/")
    page.wait_for_selector("body[data-iranru-ready]")
    page.keyboard.press("/")
    page.wait_for_selector(SEARCH_DIALOG + "[open]")
    page.keyboard.type(alias)
    assert page.input_value(SEARCH_INPUT) == alias
    search_result(page, entity_path(entity))
    page.locator(SEARCH_INPUT).focus()
    for _ in range(20):
        page.keyboard.press("ArrowDown")
        focused = page.evaluate("() => document.activeElement.getAttribute('href') || ''")
        if focused.endswith("/" + entity_path(entity)):
            break
    else:
        pytest.fail(f"the arrows never reached the result for {entity_path(entity)}")
    page.keyboard.press("Enter")
    wait_for_title(page, entity["name"])
    page.wait_for_selector(SEARCH_DIALOG + ":not([open])", state="attached")
    page.keyboard.press("s")
    page.wait_for_selector(SEARCH_DIALOG + "[open]")
    assert page.evaluate("() => document.activeElement.matches('pagefind-input input')")
    page.keyboard.press("Escape")
    page.wait_for_selector(SEARCH_DIALOG + ":not([open])", state="attached")
    assert page.evaluate("() => document.activeElement.matches('.iranru-search__button')")
    assert_clean(page_log)


def test_reading_a_page_fetches_nothing_of_search(
    page: Any, page_log: PageLog, site_url: str, site_data: dict[str, Any]
) -> None:
    """Search is loaded when a reader opens it, and then fetches parts of the index, never one
    index of the whole site."""
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url.removeprefix(site_url)))
    page.goto(site_url)
    page.wait_for_selector("body[data-iranru-ready]")
    assert not [url for url in fetched if "pagefind" in url or "search" in url], fetched
    alias, entity = alias_case(site_data)
    page.click(SEARCH_BUTTON)
    search_for(page, alias)
    search_result(page, entity_path(entity))
    searched = [url for url in fetched if url.startswith("pagefind/")]
    assert "pagefind/pagefind-component-ui.js" in searched
    assert any(url.startswith("pagefind/fragment/") for url in searched), searched
    assert not [url for url in fetched if "search_index" in url or url.endswith("search.json")]
    assert_clean(page_log)


def rarest_words(text: str, corpus: list[str], count: int = 3) -> str:
    """The ``count`` words of ``text`` that occur in the fewest texts of ``corpus``."""
    def texts_with(word: str) -> int:
        return sum(1 for other in corpus if word.lower() in other.lower())
    words = sorted(set(re.findall(r"[A-Za-z]{5,}", text)), key=lambda w: (texts_with(w), w))
    return " ".join(words[:count])


def _rare_phrase(text: str) -> str:
    words = re.findall(r"[A-Za-z]{7,}", text)
    counts: dict[str, int] = {}
    for word in words:
        counts[word.lower()] = counts.get(word.lower(), 0) + 1
    rare = [w for w in words if counts[w.lower()] == 1]
    return " ".join((rare or words)[:2])


NODES = "#network-graph svg.graph a.graph-node"

#: the boxes of a graph's drawn labels as the browser renders them, and the pairs that overlap
LABEL_OVERLAPS = """svg => {
    const boxes = [...svg.querySelectorAll('.graph-label:not(.is-hover)')].map(
        t => [t.textContent, t.getBoundingClientRect()]);
    const overlaps = [];
    boxes.forEach(([a, p], i) => boxes.slice(i + 1).forEach(([b, q]) => {
        if (p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom)
            overlaps.push([a, b]);
    }));
    return {count: boxes.length, overlaps,
            smallest: Math.min(...boxes.map(([, r]) => r.height))};
}"""


def loneliest_node(page: Any, among: list[str] | None = None) -> str:
    """The id of the network's node (of those ``among``, if given) that stands furthest from
    the others, so that nothing covers it where a reader points at it."""
    found: str = page.evaluate("""among => {
        const nodes = [...document.querySelectorAll('#network-graph a.graph-node')].map(a => {
            const r = a.querySelector('circle').getBoundingClientRect();
            return {id: a.dataset.id, x: r.left + r.width / 2, y: r.top + r.height / 2};
        });
        let best = null;
        nodes.filter(n => among === null || among.includes(n.id)).forEach(n => {
            const nearest = Math.min(...nodes.filter(m => m !== n).map(
                m => Math.hypot(n.x - m.x, n.y - m.y)));
            if (!best || nearest > best.nearest) best = {...n, nearest};
        });
        return best.id;
    }""", among)
    return found


def test_network_draws_every_entity_and_a_click_opens_its_page(
    page: Any, page_log: PageLog, site_url: str, site_data: dict[str, Any]
) -> None:
    page.goto(site_url + "network/")
    page.wait_for_function("document.body.dataset.iranruReady === '1'")
    assert page.locator(NODES).count() == len(site_data["entities"])
    # The browser only paints: no graph library loads, and no script moves a node.
    scripts = page.eval_on_selector_all("script[src]", "els => els.map(e => e.src)")
    assert all("/assets/javascripts/" in src or src.endswith("/assets/iranru.js")
               for src in scripts), scripts
    served = page.request.get(site_url + "network/").text()
    drawn = page.eval_on_selector_all(
        f"{NODES} circle", "els => els.map(e => e.getAttribute('cx') + ',' + e.getAttribute('cy'))")
    assert drawn == [f"{x},{y}" for x, y in re.findall(r'<circle cx="([^"]+)" cy="([^"]+)"', served)]
    target = loneliest_node(page)
    node = page.locator(f"{NODES}[data-id='{target}']")
    node.scroll_into_view_if_needed()
    box = node.locator("circle").bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    # Hovering highlights the node's edges, and names it if it had no label.
    highlighted = node.locator(".graph-node-edges")
    if highlighted.count():
        assert highlighted.evaluate("e => getComputedStyle(e).visibility") == "visible"
    assert node.locator(".graph-label").evaluate("e => getComputedStyle(e).visibility") == "visible"
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    entity = next(e for e in site_data["entities"] if e["id"] == target)
    page.wait_for_url("**/" + entity_path(entity))
    wait_for_title(page, entity["name"])
    assert_clean(page_log)


def test_network_labels_do_not_overlap_as_drawn(page: Any, site_url: str) -> None:
    page.goto(site_url + "network/")
    found = page.eval_on_selector("#network-graph svg.graph", LABEL_OVERLAPS)
    assert found["count"] >= 10
    assert found["overlaps"] == []


def test_a_focused_node_is_highlighted_and_keyboard_opens_it(page: Any, site_url: str) -> None:
    page.goto(site_url + "network/")
    first = page.locator(NODES).first
    first.focus()
    assert first.locator(".graph-label").evaluate(
        "e => getComputedStyle(e).visibility") == "visible"
    href = first.get_attribute("xlink:href")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url.rstrip("/").endswith(str(href).strip("./").rstrip("/")))


def test_network_filters_by_type_and_tag(page: Any, site_url: str, site_data: dict[str, Any]) -> None:
    page.goto(site_url + "network/")
    page.wait_for_selector("#network-graph .network-filter:not([hidden])")
    total = page.locator(NODES).count()
    first_type = page.locator("#network-graph input[name=type]").first
    kind = first_type.get_attribute("value")
    of_kind = sum(1 for e in site_data["entities"] if e["type"] == kind)
    shown = f"{NODES}:not(.is-filtered)"
    first_type.uncheck()
    assert page.locator(shown).count() == total - of_kind
    assert page.locator(f"{NODES}.type-{kind}:not(.is-filtered)").count() == 0
    assert page.locator(f"{NODES}.type-{kind}").first.is_hidden()
    assert f"Showing {total - of_kind} of {total}" in page.inner_text(".network-status")
    # An edge is shown only while both its ends are.
    kept = set(page.locator(shown).evaluate_all("els => els.map(e => e.dataset.id)"))
    for ends in page.locator("#network-graph .graph-edges line:not(.is-filtered)").evaluate_all(
            "els => els.map(e => e.dataset.ends)"):
        assert set(ends.split()) <= kept
    first_type.check()
    assert page.locator(shown).count() == total
    tag = next(t for e in site_data["entities"] for t in e["tags"])
    tagged = sum(1 for e in site_data["entities"] if tag in e["tags"])
    page.select_option("#network-graph select[name=tag]", tag)
    assert page.locator(shown).count() == tagged


def test_network_graph_and_fallback_work_without_javascript(
    browser: Any, site_url: str, site_data: dict[str, Any]
) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "network/")
        assert page.locator("#network-graph svg.graph").is_visible()
        assert page.locator(NODES).count() == len(site_data["entities"])
        assert not page.locator(".network-filter").first.is_visible()  # they need the script
        names = page.locator(".network-fallback .fallback-list a").all_inner_texts()
        assert len(names) == len(site_data["entities"])
        assert page.locator(".network-fallback table.relations-table tbody tr").count() >= 1
    finally:
        context.close()


def test_entity_graph_draws_its_neighbours_at_reading_size(
    page: Any, site_url: str, site_data: dict[str, Any]
) -> None:
    neighbours: dict[str, set[str]] = {}
    for claim in site_data["claims"]:
        if claim.get("object") and claim["object"] != claim["subject"]:
            neighbours.setdefault(claim["subject"], set()).add(claim["object"])
            neighbours.setdefault(claim["object"], set()).add(claim["subject"])
    for entity in (min((e for e in site_data["entities"] if neighbours.get(e["id"])),
                       key=lambda e: (len(neighbours[e["id"]]), e["id"])),
                   best_entity(site_data)):
        page.goto(site_url + entity_path(entity))
        graph = page.locator(".entity-graph svg.graph")
        expected = min(len(neighbours[entity["id"]]), 30)
        assert graph.locator("a.graph-node").count() == expected
        found = graph.evaluate(LABEL_OVERLAPS)
        assert found["count"] == expected + 1 and found["overlaps"] == []
        assert found["smallest"] >= 12, "the graph's labels are shrunk below reading size"
        note = page.locator(".entity-graph .graph-note")
        if len(neighbours[entity["id"]]) > 30:
            assert f"of its {len(neighbours[entity['id']])} neighbours" in note.inner_text()
        else:
            assert note.count() == 0


