"""The site's name, description and address as ``mkdocs.yml`` states them, for linked data.

Without ``site_url`` the site has no known address, so links in the data files are relative
IRIs: they resolve against wherever the file is served from (RFC 3986 §5.1), which is the
site itself. With ``site_url`` set they are absolute.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

DEFAULT_NAME = "Russia–Iran relations reference"


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml, turning tags such as ``!ENV`` or ``!!python/name:`` into None."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class SiteConfig:
    name: str
    description: str | None
    url: str | None

    @classmethod
    def load(cls, root: Path) -> SiteConfig:
        try:
            config: Any = yaml.load((root / "mkdocs.yml").read_text("utf-8"), Loader=_Loader)
        except (OSError, yaml.YAMLError):
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
        link = posixpath.relpath(path or ".", posixpath.dirname(from_file) or ".")
        if path.endswith("/") and not link.endswith("/"):
            link = "./" if link == "." else link + "/"
        return link + hash_ + fragment
