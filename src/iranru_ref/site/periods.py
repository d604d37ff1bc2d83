"""A long timeline cut by period: a page per year, or per span of years where they are sparse.

``periods(refs)`` takes timeline entries (dated claims, and events at their own dates) in date
order and returns consecutive periods that hold each of them once, in order. Consecutive years
share a period while it holds fewer than ``SPARSE`` entries and no more than a part's worth
(``paging.PER_PART``); a year with more than that is cut the same way into its months, after
the entries dated to the year alone; and a month (or the entries dated to the year alone) with
more still is cut into numbered parts, the only cut that is not by date.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from . import paging
from .views import TimelineEntry, entry_date

#: a span of years (or of months) takes in the next while it holds fewer entries than this
SPARSE = 100


@dataclass(frozen=True, slots=True)
class Period:
    #: the name of its page: ``2019``, ``2001-to-2004``, ``2019-03``, ``2019-year``,
    #: ``2019-03-part-2``
    slug: str
    #: ``2019``, ``2001–2004``, ``2019-03``, ``2019-01 – 2019-04``, ``2019, year only``
    label: str
    refs: Sequence[TimelineEntry]
    #: the 0-based position of its first entry in the whole timeline
    offset: int
    #: the year or span of years it belongs to, which the timeline's index lists
    years: str


@dataclass(frozen=True, slots=True)
class _Run:
    """The claims from ``start`` to ``end`` share ``key`` (a year, or a year and month)."""

    key: str
    start: int
    end: int


def _runs(refs: Sequence[TimelineEntry], start: int, end: int,
          key: Callable[[TimelineEntry], str]) -> list[_Run]:
    runs: list[_Run] = []
    for index in range(start, end):
        found = key(refs[index])
        if runs and runs[-1].key == found:
            runs[-1] = _Run(found, runs[-1].start, index + 1)
        else:
            runs.append(_Run(found, index, index + 1))
    return runs


def _spans(runs: Sequence[_Run], limit: int) -> list[list[_Run]]:
    """Consecutive runs together while they are sparse; a run over ``limit`` alone."""
    spans: list[list[_Run]] = []
    for run in runs:
        size = run.end - run.start
        if spans:
            held = spans[-1][-1].end - spans[-1][0].start
            if held < SPARSE and held + size <= limit:
                spans[-1].append(run)
                continue
        spans.append([run])
    return spans


def _date(ref: TimelineEntry) -> str:
    return entry_date(ref).sort_key


def _named(span: Sequence[_Run]) -> tuple[str, str]:
    """The slug and label of consecutive runs."""
    first, last = span[0].key, span[-1].key
    if first == last:
        return first, first
    return f"{first}-to-{last}", f"{first}–{last}" if len(first) == 4 else f"{first} – {last}"


def _cut(refs: Sequence[TimelineEntry], start: int, end: int, slug: str, label: str, years: str,
         limit: int) -> list[Period]:
    """The claims from ``start`` to ``end`` as one period, or in numbered parts of ``limit``."""
    if end - start <= limit:
        return [Period(slug, label, refs[start:end], start, years)]
    return [Period(f"{slug}-part-{number}", f"{label}, part {number}",
                   refs[offset:min(end, offset + limit)], offset, years)
            for number, offset in enumerate(range(start, end, limit), 1)]


def periods(refs: Sequence[TimelineEntry], limit: int | None = None) -> list[Period]:
    """``refs``, timeline entries in date order, cut into periods of at most ``limit`` entries
    (``paging.PER_PART`` by default) where the dates allow."""
    limit = limit or paging.PER_PART
    found: list[Period] = []
    for span in _spans(_runs(refs, 0, len(refs), lambda ref: _date(ref)[:4]), limit):
        slug, label = _named(span)
        start, end = span[0].start, span[-1].end
        if end - start <= limit:
            found.append(Period(slug, label, refs[start:end], start, label))
            continue
        months = _runs(refs, start, end, lambda ref: _date(ref)[:7])
        if months[0].key == label:  # the claims dated to the year alone come first
            year_only = months.pop(0)
            found += _cut(refs, year_only.start, year_only.end, f"{slug}-year",
                          f"{label}, year only", label, limit)
        for months_span in _spans(months, limit):
            month_slug, month_label = _named(months_span)
            found += _cut(refs, months_span[0].start, months_span[-1].end, month_slug,
                          month_label, label, limit)
    return found
