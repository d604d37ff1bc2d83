"""The curators' JSON Schemas, generated from the pydantic models.

The package ships the generated files (``record_schema_files`` reads them), so that a build does
not generate them: ``python -m iranru_ref.records.schema_generation`` rewrites them after a model changes,
and a test fails while they differ from the models. ``iranru-ref schemas`` then copies them to
a project's ``schemas/``. The help texts below become each field's description there, on the
Data dictionary page and in the records ``iranru-ref new`` writes.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from pydantic import BaseModel

from .claim import Citation, Claim, Derivation
from .committed_files import write_if_changed
from .dates import PartialDate
from .entity import Entity, EventDate
from .model import RESERVED_IDS
from .schema_files import (
    ENTITY_SCHEMA,
    PREDICATES_SCHEMA,
    SOURCE_SCHEMA,
    TAGS_SCHEMA,
    published_directory,
)
from .source import SourceMeta, Supplied
from .vocabulary import Predicate, Tag

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"

FIELD_HELP: dict[type[BaseModel], dict[str, str]] = {
    Entity: {
        "name": "The display name, as the sources write it.",
        "aliases": "Other names the sources use for it.",
        "editor_aliases": "Spellings no source uses that readers search for (such as Owji for "
                          "Ouji); the site shows them marked as the editors'.",
        "tags": "At least one tag from data/vocabulary/tags.yml.",
        "date": "An event's own date, with the quotes that state it or that it was inferred "
                "from; shown once on the timeline and the event's page (events only).",
        "summary": "One or two sentences drawn from the claims below (shown as the editors').",
        "notes": "Editors' notes shown on the page.",
        "claims": "Sourced facts about this entity; each cites at least one quote.",
    },
    Claim: {
        "id": "Unique within this record: lowercase letters, digits and hyphens.",
        "predicate": "The kind of claim, from data/vocabulary/predicates.yml.",
        "text": "The claim in one sentence.",
        "object": "The other entity's id, for relation predicates.",
        "value": "The number, for quantity predicates (needs unit).",
        "unit": "The unit of value: USD, percent, km …",
        "currency": "The currency, when the unit is money.",
        "period": "The period a figure covers, e.g. \"2022\".",
        "approximate": "True when the source gives the figure loosely (nearly, about).",
        "wording": "The source's own words for the figure.",
        "date": "When it happened: YYYY, YYYY-MM or YYYY-MM-DD, or a mapping saying how it "
                "was inferred.",
        "attributed_to": "Who said it (entity ids), when the source reports someone's words.",
        "said_in": "Where they said it: an event or outlet id (needs attributed_to).",
        "contested": "True when the source asserts it in its own voice as one side's view.",
        "derived": "How the editors computed the figure from stated ones.",
        "note": "An editor's note shown with the claim.",
        "citations": "The quotes that prove the claim: at least one.",
    },
    Citation: {
        "source": "The source id: sources/<id>.txt.",
        "paragraph": "The paragraph number, as listed by iranru-ref add-source.",
        "quote": "Words copied verbatim from that paragraph.",
        "occurrence": "Which occurrence, when the quote recurs in the paragraph (default 1).",
    },
    Derivation: {
        "formula": "The computation, in words or symbols.",
        "inputs": "The claims it uses, as <entity id>.<claim id>.",
    },
    PartialDate: {
        "value": "YYYY, YYYY-MM or YYYY-MM-DD.",
        "precision": "How much of the date is known: year, month or day.",
        "inferred": "True when the source does not state the date (needs wording or note).",
        "wording": "The source's words the date was inferred from, e.g. \"last September\".",
        "note": "How the date was worked out.",
    },
    EventDate: {
        "value": "YYYY, YYYY-MM or YYYY-MM-DD.",
        "precision": "How much of the date is known: year, month or day.",
        "inferred": "True when the sources do not state the date (needs wording or note).",
        "wording": "The source's words the date was read or inferred from, e.g. \"on Friday\".",
        "note": "How the date was worked out.",
        "citations": "The quotes that state the date, or that it was inferred from.",
    },
    Supplied: {
        "by": "Who supplied the metadata with the article: a person, an organisation or a feed.",
        "fields": "Which fields came with the article rather than from its text: title, "
                  "publisher, date or url.",
        "note": "What else the editors know of how the metadata came.",
    },
    SourceMeta: {
        "title": "The article's title, or the sentence standing in for one.",
        "label": "A short label for lists.",
        "title_note": "Why the title is what it is, when the text has no headline.",
        "publisher": "The publishing organisation's entity id.",
        "publisher_note": "How the publisher was identified.",
        "date": "The publication date: YYYY, YYYY-MM or YYYY-MM-DD, or a mapping saying how "
                "it was inferred.",
        "language": "The article's language, as a BCP 47 tag such as en.",
        "url": "The article's web address, when the text records one or it was supplied with "
               "the article (never made up).",
        "sha256": "SHA-256 of sources/<id>.txt; iranru-ref add-source records it.",
        "original_name": "The file name the text arrived under.",
        "paragraphs": "Paragraph number → kind, for paragraphs that are not body text.",
        "supplied": "The metadata that came with the article, not from its text, and who "
                    "supplied it.",
        "notes": "Editors' notes on the source.",
    },
    Predicate: {
        "label": "How the relation reads forwards: \"ambassador to\".",
        "inverse": "How it reads backwards, on the object's page: \"has as ambassador\".",
        "kind": "relation (needs an object), statement, or quantity (value and unit).",
        "domain": "Entity types allowed as subject (default: all).",
        "range": "Entity types allowed as object (relations only).",
        "description": "What the predicate means.",
    },
    Tag: {
        "description": "What the tag covers.",
    },
}
_HELP_BY_TITLE = {model.__name__: help for model, help in FIELD_HELP.items()}

#: an example value of each field a curator writes in a record, in the JSON Schemas and in
#: the record that ``iranru-ref new`` lays out; each one is valid for its field
FIELD_EXAMPLES: dict[type[BaseModel], dict[str, Any]] = {
    Entity: {
        "name": "Javad Ouji",
        "aliases": ["Ouji"],
        "editor_aliases": ["Javad Owji"],
        "tags": ["energy"],
        "summary": "Iran's oil minister, as the Sputnik interview report (2023) calls him.",
        "notes": ["Owji is the spelling readers search for; no source uses it."],
    },
    Claim: {
        "id": "ambassador-to-iran",
        "predicate": "ambassador_to",
        "text": "Dedov is Russia's ambassador to Iran.",
        "object": "iran",
        "value": 5000000000,
        "unit": "USD",
        "currency": "USD",
        "period": "2022",
        "approximate": True,
        "wording": "nearly $5 billion",
        "attributed_to": ["alexey-dedov"],
        "said_in": "dedov-sputnik-interview-2023",
        "contested": True,
        "note": "The report gives no date for this.",
    },
    Citation: {
        "source": "dedov-sputnik-2023",
        "paragraph": 3,
        "quote": "presented his credentials in Tehran last September",
        "occurrence": 2,
    },
    Derivation: {
        "formula": "turnover 2022 ÷ (1 + growth 2022)",
        "inputs": ["russia-iran-trade-turnover-2022.amount"],
    },
    PartialDate: {
        "value": "2022-09",
        "precision": "month",
        "inferred": True,
        "wording": "last September",
        "note": "The interview dates from 2023, so “last September” is September 2022.",
    },
    EventDate: {
        "value": "2022-09",
        "precision": "month",
        "inferred": True,
        "wording": "last September",
        "note": "The interview dates from 2023, so “last September” is September 2022.",
    },
}
_EXAMPLES_BY_TITLE = {model.__name__: examples for model, examples in FIELD_EXAMPLES.items()}


def _describe(schema: dict[str, Any]) -> None:
    """Add the help texts and examples to every object schema that comes from a model."""
    for definition in [schema, *schema.get("$defs", {}).values()]:
        help = _HELP_BY_TITLE.get(definition.get("title", ""), {})
        examples = _EXAMPLES_BY_TITLE.get(definition.get("title", ""), {})
        for name, prop in definition.get("properties", {}).items():
            if name in help:
                prop["description"] = help[name]
            if name in examples:
                prop["examples"] = [examples[name]]


def _date_value(date: dict[str, Any]) -> None:
    """A date's value is a string or a year written as a number."""
    value = date["properties"]["value"]
    date["properties"]["value"] = {
        "anyOf": [{"type": "string", "pattern": _DATE_PATTERN}, {"type": "integer"}],
        **{key: value[key] for key in ("description", "examples") if key in value},
    }


