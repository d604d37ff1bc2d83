"""The linked data, parsed by rdflib's JSON-LD parser: schema.org on entity pages and the
Downloads page, and the W3C Web Annotations, whose selectors must re-anchor in the paragraph.

rdflib would fetch the remote JSON-LD contexts; the tests make no network requests, so they
serve offline stand-ins. For schema.org: every term in its vocabulary, and the properties whose
range is URL read as IRIs, as the official context declares them. For Web Annotations: the
subset of http://www.w3.org/ns/anno.jsonld that these files use."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from conftest import download_bytes
from rdflib import RDF, Graph, Literal, Namespace, URIRef

from iranru_ref.check import load_checked
from iranru_ref.database import Database
from iranru_ref.load.project import Project
from iranru_ref.records.text import nfc, occurrences
from iranru_ref.site.jsonld import SourceNodes, entity_jsonld
from iranru_ref.urls import entity_page, relative, source_page

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings(
    "ignore:ConjunctiveGraph is deprecated:DeprecationWarning")]

SDO = Namespace("http://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
AS = Namespace("http://www.w3.org/ns/activitystreams#")
ANNO_CONTEXT_URL = "http://www.w3.org/ns/anno.jsonld"
ANNO_CONTEXT = {"@context": {
    "oa": "http://www.w3.org/ns/oa#", "as": "http://www.w3.org/ns/activitystreams#",
    "dc": "http://purl.org/dc/elements/1.1/", "rdf": str(RDF),
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "xsd": "http://www.w3.org/2001/XMLSchema#",
    "id": "@id", "type": "@type",
    "Annotation": "oa:Annotation", "TextualBody": "oa:TextualBody",
    "SpecificResource": "oa:SpecificResource", "TextQuoteSelector": "oa:TextQuoteSelector",
    "TextPositionSelector": "oa:TextPositionSelector",
    "AnnotationCollection": "as:OrderedCollection", "AnnotationPage": "as:OrderedCollectionPage",
    "describing": "oa:describing", "linking": "oa:linking",
    "body": {"@id": "oa:hasBody", "@type": "@id"},
    "target": {"@id": "oa:hasTarget", "@type": "@id"},
    "source": {"@id": "oa:hasSource", "@type": "@id"},
    "selector": {"@id": "oa:hasSelector", "@type": "@id"},
    "first": {"@id": "as:first", "@type": "@id"},
    "items": {"@id": "as:items", "@type": "@id", "@container": "@list"},
    "motivation": {"@id": "oa:motivatedBy", "@type": "@vocab"},
    "purpose": {"@id": "oa:hasPurpose", "@type": "@vocab"},
    "value": "rdf:value", "format": "dc:format", "language": "dc:language",
    "exact": "oa:exact", "prefix": "oa:prefix", "suffix": "oa:suffix", "label": "rdfs:label",
    "start": {"@id": "oa:start", "@type": "xsd:nonNegativeInteger"},
    "end": {"@id": "oa:end", "@type": "xsd:nonNegativeInteger"},
    "total": {"@id": "as:totalItems", "@type": "xsd:nonNegativeInteger"},
    "startIndex": {"@id": "as:startIndex", "@type": "xsd:nonNegativeInteger"},
}}
SCHEMA_ORG_CONTEXT = {"@context": {
    "@vocab": str(SDO), "schema": str(SDO),
    **{name: {"@id": f"schema:{name}", "@type": "@id"}
       for name in ("url", "contentUrl", "sameAs", "mainEntityOfPage", "license")},
}}
CONTEXTS = {"https://schema.org": SCHEMA_ORG_CONTEXT, ANNO_CONTEXT_URL: ANNO_CONTEXT}
SCHEMA_TYPES = {"person": SDO.Person, "organization": SDO.Organization,
                "treaty": SDO.Legislation, "project": SDO.Project, "place": SDO.Place,
                "event": SDO.Event, "figure": SDO.Observation}
_SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture(autouse=True)
def offline_contexts(monkeypatch: pytest.MonkeyPatch) -> None:
    from rdflib.plugins.shared.jsonld import context

    def fetch(url: Any, *args: Any, **kwargs: Any) -> tuple[dict[str, Any], None]:
        known = CONTEXTS.get(str(url).rstrip("/"))
        if known is None:
            raise AssertionError(f"the test would fetch {url}")
        return known, None

    monkeypatch.setattr(context, "source_to_json", fetch)


@pytest.fixture(scope="module")
def database(built_site: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(download_bytes(built_site / "data", "database.json"))
    return document


def _parse(text: str, base: str) -> Graph:
    return Graph().parse(data=text, format="json-ld", base=base)


def _page_ld(page: Path) -> list[str]:
    return _SCRIPT.findall(page.read_text("utf-8"))


def _served_url(page: Path) -> str:
    """The address the site serves ``<dir>/index.html`` at: its directory, ``<dir>/``."""
    return page.parent.as_uri() + "/"


def _local(site: Path, iri: object) -> Path:
    """The built file that a resolved ``file:`` IRI names (a directory means its index)."""
    parts = urlsplit(str(iri))
    assert parts.scheme == "file", iri
    path = Path(unquote(parts.path))
    assert site.resolve() in path.resolve().parents, iri
    return path / "index.html" if str(iri).split("#")[0].endswith("/") else path


def test_entity_pages_embed_schema_org_json_ld(built_site: Path,
                                               database: dict[str, Any]) -> None:
    folders = {"person": "people", "organization": "organizations", "treaty": "treaties",
               "project": "projects", "place": "places", "event": "events",
               "figure": "figures"}
    for entity in database["entities"]:
        page = built_site / folders[entity["type"]] / entity["id"] / "index.html"
        scripts = _page_ld(page)
        assert len(scripts) == 1, page
        base = _served_url(page)
        graph = _parse(scripts[0], base)
        node = URIRef(urljoin(base, "#entity"))
        assert (node, RDF.type, SCHEMA_TYPES[entity["type"]]) in graph
        assert (node, SDO.name, Literal(entity["name"])) in graph
        assert (node, SDO.mainEntityOfPage, URIRef(urljoin(base, "./"))) in graph
        for alias in entity["aliases"]:
            assert (node, SDO.alternateName, Literal(alias)) in graph
        mentioned = {
            citation["source"] for claim in database["claims"]
            if entity["id"] in (claim["subject"], claim["object"], claim["said_in"],
                                *claim["attributed_to"])
            for citation in claim["citations"]
        }
        articles = list(graph.objects(node, SDO.subjectOf))
        for article in articles:
            assert (article, RDF.type, SDO.Article) in graph
            assert _local(built_site, article).is_file(), article  # a real source page
        assert {str(a).rstrip("/").rpartition("/")[2] for a in articles} == mentioned


def test_entity_json_ld_cannot_break_out_of_its_script(built_site: Path) -> None:
    for page in built_site.glob("*/*/index.html"):
        for script in _page_ld(page):
            assert "<" not in script, page
            json.loads(script)


def _dataset_checks(site: Path, graph: Graph) -> None:
    datasets = list(graph.subjects(RDF.type, SDO.Dataset))
    assert len(datasets) == 1
    assert (datasets[0], SDO.license,
            URIRef("https://creativecommons.org/licenses/by/4.0/")) in graph
    assert "quoted for citation" in str(graph.value(datasets[0], SDO.copyrightNotice))
    downloads = list(graph.objects(datasets[0], SDO.distribution))
    data = site / "data"
    # the per-entity files, in data/entities/, are not listed one by one
    expected = {p.name for p in data.iterdir() if p.is_file()} - {"dataset.jsonld", "index.json"}
    assert len(downloads) == len(expected)
    found = set()
    for download in downloads:
        assert (download, RDF.type, SDO.DataDownload) in graph
        url = graph.value(download, SDO.contentUrl)
        assert url is not None and graph.value(download, SDO.encodingFormat) is not None
        path = _local(site, URIRef(str(url)))
        assert path.parent == data
        digest = str(graph.value(download, SDO.sha256))
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
        found.add(path.name)
    assert found == expected


def test_downloads_page_and_dataset_file_describe_the_dataset(built_site: Path) -> None:
    page = built_site / "downloads" / "index.html"
    html = page.read_text("utf-8")
    for path in (built_site / "data").iterdir():
        if path.is_file():
            assert f'href="../data/{path.name}"' in html, path.name
    assert re.search(r'href="\.\./data/entities/[a-z0-9-]+\.json"', html)  # a per-entity file
    scripts = _page_ld(page)
    assert len(scripts) == 1
    _dataset_checks(built_site, _parse(scripts[0], _served_url(page)))
    dataset_file = built_site / "data" / "dataset.jsonld"
    _dataset_checks(built_site, _parse(dataset_file.read_text("utf-8"), dataset_file.as_uri()))


@pytest.fixture(scope="module")
def annotation_collection(built_site: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(
        download_bytes(built_site / "data", "annotations.jsonld"))
    return document


def test_annotations_parse_as_web_annotations(built_site: Path, database: dict[str, Any],
                                              annotation_collection: dict[str, Any]) -> None:
    assert annotation_collection["@context"] == ANNO_CONTEXT_URL
    path = built_site / "data" / "annotations.jsonld.gz"
    graph = _parse(download_bytes(path.parent, "annotations.jsonld").decode(), path.as_uri())
    citations = sum(len(claim["citations"]) for claim in database["claims"])
    found = list(graph.subjects(RDF.type, OA.Annotation))
    assert len(found) == citations
    for annotation in found:
        assert (annotation, OA.motivatedBy, OA.describing) in graph
        target = graph.value(annotation, OA.hasTarget)
        source = graph.value(target, OA.hasSource)
        assert isinstance(source, URIRef)
        page = _local(built_site, source)
        fragment = str(source).partition("#")[2]
        assert f'id="{fragment}"' in page.read_text("utf-8"), source  # the paragraph anchor
        types = {graph.value(s, RDF.type) for s in graph.objects(target, OA.hasSelector)}
        assert types == {OA.TextQuoteSelector, OA.TextPositionSelector}
        bodies = list(graph.objects(annotation, OA.hasBody))
        assert any((b, RDF.type, OA.TextualBody) in graph for b in bodies)


def test_annotation_selectors_re_anchor_in_the_paragraph(database: dict[str, Any],
                                                         annotation_collection: dict[str, Any]) -> None:
    paragraphs = {(s["id"], p["n"]): nfc(p["text"])
                  for s in database["sources"] for p in s["paragraphs"]}
    items = annotation_collection["first"]["items"]
    assert annotation_collection["total"] == len(items)
    quotes = [c["quote"] for claim in database["claims"] for c in claim["citations"]]
    assert len(items) == len(quotes)
    for item, quote in zip(items, quotes, strict=True):
        match = re.fullmatch(r"\.\./sources/([a-z0-9-]+)/#p(\d+)", item["target"]["source"])
        assert match, item["target"]["source"]
        text = paragraphs[(match[1], int(match[2]))]
        by_type = {s["type"]: s for s in item["target"]["selector"]}
        quote_selector = by_type["TextQuoteSelector"]
        position = by_type["TextPositionSelector"]
        exact = quote_selector["exact"]
        prefix, suffix = quote_selector.get("prefix", ""), quote_selector.get("suffix", "")
        assert text[position["start"]:position["end"]] == exact
        assert " ".join(exact.split()) == " ".join(nfc(quote).split())
        assert text[position["start"] - len(prefix):position["start"]] == prefix
        assert text[position["end"]:position["end"] + len(suffix)] == suffix
        assert len(occurrences(text, prefix + exact + suffix)) == 1


def test_an_entity_names_the_sources_citing_it_in_the_database_order() -> None:
    database = load_checked(Project.find(Path(__file__).resolve().parent.parent))
    citing = {record.id: {c.source for claim in record.entity.claims for c in claim.citations}
              for record in database.entities.values()}
    record = database.entities[max(citing, key=lambda entity_id: len(citing[entity_id]))]
    page = entity_page(record.type, record.id)

    def cited(db: Database) -> list[str]:
        return [node["@id"] for node in entity_jsonld(db, record)["subjectOf"]]

    in_order = [relative(page, source_page(source_id)) for source_id in database.sources
                if source_id in citing[record.id]]
    assert len(in_order) >= 2 and cited(database) == in_order
    reordered = dataclasses.replace(database, sources=dict(reversed(database.sources.items())))
    assert cited(reordered) == in_order[::-1]


def test_pages_that_share_the_sources_nodes_say_what_each_page_says_alone() -> None:
    """One ``SourceNodes`` serves every entity page, the publisher's own page included, where
    the publisher is ``./#entity`` rather than a link to a sibling page."""
    database = load_checked(Project.find(Path(__file__).resolve().parent.parent))
    shared = SourceNodes(database)
    publishers = []
    for record in database.entities.values():
        alone = entity_jsonld(database, record)
        assert entity_jsonld(database, record, source_nodes=shared) == alone
        publishers += [node["publisher"]["@id"] for node in alone.get("subjectOf", [])
                       if "publisher" in node]
    assert "./#entity" in publishers and "../iran-press/#entity" in publishers
