"""Source pages with every cited quote marked, the sources index and the coverage report."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection
from typing import Any

from ..check.coverage import coverage
from ..database import CitationRef, Database, EntityRecord
from ..records.claim import Citation
from ..records.source import Source, SourceMeta
from ..urls import relative, source_page
from .citation import Edition, page_citation
from .highlight import Span, marked_html
from .paging import numbered, parts_nav, split
from .render import Site
from .search_filters import source_filters
from .views import event_date_anchor

#: Search indexes a page in sections that begin at Markdown headings. Zensical refuses a section
#: over a limit that falls as the index grows (32 KiB at 18,000 sections, 16 KiB at 61,000), so a
#: source page starts a section where its paragraphs would pass this.
SECTION_BYTES = 8_000


def _citations_by_paragraph(database: Database) -> dict[tuple[str, int], list[CitationRef]]:
    cited: dict[tuple[str, int], list[CitationRef]] = defaultdict(list)
    for ref in database.citations():
        cited[(ref.citation.source, ref.citation.paragraph)].append(ref)
    return cited


#: an event whose own date a paragraph states, with the citation's number and the citation
EventDateCitation = tuple[EntityRecord, int, Citation]


def _event_dates_by_paragraph(database: Database) -> dict[tuple[str, int], list[EventDateCitation]]:
    cited: dict[tuple[str, int], list[EventDateCitation]] = defaultdict(list)
    for record in database.entities.values():
        if record.type == "event" and record.entity.date is not None:
            for number, citation in enumerate(record.entity.date.citations, 1):
                cited[(citation.source, citation.paragraph)].append((record, number, citation))
    return cited


def write_source_pages(site: Site, advance: Callable[[], None],
                       only: Collection[str] | None = None) -> None:
    """A page for each source (or for the sources ``only`` names); ``advance`` is called after
    each one."""
    cited = _citations_by_paragraph(site.database)
    dated = _event_dates_by_paragraph(site.database)
    edition = Edition.of(site.database, site.config)
    for source in site.database.sources.values():
        if only is None or source.id in only:
            _source_page(site, source, cited, dated, edition)
            advance()


def _source_page(
    site: Site, source: Source, cited: dict[tuple[str, int], list[CitationRef]],
    dated: dict[tuple[str, int], list[EventDateCitation]],
    edition: Edition,
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
        events = dated.get((source.id, paragraph.n), [])
        for record, number, citation in events:
            located = folded.locate(citation.quote, citation.occurrence)
            if located is not None:
                spans.append(Span(event_date_anchor(record.id, number), *located))
        claims = []
        seen: set[str] = set()
        for ref in refs:
            if ref.claim.id not in seen:
                seen.add(ref.claim.id)
                claims.append(views.claim_mention(page, ref.claim))
        claims.extend(views.event_date_mention(page, record)
                      for record in dict.fromkeys(record for record, _, _ in events))
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
                "notes": list(meta.notes), "text_href": f"{source.id}.txt",
                "supplied": supplied_view(meta)},
        paragraphs=paragraphs,
        search_filters=source_filters(meta.label or meta.title),
        cite=page_citation(edition, site.config, page, meta.title),
    )


#: how a reader reads the name of each metadata field that can be supplied
SUPPLIED_LABELS = {"title": "title", "publisher": "publisher", "date": "date",
                   "url": "web address"}


def supplied_view(meta: SourceMeta) -> dict[str, Any] | None:
    """What came with the article rather than from its text, for the editor's note that says so:
    ``The date and the web address came with the article from …``."""
    if meta.supplied is None:
        return None
    labels = [SUPPLIED_LABELS[name] for name in meta.supplied.fields]
    listed = ", ".join(f"the {label}" for label in labels[:-1])
    listed = f"{listed} and the {labels[-1]}" if listed else f"the {labels[-1]}"
    return {"fields": list(meta.supplied.fields), "by": meta.supplied.by,
            "listed": listed[0].upper() + listed[1:], "note": meta.supplied.note,
            "plural": len(labels) > 1}


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
