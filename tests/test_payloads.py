"""Safe for readers: hostile strings in every curated text field never become markup or script.

A project copy gets records, a source and vocabulary entries whose every text field carries
payloads: ``<script>``, ``onerror=`` attributes, ``javascript:`` links, Markdown links and
images, ``</script>`` inside the JSON that pages embed (JSON-LD, graph data), Jinja syntax, and
blank lines that would end a raw-HTML block and let Markdown loose on the rest. The built site is
then (a) scanned as HTML for any payload that became live markup, and (b) opened page by page in
headless Chromium, which must show no dialog, run no injected script, and request nothing from
any host but the local test server.
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import os
import threading
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from conftest import copy_project

from iranru_ref.engines.build import build_site
from iranru_ref.engines.zensical import zensical_available
from iranru_ref.load.project import Project

pytestmark = pytest.mark.slow

CHROMIUM = Path(os.environ.get("IRANRU_CHROMIUM", "/usr/bin/chromium"))
EVIL_HOST = "evil.example"

#: one string holding every payload; each field gets it, once inline and once over several lines
PAYLOAD = (
    "<script>alert(1)</script> <img src=x onerror=alert(1)> <svg onload=alert(1)> "
    '<a href="javascript:alert(1)">a link</a> <iframe src="javascript:alert(1)"></iframe> '
    "[a Markdown link](javascript:alert(1)) ![a Markdown image](http://evil.example/x.png) "
    "<http://evil.example/autolink> </script><script>window.__pwned=1</script> "
    "<style>body{background:url(http://evil.example/css.png)}</style> "
    "{{ 7*7 }} {% raw %}{{ config }}{% endraw %} {# comment #} <!-- ]]> &lt;script&gt;"
)
#: a blank line ends a raw-HTML block in Markdown, so what follows it is parsed as Markdown
MULTILINE = (
    "A harmless start.\n\n[a link after a blank line](javascript:alert(1))\n\n"
    "![an image after a blank line](http://evil.example/y.png)\n\n"
    "<img src=x onerror=\"window.__pwned=1\">\n\n    <script>alert(1)</script>\n\n# " + PAYLOAD
)
ARTICLE = (
    f"Payload headline {PAYLOAD}\n\n"
    f"The spokesman said {PAYLOAD} and nothing more.\n\n"
    f"Trade reached 5 billion dollars, he added {PAYLOAD}.\n"
)
QUOTE = f"said {PAYLOAD} and nothing more"


def _date(value: str, precision: str) -> dict[str, Any]:
    return {"value": value, "precision": precision, "inferred": True,
            "wording": PAYLOAD, "note": MULTILINE}


def _citation(paragraph: int = 2, quote: str = QUOTE) -> list[dict[str, Any]]:
    return [{"source": "payload-article", "paragraph": paragraph, "quote": quote}]


def _record(name_suffix: str, claims: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "name": f"{PAYLOAD} {name_suffix}",
        "aliases": [PAYLOAD, "javascript:alert(1)", MULTILINE],
        "tags": ["payload-tag", "diplomacy"],
        "summary": MULTILINE,
        "notes": [PAYLOAD, MULTILINE],
        "claims": claims,
    }


def payload_files() -> dict[str, Any]:
    """Project path → content (a dict is written as YAML, a string as text)."""
    person_claims = [
        {"id": "member", "predicate": "payload_rel", "object": "payload-org", "text": PAYLOAD,
         "note": MULTILINE, "date": _date("2024-01", "month"), "citations": _citation()},
        {"id": "said", "predicate": "stated", "text": MULTILINE,
         "attributed_to": ["payload-person"], "said_in": "payload-event", "contested": True,
         "citations": _citation()},
        {"id": "trade", "predicate": "amount", "value": 5, "unit": PAYLOAD, "currency": PAYLOAD,
         "period": PAYLOAD, "approximate": True, "wording": PAYLOAD, "text": PAYLOAD,
         "date": _date("2024", "year"),
         "citations": _citation(3, f"he added {PAYLOAD}")},
    ]
    figure_claims = [
        {"id": "derived", "predicate": "amount", "value": 10, "unit": PAYLOAD, "text": MULTILINE,
         "derived": {"formula": PAYLOAD, "inputs": ["payload-person.trade"]},
         "citations": _citation(3, f"he added {PAYLOAD}")},
        {"id": "about", "predicate": "concerns", "object": "payload-person", "text": PAYLOAD,
         "citations": _citation()},
    ]
    event_claims = [
        {"id": "involves", "predicate": "involves", "object": "payload-org", "text": PAYLOAD,
         "citations": _citation()},
    ]
    org_claims = [
        {"id": "fact", "predicate": "fact", "text": PAYLOAD, "citations": _citation()},
    ]
    meta = {
        "title": PAYLOAD, "label": f"{PAYLOAD} label", "title_note": MULTILINE,
        "publisher": "payload-org", "publisher_note": MULTILINE,
        "date": _date("2024", "year"), "language": "en",
        "url": "https://example.org/payload-article?id=1&lang=en",
        "sha256": hashlib.sha256(ARTICLE.encode()).hexdigest(),
        "original_name": PAYLOAD, "paragraphs": {1: "heading"}, "notes": [PAYLOAD, MULTILINE],
    }
    return {
        "data/people/payload-person.yml": _record("person", person_claims),
        "data/organizations/payload-org.yml": _record("organisation", org_claims),
        "data/events/payload-event.yml": _record("event", event_claims),
        "data/figures/payload-figure.yml": _record("figure", figure_claims),
        "sources/payload-article.txt": ARTICLE,
        "sources/payload-article.yml": meta,
    }


def make_payload_project(target: Path) -> Path:
    """A copy of the project whose records and sources are the payload ones only (the curated
    ones are removed, so that opening every page in a browser stays quick)."""
    project = copy_project(target)
    for folder in (project / "data").iterdir():
        if folder.is_dir() and folder.name != "vocabulary":
            for record in folder.glob("*.yml"):
                record.unlink()
    for source in (project / "sources").iterdir():
        source.unlink()
    for relative, content in payload_files().items():
        path = project / relative
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(yaml.safe_dump(content, sort_keys=False, allow_unicode=True, width=1000),
                            encoding="utf-8")
    vocabulary = project / "data" / "vocabulary"
    with (vocabulary / "tags.yml").open("a", encoding="utf-8") as file:
        file.write(yaml.safe_dump({"payload-tag": {"description": PAYLOAD}}, width=1000))
    with (vocabulary / "predicates.yml").open("a", encoding="utf-8") as file:
        file.write(yaml.safe_dump({"payload_rel": {
            "label": PAYLOAD, "inverse": PAYLOAD, "kind": "relation", "description": MULTILINE,
        }}, width=1000))
    return project


ENGINES = ["mkdocs", pytest.param("zensical", marks=pytest.mark.skipif(
    not zensical_available(), reason="Zensical is not installed (pip install -e '.[zensical]')"))]


@pytest.fixture(scope="module", params=ENGINES)
def payload_site(request: pytest.FixtureRequest,
                 tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The payload project built by each engine (Zensical runs the same theme scripts)."""
    engine: str = request.param
    project = make_payload_project(tmp_path_factory.mktemp(f"payloads-{engine}") / "project")
    return build_site(Project.find(project), engine=engine).site_dir


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


