"""``claims.jsonld``: every claim as linked data, for SPARQL and other RDF tools.

A node per claim, typed ``schema:Claim`` and ``rdf:Statement``: its subject, predicate and
object as RDF reification states them (``rdf:subject``, ``rdf:predicate``, ``rdf:object``), its
figure (``schema:value``, ``schema:unitText``), its date as a typed literal whose type is its
precision (``xsd:gYear``, ``xsd:gYearMonth`` or ``xsd:date``), the speakers it is attributed to
(``prov:wasAttributedTo``), the claims a derived figure comes from (``prov:wasDerivedFrom``),
and its citations. A citation's IRI is its Web Annotation's in ``annotations.jsonld`` (the
quote, marked on its source's page), so the two files describe the same nodes; here it has the
quote and the paragraph it is taken from. The entities, sources, cited paragraphs and
predicates are nodes too.

What no established vocabulary says is in a small vocabulary of our own, ``TERMS``, whose IRIs
are anchors of the Data dictionary page (``data-dictionary/#ld-<term>``), where each term is
defined. The context is inline: a reader fetches nothing to parse the file.

IRIs are relative to this file unless ``site_url`` is set in mkdocs.yml (see site_config). The
vocabulary's IRIs are then relative too, through ``@vocab`` (JSON-LD 1.1 resolves a relative
``@vocab`` against the file's address; rdflib 7 leaves it relative).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TextIO

from ..database import CitationRef, ClaimRef, Database
from ..records.dates import PartialDate
from ..urls import entity_page, page_url, source_page
from .annotations import annotation_id
from .json_text import write_json
from .site_config import SiteConfig

FILE_NAME = "claims.jsonld"
PATH = f"data/{FILE_NAME}"
DICTIONARY_PAGE = "data-dictionary.md"
#: the fragment before each term of our vocabulary on the Data dictionary page
TERM_ANCHOR = "ld-"
#: the fragment before each predicate on the Data dictionary page
PREDICATE_ANCHOR = "predicate-"

PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "schema": "http://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
}
#: a date's precision → the XML Schema type of its value
DATE_TYPES = {"year": "xsd:gYear", "month": "xsd:gYearMonth", "day": "xsd:date"}
#: entity type → schema.org class (as on the entity pages)
ENTITY_CLASSES = {"person": "schema:Person", "organization": "schema:Organization",
                  "treaty": "schema:Legislation", "project": "schema:Project",
                  "place": "schema:Place", "event": "schema:Event",
                  "figure": "schema:Observation"}


@dataclass(frozen=True, slots=True)
class Term:
    """A key of ``claims.jsonld``: an established term (``iri``, compact) or one of ours."""

    name: str
    description: str
    #: the established term it stands for; None for a term of our own vocabulary
    iri: str | None = None
    #: its values are nodes (IRIs), not literals
    link: bool = False

    @property
    def ours(self) -> bool:
        return self.iri is None


TERMS: tuple[Term, ...] = (
    # classes
    Term("Claim", "A claim: one sourced fact about its subject (also an rdf:Statement).",
         "schema:Claim"),
    Term("Statement", "RDF's reified statement, whose subject, predicate and object it names.",
         "rdf:Statement"),
    Term("Citation", "A verbatim quote that proves a claim, taken from one paragraph. Its IRI is "
         "its Web Annotation's in annotations.jsonld."),
    Term("Paragraph", "A paragraph of a source, ¶n on the source's page."),
    Term("Property", "A predicate: the kind of a claim.", "rdf:Property"),
    Term("Article", "A source: an article every claim is drawn from.", "schema:Article"),
    # what every node may have
    Term("identifier", "The id, as in database.json and the CSV and SQLite tables.",
         "schema:identifier"),
    Term("name", "The name of an entity or the title of a source.", "schema:name"),
    # claims
    Term("text", "The claim in one sentence.", "schema:text"),
    Term("subject", "The entity the claim is about.", "rdf:subject", link=True),
    Term("predicate", "The predicate: the kind of claim.", "rdf:predicate", link=True),
    Term("object", "The other entity, for a relation.", "rdf:object", link=True),
    Term("value", "The number, for a figure.", "schema:value"),
    Term("unit", "The unit of the value (USD, percent, km, …).", "schema:unitText"),
    Term("currency", "The currency, when the unit is money.", "schema:currency"),
    Term("period", "The period a figure covers, in the article's terms."),
    Term("approximate", "True when the article gives the figure loosely."),
    Term("wording", "The article's own words for the figure."),
    Term("date", "When it happened, typed by its precision: xsd:gYear, xsd:gYearMonth or "
         "xsd:date."),
    Term("datePrecision", "The date's precision: year, month or day."),
    Term("dateInferred", "True when the date is worked out, not stated."),
    Term("dateWording", "The article's own words the date was inferred from."),
    Term("dateNote", "How the date was worked out."),
    Term("attributedTo", "Who said it: the speakers the claim is attributed to.",
         "prov:wasAttributedTo", link=True),
    Term("saidIn", "Where the speakers said it: an entity, usually an event such as an "
         "interview.", link=True),
    Term("contested", "True when one side asserts it as fact."),
    Term("derivedFrom", "The claims a derived figure was computed from.", "prov:wasDerivedFrom",
         link=True),
    Term("formula", "How the editors computed a derived figure."),
    Term("note", "An editor's note on the claim."),
    Term("citation", "A citation that proves the claim.", link=True),
    # citations and paragraphs
    Term("quote", "The quoted words, verbatim up to whitespace."),
    Term("paragraph", "The paragraph a citation quotes.", link=True),
    Term("position", "A paragraph's number in its source, or a citation's among its claim's.",
         "schema:position"),
    Term("isPartOf", "The source a paragraph belongs to.", "schema:isPartOf", link=True),
    Term("datePublished", "The day, month or year a source was published.",
         "schema:datePublished"),
    # predicates
    Term("label", "How a predicate reads forwards (subject → object).", "rdfs:label"),
    Term("inverseLabel", "How a predicate reads backwards (object → subject)."),
    Term("kind", "A predicate's kind: relation (has an object), statement or quantity (has a "
         "value)."),
)


def context(site: SiteConfig) -> dict[str, Any]:
    """The inline JSON-LD context: prefixes, our vocabulary, and a definition per term."""
    definitions: dict[str, Any] = {
        "@version": 1.1,
        "@vocab": site.iri(f"{page_url(DICTIONARY_PAGE)}#{TERM_ANCHOR}", PATH),
        **PREFIXES, "id": "@id", "type": "@type",
    }
    for term in TERMS:
        if term.iri is not None:
            definitions[term.name] = ({"@id": term.iri, "@type": "@id"} if term.link
                                      else term.iri)
        elif term.link:
            definitions[term.name] = {"@type": "@id"}
    definitions.update({kind.removeprefix("schema:"): kind for kind in ENTITY_CLASSES.values()})
    return definitions


def _date(date: PartialDate) -> dict[str, Any]:
    node: dict[str, Any] = {"date": {"@value": date.value, "@type": DATE_TYPES[date.precision]},
                            "datePrecision": date.precision, "dateInferred": date.inferred}
    if date.wording:
        node["dateWording"] = date.wording
    if date.note:
        node["dateNote"] = date.note
    return node


class _Nodes:
    """The IRIs of the database's things, as written in ``claims.jsonld``."""

    def __init__(self, database: Database, site: SiteConfig) -> None:
        self.database = database
        self.site = site

    def iri(self, target: str) -> str:
        return self.site.iri(target, PATH)

    def entity(self, entity_id: str) -> str:
        record = self.database.entities[entity_id]
        return self.iri(page_url(entity_page(record.type, record.id)) + "#entity")

    def claim(self, claim_id: str) -> str:
        subject, _, local = claim_id.partition(".")
        record = self.database.entities[subject]
        return self.iri(f"{page_url(entity_page(record.type, record.id))}#claim-{local}")

    def source(self, source_id: str) -> str:
        return self.iri(page_url(source_page(source_id)))

    def paragraph(self, source_id: str, n: int) -> str:
        return self.iri(f"{page_url(source_page(source_id))}#p{n}")

    def predicate(self, name: str) -> str:
        return self.iri(f"{page_url(DICTIONARY_PAGE)}#{PREDICATE_ANCHOR}{name}")


