"""Proposing each paragraph's kind from its shape, for ``add-source``: a curator checks them.

Only the shape of a paragraph is read, never its meaning: a single short line without final
punctuation is a heading; a short line that holds a date (a weekday, a month and day, a numeric
date) or a wire dateline (``MOSCOW, Jan 17 (Reuters) -``) is a dateline; a line with a picture
credit is a caption; and a few stock phrases of news sites are boilerplate. A body paragraph
that opens with a wire dateline stays body, but its dateline is reported, since it is where
the text states its date and place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..records.source import ParagraphKind

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DATE = re.compile(
    r"\b(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b"
    rf"|{_MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{_MONTH}"
    r"|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b)")
#: ``MOSCOW, Jan 17 (Reuters) -``: a place in capitals, a date, an agency, a dash
WIRE_DATELINE = re.compile(
    rf"^(?P<dateline>[A-Z][A-Z .'’-]+(?:, [A-Za-z .]+)?,\s+(?P<date>{_MONTH}\s+\d{{1,2}}"
    r"(?:,\s+\d{4})?)\s+\((?P<agency>[^()]+)\))\s*[-–—]+\s*")
#: a picture credit: ``FILE PHOTO:``, ``Photo by``, ``(Photo: …)``, ``REUTERS/Name``, ``via REUTERS``
_CREDIT = re.compile(r"^(?:FILE )?PHOTO\b|\b(?:Photo(?:graph)?|Image|Picture)(?: by|:)|\((?:Photo|"
                     r"Image)|\bCredit:|\bREUTERS/|\bAP Photo\b|Getty Images|"
                     r"\bvia (?:REUTERS|AFP|AP)\b|/Pool\b")
_BOILERPLATE = re.compile(
    r"^(?:more news|read more|related(?: news| articles| stories)?|share(?: this)?|"
    r"advertisement|subscribe|follow us|(?:additional )?(?:reporting|writing|editing) by\b.*|"
    r"our standards: .*)$", re.IGNORECASE)
_SENTENCE_END = tuple(".!?…:;\"”’'")
#: the most words a heading, a dateline or a caption has
SHORT = 15


@dataclass(frozen=True, slots=True)
class Proposal:
    n: int
    kind: ParagraphKind
    #: why, in a few words, for the curator who checks it
    why: str


@dataclass(frozen=True, slots=True)
class Dateline:
    """A wire dateline that opens a paragraph: its words, and the date as the text writes it."""

    n: int
    words: str
    date: str


def _one_short_line(text: str, words: int = SHORT) -> bool:
    return "\n" not in text.strip() and len(text.split()) <= words


def proposed_kind(n: int, text: str) -> Proposal | None:
    """The kind that paragraph ``n`` looks like when it is not body text, or None."""
    line = " ".join(text.split())
    if _BOILERPLATE.match(line.rstrip(".")) and _one_short_line(text, 2 * SHORT):
        return Proposal(n, "boilerplate", "a stock phrase of news sites")
    if _CREDIT.search(line) and _one_short_line(text, 3 * SHORT):
        return Proposal(n, "caption", "a line with a picture credit")
    if WIRE_DATELINE.match(line):
        # on its own a dateline; opening a paragraph, the start of the body text
        return Proposal(n, "dateline", "a wire dateline") if not WIRE_DATELINE.sub("", line) else None
    if _DATE.search(line) and _one_short_line(text, 8):
        return Proposal(n, "dateline", "a short line with a date")
    if _one_short_line(text) and not line.endswith(_SENTENCE_END):
        return Proposal(n, "heading", "a short line without final punctuation")
    return None


def proposed_kinds(paragraphs: list[str]) -> list[Proposal]:
    """The proposed kinds of the paragraphs that do not look like body text."""
    return [found for n, text in enumerate(paragraphs, 1)
            if (found := proposed_kind(n, text)) is not None]


def datelines(paragraphs: list[str]) -> list[Dateline]:
    """Every wire dateline that opens a paragraph, and each short dateline paragraph."""
    found = []
    for n, text in enumerate(paragraphs, 1):
        line = " ".join(text.split())
        wire = WIRE_DATELINE.match(line)
        if wire is not None:
            found.append(Dateline(n, wire["dateline"], wire["date"]))
        elif _DATE.search(line) and _one_short_line(text, 8):
            found.append(Dateline(n, line, line))
    return found
