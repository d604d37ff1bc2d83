"""Checks of dates that cannot be right: a date worked out from a source's wording that falls
after the source itself (\"last July\" in a 2025 report entered as 2026-07)."""

from __future__ import annotations

from ..database import ClaimRef, Database
from ..errors import Problem


def _after(value: str, limit: str) -> bool:
    """Whether the date ``value`` lies after ``limit``, compared at the precision both have."""
    shared = min(len(value), len(limit))
    return value[:shared] > limit[:shared]


def check_dates(database: Database, ref: ClaimRef) -> list[Problem]:
    date = ref.claim.date
    if date is None or not date.inferred or date.note:
        return []
    problems = []
    for source_id in dict.fromkeys(citation.source for citation in ref.claim.citations):
        source = database.sources.get(source_id)
        if source is not None and _after(date.value, source.meta.date.value):
            problems.append(Problem(
                ref.subject.document.display, ref.subject.claim_line(ref.index, "date"),
                f"{ref.path}.date: {date.value} is inferred from the wording "
                f"{date.wording!r} of {source_id}, which dates from {source.meta.date.value}: it "
                "cannot come after its source; resolve the wording against the source's date, "
                "or add a 'note' explaining the date"))
    return problems
