"""Generating the site's Markdown tree from a checked database: a plain library function.

``generate(database, project, out_dir)`` writes every page (home, sources, one page per entity,
type indexes, network, timeline, figures, coverage, tags) plus the site's own assets and the
hand-written pages of ``docs/``. Any engine that reads ``mkdocs.yml`` can build the result.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import jinja2
import networkx as nx
from markupsafe import Markup

from . import escape, paging
from .coverage import coverage
from .data_dictionary import database_sections, record_sections, table_sections
from .database import CitationRef, ClaimRef, Database, EntityRecord
from .entity_claims import EntityClaims
from .exports import export_downloads
from .exports.catalogue import METADATA_FILES, Download, size_label
from .exports.dataset import DOWNLOADS_PAGE, dataset_jsonld
from .exports.index_file import FILE_NAME as INDEX_FILE
from .exports.jsonld import SourceNodes, entity_jsonld
from .exports.site_config import SiteConfig
from .graph import build_graph, incident_edges, most_connected, neighbours
from .highlight import Span, locate, marked_html
from .memory import paused_gc
from .paging import Part, split
from .progress import stage, track
from .project import Project
from .source import Source
from .template_cache import OWN_TEMPLATES, TemplateCache
from .tree import TreeWriter
from .urls import entity_page, page_url, relative, source_page, tag_page
from .vendor import copy_vendor_assets
from .views import Views, format_number, short_value, value_label
from .vocabulary import FOLDERS, TYPE_FOLDER, TYPE_LABELS, TYPE_TITLES

ASSETS = Path(__file__).parent / "assets"
#: Where the figures table continues when it has parts (figures/ holds the figure records).
FIGURE_TABLE_FOLDER = "figure-values"
#: How many key dates and key figures an entity's infobox shows.
KEY_ITEMS = 5
#: How many sources the home page lists (the newest, when there are more).
HOME_SOURCES = 10
#: Search indexes a page in sections that begin at Markdown headings. Zensical refuses a section
#: over a limit that falls as the index grows (32 KiB at 18,000 sections, 16 KiB at 61,000), so a
#: source page starts a section where its paragraphs would pass this.
SECTION_BYTES = 8_000
_ENVIRONMENTS: dict[Path, jinja2.Environment] = {}


_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Environment(jinja2.Environment):
    """Jinja's environment, with ``view.key`` on the plain dicts of views.py looked up directly.

    Jinja tries ``getattr(view, "key")`` first, which raises for every key of a dict before
    ``view["key"]`` is tried; the result is the same, found without the exception.
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


