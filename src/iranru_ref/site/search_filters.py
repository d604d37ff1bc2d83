"""What a reader can narrow search results by, for each page that search indexes.

A page's front matter carries them as ``search_filters`` (a filter name → its values, written
by the page's template). The theme override ``overrides/main.html`` turns them into Pagefind's
``data-pagefind-filter`` elements and marks the page's content ``data-pagefind-body``; the pages
without them are not indexed at all. So search finds entity pages, source pages and the About
pages, and never a listing (home, indexes, tags, timeline, network, coverage) that repeats
what those pages hold.
"""

from __future__ import annotations

from collections.abc import Iterable

#: the ``type`` of a source page; an entity page's is its type's label (``Person``)
SOURCE_TYPE = "Source"
#: the ``type`` of the pages about the site (methodology, database format, downloads, data
#: dictionary); their templates and front matter write it out
ABOUT_TYPE = "About this site"


def entity_filters(type_label: str, tags: Iterable[str],
                   sources: Iterable[str]) -> dict[str, list[str]]:
    """An entity page's: its type, its tags and the sources its claims cite (their labels)."""
    return {"type": [type_label], "tag": sorted(tags), "source": sorted(set(sources))}


def source_filters(label: str) -> dict[str, list[str]]:
    """A source page's: the type ``Source`` and the source itself."""
    return {"type": [SOURCE_TYPE], "source": [label]}
