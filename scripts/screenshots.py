"""Take screenshots of each kind of page, to look at the site as a reader would.

Usage: python scripts/screenshots.py [SITE_DIR] [OUT_DIR] [--only NAME,NAME] [--dark-only]
Serves SITE_DIR (default: site) on localhost and writes PNGs to OUT_DIR (default: .build/shots):
``NAME.png`` (desktop, light), ``NAME-dark.png``, ``NAME-phone.png`` and ``NAME-phone-dark.png``.
The entity and source pages are picked from the site's own data, so the script works whatever
the curators have added.
"""

from __future__ import annotations

import functools
import http.server
import json
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

from iranru_ref.records.vocabulary import TYPE_FOLDER


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def pick_pages(site: Path) -> dict[str, str]:
    """One page of each kind; the entity page is the one with the most claims."""
    pages = {"home": "", "people": "people/", "network": "network/", "timeline": "timeline/",
             "figures": "figures/", "tags": "tags/", "sources": "sources/",
             "coverage": "coverage/"}
    database = json.loads((site / "data" / "database.json").read_text(encoding="utf-8"))
    entities = database.get("entities", [])
    claims = database.get("claims", [])
    counts: dict[str, int] = {}
    for claim in claims:
        counts[claim["subject"]] = counts.get(claim["subject"], 0) + 1
    best = max(entities, key=lambda e: counts.get(e["id"], 0), default=None)
    if best is not None:
        pages["entity"] = f"{TYPE_FOLDER[best['type']]}/{best['id']}/"
        for claim in claims:
            if claim["subject"] == best["id"] and claim.get("citations"):
                source = claim["citations"][0]["source"]
                pages["source"] = f"sources/{source}/#cite-{claim['id']}-1"
                break
    if "source" not in pages and database.get("sources"):
        pages["source"] = f"sources/{database['sources'][0]['id']}/"
    return pages


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    only: set[str] = set()
    if "--only" in sys.argv:
        only = set(sys.argv[sys.argv.index("--only") + 1].split(","))
        args = [a for a in args if a != sys.argv[sys.argv.index("--only") + 1]]
    site = Path(args[0] if args else "site").resolve()
    out = Path(args[1] if len(args) > 1 else ".build/shots")
    out.mkdir(parents=True, exist_ok=True)
    pages = pick_pages(site)
    if only:
        pages = {k: v for k, v in pages.items() if k in only}
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu"])
        for scheme in ("light", "dark"):
            if scheme == "light" and "--dark-only" in sys.argv:
                continue
            for width, suffix in ((1280, ""), (390, "-phone")):
                context = browser.new_context(viewport={"width": width, "height": 900},
                                              color_scheme=scheme)
                page = context.new_page()
                for name, path in pages.items():
                    page.goto(base + path)
                    page.wait_for_timeout(800)
                    dark = "-dark" if scheme == "dark" else ""
                    page.screenshot(path=str(out / f"{name}{suffix}{dark}.png"),
                                    full_page=name not in ("network", "source"))
                context.close()
        browser.close()
    server.shutdown()
    print(f"screenshots of {', '.join(pages)} in {out}")


if __name__ == "__main__":
    main()
