"""Text normalisation for quotes: Unicode NFC and whitespace folding, and nothing else.

A quote matches its paragraph when the two agree after both are normalised to NFC and every
run of whitespace is folded to one space. Offsets found in the folded text are mapped back to
the NFC text, which is what the site displays, so cited spans can be highlighted exactly.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

_SPACE = re.compile(r"\s+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """NFC, with each whitespace run folded to a single space and the ends trimmed."""
    return " ".join(nfc(text).split())  # str.split() splits at str.isspace() runs, as \s+ does


class FoldedText(NamedTuple):
    """A folded text together with the offset in the NFC original of each folded character."""

    original: str
    folded: str
    offsets: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> FoldedText:
        original = nfc(text)
        folded_text = " ".join(original.split())
        if folded_text == original:  # nothing to fold: every character stays where it was
            return cls(original, folded_text, tuple(range(len(original))))
        folded: list[str] = []
        offsets: list[int] = []
        pending_space = False
        for index, char in enumerate(original):
            if char.isspace():
                pending_space = bool(folded)
                continue
            if pending_space:
                folded.append(" ")
                offsets.append(index - 1)
                pending_space = False
            folded.append(char)
            offsets.append(index)
        return cls(original, "".join(folded), tuple(offsets))

    def occurrences(self, quote: str) -> list[int]:
        """Start offsets (in the folded text) of every occurrence of the folded quote."""
        needle = fold(quote)
        if not needle:
            return []
        found = []
        start = self.folded.find(needle)
        while start != -1:
            found.append(start)
            start = self.folded.find(needle, start + 1)
        return found

    def span(self, folded_start: int, length: int) -> tuple[int, int]:
        """The ``(start, end)`` slice of the NFC original that a folded range came from."""
        start = self.offsets[folded_start]
        end = self.offsets[folded_start + length - 1] + 1
        return start, end
