"""Claims as linked data: ``claims.jsonld`` parses offline with rdflib, and SPARQL over it gives
the same answers as SQL over ``iranru.sqlite``.

Three questions: every claim attributed to a speaker, with the paragraphs its quotes come
from; every figure with its value, unit and date; every relation with its subject, predicate
label and object. On a fixture project whose answers the test knows, and as an invariant on
the real data (every speaker, every figure, every relation).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import copy_project, exported
from rdflib import RDF, Graph, Literal, Namespace, URIRef

from iranru_ref.check import load_checked
from iranru_ref.load.project import Project

BASE = Path(__file__).resolve().parent / "bad_inputs" / "_base"
pytestmark = pytest.mark.filterwarnings(
    "ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

SITE_URL = "https://example.org/iranru/"
PROV = Namespace("http://www.w3.org/ns/prov#")
SDO = Namespace("http://schema.org/")
XSD = "http://www.w3.org/2001/XMLSchema#"
DATE_TYPES = {"year": URIRef(XSD + "gYear"), "month": URIRef(XSD + "gYearMonth"),
              "day": URIRef(XSD + "date")}
PREFIXES = """PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <http://schema.org/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX ir: <{vocabulary}>
"""

#: the fixture's records, whose answers the tests state
SPEAKER = {
    "name": "Speaker One", "tags": ["diplomacy"],
    "claims": [
        {"id": "took-part", "predicate": "participated_in", "object": "moscow-meeting",
         "text": "Speaker One took part in the Moscow meeting.", "date": "2024-01-16",
         "citations": [{"source": "test-article", "paragraph": 2,
                        "quote": "met in Moscow on Tuesday"}]},
        {"id": "reports-trade", "predicate": "stated",
         "text": "Speaker One said that trade reached 5 billion dollars.",
         "attributed_to": ["speaker-one"], "said_in": "moscow-meeting",
         "citations": [{"source": "test-article", "paragraph": 3, "quote": "the ministers said"},
                       {"source": "test-article", "paragraph": 2,
                        "quote": "The ministers agreed to meet again in Tehran"}]},
    ],
}
MEETING = {"name": "Moscow meeting", "tags": ["diplomacy"], "claims": [
    {"id": "in-moscow", "predicate": "fact", "text": "The ministers met in Moscow.",
     "citations": [{"source": "test-article", "paragraph": 2,
                    "quote": "The ministers of both countries met in Moscow"}]}]}
TRADE = {"name": "Trade in 2023", "tags": ["trade"], "claims": [
    {"id": "turnover", "predicate": "amount", "value": 5_000_000_000, "unit": "USD",
     "wording": "5 billion dollars", "text": "Trade reached 5 billion dollars in 2023.",
     "attributed_to": ["speaker-one"],
     "date": {"value": "2023", "precision": "year", "inferred": True, "wording": "last year"},
     "citations": [{"source": "test-article", "paragraph": 3,
                    "quote": "reached 5 billion dollars last year"}]},
    {"id": "countries", "predicate": "count", "value": 2, "unit": "countries",
     "text": "Two countries trade.", "date": "2024-01",
     "citations": [{"source": "test-article", "paragraph": 3,
                    "quote": "Trade between the two countries"}]},
]}


@pytest.fixture(scope="module")
def fixture_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's templates, configuration and vocabulary, the test article of the
    bad-input base, and the records above; ``site_url`` set to an example address."""
    project = copy_project(tmp_path_factory.mktemp("linked") / "project")
    for path in [*(project / "sources").iterdir(), *(project / "data").glob("*/*.yml")]:
        if path.parent.name != "vocabulary":
            path.unlink()
    for path in BASE.rglob("*"):
        if path.is_file():
            target = project / path.relative_to(BASE)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    for relative, record in {"people/speaker-one": SPEAKER, "events/moscow-meeting": MEETING,
                             "figures/trade-2023": TRADE}.items():
        (project / "data" / f"{relative}.yml").write_text(yaml.safe_dump(record), "utf-8")
    return with_site_url(project)


def with_site_url(project: Path) -> Path:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(
        "site_description:", f"site_url: {SITE_URL}\nsite_description:", 1), "utf-8")
    return project


