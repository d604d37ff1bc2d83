"""Reading a generated Markdown tree as a reader follows it: links between its pages."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from iranru_ref.urls import page_url


def target(tree: Path, page: str, href: str) -> str:
    """The page of the tree that ``href``, a link on ``page``, opens (fragment dropped)."""
    path = href.split("#")[0]
    url = posixpath.normpath(posixpath.join("/" + page_url(page), path)).lstrip("/")
    if (tree / f"{url}.md").is_file():
        return f"{url}.md"
    assert (tree / url / "index.md").is_file() or url == "", (page, href)
    return f"{url}/index.md" if url else "index.md"


def parts(tree: Path, first: str) -> list[str]:
    """A listing's pages, from its first, following each part's link to the next."""
    pages = [first]
    while True:
        text = (tree / pages[-1]).read_text("utf-8")
        found = re.search(r'<p class="listing-next"[^>]*><a href="([^"]+)">', text)
        if found is None:
            return pages
        pages.append(target(tree, pages[-1], found.group(1)))
        assert len(pages) < 10_000
