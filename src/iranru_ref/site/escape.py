"""Escaping curated text for each context it lands in.

Jinja's autoescape (on for every template) covers HTML text and attributes. Markdown needs
more: ``md`` also neutralises Markdown syntax, so a curated name cannot become a link, an
image or emphasis. ``front_matter`` quotes a value for YAML front matter.
"""

from __future__ import annotations

import html
import json
import re

from markupsafe import Markup

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def md(text: object) -> Markup:
    """Inline Markdown-safe and HTML-safe text, for text content only (never an attribute):
    quotes stay as they are, since the table of contents would show ``&#x27;`` escaped again."""
    escaped = html.escape(str(text), quote=False)
    return Markup(_MARKDOWN_SPECIAL.sub(r"\\\1", escaped))


def front_matter(text: object) -> Markup:
    """A YAML scalar for front matter: JSON-quoted, with HTML escaped for themes that don't.

    Quotes are escaped too: the theme puts ``description`` into ``<meta content="...">``
    unescaped, where a ``"`` would end the attribute and let the rest add attributes of its own.
    """
    return Markup(json.dumps(html.escape(str(text), quote=True), ensure_ascii=False))
