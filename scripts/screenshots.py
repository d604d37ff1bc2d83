"""Take screenshots of each kind of page, to look at the site as a reader would.

Usage: python scripts/screenshots.py [SITE_DIR] [OUT_DIR]
Serves SITE_DIR (default: site) on localhost and writes PNGs to OUT_DIR (default: .build/shots).
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

PAGES = {
    "home": "",
    "entity": "people/alexey-dedov/",
    "source": "sources/dedov-sputnik-2023/#p21",
    "network": "network/",
    "timeline": "timeline/",
    "figures": "figures/",
    "coverage": "coverage/",
}


def main() -> None:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site").resolve()
    out = Path(sys.argv[2] if len(sys.argv) > 2 else ".build/shots")
    out.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu"])
        for width, suffix in ((1280, ""), (390, "-phone")):
            page = browser.new_page(viewport={"width": width, "height": 900})
            for name, path in PAGES.items():
                page.goto(base + path)
                page.wait_for_timeout(600)
                page.screenshot(path=str(out / f"{name}{suffix}.png"), full_page=width > 500)
            page.close()
        browser.close()
    server.shutdown()
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