# ------------------------------------------------------------------ (a) the HTML, statically


class _Scanner(HTMLParser):
    """Collects every element, attribute and script body of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.scripts: list[tuple[str, str]] = []
        self._script_type: str | None = None
        self._script_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, attrs))
        if tag == "script":
            self._script_type = dict(attrs).get("type") or "text/javascript"
            self._script_text = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        if self._script_type is not None:
            self._script_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script_type is not None:
            self.scripts.append((self._script_type, "".join(self._script_text)))
            self._script_type = None


def scan(page: Path) -> _Scanner:
    scanner = _Scanner()
    scanner.feed(page.read_text(encoding="utf-8"))
    scanner.close()
    return scanner


def test_the_payloads_reach_the_pages(payload_site: Path) -> None:
    """The test means something only if the payload pages were built and show the text."""
    person = (payload_site / "people" / "payload-person" / "index.html").read_text("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in person
    assert "{{ 7*7 }}" in person and "{% raw %}" in person
    assert (payload_site / "sources" / "payload-article" / "index.html").is_file()
    assert (payload_site / "figures" / "payload-figure" / "index.html").is_file()


def live_payloads(site: Path) -> list[str]:
    """Every place in the site's HTML where a payload became markup or broke out of JSON."""
    problems: list[str] = []
    for page in html_pages(site):
        name = page.relative_to(site).as_posix()
        scanner = scan(page)
        for tag, attrs in scanner.elements:
            for attribute, value in attrs:
                text = (value or "").strip().lower()
                if attribute.startswith("on") and ("alert" in text or "__pwned" in text):
                    problems.append(f"{name}: <{tag} {attribute}={value!r}>")
                if attribute in ("href", "src", "action", "formaction", "data", "xlink:href") and (
                    text.startswith("javascript:") or EVIL_HOST in text
                ):
                    problems.append(f"{name}: <{tag} {attribute}={value!r}>")
                if attribute == "style" and EVIL_HOST in text:
                    problems.append(f"{name}: <{tag} style={value!r}>")
                if attribute == "http-equiv" and tag == "meta" and text == "refresh":
                    problems.append(f"{name}: an injected <meta http-equiv=refresh>")
        for kind, body in scanner.scripts:
            if "json" in kind:
                try:
                    json.loads(body)
                except ValueError:
                    problems.append(f"{name}: a {kind} script is not valid JSON (broken out of?)")
            elif "alert(" in body or "__pwned" in body or EVIL_HOST in body:
                problems.append(f"{name}: an injected script: {body[:80]!r}")
        raw = page.read_text(encoding="utf-8")
        for live in ("<script>alert(1)", "<img src=x onerror", "<svg onload", "</script><script>",
                     "<style>body{background:url(http://evil", "<iframe src=\"javascript"):
            if live in raw:
                problems.append(f"{name}: the raw text contains {live!r}")
    return problems


