"""Text normalisation for quotes: Unicode NFC and whitespace folding, and nothing else.

A quote matches its paragraph when the two agree after both are normalised to NFC and every
run of whitespace is folded to one space. Offsets found in the folded text are mapped back to
the NFC text, which is what the site displays, so cited spans can be highlighted exactly.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

_SPACE = re.compile(r"\s+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def occurrences(text: str, needle: str) -> list[int]:
    """Where ``needle`` starts in ``text``, overlapping occurrences included."""
    found: list[int] = []
    start = text.find(needle) if needle else -1
    while start != -1:
        found.append(start)
        start = text.find(needle, start + 1)
    return found


def fold(text: str) -> str:
    """NFC, with each whitespace run folded to a single space and the ends trimmed."""
    return " ".join(nfc(text).split())  # str.split() splits at str.isspace() runs, as \s+ does


@dataclass(frozen=True, slots=True)
class FoldedText:
    """A folded text, and where each of its characters sits in the NFC original.

    Folding moves a character only where a whitespace run longer than one character is folded
    (or a leading one dropped), so the map is kept as those points: from the folded offset
    ``breaks[i]`` on, the original runs ``shifts[i]`` characters ahead. A character-by-character
    map cost 36 bytes a character (every paragraph of every source, kept for the whole build).
    """

    original: str
    folded: str
    breaks: tuple[int, ...] = ()
    shifts: tuple[int, ...] = ()

    @classmethod
    def of(cls, text: str) -> FoldedText:
        original = nfc(text)
        folded = " ".join(original.split())
        if folded == original:  # nothing to fold: every character stays where it was
            return cls(original, original)
        breaks: list[int] = []
        shifts: list[int] = []
        shift = 0
        for run in _SPACE.finditer(original):
            start, end = run.span()
            if end == len(original) and start > 0:
                break  # a trailing run is dropped, and nothing follows it
            # A leading run is dropped; any other becomes one space, which stands for the run's
            # last character, so the next word follows it as in the original.
            position = start - shift  # where the run starts in the folded text
            moved = end if start == 0 else end - 1 - position
            if moved != shift:
                breaks.append(position)
                shifts.append(moved)
                shift = moved
        return cls(original, folded, tuple(breaks), tuple(shifts))

    def offset(self, folded_offset: int) -> int:
        """The offset in the NFC original of the folded character at ``folded_offset``."""
        index = bisect.bisect_right(self.breaks, folded_offset)
        return folded_offset + self.shifts[index - 1] if index else folded_offset

    def occurrences(self, quote: str) -> list[int]:
        """Start offsets (in the folded text) of every occurrence of the folded quote."""
        return occurrences(self.folded, fold(quote))

    def locate(self, quote: str, occurrence: int | None) -> tuple[int, int] | None:
        """The ``(start, end)`` of the quote's ``occurrence`` (the first by default) in the NFC
        original, or None if it is not there."""
        found = self.occurrences(quote)
        index = (occurrence or 1) - 1
        if index >= len(found):
            return None
        return self.span(found[index], len(fold(quote)))

    def span(self, folded_start: int, length: int) -> tuple[int, int]:
        """The ``(start, end)`` slice of the NFC original that a folded range came from."""
        return self.offset(folded_start), self.offset(folded_start + length - 1) + 1
