"""What a reader's browser feels: transfer, search, page weight and main-thread tasks, in Chromium.

    .venv/bin/python benchmarks/in_browser.py [--scales seed,1k,10k] [--rounds 3] [--no-build]
                                              [--sizes-only]

Per scale, the corpus (``corpus.py``) is built once into ``benchmarks/out/<scale>-site/`` and
served by ``http.server`` on localhost; Debian's Chromium, driven by Playwright, then measures
(median of ``--rounds`` cold loads, each in a new browser context):

- ``home``: bytes transferred by opening the home page without searching;
- ``search``: from typing a word to the first result; the bytes transferred from opening search
  (its interface is loaded then) to the settled results, the page's and Pagefind's worker's
  together, and the memory that the browser's renderer (page and worker) grew by. The
  word is ``SEARCH_WORD``, which most pages hold (the worst case: Pagefind scores every page
  that holds a word); ``name_search`` is the same for the name of a typical entity;
- ``entity pages``: the largest entity page's HTML on disk;
- ``network``: the longest main-thread task while the network page loads, also with the CPU
  slowed four times, as on a phone; and, for comparison in the same run, the longest task of a
  page without a graph (the methodology), which is the theme's own work;
- ``site``: the size of the whole site, and of its parts: the pages (and how many), the
  downloads (``data/``), of which the per-entity records (``data/entities/``), and the search
  index (``pagefind/``).

Results go to ``benchmarks/out/browser.json``; ``run.py --report`` puts them on the Performance
page with the targets of issue 29.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

OUT = HERE / "out"
RESULTS = OUT / "browser.json"
CHROMIUM = Path(os.environ.get("IRANRU_CHROMIUM", "/usr/bin/chromium"))
BIN = Path(sys.executable).parent
ENTITY_FOLDERS = ("people", "organizations", "treaties", "projects", "places", "events", "figures")
#: a word every corpus has in its claims and names
SEARCH_WORD = "Iran"
#: the header's search (Pagefind's modal, loaded when it is first opened)
SEARCH_BUTTON = ".iranru-search__button"
SEARCH_INPUT = ".iranru-search pagefind-input input"
SEARCH_RESULT = ".iranru-search pagefind-results a.pf-result-link"
#: issue 29's targets: (figure key, limit, unit)
TARGETS = (
    ("home_bytes", 800_000, "bytes"),
    ("search_seconds", 1.5, "s"),
    ("name_search_seconds", 1.5, "s"),
    ("search_bytes", 1_500_000, "bytes"),
    ("search_memory_bytes", 200_000_000, "bytes"),
    ("largest_entity_page_bytes", 200_000, "bytes"),
    ("network_longest_task_ms", 300, "ms"),
    ("site_bytes", 600_000_000, "bytes"),
)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def build(scale: str) -> Path:
    root = (corpus.write_seed_from_git(OUT / scale) if scale == "seed"
            else corpus.write_corpus(scale, OUT / scale))
    site = OUT / f"{scale}-site"
    log(f"{scale}: building into {site}")
    subprocess.run([str(BIN / "iranru-ref"), "build", "--root", str(root), "--site-dir", str(site)],
                   check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return site


@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class Transfer:
    """Bytes received by one page and by its workers (Pagefind searches in one), bodies and
    headers as Playwright reports them."""

    def __init__(self, page: Any) -> None:
        self.bytes = 0
        page.on("requestfinished", self._finished)

    def _finished(self, request: Any) -> None:
        sizes = request.sizes()
        self.bytes += int(sizes["responseBodySize"]) + int(sizes["responseHeadersSize"])


def renderer_memory() -> int:
    """The resident memory of the Chromium renderer processes that this process started (a page
    and its workers run in one), in bytes; from /proc, so on Linux."""
    children: dict[int, list[int]] = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        with contextlib.suppress(OSError, KeyError, ValueError):
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines())
            children.setdefault(int(fields["PPid"]), []).append(int(fields["Pid"]))
    total, waiting = 0, list(children.get(os.getpid(), []))
    while waiting:
        pid = waiting.pop()
        waiting += children.get(pid, [])
        with contextlib.suppress(OSError, KeyError, ValueError):
            if b"--type=renderer" in Path(f"/proc/{pid}/cmdline").read_bytes():
                fields = dict(line.split(":", 1)
                              for line in Path(f"/proc/{pid}/status").read_text().splitlines())
                total += int(fields["VmRSS"].split()[0]) * 1024
    return total


LONGEST_TASK = """
window.__longest = 0;
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) window.__longest = Math.max(window.__longest, entry.duration);
}).observe({type: "longtask", buffered: true});
"""


def home(browser: Any, url: str, words: str = SEARCH_WORD, key: str = "search") -> dict[str, float]:
    """The home page's transfer, then a search for ``words`` from it (figures named ``key``)."""
    page = browser.new_page()
    transfer = Transfer(page)
    page.goto(url, wait_until="networkidle")
    received = transfer.bytes
    before_memory = renderer_memory()
    before_search = transfer.bytes  # opening search loads its interface: counted with the query
    page.click(SEARCH_BUTTON)
    field = page.locator(SEARCH_INPUT)
    field.wait_for(state="visible")
    started = time.perf_counter()
    field.press_sequentially(words)
    page.locator(SEARCH_RESULT).first.wait_for(state="visible", timeout=60_000)
    waited = time.perf_counter() - started
    page.wait_for_load_state("networkidle")
    figures = {"home_bytes": received, f"{key}_seconds": waited,
               f"{key}_bytes": transfer.bytes - before_search,
               f"{key}_memory_bytes": max(0, renderer_memory() - before_memory)}
    page.context.close()
    return figures


