"""Source pages with every cited quote marked, the sources index and the coverage report."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection

from ..check.coverage import coverage
from ..database import CitationRef, Database
from ..records.source import Source
from ..urls import relative, source_page
from .highlight import Span, marked_html
from .paging import numbered, parts_nav, split
from .render import Site

#: Search indexes a page in sections that begin at Markdown headings. Zensical refuses a section
#: over a limit that falls as the index grows (32 KiB at 18,000 sections, 16 KiB at 61,000), so a
#: source page starts a section where its paragraphs would pass this.
SECTION_BYTES = 8_000


def _citations_by_paragraph(database: Database) -> dict[tuple[str, int], list[CitationRef]]:
    cited: dict[tuple[str, int], list[CitationRef]] = defaultdict(list)
    for ref in database.citations():
        cited[(ref.citation.source, ref.citation.paragraph)].append(ref)
    return cited


def write_source_pages(site: Site, advance: Callable[[], None],
                       only: Collection[str] | None = None) -> None:
    """A page for each source (or for the sources ``only`` names); ``advance`` is called after
    each one."""
    cited = _citations_by_paragraph(site.database)
    for source in site.database.sources.values():
        if only is None or source.id in only:
            _source_page(site, source, cited)
            advance()


def _source_page(
    site: Site, source: Source, cited: dict[tuple[str, int], list[CitationRef]]
) -> None:
    page = source_page(source.id)
    views = site.views
    paragraphs = []
    run = 0  # bytes of text since the last section heading (the source's own are raw HTML)
    for paragraph in source.paragraphs:
        size = len(paragraph.text.encode("utf-8"))
        continued = run > 0 and run + size > SECTION_BYTES
        run = size if continued else run + size
        refs = cited.get((source.id, paragraph.n), [])
        folded = paragraph.folded
        spans = []
        for ref in refs:
            located = folded.locate(ref.citation.quote, ref.citation.occurrence)
            if located is not None:
                spans.append(Span(ref.anchor, *located))
        claims = []
        seen: set[str] = set()
        for ref in refs:
            if ref.claim.id not in seen:
                seen.add(ref.claim.id)
                claims.append(views.claim_mention(page, ref.claim))
        paragraphs.append({
            "n": paragraph.n,
            "kind": paragraph.kind,
            "anchor": paragraph.anchor,
            "text": paragraph.text,
            "html": marked_html(paragraph, spans),
            "claims": claims,
            "continued": continued,
        })
    meta = source.meta
    publisher = (site.views.entity_link(page, meta.publisher)
                 if meta.publisher in site.database.entities else None)
    site.render(
        page, "source.md.j2",
        source={"id": source.id, "title": meta.title, "label": meta.label or meta.title,
                "title_note": meta.title_note, "publisher": publisher,
                "publisher_note": meta.publisher_note, "date": meta.date.label(),
                "date_note": meta.date.note, "language": meta.language, "url": meta.url,
                "sha256": meta.sha256, "original_name": meta.original_name,
                "notes": list(meta.notes), "text_href": f"{source.id}.txt"},
        paragraphs=paragraphs,
    )


def write_sources_index(site: Site) -> None:
    page = "sources/index.md"
    citing: dict[str, set[str]] = defaultdict(set)
    for ref in site.database.citations():
        citing[ref.citation.source].add(ref.claim.claim.id)
    sources = [
        {"label": s.meta.label or s.meta.title, "title": s.meta.title,
         "date": s.meta.date.label(), "href": relative(page, source_page(s.id)),
         "paragraphs": len(s.paragraphs),
         "claims": len(citing[s.id])}
        for s in site.database.sources.values()
    ]
    site.render(page, "sources_index.md.j2", sources=sources)


def write_coverage(site: Site) -> None:
    report = coverage(site.database)
    parts = split("coverage.md", report, numbered("source", "sources"),
                  weight=lambda item: len(item.paragraphs))
    for part in parts:
        page = part.page
        site.render(page, "coverage.md.j2", parts=parts_nav(page, parts, part), report=[
            {
                "id": item.source.id,
                "label": item.source.meta.label or item.source.meta.title,
                "href": relative(page, source_page(item.source.id)),
                "cited": item.body_cited, "total": item.body_total, "percent": item.percent,
                "paragraphs": [
                    {"n": p.paragraph.n, "kind": p.paragraph.kind, "claims": p.claims,
                     "uncited": p.uncited_body,
                     "href": relative(page, source_page(item.source.id), p.paragraph.anchor),
                     "excerpt": " ".join(p.paragraph.text.split())[:90]}
                    for p in item.paragraphs
                ],
            }
            for item in part.items
        ])
