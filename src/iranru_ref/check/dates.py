"""Checks of dates: a date worked out from a source's wording that falls after the source
itself (\"last July\" in a 2025 report entered as 2026-07), and an own date on a record that is
not an event."""

from __future__ import annotations

from collections.abc import Sequence

from ..database import ClaimRef, Database, EntityRecord
from ..errors import Problem
from ..records.claim import Citation
from ..records.dates import PartialDate


def _after(value: str, limit: str) -> bool:
    """Whether the date ``value`` lies after ``limit``, compared at the precision both have."""
    shared = min(len(value), len(limit))
    return value[:shared] > limit[:shared]


def check_dates(database: Database, ref: ClaimRef) -> list[Problem]:
    return _after_its_sources(database, ref.subject, ref.claim.date, ref.claim.citations,
                              ref.path, ("claims", ref.index, "date"))


def check_event_date(database: Database, record: EntityRecord) -> list[Problem]:
    """An event's own date: only an event has one, and it cannot come after its sources."""
    date = record.entity.date
    if date is None:
        return []
    if record.type != "event":
        return [Problem(record.document.display, record.document.line_of(("date",)),
                        f"date: only an event has a date of its own, and this is a "
                        f"{record.type}; date its claims instead (a 'date' in each claim)")]
    return _after_its_sources(database, record, date, date.citations, "", ("date",))


def _after_its_sources(database: Database, record: EntityRecord, date: PartialDate | None,
                       citations: Sequence[Citation], where: str,
                       path: tuple[str | int, ...]) -> list[Problem]:
    if date is None or not date.inferred or date.note:
        return []
    problems = []
    for source_id in dict.fromkeys(citation.source for citation in citations):
        source = database.sources.get(source_id)
        if source is not None and _after(date.value, source.meta.date.value):
            problems.append(Problem(
                record.document.display, record.document.line_of(path),
                f"{where}{'.' if where else ''}date: {date.value} is inferred from the wording "
                f"{date.wording!r} of {source_id}, which dates from {source.meta.date.value}: it "
                "cannot come after its source; resolve the wording against the source's date, "
                "or add a 'note' explaining the date"))
    return problems