def typical_name(site: Path) -> str:
    """The name of the entity with the median number of claims: what a reader looking something
    up types, where ``SEARCH_WORD`` is in most pages (the worst case)."""
    database = json.loads(gzip.decompress((site / "data" / "database.json.gz").read_bytes()))
    claims: dict[str, int] = {}
    for claim in database["claims"]:
        claims[claim["subject"]] = claims.get(claim["subject"], 0) + 1
    ranked = sorted(database["entities"], key=lambda e: (claims.get(e["id"], 0), e["id"]))
    name: str = ranked[len(ranked) // 2]["name"]
    return name


def longest_task(browser: Any, url: str, slowdown: int = 1) -> float:
    """The longest main-thread task while the page at ``url`` loads, in milliseconds."""
    page = browser.new_page()
    page.add_init_script(LONGEST_TASK)
    if slowdown > 1:
        page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate",
                                                {"rate": slowdown})
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(500)
    longest = float(page.evaluate("window.__longest"))
    page.context.close()
    return longest


def sizes(site: Path) -> dict[str, Any]:
    def total(folder: Path) -> int:
        return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())

    pages = [(path.stat().st_size, path) for folder in ENTITY_FOLDERS
             for path in (site / folder).glob("*/index.html")]
    largest, where = max(pages) if pages else (0, site)
    html = [path.stat().st_size for path in site.rglob("*.html")]
    return {"largest_entity_page_bytes": largest, "site_bytes": total(site),
            "pages": len(html), "pages_bytes": sum(html),
            "downloads_bytes": total(site / "data"),
            "entity_records_bytes": total(site / "data" / "entities"),
            "search_index_bytes": total(site / "pagefind"),
            "largest_entity_page": where.parent.relative_to(site).as_posix()}


def measure(scale: str, rounds: int, rebuild: bool) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    site = OUT / f"{scale}-site"
    if rebuild or not site.exists():
        site = build(scale)
    samples: dict[str, list[float]] = {"load_average": [os.getloadavg()[0]]}
    name = typical_name(site)

    def add(figures: dict[str, float]) -> None:
        for key, value in figures.items():
            samples.setdefault(key, []).append(value)

    with served(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                             args=["--no-sandbox", "--disable-gpu"])
        for round_ in range(rounds):
            log(f"{scale}: round {round_ + 1} of {rounds}")
            add(home(browser, url))
            add({key: value for key, value in home(browser, url, name, "name_search").items()
                 if key != "home_bytes"})
            add({"network_longest_task_ms": longest_task(browser, url + "network/"),
                 "network_longest_task_ms_4x": longest_task(browser, url + "network/", 4),
                 "plain_longest_task_ms": longest_task(browser, url + "methodology/")})
        browser.close()
    samples["load_average"].append(os.getloadavg()[0])
    figures: dict[str, Any] = {key: statistics.median(values) for key, values in samples.items()}
    figures.update(sizes(site))
    figures["name_searched"] = name
    return figures


SHOWN: dict[str, Callable[[float], str]] = {
    "bytes": lambda value: f"{value / 1e6:.2f} MB" if value >= 1e6 else f"{value / 1e3:.0f} KB",
    "s": lambda value: f"{value:.2f} s",
    "ms": lambda value: f"{value:.0f} ms",
    "count": lambda value: f"{value:,.0f}",
    "": lambda value: f"{value:.1f}",
}
#: figures measured beside the targets, to read them by: (figure key, unit)
CONTEXT = (
    ("network_longest_task_ms_4x", "ms"),
    ("plain_longest_task_ms", "ms"),
    ("pages", "count"),
    ("pages_bytes", "bytes"),
    ("downloads_bytes", "bytes"),
    ("entity_records_bytes", "bytes"),
    ("search_index_bytes", "bytes"),
    ("load_average", ""),
)


def verdicts(figures: dict[str, Any]) -> Iterator[tuple[str, str, str, bool]]:
    """(figure, measured, target, met) for each of issue 29's targets."""
    for key, limit, unit in TARGETS:
        if key in figures:
            yield key, SHOWN[unit](figures[key]), "≤ " + SHOWN[unit](limit), figures[key] <= limit


def context(figures: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(figure, measured) for each figure measured beside the targets."""
    for key, unit in CONTEXT:
        if key in figures:
            yield key, SHOWN[unit](figures[key])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="seed,1k")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-build", action="store_true",
                        help="measure the sites already built in benchmarks/out/")
    parser.add_argument("--sizes-only", action="store_true",
                        help="measure only the sizes of the sites already built, keeping the "
                             "other saved figures")
    args = parser.parse_args(argv)
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    for scale in args.scales.split(","):
        if args.sizes_only:
            results[scale] = {**results.get(scale, {}), **sizes(OUT / f"{scale}-site")}
        else:
            results[scale] = measure(scale, args.rounds, rebuild=not args.no_build)
        RESULTS.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
        for key, measured, target, met in verdicts(results[scale]):
            print(f"{scale:>5}  {key:<28} {measured:>10}  {target:>12}  {'met' if met else 'NOT met'}")
        for key, measured in context(results[scale]):
            print(f"{scale:>5}  {key:<28} {measured:>10}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