def environment(templates: Path, cache: Path | None = None) -> jinja2.Environment:
    """One compiled environment per templates folder, reused across builds; with ``cache``, the
    compiled templates are also kept on disk there for the next run."""
    env = _ENVIRONMENTS.get(templates)
    if env is None:
        env = _Environment(
            bytecode_cache=TemplateCache(cache) if cache is not None else None,
            loader=jinja2.FileSystemLoader(str(templates)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        env.filters["md"] = escape.md
        env.filters["json_script"] = escape.json_script
        env.filters["front_matter"] = escape.front_matter
        env.filters["number"] = format_number
        env.globals["tag_page"] = tag_page
        _ENVIRONMENTS[templates] = env
    return env


class Site(NamedTuple):
    database: Database
    project: Project
    graph: nx.MultiDiGraph
    views: Views
    env: jinja2.Environment
    writer: TreeWriter

    def render(self, page: str, template: str, **context: Any) -> None:
        text = self.env.get_template(template).render(
            page=page, type_titles=TYPE_TITLES, type_labels=TYPE_LABELS, folders=TYPE_FOLDER,
            asset=lambda path: relative(page, path), **context
        )
        self.writer.write_text(page, text)


@paused_gc()
def generate(database: Database, project: Project, out_dir: Path) -> int:
    """Write the whole Markdown tree into ``out_dir``; return the number of pages."""
    out_dir.mkdir(parents=True, exist_ok=True)
    site = Site(database, project, build_graph(database), Views(database),
                environment(project.templates_dir, project.root / OWN_TEMPLATES),
                TreeWriter(out_dir, project.root))
    site.writer.copy_tree(project.docs_dir)
    site.writer.copy_tree(ASSETS, "assets")
    copy_vendor_assets(project, site.writer)
    claims_about = _claims_about(database)
    claims = EntityClaims(site.views, site.env.get_template("_macros.md.j2").module,
                          claims_about.values())
    source_nodes = SourceNodes(database)
    for record in track(database.entities.values(), "writing entity pages"):
        _entity_page(site, claims, source_nodes, record, claims_about[record.id])
    for entity_type in FOLDERS.values():
        _type_index(site, entity_type)
    _tags(site)
    cited = _citations_by_paragraph(database)
    for source in track(database.sources.values(), "writing source pages"):
        _source_page(site, source, cited)
    _sources_index(site)
    dated = _dated_claims(site)
    _home(site, dated)
    _network(site)
    _timeline(site, dated)
    _coverage(site)
    with stage("writing the data downloads"):
        downloads = export_downloads(
            database, lambda name: site.writer.open(f"data/{name}"), site.graph,
            previous_index=out_dir / "data" / INDEX_FILE)
    _downloads(site, downloads)
    _data_dictionary(site)
    for source in database.sources.values():
        site.writer.write_bytes(f"sources/{source.id}.txt",
                                (project.sources_dir / f"{source.id}.txt").read_bytes())
    site.writer.finish()
    return sum(1 for name in site.writer.written if name.endswith(".md"))


def _claims_about(database: Database) -> dict[str, list[ClaimRef]]:
    """For each entity, the claims that name it as subject, object or speaker."""
    about: dict[str, list[ClaimRef]] = defaultdict(list)
    for ref in database.claims():
        seen = {ref.subject.id}
        about[ref.subject.id].append(ref)
        for other in (ref.claim.object, ref.claim.said_in, *ref.claim.attributed_to):
            if other and other not in seen:
                seen.add(other)
                about[other].append(ref)
    return about


def _citations_by_paragraph(database: Database) -> dict[tuple[str, int], list[CitationRef]]:
    cited: dict[tuple[str, int], list[CitationRef]] = defaultdict(list)
    for ref in database.citations():
        cited[(ref.citation.source, ref.citation.paragraph)].append(ref)
    return cited


def _entity_page(site: Site, claims: EntityClaims, source_nodes: SourceNodes,
                 record: EntityRecord, about: list[ClaimRef]) -> None:
    page = entity_page(record.type, record.id)
    views = site.views
    own = [ref for ref in about if ref.subject.id == record.id]
    groups: dict[str, list[Markup]] = {"relation": [], "statement": [], "quantity": []}
    for ref in own:
        groups[views.claim_kind(ref)].append(claims.item(ref))
    related: dict[tuple[str, bool], list[dict[str, Any]]] = defaultdict(list)
    for neighbour in neighbours(site.graph, record.id):
        related[(neighbour.label, neighbour.outgoing)].append({
            "entity": views.entity_link(page, neighbour.entity_id),
            "cites": claims.cites(neighbour.claim),
        })
    incoming = [
        {"label": label, "items": items}
        for (label, outgoing), items in sorted(related.items(), key=lambda kv: kv[0])
        if not outgoing
    ]
    outgoing_related = [
        {"label": label, "items": items}
        for (label, outgoing), items in sorted(related.items(), key=lambda kv: kv[0])
        if outgoing
    ]
    reported = [
        claims.item(ref, show_subject=True) for ref in about
        if ref.subject.id != record.id and record.id in (*ref.claim.attributed_to,
                                                         ref.claim.said_in)
        and ref.claim.object != record.id
    ]
    mentions: dict[str, set[int]] = defaultdict(set)
    for ref in about:
        for citation in ref.claim.citations:
            mentions[citation.source].add(citation.paragraph)
    mentioned_in = [
        {
            "label": views.source_labels[source_id],
            "href": relative(page, source_page(source_id)),
            "paragraphs": [
                {"n": n, "href": relative(page, source_page(source_id), f"p{n}")}
                for n in sorted(paragraphs)
            ],
        }
        for source_id, paragraphs in sorted(mentions.items())
        if source_id in site.database.sources
    ]
    # The infobox keeps a few: the entity's own claims first, then claims naming it.
    dated = sorted((ref for ref in about if ref.claim.date),
                   key=lambda ref: (ref.subject.id != record.id, _timeline_key(ref)))
    dates = sorted({_key_date(page, ref) for ref in dated[:KEY_ITEMS]})
    figures = [claims.view(ref) for ref in sorted(
        (ref for ref in about if ref.claim.value is not None),
        key=lambda ref: ref.subject.id != record.id)][:KEY_ITEMS]
    site.render(
        page, "entity.md.j2",
        entity=views.entity_summary(page, record),
        notes=list(record.entity.notes),
        groups=groups,
        related_out=outgoing_related,
        related_in=incoming,
        reported=reported,
        mentioned_in=mentioned_in,
        key_dates=[{"label": label, "short": short, "text": text, "href": href}
                   for _, label, short, text, href in dates],
        key_figures=figures,
        graph=_neighbourhood(site, page, record.id),
        jsonld=entity_jsonld(site.database, record, about, source_nodes),
    )
    claims.shown(about)


def _key_date(page: str, ref: ClaimRef) -> tuple[str, str, str, str, str]:
    """(sort key, full label, short label, claim text, link to the claim) for an infobox."""
    date = ref.claim.date
    assert date is not None
    return (date.sort_key, date.label(), date.short_label(), ref.claim.text,
            relative(page, entity_page(ref.subject.type, ref.subject.id), ref.anchor))


def _node(site: Site, page: str, entity_id: str) -> dict[str, Any]:
    record = site.database.entities[entity_id]
    return {"id": record.id, "name": record.name, "type": record.type,
            "tags": list(record.entity.tags),
            "href": relative(page, entity_page(record.type, record.id))}


def _neighbourhood(site: Site, page: str, entity_id: str) -> dict[str, Any]:
    incident = incident_edges(site.graph, entity_id)
    ids = {entity_id, *(s for s, _, _ in incident), *(t for _, t, _ in incident)}
    edges = [{"source": s, "target": t, "label": d["label"]} for s, t, d in incident]
    return {"center": entity_id, "nodes": [_node(site, page, n) for n in sorted(ids)],
            "edges": edges}


def _type_index(site: Site, entity_type: str) -> None:
    """A type's index: every entity of the type by name, in parts (the first at
    ``<folder>/index.md``, the others in ``<folder>-index/``)."""
    folder = TYPE_FOLDER[entity_type]
    page = f"{folder}/index.md"
    records = sorted(
        (r for r in site.database.entities.values() if r.type == entity_type),
        key=lambda r: r.name.casefold(),
    )
    parts = split(page, records, _name_range, folder=f"{folder}-index")
    for part in parts:
        entries = []
        for record in part.items:
            entry = site.views.entity_summary(part.page, record)
            entry["claims"] = len(record.entity.claims)
            entry["values"] = [value_label(ClaimRef(record, i, c))
                               for i, c in enumerate(record.entity.claims) if c.value is not None]
            entries.append(entry)
        context: dict[str, Any] = {"entity_type": entity_type, "entries": entries,
                                   "total": len(records),
                                   "index_parts": _parts_nav(part.page, parts, part)}
        if entity_type == "figure" and part.number == 1:
            context.update(_figure_table(site, page))
        site.render(part.page, "entity_index.md.j2", **context)


def _tags(site: Site) -> None:
    """The tags index, and a page per tag listing the entities that carry it (in parts)."""
    order: dict[str, int] = {kind: n for n, kind in enumerate(FOLDERS.values())}
    carriers: dict[str, list[EntityRecord]] = defaultdict(list)
    for record in site.database.entities.values():
        for tag in record.entity.tags:
            carriers[tag].append(record)
    index = "tags.md"
    listed = []
    for tag, info in site.database.vocabulary.tags.items():
        records = sorted(carriers[tag], key=lambda r: (order[r.type], r.name.casefold(), r.id))
        listed.append({"name": tag, "description": info.description, "count": len(records),
                       "href": relative(index, tag_page(tag)) if records else None})
        if not records:
            continue
        parts = split(tag_page(tag), records, _numbered("entity", "entities"))
        for part in parts:
            groups: dict[str, list[dict[str, Any]]] = {}
            for record in part.items:
                groups.setdefault(record.type, []).append(
                    site.views.entity_summary(part.page, record))
            site.render(part.page, "tag.md.j2", tag=tag, description=info.description,
                        total=len(records), groups=groups,
                        parts=_parts_nav(part.page, parts, part))
    site.render(index, "tags.md.j2", tags=listed)


def _figure_table(site: Site, page: str) -> dict[str, Any]:
    """What the figures index ``page`` shows of every figure: the first part of the table, with
    links to the others (written here), and the chart of the money figures."""
    refs = sorted((ref for ref in site.database.claims() if ref.claim.value is not None),
                  key=lambda r: (r.claim.unit or "", r.claim.period or "", r.subject.name))
    parts = split(page, refs, _numbered("figure", "figures"), folder=FIGURE_TABLE_FOLDER)
    for part in parts[1:]:
        site.render(part.page, "figure_values.md.j2", figure_total=len(refs),
                    parts=_parts_nav(part.page, parts, part),
                    figures=[_figure_row(site, part.page, ref) for ref in part.items])
    money = [ref for ref in refs if ref.claim.unit == "USD"]
    largest = {ref.id for ref in
               sorted(money, key=lambda r: -float(r.claim.value or 0))[:paging.PER_PART]}
    return {
        "parts": _parts_nav(page, parts, parts[0]), "figure_total": len(refs),
        "figures": [_figure_row(site, page, ref) for ref in parts[0].items],
        "chart": [_figure_row(site, page, ref) for ref in money if ref.id in largest],
        "money_total": len(money),
    }


def _figure_row(site: Site, page: str, ref: ClaimRef) -> dict[str, Any]:
    view = site.views.claim(page, ref)
    view["number"] = ref.claim.value
    view["unit"] = ref.claim.unit
    view["short_value"] = short_value(ref)
    return view


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
            located = locate(folded, ref.citation.quote, ref.citation.occurrence)
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


def _sources_index(site: Site) -> None:
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


def _dated_claims(site: Site) -> list[ClaimRef]:
    """Every dated claim, oldest first."""
    return sorted((ref for ref in site.database.claims() if ref.claim.date is not None),
                  key=_timeline_key)


def _timeline_items(site: Site, page: str, refs: Sequence[ClaimRef]) -> list[dict[str, Any]]:
    items = []
    for ref in refs:
        assert ref.claim.date is not None
        view = site.views.claim(page, ref)
        view["sort"] = ref.claim.date.sort_key
        view["short_date"] = ref.claim.date.short_label()
        view["precision"] = ref.claim.date.precision
        items.append(view)
    return items


def _date_range(refs: Sequence[ClaimRef], offset: int) -> str:
    """A timeline part's label: the dates of its first and last claims."""
    if not refs:
        return "no dated claims"
    first, last = refs[0].claim.date, refs[-1].claim.date
    assert first is not None and last is not None
    return (first.short_label() if first.short_label() == last.short_label()
            else f"{first.short_label()} – {last.short_label()}")


def _numbered(one: str, many: str) -> Callable[[Sequence[Any], int], str]:
    """Parts labelled by the numbers of their entries: ``sources 1–12``, ``source 13``."""
    def label(items: Sequence[Any], offset: int) -> str:
        if len(items) == 1:
            return f"{one} {offset + 1:,}"
        return f"{many} {offset + 1:,}–{offset + len(items):,}" if items else f"no {many}"
    return label


def _name_range(records: Sequence[EntityRecord], offset: int) -> str:
    """Parts of a list by name, labelled by the first and last names they hold."""
    if not records:
        return "none"
    names = [_shortened(records[0].name), _shortened(records[-1].name)]
    return names[0] if len(records) == 1 else " – ".join(names)


def _shortened(name: str, limit: int = 30) -> str:
    """``name``, cut after its last whole word within ``limit`` characters."""
    if len(name) <= limit:
        return name
    return name[:limit].rsplit(" ", 1)[0].rstrip(" ,;:–-") + "…"


def _parts_nav(page: str, parts: Sequence[Part[Any]], current: Part[Any]) -> dict[str, Any]:
    """What a part shows of the others: its number, links to the parts ``paging.nav_numbers``
    picks (each marked when parts are skipped before it), and the next one."""
    following = parts[current.number] if current.number < len(parts) else None
    shown = paging.nav_numbers(current.number, len(parts))
    parted = len(parts) > 1
    return {
        "number": current.number, "count": len(parts), "label": current.label,
        "title_suffix": f", part {current.number}: {current.label}" if parted else "",
        "heading_suffix": f", part {current.number} of {len(parts)}" if parted else "",
        "parts": [{"number": number, "label": parts[number - 1].label,
                   "skipped": index > 0 and number - shown[index - 1] > 1,
                   "href": relative(page, parts[number - 1].page)
                   if number != current.number else None}
                  for index, number in enumerate(shown)],
        "next": {"label": following.label, "href": relative(page, following.page)}
        if following else None,
    }


def _timeline_key(ref: ClaimRef) -> tuple[str, str, str]:
    assert ref.claim.date is not None
    return (ref.claim.date.sort_key, ref.subject.name, ref.id)


def _home(site: Site, dated: list[ClaimRef]) -> None:
    page = "index.md"
    database = site.database
    counts = _type_counts(database)
    connected = [
        {**site.views.entity_link(page, entity_id), "degree": degree}
        for entity_id, degree in most_connected(site.graph, 10)
    ]
    timeline = _timeline_items(site, page, dated[:: max(1, len(dated) // 8)][:8])
    # Beyond a part's worth of entities the type indexes list them, as on the network page.
    every = {
        entity_type: sorted(
            (site.views.entity_link(page, r.id) for r in database.entities.values()
             if r.type == entity_type),
            key=lambda link: link["name"].casefold(),
        )
        for entity_type in FOLDERS.values()
    } if len(database.entities) <= paging.PER_PART else {}
    shown = list(database.sources.values())
    if len(shown) > HOME_SOURCES:
        shown = sorted(shown, key=lambda s: (s.meta.date.sort_key, s.id), reverse=True)
        shown = shown[:HOME_SOURCES]
    sources = [
        {"label": s.meta.label or s.meta.title, "title": s.meta.title,
         "date": s.meta.date.label(), "href": relative(page, source_page(s.id))}
        for s in shown
    ]
    site.render(
        page, "home.md.j2",
        counts=counts,
        entity_total=len(database.entities),
        claim_total=sum(len(record.entity.claims) for record in database.entities.values()),
        citation_total=sum(len(claim.citations) for record in database.entities.values()
                           for claim in record.entity.claims),
        connected=connected,
        every={t: links for t, links in every.items() if links},
        timeline=timeline,
        sources=sources,
        source_total=len(database.sources),
    )


def _type_counts(database: Database) -> dict[str, int]:
    """How many entities each type has, in the vocabulary's order of types."""
    found = Counter(record.type for record in database.entities.values())
    return {entity_type: found[entity_type] for entity_type in FOLDERS.values()}


def _network(site: Site) -> None:
    page = "network.md"
    graph = site.graph
    # A graph of thousands of entities is unreadable: beyond PER_PART, the most connected.
    drawn = (set(graph.nodes) if len(graph) <= paging.PER_PART
             else {node for node, _ in most_connected(graph, paging.PER_PART)})
    nodes = [_node(site, page, n) for n in sorted(drawn)]
    edges = [{"source": s, "target": t, "label": d["label"]}
             for s, t, d in graph.edges(data=True) if s in drawn and t in drawn]
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for node in nodes:
        by_type[node["type"]].append(node)
    relations = sorted(graph.edges(data=True), key=lambda e: (e[0], e[1]))
    parts = split(page, relations, _numbered("relation", "relations"))
    for part in parts:
        context: dict[str, Any] = {
            "parts": _parts_nav(part.page, parts, part),
            "relation_total": len(relations),
            "relations": [
                {"source": site.views.entity_link(part.page, s), "label": d["label"],
                 "target": site.views.entity_link(part.page, t)}
                for s, t, d in part.items
            ],
        }
        if part.number > 1:
            site.render(part.page, "network_relations.md.j2", **context)
            continue
        site.render(
            page, "network.md.j2", **context,
            graph={"nodes": nodes, "edges": edges},
            entity_total=len(graph),
            tags=sorted(site.database.vocabulary.tags),
            types=[t for t in FOLDERS.values() if by_type.get(t)],
            by_type={t: sorted(v, key=lambda n: n["name"].casefold())
                     for t, v in by_type.items()},
            type_counts=_type_counts(site.database),
        )


def _timeline(site: Site, dated: list[ClaimRef]) -> None:
    parts = split("timeline.md", dated, _date_range)
    for part in parts:
        items = _timeline_items(site, part.page, part.items)
        used = {tag for item in items for tag in item["tags"]}  # a button never shows nothing
        site.render(part.page, "timeline.md.j2",
                    items=items, offset=part.offset, parts=_parts_nav(part.page, parts, part),
                    tags={name: tag for name, tag in site.database.vocabulary.tags.items()
                          if name in used})


def _coverage(site: Site) -> None:
    report = coverage(site.database)
    parts = split("coverage.md", report, _numbered("source", "sources"),
                  weight=lambda item: len(item.paragraphs))
    for part in parts:
        page = part.page
        site.render(page, "coverage.md.j2", parts=_parts_nav(page, parts, part), report=[
            {
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


def _downloads(site: Site, downloads: list[Download]) -> None:
    page = DOWNLOADS_PAGE
    data_files = [d for d in downloads if d.name not in METADATA_FILES]
    dataset = dataset_jsonld(site.database, SiteConfig.load(site.database.root), data_files,
                             page_url(page))
    site.render(page, "downloads.md.j2", dataset=dataset, downloads=[
        {"name": d.name, "href": relative(page, f"data/{d.name}"), "media_type": d.media_type,
         "size": size_label(d.size), "description": d.description} for d in downloads
    ])


def _data_dictionary(site: Site) -> None:
    site.render("data-dictionary.md", "data_dictionary.md.j2", database=database_sections(),
                tables=table_sections(), records=record_sections())