CANARY = (
    '<!doctype html><html><head><meta name="description" content="x" http-equiv="refresh">'
    '</head><body><p>canary</p><script>alert(1)</script><img src=x onerror="window.__pwned=1">'
    '<img src="http://evil.example/x.png"><a href="javascript:alert(1)">x</a>'
    '<script type="application/json">{"a": "</script><script>window.__pwned=1</script>"}</script>'
    "</body></html>\n"
)


def test_the_scan_finds_live_payloads(tmp_path: Path) -> None:
    """The scan below is not vacuous: on a page with live payloads it finds each of them."""
    (tmp_path / "index.html").write_text(CANARY, encoding="utf-8")
    found = "\n".join(live_payloads(tmp_path))
    for expected in ("meta http-equiv=refresh", "onerror", "evil.example", "javascript:",
                     "not valid JSON", "injected script", "<script>alert(1)"):
        assert expected in found, (expected, found)


def test_no_payload_becomes_markup(payload_site: Path) -> None:
    assert live_payloads(payload_site) == []


def test_json_in_pages_carries_the_payload_intact(payload_site: Path) -> None:
    """The graph data and JSON-LD hold the names exactly, ``</script>`` and all."""
    page = payload_site / "people" / "payload-person" / "index.html"
    documents = [json.loads(body) for kind, body in scan(page).scripts if "json" in kind]
    assert documents, "the entity page embeds no JSON"
    found: list[str] = []

    def collect(value: Any) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    for document in documents:
        collect(document)
    assert f"{PAYLOAD} person" in found


def test_external_links_carry_noopener_noreferrer(payload_site: Path) -> None:
    page = payload_site / "sources" / "payload-article" / "index.html"
    links = [dict(attrs) for tag, attrs in scan(page).elements if tag == "a"]
    url = [link for link in links if link.get("href") == "https://example.org/payload-article?id=1&lang=en"]
    assert url, "the source's url is not linked"
    for link in url:
        assert {"noopener", "noreferrer"} <= set((link.get("rel") or "").split())
    for page in html_pages(payload_site):
        for tag, attrs in scan(page).elements:
            values = dict(attrs)
            href = values.get("href") or ""
            if tag == "a" and href.startswith(("http://", "https://")) and values.get("target"):
                assert {"noopener", "noreferrer"} <= set((values.get("rel") or "").split()), (
                    page, values)