def _date_shorthand(schema: dict[str, Any]) -> None:
    """PartialDate also accepts a bare string (``2022-09``) or year (``2023``); an event's date
    is always a mapping, since it has citations."""
    if "EventDate" in schema.get("$defs", {}):
        _date_value(schema["$defs"]["EventDate"])
    date = schema.get("$defs", {}).get("PartialDate")
    if date is None:
        return
    _date_value(date)
    schema["$defs"]["PartialDate"] = {
        "title": "PartialDate",
        "description": "A date: YYYY, YYYY-MM or YYYY-MM-DD as the source states it, or a "
                       "mapping with its precision and how it was inferred.",
        "anyOf": [
            {"type": "string", "pattern": _DATE_PATTERN},
            {"type": "integer", "minimum": 1000, "maximum": 9999},
            {key: value for key, value in date.items() if key != "description"},
        ],
    }


def _model_schema(model: type[BaseModel]) -> dict[str, Any]:
    schema = model.model_json_schema()
    _describe(schema)
    _date_shorthand(schema)
    return schema


def _record(model: type[BaseModel], title: str) -> dict[str, Any]:
    schema = _model_schema(model)
    schema.pop("title", None)
    return {"$schema": JSON_SCHEMA_DIALECT, "title": title, **schema}


def _mapping(model: type[BaseModel], title: str, key_pattern: str) -> dict[str, Any]:
    schema = _model_schema(model)
    defs = schema.pop("$defs", {})
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "title": title,
        "type": "object",
        "propertyNames": {"pattern": key_pattern},
        "additionalProperties": {"$ref": f"#/$defs/{model.__name__}"},
        "$defs": {model.__name__: schema, **defs},
    }


