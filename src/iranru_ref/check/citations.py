"""Checks of each citation: the paragraph exists and holds the quote verbatim, once."""

from __future__ import annotations

from ..database import ClaimRef, Database
from ..errors import Problem
from ..records.source import Source
from ..records.text import fold


def check_citations(database: Database, ref: ClaimRef) -> list[Problem]:
    problems: list[Problem] = []
    record, index = ref.subject, ref.index
    display = record.document.display
    for position, citation in enumerate(ref.claim.citations):
        where = f"claims[{index}].citations[{position}]"

        def report(message: str, *path: str, where: str = where, position: int = position) -> None:
            line = record.claim_line(index, "citations", position, *path)
            problems.append(Problem(display, line, f"{where}{message}"))

        source = database.sources.get(citation.source)
        if source is None and citation.source in database.broken_sources:
            continue  # its metadata has a problem of its own
        if source is None:
            known = ", ".join(sorted(database.sources)) or "none"
            report(f".source: no source has the id {citation.source!r}; known sources: {known}",
                   "source")
            continue
        paragraph = source.paragraph(citation.paragraph)
        if paragraph is None:
            report(f".paragraph: source {source.id!r} has paragraphs 1 to "
                   f"{len(source.paragraphs)}, got {citation.paragraph}", "paragraph")
            continue
        found = paragraph.folded.occurrences(citation.quote)
        if not found:
            report(".quote: " + _quote_not_found(source, paragraph.n, citation.quote),
                   "quote")
        elif citation.occurrence is not None and citation.occurrence > len(found):
            report(f".occurrence: the quote occurs {len(found)} time(s) in paragraph "
                   f"{paragraph.n}, got occurrence {citation.occurrence}", "occurrence")
        elif len(found) > 1 and citation.occurrence is None:
            report(f".quote: the quote occurs {len(found)} times in paragraph {paragraph.n}; "
                   "lengthen it until it is unique, or add 'occurrence: N' to pick one", "quote")
    return problems


def _quote_not_found(source: Source, n: int, quote: str) -> str:
    needle = fold(quote)
    elsewhere = []
    for paragraph in source.paragraphs:
        if needle in paragraph.folded.folded:
            elsewhere.append(paragraph.n)
    if elsewhere:
        return (f"the quote is not in paragraph {n} but is in paragraph "
                f"{', '.join(map(str, elsewhere))}; fix the paragraph number")
    whole = " ".join(p.folded.folded for p in source.paragraphs)
    if needle in whole:
        return ("the quote runs across two paragraphs; a quote must lie within one paragraph, "
                "so split it into one citation per paragraph")
    shown = needle if len(needle) <= 60 else needle[:57] + "..."
    return (f"{shown!r} is not a verbatim span of {source.id} paragraph {n} (compared after "
            "Unicode NFC and whitespace folding only); copy the words exactly, including "
            "punctuation and curly quotes")
