"""The site's search index: Pagefind, run over the built HTML.

Pagefind (``pagefind[bin]`` on PyPI: a Python wrapper and a self-contained binary) reads the
pages that mark their content with ``data-pagefind-body`` (the theme override
``overrides/main.html`` marks the pages whose front matter has ``search_filters``: entity,
source and About pages), leaves out what is marked ``data-search-exclude`` (lists that repeat
what another page holds) and the headings' permalinks, and writes the index in small fragments,
with its search interface, into ``pagefind/`` in the site. A reader's browser fetches only the
fragments that a query needs, never one index of the whole site. The filters are then put in a
fixed order (``search_order.py``), which Pagefind does not do itself.

It runs after the engine has written the HTML, in the build's own folder, so a failed index
fails the build and leaves the previous site as it was. It never reaches the network.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from ..errors import BuildFailed
from .search_order import order_filters

#: the folder of the site that Pagefind writes its index and interface into
BUNDLE = "pagefind"
#: what is never indexed: the lists marked as repeating other pages, and the ``¶`` permalinks
EXCLUDED = "[data-search-exclude], .headerlink"

INSTALL_HINT = ("Pagefind is not installed, so the site's search cannot be built. Install the "
                "project again with `.venv/bin/pip install -e .` (it brings `pagefind[bin]`)")

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def pagefind_command(site_dir: Path) -> list[str]:
    """The command that indexes ``site_dir`` in place, settings given in full (no config file
    is read: it runs in an empty folder)."""
    return [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", BUNDLE,
            "--exclude-selectors", EXCLUDED, "--force-language", "en", "--quiet"]


def index_site(site_dir: Path) -> int:
    """Write the search index of the built site in ``site_dir``; return how many pages it holds.

    Raises ``BuildFailed`` with what Pagefind said if it fails or indexes no page."""
    if importlib.util.find_spec("pagefind") is None:
        raise BuildFailed(INSTALL_HINT)
    from pagefind.service import get_executable

    if get_executable() is None:
        raise BuildFailed(INSTALL_HINT)
    site_dir = site_dir.resolve()
    with tempfile.TemporaryDirectory(prefix="iranru-pagefind-") as empty:
        try:
            result = subprocess.run(
                pagefind_command(site_dir), cwd=empty, stdin=subprocess.DEVNULL,
                capture_output=True, text=True, encoding="utf-8", errors="replace", check=False)
        except OSError as exc:
            raise BuildFailed(f"cannot start Pagefind to index the site: "
                              f"{exc.strerror or exc}") from None
    if result.returncode != 0:
        raise BuildFailed(f"Pagefind could not index the site (exit status {result.returncode})"
                          f":{_said(result.stderr + result.stdout)}\nThe previous site was left "
                          "as it was.")
    pages = indexed_pages(site_dir)
    if pages == 0:
        raise BuildFailed(f"Pagefind finished but wrote no index into {site_dir / BUNDLE}; the "
                          "previous site was left as it was")
    order_filters(site_dir / BUNDLE)  # two builds of the same pages give the same files
    return pages


def indexed_pages(site_dir: Path) -> int:
    """How many pages the index in ``site_dir`` holds, as its entry file says (0 without one)."""
    try:
        entry = json.loads((site_dir / BUNDLE / "pagefind-entry.json").read_text("utf-8"))
        return sum(int(language["page_count"]) for language in entry["languages"].values())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return 0


def _said(output: str) -> str:
    """Pagefind's last lines, without colour codes: one per line, indented."""
    lines = [_ANSI.sub("", line).rstrip() for line in output.splitlines()]
    shown = [line for line in lines if line.strip()][-20:]
    return "".join(f"\n  {line}" for line in shown) or " (it printed nothing)"
