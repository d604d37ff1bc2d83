"""The site's name, description and address as ``mkdocs.yml`` states them, for linked data.

Without ``site_url`` the site has no known address, so links in the data files are relative
IRIs: they resolve against wherever the file is served from (RFC 3986 §5.1), which is the
site itself. With ``site_url`` set they are absolute.
"""

from __future__ import annotations

import functools
import posixpath
from pathlib import Path
from typing import Any, NamedTuple

import yaml

DEFAULT_NAME = "Russia–Iran relations reference"


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Reads mkdocs.yml, turning tags such as ``!ENV`` or ``!!python/name:`` into None."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


class SiteConfig(NamedTuple):
    name: str
    description: str | None
    url: str | None

    @classmethod
    def load(cls, root: Path) -> SiteConfig:
        try:
            text = (root / "mkdocs.yml").read_text("utf-8")
        except OSError:
            text = ""
        return cls._parse(text)

    @classmethod
    @functools.lru_cache(maxsize=4)  # several exports read the same file in one build
    def _parse(cls, source: str) -> SiteConfig:
        try:
            config: Any = yaml.load(source, Loader=_Loader)
        except yaml.YAMLError:
            config = None
        if not isinstance(config, dict):
            config = {}

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


@functools.lru_cache(maxsize=65_536)  # a data file links to the same pages again and again
def _relative_link(path: str, folder: str) -> str:
    link = posixpath.relpath(path or ".", folder or ".")
    if path.endswith("/") and not link.endswith("/"):
        link = "./" if link == "." else link + "/"
    return link
