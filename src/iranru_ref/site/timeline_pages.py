"""The timeline, and a timeline of each tag.

The timeline lists every dated claim, and every event at its own date (``views.TimelineEntry``).
A timeline that fits in one part (``paging.PER_PART`` entries) is one page. A longer one is
an index of its periods (``periods``), each with its count of entries, at the timeline's own
page (``timeline.md``), and a page per period beside it (``timeline/2019.md``). Each tag has
a timeline of the entries about the entities that carry it, cut the same way
(``tag/<tag>/timeline.md``); every timeline page links to them all.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from itertools import groupby
from typing import Any

from ..urls import relative, tag_page, tag_timeline_page
from . import paging
from .explore_pages import timeline_items
from .paging import Part, parts_nav
from .periods import Period, periods
from .render import Site
from .views import TimelineEntry

TIMELINE_PAGE = "timeline.md"


def tag_timeline_family(tag: str) -> str:
    """The page family (``TreeWriter.family``) of a tag's timeline."""
    return f"timeline:{tag}"


def write_timelines(site: Site, dated: list[TimelineEntry],
                    tags: Collection[str] | None = None) -> None:
    """The timeline of ``dated`` (every dated claim and event, oldest first) and of each tag (or
    of the tags ``tags`` names)."""
    by_tag = {tag: [ref for ref in dated if tag in ref.subject.entity.tags]
              for tag in site.database.vocabulary.tags}
    listed = {tag: refs for tag, refs in by_tag.items() if refs}
    _timeline(site, TIMELINE_PAGE, dated, None, listed)
    for tag, refs in by_tag.items():
        if tags is None or tag in tags:
            with site.writer.family(tag_timeline_family(tag)):  # one no entry has any more: gone
                if refs:
                    _timeline(site, tag_timeline_page(tag), refs, tag, listed)


def _timeline(site: Site, page: str, refs: Sequence[TimelineEntry], tag: str | None,
              by_tag: dict[str, list[TimelineEntry]]) -> None:
    """One timeline: a page, or an index at ``page`` and a page per period."""
    def context(at: str) -> dict[str, Any]:
        info = site.database.vocabulary.tags[tag] if tag is not None else None
        return {
            "tag": {"name": tag, "description": info.description if info else "",
                    "href": relative(at, tag_page(tag))} if tag is not None else None,
            "total": len(refs),
            "whole": relative(at, TIMELINE_PAGE),
            "home": relative(at, page),
            "timelines": [{"name": name, "count": len(found), "current": name == tag,
                           "description": site.database.vocabulary.tags[name].description,
                           "href": relative(at, tag_timeline_page(name))}
                          for name, found in by_tag.items()],
        }

    if len(refs) <= paging.PER_PART:
        site.render(page, "timeline.md.j2", **context(page), period=None, index=None,
                    parts=None, items=timeline_items(site, page, refs), offset=0)
        return
    found = periods(refs)
    folder = page.removesuffix(".md")
    parts = [Part(number, f"{folder}/{period.slug}.md", period.refs, period.offset, period.label)
             for number, period in enumerate(found, 1)]
    site.render(page, "timeline.md.j2", **context(page), period=None,
                index=_index(page, found, parts), parts=None, items=[], offset=0)
    for period, part in zip(found, parts, strict=True):
        site.render(part.page, "timeline.md.j2", **context(part.page), period=period.label,
                    index=None, parts=parts_nav(part.page, parts, part),
                    items=timeline_items(site, part.page, period.refs), offset=period.offset)


def _index(page: str, found: Sequence[Period], parts: Sequence[Part[TimelineEntry]]
           ) -> list[dict[str, Any]]:
    """The years (or spans of years) of a timeline, each with its count of entries and its
    page, or the pages of its periods when it has several."""
    hrefs = {period.slug: relative(page, part.page)
             for period, part in zip(found, parts, strict=True)}
    rows = []
    for years, group in groupby(found, key=lambda period: period.years):
        within = list(group)
        rows.append({
            "label": years, "count": sum(len(period.refs) for period in within),
            "href": hrefs[within[0].slug] if len(within) == 1 else None,
            "periods": [{"label": period.label, "count": len(period.refs),
                         "href": hrefs[period.slug]} for period in within]
            if len(within) > 1 else [],
        })
    return rows