class Downloads:
    """The claims' graph and the SQLite database of one project's downloads."""

    def __init__(self, project: Path, folder: Path) -> None:
        written = exported(load_checked(Project.find(project)))
        self.document: dict[str, Any] = json.loads(written["claims.jsonld"])
        self.database: dict[str, Any] = json.loads(written["database.json"])
        self.graph = parse_offline(written["claims.jsonld"], SITE_URL + "data/claims.jsonld")
        self.vocabulary = self.document["@context"]["@vocab"]
        (folder / "iranru.sqlite").write_bytes(written["iranru.sqlite"])
        self.sqlite = folder / "iranru.sqlite"

    def sparql(self, query: str, **bindings: str) -> list[tuple[Any, ...]]:
        return [tuple(value.toPython() if value is not None else None for value in row)
                for row in self.graph.query(PREFIXES.format(vocabulary=self.vocabulary) + query,
                                            initBindings={k: Literal(v)
                                                          for k, v in bindings.items()})]

    def sql(self, query: str, *parameters: Any) -> list[tuple[Any, ...]]:
        with sqlite3.connect(f"file:{self.sqlite}?mode=ro", uri=True) as db:
            return [tuple(row) for row in db.execute(query, parameters)]


def parse_offline(data: bytes, base: str) -> Graph:
    """rdflib's JSON-LD parser, with any fetch of a remote context failing the test."""
    from rdflib.plugins.shared.jsonld import context

    def fetch(url: Any, *args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"the parser would fetch {url}")

    original = context.source_to_json
    context.source_to_json = fetch
    try:
        return Graph().parse(data=data, format="json-ld", base=base)
    finally:
        context.source_to_json = original


@pytest.fixture(scope="module")
def fixture_downloads(fixture_project: Path, tmp_path_factory: pytest.TempPathFactory
                      ) -> Downloads:
    return Downloads(fixture_project, tmp_path_factory.mktemp("fixture-downloads"))


@pytest.fixture(scope="module")
def real_downloads(tmp_path_factory: pytest.TempPathFactory) -> Downloads:
    """The repository's own data, exported with the example address."""
    project = with_site_url(copy_project(tmp_path_factory.mktemp("real") / "project"))
    return Downloads(project, tmp_path_factory.mktemp("real-downloads"))


# --- the three questions, in SPARQL and in SQL -------------------------------------------

ATTRIBUTED_SPARQL = """
SELECT ?id ?source ?n ?number WHERE {
  ?claim prov:wasAttributedTo/schema:identifier ?speaker ;
         schema:identifier ?id ; ir:citation ?citation .
  ?citation schema:position ?number ; ir:paragraph ?paragraph .
  ?paragraph schema:position ?n ; schema:isPartOf/schema:identifier ?source .
}"""
ATTRIBUTED_SQL = """
SELECT cs.claim_id, ci.source_id, ci.paragraph, ci.number
FROM claim_speakers cs JOIN citations ci ON ci.claim_id = cs.claim_id
WHERE cs.entity_id = ?"""

FIGURES_SPARQL = """
SELECT ?id ?value ?unit ?date ?precision WHERE {
  ?claim a schema:Claim ; schema:identifier ?id ; schema:value ?value ; schema:unitText ?unit .
  OPTIONAL { ?claim ir:date ?date ; ir:datePrecision ?precision }
}"""
FIGURES_SQL = "SELECT id, value, unit, date, date_precision FROM claims WHERE value IS NOT NULL"

RELATIONS_SPARQL = """
SELECT ?id ?subject ?label ?object WHERE {
  ?claim a rdf:Statement ; schema:identifier ?id ;
         rdf:subject/schema:identifier ?subject ; rdf:predicate/rdfs:label ?label ;
         rdf:object/schema:identifier ?object .
}"""
RELATIONS_SQL = "SELECT claim_id, subject_id, predicate_label, object_id FROM relations"


def attributed(downloads: Downloads, speaker: str) -> tuple[list[Any], list[Any]]:
    return (sorted(downloads.sparql(ATTRIBUTED_SPARQL, speaker=speaker)),
            sorted(downloads.sql(ATTRIBUTED_SQL, speaker)))


