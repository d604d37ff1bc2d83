"""The index of each entity type (with the figures table), and the tag pages."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from typing import Any

from ..database import ClaimRef, EntityRecord
from ..records.vocabulary import FOLDERS, TYPE_FOLDER
from ..urls import relative, tag_page
from . import paging
from .paging import name_range, numbered, parts_nav, split
from .render import Site
from .views import TimelineEntry, short_value, value_label

#: Where the figures table continues when it has parts (figures/ holds the figure records).
FIGURE_TABLE_FOLDER = "figure-values"


def type_index_family(entity_type: str) -> str:
    """The page family (``TreeWriter.family``) of a type's index."""
    return f"index:{entity_type}"


def tag_family(tag: str) -> str:
    """The page family of a tag's pages."""
    return f"tag:{tag}"


#: the page family of the tags index
TAGS_FAMILY = "tags"


def write_type_indexes(site: Site, only: Collection[str] | None = None) -> None:
    """The index of each type (or of the types ``only`` names)."""
    for entity_type in FOLDERS.values():
        if only is None or entity_type in only:
            with site.writer.family(type_index_family(entity_type)):
                _type_index(site, entity_type)


def _type_index(site: Site, entity_type: str) -> None:
    """A type's index: every entity of the type by name, in parts (the first at
    ``<folder>/index.md``, the others in ``<folder>-index/``)."""
    folder = TYPE_FOLDER[entity_type]
    page = f"{folder}/index.md"
    records = sorted(
        (r for r in site.database.entities.values() if r.type == entity_type),
        key=lambda r: r.name.casefold(),
    )
    parts = split(page, records, name_range, folder=f"{folder}-index")
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
                                   "index_parts": parts_nav(part.page, parts, part)}
        if entity_type == "figure" and part.number == 1:
            context.update(_figure_table(site, page))
        site.render(part.page, "entity_index.md.j2", **context)


def write_tags(site: Site, dated: Sequence[TimelineEntry],
               only: Collection[str] | None = None) -> None:
    """The tags index, and a page per tag (or per tag ``only`` names) listing the entities that
    carry it (in parts), with a link to the tag's timeline of the ``dated`` entries about
    them."""
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
        if only is not None and tag not in only:
            continue
        with site.writer.family(tag_family(tag)):  # a tag no entity carries: its pages go
            if not records:
                continue
            on_timeline = sum(1 for entry in dated if tag in entry.subject.entity.tags)
            parts = split(tag_page(tag), records, numbered("entity", "entities"))
            for part in parts:
                groups: dict[str, list[dict[str, Any]]] = {}
                for record in part.items:
                    groups.setdefault(record.type, []).append(
                        site.views.entity_summary(part.page, record))
                site.render(part.page, "tag.md.j2", tag=tag, description=info.description,
                            total=len(records), dated=on_timeline, groups=groups,
                            parts=parts_nav(part.page, parts, part))
    with site.writer.family(TAGS_FAMILY):
        site.render(index, "tags.md.j2", tags=listed)


def _figure_table(site: Site, page: str) -> dict[str, Any]:
    """What the figures index ``page`` shows of every figure: the first part of the table, with
    links to the others (written here), and the chart of the money figures."""
    refs = sorted((ref for ref in site.database.claims() if ref.claim.value is not None),
                  key=lambda r: (r.claim.unit or "", r.claim.period or "", r.subject.name))
    parts = split(page, refs, numbered("figure", "figures"), folder=FIGURE_TABLE_FOLDER)
    for part in parts[1:]:
        site.render(part.page, "figure_values.md.j2", figure_total=len(refs),
                    parts=parts_nav(part.page, parts, part),
                    figures=[_figure_row(site, part.page, ref) for ref in part.items])
    money = [ref for ref in refs if ref.claim.unit == "USD"]
    largest = {ref.id for ref in
               sorted(money, key=lambda r: -float(r.claim.value or 0))[:paging.PER_PART]}
    return {
        "parts": parts_nav(page, parts, parts[0]), "figure_total": len(refs),
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