# ------------------------------------------------------------------ (b) in a browser


def chromium_or_skip() -> None:
    if CHROMIUM.is_file():
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{CHROMIUM} is missing, and under CI=true the browser tests must run")
    pytest.skip(f"{CHROMIUM} is missing; install Debian's chromium to run the browser tests")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


#: runs before any page script: records the calls that injected script would make, then lets
#: the dialog open (so that the dialog listener sees it too)
SPY = """
window.__calls = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  const original = window[name];
  window[name] = function (...args) { window.__calls.push(name); return original.apply(this, args); };
}
"""


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def search_box(page: Any) -> Any:
    """The search input, opened: Pagefind's, in the modal that the header's button opens (the
    same in both engines)."""
    page.locator(".iranru-search__button").click()
    box = page.locator("pagefind-modal pagefind-input input")
    box.wait_for()
    return box


def search_results(page: Any, query: str) -> tuple[str, str]:
    """Search for ``query`` and open every filter's menu; return the text that the results show
    (Pagefind's titles and excerpts of the indexed pages) and the text of the filters' menus,
    both made from curated text."""
    box = search_box(page)
    box.fill(query)
    page.locator(".pf-result-link").first.wait_for()
    page.wait_for_timeout(300)  # the other results' excerpts
    results = "\n".join(page.locator(".pf-result").all_inner_texts())
    menus: list[str] = []
    for dropdown in page.locator("pagefind-filter-dropdown .pf-dropdown-trigger").all():
        dropdown.click()
        menus += page.locator(".pf-dropdown-option").all_inner_texts()
        page.keyboard.press("Escape")
    return results, "\n".join(menus)


def browse(base_url: str, pages: list[str], *, search: str | None = None) -> list[str]:
    """Open every page in headless Chromium; return each dialog, injected call, injected
    global and request to another host that any page caused."""
    from playwright.sync_api import Route, sync_playwright

    findings: list[str] = []

    def guard(route: Route) -> None:
        url = route.request.url
        if url.startswith(base_url) or url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            findings.append(f"a request left 127.0.0.1: {url}")
            route.abort()

    def inspect(where: str) -> None:
        calls, pwned = page.evaluate("() => [window.__calls || [], window.__pwned !== undefined]")
        if calls:
            findings.append(f"{where}: injected script called {calls}")
        if pwned:
            findings.append(f"{where}: injected script set window.__pwned")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            context = browser.new_context()
            context.add_init_script(SPY)
            context.route("**/*", guard)
            page = context.new_page()
            page.on("dialog", lambda dialog: (findings.append(f"a {dialog.type} dialog opened: "
                                                              f"{dialog.message!r}"),
                                              dialog.dismiss()))
            for relative in pages:
                page.goto(base_url + relative, wait_until="load")
                page.wait_for_timeout(50)
                inspect(relative)
            if search is not None:
                # Results are rendered from the index's excerpts: search for a word the payloads
                # share; the payloads must show in them, and in the filters, as text.
                page.goto(base_url, wait_until="load")
                results, menus = search_results(page, search)
                inspect(f"search results for {search!r}")
                for where, text in (("results", results), ("filters", menus)):
                    if "<img src=x onerror=alert(1)>" not in text:
                        findings.append(f"the search {where} for {search!r} do not show the "
                                        f"payload as text: {text[:300]!r}")
        finally:
            browser.close()
    return findings


@pytest.mark.browser
def test_the_browser_check_catches_a_live_payload(tmp_path: Path) -> None:
    """The browser check is not vacuous: a page with live payloads is caught on every count."""
    chromium_or_skip()
    (tmp_path / "index.html").write_text(CANARY, encoding="utf-8")
    server, url = serve(tmp_path)
    try:
        found = "\n".join(browse(url, ["index.html"]))
    finally:
        server.shutdown()
    for expected in ("alert dialog opened", "called ['alert']", "window.__pwned", "evil.example"):
        assert expected in found, (expected, found)


