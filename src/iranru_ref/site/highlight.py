"""Marking cited quotes inside a paragraph's text, as HTML.

Quotes may overlap, so the paragraph is cut at every quote boundary and each piece is wrapped
in one ``<mark>`` that lists all the citations covering it. An empty anchor element sits where
each citation's quote starts, so a link can target that exact citation.
"""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass

from markupsafe import Markup

from ..records.source import Paragraph
from ..records.text import nfc


@dataclass(frozen=True, slots=True)
class Span:
    anchor: str
    start: int
    end: int


def marked_html(paragraph: Paragraph, spans: list[Span]) -> Markup:
    text = nfc(paragraph.text)  # what FoldedText.of(paragraph.text).original holds
    cuts = {0, len(text)}
    for span in spans:
        cuts.update((span.start, span.end))
    starts: dict[int, list[str]] = defaultdict(list)
    for span in spans:
        starts[span.start].append(span.anchor)
    points = sorted(cuts)
    pieces: list[str] = []
    for left, right in zip(points, points[1:], strict=False):
        for anchor in starts.get(left, ()):
            pieces.append(f'<span class="cite-target" id="{anchor}"></span>')
        chunk = html.escape(" ".join(text[left:right].split("\n")), quote=False)
        covering = [s.anchor for s in spans if s.start <= left and right <= s.end]
        if covering:
            pieces.append(f'<mark class="cited" data-cites="{" ".join(covering)}">{chunk}</mark>')
        else:
            pieces.append(chunk)
    return Markup("".join(pieces))
