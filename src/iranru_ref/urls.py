"""Where each generated page lives, and relative links between pages.

Pages are Markdown files; with directory URLs ``people/alexey-dedov.md`` is served at
``people/alexey-dedov/``. Links inside raw HTML are not rewritten by the site engine, so they
are computed here, relative to the page that contains them.
"""

from __future__ import annotations

import functools
import posixpath

from .records.vocabulary import TYPE_FOLDER

#: A page path that stands for every entity page. Each sits two folders down
#: (``people/alexey-dedov/``), so a link made relative to this one, ``../../`` and the target's
#: path, works from all of them, whatever their folder.
ANY_ENTITY_PAGE = "*/*.md"


def entity_page(entity_type: str, entity_id: str) -> str:
    return f"{TYPE_FOLDER[entity_type]}/{entity_id}.md"


def relation_key(predicate: str, outgoing: bool) -> str:
    """A predicate read one way: ``located-in`` (Kograd is located in …) or
    ``located-in-inverse`` (… is located in Kograd)."""
    return predicate.replace("_", "-") + ("" if outgoing else "-inverse")


def related_page(entity_type: str, entity_id: str, predicate: str, outgoing: bool) -> str:
    """The complete list of an entity's relations of one predicate, read one way, beside its
    page: ``places/kograd/related/located-in-inverse.md``."""
    return (f"{TYPE_FOLDER[entity_type]}/{entity_id}/related/"
            f"{relation_key(predicate, outgoing)}.md")


def mentions_page(entity_type: str, entity_id: str) -> str:
    """The complete list of the sources that mention an entity, beside its page."""
    return f"{TYPE_FOLDER[entity_type]}/{entity_id}/mentioned-in.md"


def reported_page(entity_type: str, entity_id: str) -> str:
    """The complete list of the claims an entity said or reported, or that were said in it,
    beside its page."""
    return f"{TYPE_FOLDER[entity_type]}/{entity_id}/said-or-reported.md"


def source_page(source_id: str) -> str:
    return f"sources/{source_id}.md"


def tag_page(tag: str) -> str:
    """A tag's page; not under ``tags/``, where a tag named ``index`` would be the index."""
    return f"tag/{tag}.md"


def tag_timeline_page(tag: str) -> str:
    """The timeline of the claims about the entities that carry ``tag``."""
    return f"tag/{tag}/timeline.md"


def page_url(page: str) -> str:
    """The site URL path (no leading slash) of a Markdown page, with directory URLs."""
    if page == "index.md":
        return ""
    if page.endswith("/index.md"):
        return page[: -len("index.md")]
    return page[: -len(".md")] + "/"


def relative(from_page: str, to: str, fragment: str | None = None) -> str:
    """A link from the page ``from_page`` to a page or asset ``to`` (both paths of the tree)."""
    folder, base = _origin(from_page)
    if folder == base or to == from_page or to.startswith(base) or ".." in to or to[:1] == "/":
        link = _link(base, to)
    else:
        # ``to`` is outside the page's own URL, so the link climbs out of it first: every page of
        # a folder shares the rest, and one cache entry serves them all
        link = _link(folder, to)
        link = "../" if link == "./" else "../" + link
    return f"{link}#{fragment}" if fragment else link


def url_folder(page: str) -> str:
    """The URL of the folder that holds ``page``'s URL. A link from ``page`` to a page outside
    its own URL (other than ``page`` itself) depends on this alone, so pages that share it
    share such links."""
    return _origin(page)[0]


@functools.lru_cache(maxsize=65_536)
def _origin(page: str) -> tuple[str, str]:
    """The URL of the folder that holds ``page``'s URL, and that URL: ``timeline/2.md`` gives
    ``timeline/`` and ``timeline/2/``; the home page, ``index.md``, gives ``""`` twice."""
    base = page_url(page)
    return base[: base.rfind("/", 0, len(base) - 1) + 1], base


@functools.lru_cache(maxsize=65_536)  # a folder's pages link to the same few pages again and again
def _link(base: str, to: str) -> str:
    """A link to ``to`` from the URL ``base``."""
    target = page_url(to) if to.endswith(".md") else to
    link = posixpath.relpath(target or ".", base or ".")
    if to.endswith(".md") and not link.endswith("/"):
        link = "./" if link == "." else link + "/"
    return link