def generated_schemas() -> dict[str, dict[str, Any]]:
    """File name → JSON Schema, generated from the models."""
    entity = _record(Entity, "Entity record (data/<type folder>/<id>.yml)")
    source = _record(SourceMeta, "Source metadata (sources/<id>.yml)")
    source["properties"]["paragraphs"]["propertyNames"] = {"pattern": "^[1-9][0-9]*$"}
    tags = _mapping(Tag, "Tag vocabulary (data/vocabulary/tags.yml)", "^[a-z0-9][a-z0-9-]*$")
    tags["propertyNames"]["not"] = {"enum": sorted(RESERVED_IDS)}
    return {
        ENTITY_SCHEMA: entity,
        SOURCE_SCHEMA: source,
        PREDICATES_SCHEMA: _mapping(
            Predicate, "Predicate vocabulary (data/vocabulary/predicates.yml)",
            "^[a-z][a-z_]*$"),
        TAGS_SCHEMA: tags,
    }


def generated_texts() -> dict[str, str]:
    return {name: json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
            for name, schema in generated_schemas().items()}


def main() -> int:
    """Rewrite the package's copies from the models."""
    directory = published_directory()
    for name, text in generated_texts().items():
        if write_if_changed(directory / name, text):
            print(f"wrote {directory / name}")
    print("now run iranru-ref schemas, which copies them to schemas/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
