"""Folding a paragraph, and mapping folded offsets back to the text the site displays."""

from __future__ import annotations

import random

import pytest

from iranru_ref.records.text import FoldedText, fold, nfc

#: whitespace as str.isspace() and re's \s see it, with letters and a combining accent
ALPHABET = ["a", "b", "é", "e\u0301", ".", " ", " ", "\n", "\t", "\u00a0", "\u2009", "\u3000",
            "\x1c", "\r\n"]


def offsets_one_by_one(text: str) -> list[int]:
    """Each folded character's offset in the NFC original, found by walking the original."""
    original = nfc(text)
    offsets: list[int] = []
    pending_space = False
    for index, char in enumerate(original):
        if char.isspace():
            pending_space = bool(offsets)
            continue
        if pending_space:
            offsets.append(index - 1)
            pending_space = False
        offsets.append(index)
    return offsets


@pytest.mark.parametrize("text", [
    "", "   ", "plain words only", "  leading", "trailing \n ", "two  spaces", "tab\tand\nline",
    "a \n\t b   c", "\u00a0\u00a0non-breaking\u00a0\u00a0spaces\u3000end", "x", " x ",
    "e\u0301t\u00e9  e\u0301",
])
def test_each_folded_character_maps_to_where_it_sits_in_the_original(text: str) -> None:
    folded = FoldedText.of(text)
    assert folded.original == nfc(text)
    assert folded.folded == fold(text)
    assert [folded.offset(i) for i in range(len(folded.folded))] == offsets_one_by_one(text)


def test_random_texts_map_as_the_walk_does() -> None:
    generator = random.Random(7)
    for _ in range(2000):
        text = "".join(generator.choice(ALPHABET) for _ in range(generator.randint(0, 40)))
        folded = FoldedText.of(text)
        offsets = offsets_one_by_one(text)
        assert folded.folded == fold(text), repr(text)
        assert [folded.offset(i) for i in range(len(folded.folded))] == offsets, repr(text)
        for start in range(len(folded.folded)):
            length = generator.randint(1, len(folded.folded) - start)
            assert folded.span(start, length) == (offsets[start], offsets[start + length - 1] + 1)


def test_a_text_with_nothing_to_fold_keeps_no_map() -> None:
    folded = FoldedText.of("A single space between words.\nAnd a line break.")
    assert folded.breaks == folded.shifts == ()
    assert folded.span(2, 6) == (2, 8)


def test_the_map_grows_with_the_runs_folded_not_with_the_text() -> None:
    text = ("word " * 10_000) + "  end"
    folded = FoldedText.of(text)
    assert len(folded.breaks) == 1
    assert folded.original[slice(*folded.span(len(folded.folded) - 3, 3))] == "end"


def test_a_quote_across_a_folded_line_break_is_located_in_the_displayed_text() -> None:
    paragraph = "  The deal was signed\n   in Moscow  last September."
    folded = FoldedText.of(paragraph)
    start, end = folded.locate("signed in Moscow", None)  # type: ignore[misc]
    assert folded.original[start:end] == "signed\n   in Moscow"
    start, end = folded.locate("last September.", 1)  # type: ignore[misc]
    assert folded.original[start:end] == "last September."
    assert folded.locate("last September.", 2) is None