@pytest.mark.browser
def test_no_payload_runs_in_chromium(payload_site: Path) -> None:
    chromium_or_skip()
    pages = [p.relative_to(payload_site).as_posix() for p in html_pages(payload_site)]
    assert "people/payload-person/index.html" in pages
    server, url = serve(payload_site)
    try:
        findings = browse(url, pages, search="payload")
    finally:
        server.shutdown()
    assert findings == []


# ------------------------------------------------------------------ (c) hovered, focused, clicked

#: marks every element that has, or would get, a tooltip: one with a title attribute (the theme's
#: ``content.tooltips`` renders these as HTML), one that points at a tooltip, and a truncated
#: heading or page title (the theme copies its full text into a title); then scrolls the one
#: numbered ``index`` into view and returns how many there are, that one's name, its centre
#: (none if it takes no room), whether a pointer there reaches it, and whether a click on it
#: follows a link to another page. An element stays marked once seen: a tooltip that is showing
#: has taken its element's title away.
AIM = """(index) => {
  const found = new Set(document.querySelectorAll(
    "[title], [aria-describedby], [data-tooltip], abbr, [data-probe-seen]"));
  document.querySelectorAll(".md-ellipsis").forEach((el) => {
    if (el.offsetWidth < el.scrollWidth) found.add(el.closest("a") || el);
  });
  found.forEach((el) => el.setAttribute("data-probe-seen", ""));  // kept while a tooltip is up
  const targets = Array.from(found).sort((a, b) =>
    a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1);
  const el = targets[index];
  if (!el) return {count: targets.length};
  document.querySelectorAll("[data-probe]").forEach((other) => other.removeAttribute("data-probe"));
  const markup = el.outerHTML;
  el.setAttribute("data-probe", "");
  const classes = typeof el.className === "string" ? el.className.split(/\\s+/) : [];
  const name = [el.tagName.toLowerCase(), ...classes.filter(Boolean)].join(".");
  const link = el.closest("a[href]");
  const leaves = Boolean(link) && new URL(link.href, location.href).pathname !== location.pathname;
  el.scrollIntoView({block: "center", inline: "center", behavior: "instant"});
  const box = el.getBoundingClientRect();
  const x = box.width && box.height ? box.left + box.width / 2 : null;
  const y = box.width && box.height ? box.top + box.height / 2 : null;
  const hit = x === null ? null : document.elementFromPoint(x, y);
  return {count: targets.length, name, markup, leaves, x, y,
          reachable: Boolean(hit) && (hit === el || el.contains(hit))};
}"""

#: waits for the theme to react, and for any image it added to load or fail (an injected
#: ``onerror`` runs then), so that a dialog is put down to the element that caused it
SETTLE = """async () => {
  const pause = () => new Promise((done) => setTimeout(done, 20));
  const start = performance.now();
  await pause();
  while (performance.now() - start < 1000 &&
         Array.from(document.images).some((img) => img.loading !== "lazy" && !img.complete)) {
    await pause();
  }
  await pause();
}"""

#: what a pointer entering the element and the keyboard reaching it fire (for an element under
#: another one, such as the header's page title before scrolling, or that takes no room)
POKE = """() => {
  const el = document.querySelector("[data-probe]");
  if (!el) return;  // the theme swapped the content in meanwhile: nothing to do
  for (const type of ["pointerover", "pointerenter", "mouseover", "mouseenter"]) {
    const Kind = type.startsWith("pointer") ? PointerEvent : MouseEvent;
    el.dispatchEvent(new Kind(type, {bubbles: !type.endsWith("enter"), cancelable: true}));
  }
  el.focus({preventScroll: true});
}"""


