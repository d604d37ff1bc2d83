"""The site's name, description and address as ``mkdocs.yml`` states them, for linked data.

Without ``site_url`` the site has no known address, so links in the data files are relative
IRIs: they resolve against wherever the file is served from (RFC 3986 §5.1), which is the
site itself. With ``site_url`` set they are absolute.
"""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass
from pathlib import Path

from ..load.mkdocs_config import ConfigUnreadable, read_mkdocs_config
from ..urls import page_url, relative

DEFAULT_NAME = "Russia–Iran relations reference"


@dataclass(frozen=True, slots=True)
class SiteConfig:
    name: str
    description: str | None
    url: str | None

    @classmethod
    def load(cls, root: Path) -> SiteConfig:
        try:
            config = read_mkdocs_config(root)
        except ConfigUnreadable:
            config = {}  # the build itself reports what is wrong with it

        def text(key: str) -> str | None:
            value = config.get(key)
            return value.strip() or None if isinstance(value, str) else None

        url = text("site_url")
        if url is not None and not url.endswith("/"):
            url += "/"
        return cls(text("site_name") or DEFAULT_NAME, text("site_description"), url)

    def iri(self, target: str, from_file: str) -> str:
        """The IRI of ``target`` (a path from the site root, maybe with ``#fragment``) as
        written inside the file ``from_file`` (also a path from the site root)."""
        path, hash_, fragment = target.partition("#")
        if self.url is not None:
            return self.url + target
        return _relative_link(path, posixpath.dirname(from_file)) + hash_ + fragment

    def link(self, from_page: str, to: str, fragment: str | None = None) -> str:
        """The IRI of ``to`` (a Markdown page or a file of the tree), maybe with ``fragment``,
        as written on the page ``from_page``: absolute with ``site_url``, else relative."""
        if self.url is None:
            return relative(from_page, to, fragment)
        target = page_url(to) if to.endswith(".md") else to
        return self.url + target + (f"#{fragment}" if fragment else "")


@functools.lru_cache(maxsize=65_536)  # a data file links to the same pages again and again
def _relative_link(path: str, folder: str) -> str:
    link = posixpath.relpath(path or ".", folder or ".")
    if path.endswith("/") and not link.endswith("/"):
        link = "./" if link == "." else link + "/"
    return link
