"""Pages without the theme's indentation: every run of whitespace between tags or in text
becomes one character, which a browser renders the same (a tenth of a page's bytes, on every
page of the site). MkDocs compacts each page as it writes it (the hook's ``on_post_page``);
Zensical's pages are compacted once it has written them all (``compact_site``).

Left as they are: the inside of tags (attribute values), and the elements whose whitespace
shows or runs: ``pre``, ``code``, ``kbd``, ``textarea`` (preformatted in the theme's styles),
``script`` and ``style``.
"""

from __future__ import annotations

import re
from pathlib import Path

_KEPT_OR_WHITESPACE = re.compile(
    r"(<(pre|code|kbd|textarea|script|style)\b[^>]*>.*?</\2\s*>|<[^>]*>)|\s{2,}",
    re.DOTALL | re.IGNORECASE,
)


def _one(match: re.Match[str]) -> str:
    if match.group(1):
        return match.group(1)
    return "\n" if "\n" in match.group(0) else " "


def compact_html(html: str) -> str:
    """``html`` with each run of whitespace outside tags and kept elements made one character."""
    return _KEPT_OR_WHITESPACE.sub(_one, html)


def compact_site(site_dir: Path) -> None:
    """Every HTML page under ``site_dir`` compacted in place."""
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        compacted = compact_html(html)
        if compacted != html:
            page.write_text(compacted, encoding="utf-8")
