"""Checks of each citation: the paragraph exists and holds the quote verbatim, once."""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from ..database import ClaimRef, Database, EntityRecord
from ..errors import Problem
from ..records.claim import Citation
from ..records.source import Source
from ..records.text import fold
from ..suggest import did_you_mean


def check_citations(database: Database, ref: ClaimRef) -> list[Problem]:
    return citation_problems(database, ref.subject, ref.claim.citations, ref.path,
                             ("claims", ref.index))


def citation_problems(database: Database, record: EntityRecord, citations: Sequence[Citation],
                      where: str, path: tuple[str | int, ...]) -> list[Problem]:
    """The problems of ``citations``, which sit at ``path`` in ``record`` (``claims[x]``, or an
    event's ``date``), named from ``where``."""
    problems: list[Problem] = []
    display = record.document.display
    for position, citation in enumerate(citations):
        at = f"{where}.citations[{position}]"

        def report(message: str, *field: str, at: str = at, position: int = position) -> None:
            line = record.document.line_of((*path, "citations", position, *field))
            problems.append(Problem(display, line, f"{at}{message}"))

        source = database.sources.get(citation.source)
        if source is None and citation.source in database.broken_sources:
            continue  # its metadata has a problem of its own
        if source is None:
            known = ", ".join(sorted(database.sources)) or "none"
            report(f".source: no source has the id {citation.source!r}"
                   f"{did_you_mean(citation.source, database.sources)}; known sources: {known}",
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
        elif cut := _cut_word(paragraph.folded.folded, found[(citation.occurrence or 1) - 1:][:1],
                              fold(citation.quote)):
            report(f".quote: the quote {cut} in paragraph {paragraph.n}; quote whole words",
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
    folded = source.paragraphs[n - 1].folded.folded
    whole = " ".join(p.folded.folded for p in source.paragraphs)
    if needle in whole:
        return ("the quote runs across two paragraphs; a quote must lie within one paragraph, "
                "so split it into one citation per paragraph")
    return (f"the quote is not a verbatim span of {source.id} paragraph {n} (compared after "
            f"Unicode NFC and whitespace folding only): {_first_difference(folded, needle)}; "
            "copy the words exactly, including punctuation and curly quotes")


def _cut_word(folded: str, starts: list[int], needle: str) -> str | None:
    """How the quote found at ``starts[0]`` cuts a word of the paragraph, if it does."""
    if not starts:
        return None
    start, end = starts[0], starts[0] + len(needle)
    before = folded[start - 1] if start > 0 else " "
    after = folded[end] if end < len(folded) else " "
    if before.isalnum() and needle[0].isalnum():
        word = folded[:start].split(" ")[-1] + needle.split(" ")[0]
        return f"starts in the middle of the word {word!r}"
    if after.isalnum() and needle[-1].isalnum():
        word = needle.split(" ")[-1] + folded[end:].split(" ")[0]
        return f"ends in the middle of the word {word!r}"
    return None


def _character(text: str, index: int) -> str:
    if index >= len(text):
        return "nothing (it ends there)"
    return f"{text[index]!r} (U+{ord(text[index]):04X})"


def _first_difference(folded: str, needle: str) -> str:
    """Where the paragraph's closest passage first differs from the quote, shown with ⟦⟧."""
    matcher = difflib.SequenceMatcher(None, folded, needle, autojunk=False)
    block = matcher.find_longest_match(0, len(folded), 0, len(needle))
    start = max(0, block.a - block.b)
    passage = folded[start:start + len(needle) + 1]
    if difflib.SequenceMatcher(None, passage, needle, autojunk=False).ratio() < 0.6:
        return "no passage of the paragraph is close to it"
    index = next((i for i, (a, b) in enumerate(zip(passage, needle, strict=False)) if a != b),
                 min(len(passage), len(needle)))
    shown_from = max(0, index - 30)
    context = (("…" if start + shown_from > 0 else "") + passage[shown_from:index] + "⟦"
               + passage[index:index + 1] + "⟧" + passage[index + 1:index + 20] + "…")
    after = f" after {needle[:index][-30:]!r}" if index else " at its start"
    return (f"the closest passage reads {context!r}, which has {_character(passage, index)} "
            f"where the quote has {_character(needle, index)}{after}")
