"""Relative links between the generated pages."""

from __future__ import annotations

import posixpath
from urllib.parse import urljoin

from hypothesis import given
from hypothesis import strategies as st

from iranru_ref import urls
from iranru_ref.urls import ANY_ENTITY_PAGE, page_url, relative, url_folder

SITE = "https://example.org/site/"
NAMES = st.sampled_from(["people", "x", "2", "index", "sources", "timeline", "*"])
PAGES = st.builds(lambda parts, last: "/".join([*parts, last]),
                  st.lists(NAMES, max_size=3),
                  st.sampled_from(["index.md", "2.md", "x.md", "people.md", "a.js", "index.html"]))


def _shortest(from_page: str, to: str) -> str:
    """The link as ``posixpath.relpath`` gives it, between the pages' directory URLs."""
    target = page_url(to) if to.endswith(".md") else to
    link = posixpath.relpath(target or ".", page_url(from_page) or ".")
    if to.endswith(".md"):
        link = "./" if link == "." else link.rstrip("/") + "/"
    return link


@given(st.one_of(PAGES, st.just(ANY_ENTITY_PAGE)), PAGES)
def test_a_link_is_the_shortest_relative_path_and_leads_to_its_page(from_page: str,
                                                                    to: str) -> None:
    link = relative(from_page, to)
    assert link == _shortest(from_page, to)
    target = page_url(to) if to.endswith(".md") else to
    assert urljoin(SITE + page_url(from_page), link) == SITE + target


def test_a_fragment_follows_the_link() -> None:
    assert relative("timeline/2.md", "people/x.md", "claim-a") == "../../people/x/#claim-a"
    assert relative("timeline/2.md", "timeline/2.md", "top") == "./#top"


def test_the_pages_of_a_folder_share_their_links_to_a_page() -> None:
    """Listings split into parts (``timeline/2.md`` … ``timeline/400.md``) link to the same
    entities from every part: one link is worked out for all of them, not one per part."""
    urls._link.cache_clear()
    links = {relative(f"timeline/{n}.md", "people/x.md") for n in range(2, 400)}
    assert links == {"../../people/x/"}
    assert urls._link.cache_info().misses == 1


#: two pages of one folder, neither of them an index page
SIBLINGS = st.builds(lambda parts, a, b: ("/".join([*parts, a]), "/".join([*parts, b])),
                     st.lists(NAMES, max_size=3),
                     *[st.sampled_from(["2.md", "x.md", "people.md"])] * 2)


@given(SIBLINGS, PAGES)
def test_pages_in_one_url_folder_link_alike_to_pages_outside_their_own(
        siblings: tuple[str, str], to: str) -> None:
    first, second = siblings
    assert url_folder(first) == url_folder(second)
    own = {page_url(first), page_url(second)}
    if not any(to.startswith(url) for url in own) and to not in siblings:
        assert relative(first, to) == relative(second, to)


def test_a_url_folder_is_the_folder_of_the_page_url() -> None:
    assert url_folder("people/x.md") == url_folder("people/y.md") == "people/"
    assert url_folder("people/index.md") == url_folder("sources.md") == ""
    assert url_folder("index.md") == ""