def claim_node(nodes: _Nodes, ref: ClaimRef) -> dict[str, Any]:
    claim = ref.claim
    node: dict[str, Any] = {
        "id": nodes.claim(ref.id), "type": ["Claim", "Statement"], "identifier": ref.id,
        "text": claim.text, "subject": nodes.entity(ref.subject.id),
        "predicate": nodes.predicate(claim.predicate),
    }
    if claim.object is not None:
        node["object"] = nodes.entity(claim.object)
    if claim.value is not None:
        node["value"] = claim.value
        node["unit"] = claim.unit
        for key in ("currency", "period", "wording"):
            if getattr(claim, key) is not None:
                node[key] = getattr(claim, key)
        node["approximate"] = claim.approximate
    if claim.date is not None:
        node.update(_date(claim.date))
    if claim.attributed_to:
        node["attributedTo"] = [nodes.entity(speaker) for speaker in claim.attributed_to]
    if claim.said_in is not None:
        node["saidIn"] = nodes.entity(claim.said_in)
    node["contested"] = claim.contested
    if claim.derived is not None:
        node["formula"] = claim.derived.formula
        node["derivedFrom"] = [nodes.claim(input_id) for input_id in claim.derived.inputs]
    if claim.note is not None:
        node["note"] = claim.note
    node["citation"] = [
        {"id": annotation_id(nodes.site, CitationRef(ref, number, citation), PATH),
         "type": "Citation", "position": number, "quote": citation.quote,
         "paragraph": nodes.paragraph(citation.source, citation.paragraph)}
        for number, citation in enumerate(claim.citations, 1)
    ]
    return node


