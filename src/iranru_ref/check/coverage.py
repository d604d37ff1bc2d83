"""Paragraph coverage: how many claims cite each paragraph of each source."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..database import Database
from ..errors import Problem
from ..records.source import Paragraph, Source


@dataclass(frozen=True, slots=True)
class ParagraphCoverage:
    paragraph: Paragraph
    claims: int

    @property
    def uncited_body(self) -> bool:
        return self.paragraph.kind == "body" and self.claims == 0


@dataclass(frozen=True, slots=True)
class SourceCoverage:
    source: Source
    paragraphs: tuple[ParagraphCoverage, ...]

    @property
    def body_total(self) -> int:
        return sum(1 for p in self.paragraphs if p.paragraph.kind == "body")

    @property
    def body_cited(self) -> int:
        return sum(1 for p in self.paragraphs if p.paragraph.kind == "body" and p.claims)

    @property
    def percent(self) -> float:
        return 100.0 * self.body_cited / self.body_total if self.body_total else 100.0


def coverage(database: Database) -> list[SourceCoverage]:
    counts: Counter[tuple[str, int]] = Counter()
    for ref in database.claims():
        for key in {(c.source, c.paragraph) for c in ref.claim.citations}:
            counts[key] += 1
    return [
        SourceCoverage(
            source,
            tuple(ParagraphCoverage(p, counts[(source.id, p.n)]) for p in source.paragraphs),
        )
        for source in database.sources.values()
    ]


def summary_lines(report: list[SourceCoverage]) -> list[str]:
    lines = []
    for item in report:
        uncited = [str(p.paragraph.n) for p in item.paragraphs if p.uncited_body]
        line = (f"{item.source.id}: {item.body_cited}/{item.body_total} body paragraphs cited "
                f"({item.percent:.0f}%)")
        if uncited:
            line += f"; uncited: {', '.join(uncited)}"
        lines.append(line)
    return lines


def uncited_body_paragraphs(database: Database) -> list[Problem]:
    """A problem for each body paragraph that no claim cites, where full coverage is required."""
    problems = []
    for item in coverage(database):
        document = database.source_documents[item.source.id]
        for covered in item.paragraphs:
            if covered.uncited_body:
                problems.append(Problem(
                    document.display, document.line_of(("paragraphs",)),
                    f"paragraph {covered.paragraph.n} of sources/{item.source.id}.txt is a body "
                    "paragraph that no claim cites, and full coverage is required "
                    "(require_full_coverage in mkdocs.yml): cite it, or give its kind under "
                    "'paragraphs:' (heading, dateline, caption or boilerplate)"))
    return problems
