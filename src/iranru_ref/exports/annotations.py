"""``annotations.jsonld``: every citation as a W3C Web Annotation, the format annotation tools
(Hypothesis and others) use to anchor quotes.

Each annotation's target is the cited paragraph of the source page (``sources/<id>/#p<n>``),
selected twice: a TextQuoteSelector (``exact`` with enough ``prefix`` and ``suffix`` that the
three together occur once in the paragraph) and a TextPositionSelector (code point offsets).
Both refer to the paragraph's text in Unicode NFC, exactly as ``paragraphs.text`` in the other
downloads once normalised. The body is the claim's text, and a link to the claim.

An annotation's IRI is the quote it anchors, as the source page marks it
(``sources/<id>/#cite-<claim id>-<k>``), an address that resolves on the site, as
``claims.jsonld``'s citations have it. IRIs are relative to this file unless ``site_url`` is set
in mkdocs.yml (see site_config); the collection's is the file as the site serves it.
"""

from __future__ import annotations

from typing import Any, TextIO

from ..database import CitationRef, Database
from ..records.text import occurrences
from ..urls import entity_page, page_url, source_page
from .json_text import write_json
from .site_config import SiteConfig

FILE_NAME = "annotations.jsonld"
PATH = f"data/{FILE_NAME}"
ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_CHARS = 32


def quote_selector(text: str, start: int, end: int) -> dict[str, Any]:
    """A TextQuoteSelector for ``text[start:end]`` whose prefix, exact and suffix together
    occur exactly once in ``text``; context grows from ``CONTEXT_CHARS`` until they do."""
    exact = text[start:end]
    size = CONTEXT_CHARS
    while True:
        prefix = text[max(0, start - size):start]
        suffix = text[end:end + size]
        whole = start - size <= 0 and end + size >= len(text)
        if whole or len(occurrences(text, prefix + exact + suffix)) == 1:
            break
        size *= 2
    selector: dict[str, Any] = {"type": "TextQuoteSelector", "exact": exact}
    if prefix:
        selector["prefix"] = prefix
    if suffix:
        selector["suffix"] = suffix
    return selector


def annotation(database: Database, site: SiteConfig, ref: CitationRef) -> dict[str, Any]:
    citation = ref.citation
    paragraph = database.sources[citation.source].paragraph(citation.paragraph)
    span = paragraph.folded.locate(citation.quote, citation.occurrence) if paragraph else None
    if paragraph is None or span is None:
        raise ValueError(f"{ref.claim.id}: citation {ref.number} does not locate; "
                         "the database was not checked")
    start, end = span
    subject = ref.claim.subject
    claim_page = page_url(entity_page(subject.type, subject.id))
    return {
        "id": annotation_id(site, ref, PATH),
        "type": "Annotation",
        "motivation": "describing",
        "body": [
            {"type": "TextualBody", "purpose": "describing", "value": ref.claim.claim.text,
             "format": "text/plain", "language": "en"},
            {"type": "SpecificResource", "purpose": "linking",
             "source": site.iri(f"{claim_page}#{ref.claim.anchor}", PATH)},
        ],
        "target": {
            "type": "SpecificResource",
            "source": site.iri(f"{page_url(source_page(citation.source))}#p{paragraph.n}",
                               PATH),
            "selector": [
                quote_selector(paragraph.folded.original, start, end),
                {"type": "TextPositionSelector", "start": start, "end": end},
            ],
        },
    }


def annotation_id(site: SiteConfig, ref: CitationRef, from_file: str) -> str:
    """The IRI of the citation ``ref``'s annotation, as written in ``from_file``: the quote,
    marked on its source's page."""
    return site.iri(f"{page_url(source_page(ref.citation.source))}#{ref.anchor}", from_file)


def annotations_document(database: Database, site: SiteConfig,
                         served: str = FILE_NAME) -> dict[str, Any]:
    """The collection, as the file ``served`` (under ``data/``) holds it."""
    items = (annotation(database, site, ref) for ref in database.citations())
    return {
        "@context": ANNOTATION_CONTEXT,
        "id": site.iri(f"data/{served}", PATH),
        "type": "AnnotationCollection",
        "label": f"{site.name}: every citation, anchored in its source paragraph",
        "total": sum(len(ref.claim.citations) for ref in database.claims()),
        "first": {"id": site.iri(f"data/{served}#page-1", PATH), "type": "AnnotationPage",
                  "startIndex": 0, "items": items},
    }


def write_annotations(database: Database, served: str, file: TextIO) -> None:
    """The collection, into ``file``, which the site serves as ``served``."""
    document = annotations_document(database, SiteConfig.load(database.root), served)
    # one annotation per line: the collection, its first page, the page's items
    write_json(document, 3, file)