def figures(downloads: Downloads) -> tuple[list[Any], list[Any]]:
    def plain(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        return sorted((i, float(v), u, None if d is None else str(d), p)
                      for i, v, u, d, p in rows)
    return plain(downloads.sparql(FIGURES_SPARQL)), plain(downloads.sql(FIGURES_SQL))


def relations(downloads: Downloads) -> tuple[list[Any], list[Any]]:
    return sorted(downloads.sparql(RELATIONS_SPARQL)), sorted(downloads.sql(RELATIONS_SQL))


def test_claims_attributed_to_a_speaker_with_their_paragraphs(fixture_downloads: Downloads
                                                              ) -> None:
    in_sparql, in_sql = attributed(fixture_downloads, "speaker-one")
    assert in_sparql == in_sql == [
        ("speaker-one.reports-trade", "test-article", 2, 2),
        ("speaker-one.reports-trade", "test-article", 3, 1),
        ("trade-2023.turnover", "test-article", 3, 1),
    ]
    assert attributed(fixture_downloads, "moscow-meeting") == ([], [])


def test_figures_with_their_values_and_dates(fixture_downloads: Downloads) -> None:
    in_sparql, in_sql = figures(fixture_downloads)
    assert in_sparql == in_sql == [
        ("trade-2023.countries", 2.0, "countries", "2024-01", "month"),
        ("trade-2023.turnover", 5e9, "USD", "2023", "year"),
    ]


def test_relations_with_their_predicates_label(fixture_downloads: Downloads) -> None:
    in_sparql, in_sql = relations(fixture_downloads)
    assert in_sparql == in_sql == [
        ("speaker-one.took-part", "speaker-one", "took part in", "moscow-meeting")]


def test_the_real_data_answers_the_same_in_sparql_and_sql(real_downloads: Downloads) -> None:
    speakers = [row[0] for row in real_downloads.sql(
        "SELECT DISTINCT entity_id FROM claim_speakers ORDER BY entity_id")]
    assert speakers
    for speaker in speakers:
        in_sparql, in_sql = attributed(real_downloads, speaker)
        assert in_sparql == in_sql and in_sql, speaker
    for answers in (figures(real_downloads), relations(real_downloads)):
        assert answers[0] == answers[1]
    figure_count = sum(claim["value"] is not None for claim in real_downloads.database["claims"])
    assert len(figures(real_downloads)[0]) == figure_count


# --- every field of a claim, as RDF -------------------------------------------------------

def _one(graph: Graph, node: Any, predicate: URIRef) -> Any:
    values = list(graph.objects(node, predicate))
    assert len(values) <= 1, (node, predicate, values)
    return values[0] if values else None


def _text(graph: Graph, node: Any, predicate: URIRef) -> str | None:
    found = _one(graph, node, predicate)
    return None if found is None else str(found)


def _identifier(graph: Graph, node: Any) -> str | None:
    return None if node is None else str(_one(graph, node, SDO.identifier))


def claims_from_graph(downloads: Downloads) -> Iterator[dict[str, Any]]:
    """Each claim node read back into database.json's fields (its citations, as (source,
    paragraph, quote))."""
    graph = downloads.graph
    ir = Namespace(downloads.vocabulary)

    def value(node: Any, term: str) -> Any:
        found = _one(graph, node, ir[term])
        return None if found is None else found.toPython()

    for node in graph.subjects(RDF.type, SDO.Claim):
        assert (node, RDF.type, RDF.Statement) in graph
        date = _one(graph, node, ir.date)
        precision = value(node, "datePrecision")
        if date is not None:
            assert date.datatype == DATE_TYPES[precision], node  # the type is the precision
        citations = sorted(graph.objects(node, ir.citation),
                           key=lambda c: int(_one(graph, c, SDO.position)))
        figure = _one(graph, node, SDO.value)
        yield {
            "id": _identifier(graph, node),
            "subject": _identifier(graph, _one(graph, node, RDF.subject)),
            "predicate": _identifier(graph, _one(graph, node, RDF.predicate)),
            "object": _identifier(graph, _one(graph, node, RDF.object)),
            "value": None if figure is None else float(figure),
            "unit": _text(graph, node, SDO.unitText),
            "currency": _text(graph, node, SDO.currency),
            "period": value(node, "period"), "wording": value(node, "wording"),
            "approximate": bool(value(node, "approximate")),
            "date_detail": None if date is None else {
                "value": str(date), "precision": precision,
                "inferred": value(node, "dateInferred"), "wording": value(node, "dateWording"),
                "note": value(node, "dateNote")},
            "text": str(_one(graph, node, SDO.text)),
            "attributed_to": sorted(_identifier(graph, s) or ""
                                    for s in graph.objects(node, PROV.wasAttributedTo)),
            "said_in": _identifier(graph, _one(graph, node, ir.saidIn)),
            "contested": value(node, "contested"),
            "derived": None if value(node, "formula") is None else {
                "formula": value(node, "formula"),
                "inputs": sorted(_identifier(graph, c) or ""
                                 for c in graph.objects(node, PROV.wasDerivedFrom))},
            "note": value(node, "note"),
            "citations": [
                (_identifier(graph, _one(graph, _one(graph, c, ir.paragraph), SDO.isPartOf)),
                 int(_one(graph, _one(graph, c, ir.paragraph), SDO.position)),
                 str(_one(graph, c, ir.quote)))
                for c in citations],
        }


def claims_from_database(database: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for claim in database["claims"]:
        yield {
            "id": claim["id"], "subject": claim["subject"], "predicate": claim["predicate"],
            "object": claim["object"], "value": claim["value"], "unit": claim["unit"],
            "currency": claim["currency"], "period": claim["period"],
            "wording": claim["wording"], "approximate": claim["approximate"],
            "date_detail": claim["date_detail"], "text": claim["text"],
            "attributed_to": sorted(claim["attributed_to"]), "said_in": claim["said_in"],
            "contested": claim["contested"],
            "derived": None if claim["derived"] is None else {
                "formula": claim["derived"]["formula"],
                "inputs": sorted(claim["derived"]["inputs"])},
            "note": claim["note"],
            "citations": [(c["source"], c["paragraph"], c["quote"]) for c in claim["citations"]],
        }


@pytest.mark.parametrize("which", ["fixture_downloads", "real_downloads"])
def test_every_claim_is_a_node_with_every_field(which: str, request: pytest.FixtureRequest
                                                ) -> None:
    downloads: Downloads = request.getfixturevalue(which)
    from_graph = sorted(claims_from_graph(downloads), key=lambda claim: claim["id"])
    expected = sorted(claims_from_database(downloads.database), key=lambda claim: claim["id"])
    assert from_graph == expected


def test_citations_are_the_web_annotations_nodes(fixture_project: Path) -> None:
    written = exported(load_checked(Project.find(fixture_project)))
    claims = parse_offline(written["claims.jsonld"], SITE_URL + "data/claims.jsonld")
    vocabulary = json.loads(written["claims.jsonld"])["@context"]["@vocab"]
    cited = set(claims.objects(None, URIRef(vocabulary + "citation")))
    annotations = json.loads(written["annotations.jsonld"])["first"]["items"]
    assert cited == {URIRef(item["id"]) for item in annotations}
    # the quote, marked on its source's page
    assert all(str(iri).startswith(SITE_URL + "sources/test-article/#cite-") for iri in cited)


def test_the_context_is_inline_and_our_terms_are_the_data_dictionarys(
        fixture_downloads: Downloads) -> None:
    context = fixture_downloads.document["@context"]
    assert isinstance(context, dict)
    assert context["@vocab"] == SITE_URL + "data-dictionary/#ld-"
    ours = {str(p) for p in fixture_downloads.graph.predicates()
            if str(p).startswith(SITE_URL)}
    assert {SITE_URL + "data-dictionary/#ld-" + term for term in (
        "citation", "paragraph", "quote", "saidIn", "date", "datePrecision")} <= ours


def test_without_site_url_the_identifiers_are_relative(project: Path) -> None:
    written = exported(load_checked(Project.find(project)))
    document = json.loads(written["claims.jsonld"])
    assert document["@context"]["@vocab"] == "../data-dictionary/#ld-"
    for node in document["@graph"]:
        assert node["id"].startswith("../"), node["id"]
        for citation in node.get("citation", []):
            assert citation["id"].startswith("../sources/")
