"""Splitting a listing that covers the whole database into parts of bounded size.

The timeline, the network's relation table, the figures table, the coverage report, the type
indexes and the tag pages list every claim, relation, figure, paragraph or entity of their
kind. With hundreds of sources one page of each would weigh megabytes, so a long listing is cut
into parts: the first stays at its usual page (``timeline.md``), the others follow it at
``timeline/2.md``, ``timeline/3.md`` and so on (or in a folder of their own, such as
``people-index/2.md``), and every part links to others (``nav_numbers``). A listing that
fits in one part is one page, as before. ``PER_PART`` also bounds what a page draws, such as the
network graph.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from ..database import EntityRecord
from ..urls import relative

T = TypeVar("T")

#: entries per part of a long listing, and the most a page draws in one graph or chart
PER_PART = 300
#: a part links this many neighbours on each side, and up to ``LANDMARKS`` round numbers per scale
NEIGHBOURS = 3
LANDMARKS = 10


@dataclass(frozen=True, slots=True)
class Part(Generic[T]):
    number: int
    page: str
    items: Sequence[T]
    #: the 0-based position of the part's first item in the whole listing
    offset: int
    label: str


def part_page(page: str, number: int, folder: str | None = None) -> str:
    """Where part ``number`` of the listing at ``page`` lives: ``timeline.md`` →
    ``timeline/2.md``, or ``FOLDER/2.md`` for a page that shares its folder with others."""
    if number == 1:
        return page
    return f"{folder or page.removesuffix('.md')}/{number}.md"


def split(page: str, items: Sequence[T], label: Callable[[Sequence[T], int], str],
          per_part: int | None = None, weight: Callable[[T], int] | None = None,
          folder: str | None = None) -> list[Part[T]]:
    """``items`` in consecutive parts of at most ``per_part`` (default ``PER_PART``) entries, or
    of that much ``weight`` where one item stands for several entries; an item heavier than a
    part gets a part of its own. ``label`` names a part from its items and its offset.

    An empty listing is one empty part, so that its page still exists.
    """
    per_part = per_part or PER_PART
    chunks: list[tuple[int, Sequence[T]]] = []
    start, total = 0, 0
    for index, item in enumerate(items):
        size = weight(item) if weight else 1
        if index > start and total + size > per_part:
            chunks.append((start, items[start:index]))
            start, total = index, 0
        total += size
    chunks.append((start, items[start:]))
    return [Part(number, part_page(page, number, folder), chunk, offset, label(chunk, offset))
            for number, (offset, chunk) in enumerate(chunks, 1)]


def nav_numbers(number: int, count: int) -> list[int]:
    """The parts that part ``number`` of ``count`` links to (itself included), in order.

    A listing of a few parts lists them all. A longer one lists the first and the last, the
    ``NEIGHBOURS`` on each side, and round numbers at every scale: the multiples of 10 in the
    current hundred, of 100 in the current thousand, and so on. A reader reaches any part in a
    few steps, and each part lists a number of links that grows with the logarithm of ``count``
    (listing every part on every part would grow with its square).
    """
    if count <= 2 * NEIGHBOURS + LANDMARKS:
        return list(range(1, count + 1))
    shown = {1, count, *range(max(1, number - NEIGHBOURS), min(count, number + NEIGHBOURS) + 1)}
    stride = 1
    while stride * LANDMARKS < count:
        stride *= LANDMARKS
    top = stride * LANDMARKS
    while stride > 1:
        block = (number - 1) // top * top
        shown.update(range(block + stride, min(count, block + top) + 1, stride))
        top, stride = stride, stride // LANDMARKS
    return sorted(shown)


def numbered(one: str, many: str) -> Callable[[Sequence[Any], int], str]:
    """Parts labelled by the numbers of their entries: ``sources 1–12``, ``source 13``."""
    def label(items: Sequence[Any], offset: int) -> str:
        if len(items) == 1:
            return f"{one} {offset + 1:,}"
        return f"{many} {offset + 1:,}–{offset + len(items):,}" if items else f"no {many}"
    return label


def name_range(records: Sequence[EntityRecord], offset: int) -> str:
    """Parts of a list by name, labelled by the first and last names they hold."""
    if not records:
        return "none"
    names = [_shortened(records[0].name), _shortened(records[-1].name)]
    return names[0] if len(records) == 1 else " – ".join(names)


def _shortened(name: str, limit: int = 30) -> str:
    """``name``, cut after its last whole word within ``limit`` characters."""
    if len(name) <= limit:
        return name
    return name[:limit].rsplit(" ", 1)[0].rstrip(" ,;:–-") + "…"


def parts_nav(page: str, parts: Sequence[Part[Any]], current: Part[Any]) -> dict[str, Any]:
    """What a part shows of the others: its number, links to the parts ``nav_numbers``
    picks (each marked when parts are skipped before it), and the next one."""
    following = parts[current.number] if current.number < len(parts) else None
    shown = nav_numbers(current.number, len(parts))
    parted = len(parts) > 1
    return {
        "number": current.number, "count": len(parts), "label": current.label,
        "title_suffix": f", part {current.number}: {current.label}" if parted else "",
        "heading_suffix": f", part {current.number} of {len(parts)}" if parted else "",
        "parts": [{"number": number, "label": parts[number - 1].label,
                   "skipped": index > 0 and number - shown[index - 1] > 1,
                   "href": relative(page, parts[number - 1].page)
                   if number != current.number else None}
                  for index, number in enumerate(shown)],
        "next": {"label": following.label, "href": relative(page, following.page)}
        if following else None,
    }