def _graph(database: Database, nodes: _Nodes) -> Iterator[dict[str, Any]]:
    for name, predicate in database.vocabulary.predicates.items():
        node: dict[str, Any] = {"id": nodes.predicate(name), "type": "Property",
                                "identifier": name, "label": predicate.label,
                                "kind": predicate.kind}
        if predicate.inverse:
            node["inverseLabel"] = predicate.inverse
        yield node
    for source in database.sources.values():
        yield {"id": nodes.source(source.id), "type": "Article", "identifier": source.id,
               "name": source.meta.title, "datePublished": {
                   "@value": source.meta.date.value,
                   "@type": DATE_TYPES[source.meta.date.precision]}}
    cited = sorted({(c.source, c.paragraph) for ref in database.claims()
                    for c in ref.claim.citations},
                   key=lambda key: (database.source_positions[key[0]], key[1]))
    for source_id, n in cited:
        yield {"id": nodes.paragraph(source_id, n), "type": "Paragraph",
               "isPartOf": nodes.source(source_id), "position": n}
    for record in database.entities.values():
        yield {"id": nodes.entity(record.id), "type": ENTITY_CLASSES[record.type].removeprefix(
            "schema:"), "identifier": record.id, "name": record.name}
    for ref in database.claims():
        yield claim_node(nodes, ref)


def claims_document(database: Database, site: SiteConfig) -> dict[str, Any]:
    """The document; its nodes are made as the file is written."""
    nodes = _Nodes(database, site)
    return {"@context": context(site), "@graph": _graph(database, nodes)}


def write_claims(database: Database, file: TextIO) -> None:
    # one node per line
    write_json(claims_document(database, SiteConfig.load(database.root)), 2, file)