def probe_tooltips(base_url: str, pages: list[str]) -> tuple[list[str], int]:
    """On every page, hover, focus and click each element that has a title or tooltip (once, if
    the same element is on several pages); return each dialog, injected call and injected global
    that caused, and how many elements were probed. A click on a link to another page runs
    every handler, but its navigation is cancelled (no error page), so the page stays."""
    from playwright.sync_api import Route, sync_playwright

    findings: list[str] = []
    where = ["(no element yet)"]
    here = [""]
    probed = 0
    done: set[str] = set()

    def stay(route: Route) -> None:
        if route.request.is_navigation_request() and urlsplit(route.request.url).path != here[0]:
            route.abort("aborted")
        else:
            route.continue_()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            context.add_init_script(SPY)
            context.route(lambda url: urlsplit(url).path.endswith("/"), stay)
            page = context.new_page()
            page.set_default_timeout(10_000)
            page.on("dialog", lambda dialog: (findings.append(
                f"{where[0]}: a {dialog.type} dialog opened: {dialog.message!r}"), dialog.dismiss()))
            for relative in pages:
                url = base_url + relative
                here[0] = urlsplit(url).path
                page.goto(url, wait_until="load")
                page.wait_for_timeout(150)  # the theme's truncation check runs after load
                index = 0
                while True:
                    aim = page.evaluate(AIM, index)
                    if index >= aim["count"]:
                        break
                    where[0] = f"{relative}: <{aim['name']}> (element {index})"
                    index += 1
                    if aim["markup"] in done:
                        continue  # the same element on another page (the header, the menu)
                    done.add(aim["markup"])
                    probed += 1
                    if aim["x"] is not None:
                        page.mouse.move(aim["x"], aim["y"])
                    page.evaluate(POKE)
                    page.evaluate(SETTLE)
                    if aim["reachable"]:
                        page.mouse.click(aim["x"], aim["y"])
                    else:
                        page.evaluate("() => document.querySelector('[data-probe]')?.click()")
                    page.evaluate(SETTLE)
                    assert page.url.split("#")[0] == url, f"{where[0]}: left for {page.url}"
                    page.keyboard.press("Escape")  # closes the search, should it be open
                page.wait_for_timeout(200)
                calls, pwned = page.evaluate(
                    "() => [window.__calls || [], window.__pwned !== undefined]")
                if calls:
                    findings.append(f"{relative}: injected script called {calls}")
                if pwned:
                    findings.append(f"{relative}: injected script set window.__pwned")
        finally:
            browser.close()
    return findings, probed


#: the pages of each kind that show curated text in titles or tooltips: an entity page of each
#: layout (the event's has a heading "Said in" and an entity's name, which the table
#: of contents truncates), the source, the timeline (tag descriptions on its links to the tags'
#: timelines), the figures table (currency cells) and a tag page
PROBED_PAGES = ["people/payload-person/", "figures/payload-figure/", "events/payload-event/",
                "sources/payload-article/", "timeline/", "figures/", "tag/payload-tag/"]


@pytest.mark.browser
def test_no_payload_runs_when_hovered_focused_or_clicked(payload_site: Path) -> None:
    """Tooltips (titles of dates, citations, tag links, figures cells, truncated headings
    and page titles) never render curated text as markup, with either engine."""
    chromium_or_skip()
    for relative in PROBED_PAGES:
        assert (payload_site / relative / "index.html").is_file(), relative
    server, url = serve(payload_site)
    try:
        findings, probed = probe_tooltips(url, PROBED_PAGES)
    finally:
        server.shutdown()
    assert probed > 5 * len(PROBED_PAGES)
    assert findings == []


@pytest.mark.browser
def test_the_tooltip_probe_catches_html_tooltips(tmp_path: Path) -> None:
    """The probe is not vacuous: with the theme's HTML tooltips switched on, it finds each kind
    of tooltip that carried curated text (a date, a citation, a tag's timeline link, a figures
    cell, a truncated heading in the table of contents) opening a dialog."""
    chromium_or_skip()
    project = make_payload_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "    - toc.follow\n" in text
    config.write_text(text.replace("    - toc.follow\n",
                                   "    - content.tooltips\n    - toc.follow\n"), "utf-8")
    site = build_site(Project.find(project)).site_dir
    server, url = serve(site)
    try:
        findings, _ = probe_tooltips(url, ["timeline/", "figures/", "events/payload-event/"])
    finally:
        server.shutdown()
    found = "\n".join(findings)
    for expected in ("dialog opened", "<a.cite>", "<span.claim-date", "<a.timeline-tag>",
                     "<td.num>", "<a.md-nav__link>"):
        assert expected in found, (expected, found)
