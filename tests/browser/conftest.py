"""Browser fixtures: Debian's Chromium driven by Playwright, against the built site on localhost.

Locally the browser tests skip, with the reason, when Chromium or Playwright is missing. Under
``CI=true`` they fail instead: CI must run them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path(os.environ.get("IRANRU_CHROMIUM", "/usr/bin/chromium"))
IN_CI = os.environ.get("CI", "").lower() == "true"


def _unavailable(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"{reason}; under CI=true the browser tests must run, not skip",
                    pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One Chromium per test module. A running sync Playwright holds an asyncio loop in this
    thread, so it is closed after each module: later tests may run event loops of their own."""
    if not CHROMIUM.exists():
        _unavailable(f"no Chromium at {CHROMIUM} (install Debian's chromium package, or set "
                     "IRANRU_CHROMIUM to its path)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        yield launched
        launched.close()


@dataclass
class PageLog:
    """What one page did: requests that left the origin, console errors, page errors."""

    origin: str
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def clear(self) -> None:
        self.outside.clear()
        self.errors.clear()


@pytest.fixture
def page_log(site_url: str) -> PageLog:
    parts = urlsplit(site_url)
    return PageLog(f"{parts.scheme}://{parts.netloc}")


def _watch(page: Any, log: PageLog) -> None:
    def on_request(request: Any) -> None:
        url = request.url
        if url.startswith(("data:", "blob:", "about:")):
            return
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != log.origin:
            log.outside.append(url)

    page.on("request", on_request)
    page.on("console", lambda message: log.errors.append(f"console: {message.text}")
            if message.type == "error" else None)
    page.on("pageerror", lambda error: log.errors.append(f"page error: {error}"))


def sitemap(site_url: str, pages: list[str]) -> str:
    urls = "".join(f"<url><loc>{site_url}{path}</loc></url>" for path in pages)
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>')


def with_instant_navigation(context: Any, site_url: str, built_site: Path) -> None:
    """Serve the sitemap that a build with ``site_url`` pointing here would have.

    Material's instant navigation only takes over links listed in sitemap.xml, and MkDocs
    lists nothing there unless ``site_url`` is set; mkdocs.yml leaves it unset so that the
    site and its data files work from any address. This stands in for a deployment that
    sets it, so the tests exercise the instant-navigation path (no :target, no reload).
    """
    body = sitemap(site_url, site_pages(built_site))
    context.route(f"{site_url}sitemap.xml", lambda route: route.fulfill(
        status=200, content_type="application/xml", body=body))


@pytest.fixture
def context(browser: Any, site_url: str, built_site: Path) -> Iterator[Any]:
    made = browser.new_context(viewport={"width": 1280, "height": 900})
    with_instant_navigation(made, site_url, built_site)
    yield made
    made.close()


@pytest.fixture
def page(context: Any, page_log: PageLog) -> Any:
    made = context.new_page()
    _watch(made, page_log)
    made.set_default_timeout(15_000)
    return made


def site_pages(built_site: Path) -> list[str]:
    """Every HTML page of the built site, as URL paths relative to its root."""
    pages = []
    for html in sorted(built_site.rglob("index.html")):
        relative = html.parent.relative_to(built_site).as_posix()
        pages.append("" if relative == "." else relative + "/")
    return pages
