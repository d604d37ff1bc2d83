"""A deterministic synthetic corpus in iranru-ref's own format, for the benchmark.

``write_corpus(scale, target)`` writes a complete project into ``target``: verbatim source texts
with their metadata (correct SHA-256 and paragraph kinds), one YAML record per entity under
``data/<folder>/``, the real vocabulary, templates, theme overrides, hand-written docs and
``mkdocs.yml`` of this repository. Everything passes ``iranru-ref check``:

* every claim's quote is a sentence (or a clause of one) that really occurs in the paragraph it
  cites, and ``occurrence`` is set whenever the quote occurs more than once there;
* every predicate fits its subject's type (``domain``), every relation's object fits ``range``;
* speakers are people, organisations or places, ``said_in`` is an event, tags come from
  ``data/vocabulary/tags.yml``, and every entity has at least one claim.

The same scale and seed always produce the same bytes. Scales:

* ``seed``: the repository's own data, copied;
* ``1k``: 1,000 entities, 10,000 claims, 100 sources;
* ``10k``: 10,000 entities, 100,000 claims, 1,000 sources;
* ``tiny``: a few dozen entities, for the tests.

Sources look like news reports: a headline, a dateline, 25–40 paragraphs of three to five
sentences (about 10–16 KB in all), sub-headings, now and then a photo caption, and a copyright
line at the end. Each cites 100 or so claims, the density a fully curated article would have.

Run ``python benchmarks/corpus.py 1k /tmp/corpus-1k`` to write one by hand.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import shutil
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:
    from yaml import CSafeDumper as Dumper
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as Dumper  # type: ignore[assignment]

ROOT = Path(__file__).resolve().parent.parent
#: what a corpus copies from the repository besides the generated data and sources (and every
#: top-level file, such as mkdocs.yml)
PROJECT_PARTS = ("templates", "overrides", "docs", "src/iranru_ref/engines/mkdocs_hook.py",
                 "data/vocabulary")
GENERATOR_VERSION = 3


@dataclass(frozen=True)
class Scale:
    name: str
    entities: int
    claims: int
    sources: int
    seed: int = 20260101


SCALES: dict[str, Scale] = {
    "tiny": Scale("tiny", 48, 360, 4),
    "1k": Scale("1k", 1_000, 10_000, 100),
    "10k": Scale("10k", 10_000, 100_000, 1_000),
}

#: share of entities by type; figures and treaties are rarer than people and organisations
TYPE_SHARES = {"person": 0.30, "organization": 0.20, "place": 0.10, "event": 0.14,
               "treaty": 0.08, "project": 0.09, "figure": 0.09}
FOLDER = {"person": "people", "organization": "organizations", "treaty": "treaties",
          "project": "projects", "place": "places", "event": "events", "figure": "figures"}
#: kind of claim by subject type: (relation, statement, quantity)
KIND_WEIGHTS = {"person": (6, 4, 0.5), "organization": (6, 3, 1), "place": (6, 3, 1),
                "event": (6, 3, 1), "treaty": (6, 3, 1), "project": (6, 2, 2),
                "figure": (3, 1, 6)}
SPEAKER_TYPES = ("person", "organization", "place")
UNITS = {"amount": "USD", "target": "USD", "growth": "percent", "count": "agreements",
         "length": "km", "duration": "years"}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")

# --- word pools -------------------------------------------------------------------------------
def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST = _words("Alexey Sergei Dmitry Mikhail Andrei Nikolai Igor Viktor Oleg Pavel Yuri Boris Anna "
         "Elena Maria Olga Irina Natalia Svetlana Tatiana Ali Hassan Hossein Mohammad Reza Mahmoud "
         "Javad Abbas Mehdi Saeed Hamid Kazem Majid Ebrahim Masoud Fatemeh Zahra Maryam Leila "
         "Shirin Parvin Ahmad Amir Behrouz Dariush Farhad Kamran Nasser Rostam")
SYLLABLES = _words("ka ri mo sa de lo va ne zi ba ro ta mi ha da shi ko la fa ve gol par zan "
             "ker bor mal tash kev dor rin sul nar")
SURNAME_ENDS = ("ov", "ev", "in", "sky", "enko", "i", "ian", "zadeh", "pour", "nejad", "far")
ORG_FIRST = ("Caspian", "Northern", "Eastern", "National", "Federal", "Joint", "Central",
             "Continental", "Eurasian", "United", "Persian", "Volga", "Southern", "Atlantic")
ORG_FIELD = ("Energy", "Rail", "Shipping", "Grain", "Nuclear", "Oil", "Gas", "Trade", "Transit",
             "Banking", "Steel", "Aviation", "Port", "Media", "Insurance", "Power", "Logistics")
ORG_KIND = ("Company", "Corporation", "Agency", "Ministry", "Commission", "Council", "Bank",
            "Group", "Authority", "Institute", "Holding", "Union", "News Agency", "Herald")
PLACE_ENDS = ("abad", "grad", "shahr", "sk", "ovo", "an", "dasht", "kand", "insk", "ar")
EVENT_KIND = ("summit", "talks", "forum", "visit", "meeting", "conference", "interview",
              "negotiations", "exhibition", "session")
TREATY_KIND = ("Agreement", "Treaty", "Memorandum", "Convention", "Protocol", "Accord")
TOPICS = ("energy cooperation", "nuclear safety", "grain supplies", "the transport corridor",
          "free trade", "customs procedures", "banking links", "Caspian shipping",
          "regional security", "oil swaps", "gas deliveries", "rail freight", "port capacity",
          "payment systems", "visa-free travel", "scientific exchange", "power plants",
          "investment protection", "tourism", "agricultural exports", "satellite launches",
          "cultural exchange", "military-technical cooperation", "pipeline construction")
PROJECT_KIND = ("Railway", "Power Plant", "Pipeline", "Port Terminal", "Corridor", "Bridge",
                "Refinery", "Dam", "Industrial Zone", "Canal")
FIGURE_KIND = ("trade turnover", "grain exports", "oil swaps", "rail freight", "gas supplies",
               "investment", "tourist arrivals", "port throughput", "electricity exports")
STATEMENT_VERBS = ("said that", "stressed that", "announced that", "noted that",
                   "confirmed that", "argued that", "warned that", "told reporters that")
STATEMENT_CLAUSES = (
    "work on {topic} would continue despite the sanctions",
    "talks on {topic} had entered a decisive phase",
    "both sides were ready to expand {topic}",
    "a roadmap on {topic} would be signed before the end of the year",
    "the dispute over {topic} had been settled",
    "{topic} remained the priority of the bilateral agenda",
    "the delays in {topic} were caused by Western pressure",
    "the volume of {topic} could double within two years",
)
FILLER = (
    "The talks took place behind closed doors, and no joint statement was issued afterwards.",
    "Officials on both sides declined to give further details.",
    "The ministry’s press service did not respond to a request for comment.",
    "Analysts say the relationship has deepened since the start of the war in Ukraine.",
    "The meeting was the third of its kind this year.",
    "Western governments have criticised the growing ties between Moscow and Tehran.",
    "The figures could not be independently verified.",
    "Negotiations on the remaining issues are expected to resume next month.",
    "Both delegations described the atmosphere of the talks as constructive.",
    "The project has been delayed several times since it was first announced.",
)
RELATION_TAILS = (
    "in {month} {year}, according to the ministry",
    "during the {kind} in {month} {year}",
    "as early as {year}, the agency reported",
    "at a ceremony in {month} {year}",
    "in {year}, officials confirmed on {weekday}",
    "for the {nth} time since {year}",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NTH = ("second", "third", "fourth", "fifth", "sixth")


@dataclass
class Entity:
    id: str
    type: str
    name: str
    tags: list[str]
    aliases: list[str] = field(default_factory=list)
    summary: str | None = None
    notes: list[str] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    #: the sources this entity's claims are cited from
    home: list[int] = field(default_factory=list)


@dataclass
class Sentence:
    """One sentence of a source paragraph, and the citations that quote (part of) it."""

    text: str
    quotes: list[tuple[dict[str, Any], str]] = field(default_factory=list)


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class Generator:
    def __init__(self, scale: Scale, vocabulary: Path) -> None:
        self.scale = scale
        self.rng = random.Random(scale.seed)
        with (vocabulary / "predicates.yml").open(encoding="utf-8") as handle:
            self.predicates: dict[str, dict[str, Any]] = yaml.safe_load(handle)
        with (vocabulary / "tags.yml").open(encoding="utf-8") as handle:
            self.tags: list[str] = list(yaml.safe_load(handle))
        self.names: set[str] = set()
        self.ids: set[str] = set()
        self.entities: list[Entity] = []
        self.by_type: dict[str, list[Entity]] = defaultdict(list)
        self.hubs: dict[str, list[Entity]] = {}
        self.initials: set[str] = set()

    # --- names ------------------------------------------------------------------------------
    def _word(self, parts: int) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(parts)).capitalize()

    def _name(self, entity_type: str) -> str:
        rng = self.rng
        for attempt in range(1000):
            if entity_type == "person":
                name = f"{rng.choice(FIRST)} {self._word(rng.randint(2, 3))}{rng.choice(SURNAME_ENDS)}"
            elif entity_type == "organization":
                first = rng.choice(ORG_FIRST) if rng.random() < 0.6 else self._word(2)
                name = f"{first} {rng.choice(ORG_FIELD)} {rng.choice(ORG_KIND)}"
            elif entity_type == "place":
                name = f"{self._word(rng.randint(1, 2))}{rng.choice(PLACE_ENDS)}"
            elif entity_type == "event":
                host = self._word(2) if rng.random() < 0.5 else rng.choice(ORG_FIRST)
                name = f"{host} {rng.choice(EVENT_KIND)} on {rng.choice(TOPICS)} ({rng.randint(2001, 2025)})"
            elif entity_type == "treaty":
                name = (f"{self._word(2)} {rng.choice(TREATY_KIND)} on {rng.choice(TOPICS)} "
                        f"({rng.randint(1995, 2025)})")
            elif entity_type == "project":
                name = f"{self._word(2)}–{self._word(2)} {rng.choice(PROJECT_KIND)}"
            else:
                name = f"{self._word(2)} {rng.choice(FIGURE_KIND)} in {rng.randint(2005, 2025)}"
            if attempt > 20:
                name += f" {attempt}"
            if name not in self.names and slugify(name) not in self.ids:
                self.names.add(name)
                return name
        raise RuntimeError("ran out of names")  # pragma: no cover

    # --- entities ---------------------------------------------------------------------------
    def make_entities(self) -> None:
        rng = self.rng
        total = self.scale.entities
        counts = {t: max(2, round(share * total)) for t, share in TYPE_SHARES.items()}
        counts["person"] += total - sum(counts.values())
        for entity_type, count in counts.items():
            for _ in range(count):
                name = self._name(entity_type)
                entity_id = slugify(name)
                self.ids.add(entity_id)
                entity = Entity(entity_id, entity_type, name,
                                tags=rng.sample(self.tags, rng.choice((1, 1, 2, 2, 3))))
                if rng.random() < 0.2:
                    entity.aliases = [self._alias(entity_type, name)]
                if rng.random() < 0.7:
                    entity.summary = (f"{name} appears in reports on {rng.choice(TOPICS)} and "
                                      f"{rng.choice(TOPICS)} between Russia and Iran.")
                if rng.random() < 0.1:
                    entity.notes = ["The articles spell the name in more than one way; the "
                                    "most frequent spelling is used here."]
                self.entities.append(entity)
                self.by_type[entity_type].append(entity)
        # A few well-connected entities per type, as Russia, Iran or Rosatom are in real data.
        for entity_type, members in self.by_type.items():
            self.hubs[entity_type] = members[: max(1, len(members) // 100)]

    def _alias(self, entity_type: str, name: str) -> str:
        """A person's surname; another entity's initials (“Atlantic Power Group”: “APG”), a
        word of no name, when no other alias has them; else the name in capitals."""
        words = name.split()
        if entity_type == "person" and len(words) > 1:
            return words[-1]
        initials = "".join(word[0] for word in words if word[0].isupper())
        if len(initials) > 1 and initials not in self.initials:
            self.initials.add(initials)
            return initials
        return name.upper()

    def _pick_object(self, types: list[str], subject: Entity) -> Entity | None:
        rng = self.rng
        types = [t for t in types if self.by_type.get(t)]
        if not types:
            return None
        weights = [len(self.by_type[t]) for t in types]
        entity_type = rng.choices(types, weights)[0]
        pool = self.hubs[entity_type] if rng.random() < 0.15 else self.by_type[entity_type]
        target = rng.choice(pool)
        return None if target is subject else target

    # --- claims -----------------------------------------------------------------------------
    def make_claims(self) -> None:
        rng = self.rng
        entities = self.entities
        extra = self.scale.claims - len(entities)
        weights = [rng.lognormvariate(0, 0.9) for _ in entities]
        per_entity = [1] * len(entities)
        for index in rng.choices(range(len(entities)), weights, k=extra):
            per_entity[index] += 1
        by_kind: dict[str, dict[str, list[str]]] = {}
        for entity_type in FOLDER:
            by_kind[entity_type] = {"relation": [], "statement": [], "quantity": []}
            for name, definition in self.predicates.items():
                if entity_type in definition.get("domain", list(FOLDER)):
                    by_kind[entity_type][definition["kind"]].append(name)
        events = self.by_type["event"]
        speakers = [e for t in SPEAKER_TYPES for e in self.by_type[t]]
        for entity, count in zip(entities, per_entity, strict=True):
            kinds = by_kind[entity.type]
            used: set[tuple[str, str | None]] = set()
            for number in range(1, count + 1):
                kind = rng.choices(("relation", "statement", "quantity"),
                                   KIND_WEIGHTS[entity.type])[0]
                claim: dict[str, Any] | None = None
                if kind == "relation":
                    predicate = rng.choice(kinds["relation"])
                    types = self.predicates[predicate].get("range") or list(FOLDER)
                    target = self._pick_object(types, entity)
                    if target is not None and (predicate, target.id) not in used:
                        used.add((predicate, target.id))
                        claim = self._relation(entity, predicate, target)
                if claim is None and kind == "quantity":
                    claim = self._quantity(entity, rng.choice(kinds["quantity"]))
                if claim is None:
                    claim = self._statement(entity, rng.choice(kinds["statement"]), events,
                                            speakers)
                claim["id"] = f"{claim['predicate'].replace('_', '-')}-{number}"
                if rng.random() < 0.3 and "date" not in claim:
                    claim["date"] = self._date()
                entity.claims.append(claim)

    def _date(self) -> Any:
        rng = self.rng
        year = rng.randint(2001, 2025)
        roll = rng.random()
        if roll < 0.4:
            return str(year)
        if roll < 0.75:
            return f"{year}-{rng.randint(1, 12):02d}"
        if roll < 0.95:
            return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        return {"value": f"{year}-{rng.randint(1, 12):02d}", "precision": "month",
                "inferred": True, "wording": "last month",
                "note": "The report is dated the following month."}

    def _tail(self) -> str:
        rng = self.rng
        return rng.choice(RELATION_TAILS).format(
            month=rng.choice(MONTHS), year=rng.randint(2001, 2025), kind=rng.choice(EVENT_KIND),
            weekday=rng.choice(WEEKDAYS), nth=rng.choice(NTH))

    def _relation(self, subject: Entity, predicate: str, target: Entity) -> dict[str, Any]:
        label = self.predicates[predicate]["label"]
        core = f"{subject.name} {label} {target.name}"
        sentence = f"{core} {self._tail()}."
        return {"predicate": predicate, "object": target.id,
                "text": f"{subject.name} {label} {target.name}.",
                "_sentence": sentence, "_quote": sentence[:-1]}

    def _statement(self, subject: Entity, predicate: str, events: list[Entity],
                   speakers: list[Entity]) -> dict[str, Any]:
        rng = self.rng
        clause = rng.choice(STATEMENT_CLAUSES).format(topic=rng.choice(TOPICS))
        claim: dict[str, Any] = {"predicate": predicate}
        if predicate == "stated":
            speaker = subject
        elif rng.random() < 0.2 and speakers:
            speaker = rng.choice(speakers)
        else:
            speaker = None
        if speaker is not None:
            verb = rng.choice(STATEMENT_VERBS)
            sentence = f"{speaker.name} {verb} {clause}, {self._tail()}."
            claim["text"] = f"{speaker.name} {verb} {clause}."
            claim["attributed_to"] = [speaker.id]
            if events and rng.random() < 0.4:
                claim["said_in"] = rng.choice(events).id
            quote = sentence[:-1]
        else:
            sentence = f"In the case of {subject.name}, {clause}, {self._tail()}."
            claim["text"] = f"In the case of {subject.name}, {clause}."
            quote = sentence[len("In the case of "):-1]
            if rng.random() < 0.05:
                claim["contested"] = True
        claim["_sentence"] = sentence
        claim["_quote"] = quote
        return claim

    def _quantity(self, subject: Entity, predicate: str) -> dict[str, Any]:
        rng = self.rng
        unit = UNITS.get(predicate, "units")
        if unit == "percent":
            value: int | float = round(rng.uniform(1, 80), 1)
            shown = f"{value}%"
        elif unit == "USD":
            value = rng.randint(1, 900) * 10_000_000
            shown = f"${value / 1e9:.2f} billion"
        else:
            value = rng.randint(2, 5000)
            shown = f"{value:,} {unit}"
        year = rng.randint(2005, 2025)
        approximate = rng.random() < 0.3
        wording = f"about {shown}" if approximate else shown
        sentence = f"The {predicate} for {subject.name} reached {wording} in {year}, figures showed."
        claim: dict[str, Any] = {"predicate": predicate,
                                 "text": f"The {predicate} for {subject.name} was {shown} in {year}.",
                                 "value": value, "unit": unit, "period": str(year)}
        if approximate:
            claim["approximate"] = True
            claim["wording"] = wording
        claim["_sentence"] = sentence
        claim["_quote"] = sentence[: sentence.index(", figures showed")]
        return claim

    # --- sources ----------------------------------------------------------------------------
    def make_sources(self) -> list[dict[str, Any]]:
        """Place each claim's sentence in a paragraph of one of its subject's home sources."""
        rng = self.rng
        count = self.scale.sources
        for entity in self.entities:
            entity.home = rng.sample(range(count), min(count, rng.choice((1, 2, 2, 3, 4))))
        sentences: list[list[Sentence]] = [[] for _ in range(count)]
        for entity in self.entities:
            for claim in entity.claims:
                placed = Sentence(claim.pop("_sentence"))
                placed.quotes.append((claim, claim.pop("_quote")))
                sentences[rng.choice(entity.home)].append(placed)
                if rng.random() < 0.2:  # a second report of the same fact, in other words
                    again = Sentence(f"Earlier reports also said that {claim['text'][:-1]}.")
                    again.quotes.append((claim, claim["text"][:-1]))
                    sentences[rng.choice(entity.home)].append(again)
        publishers = [e for e in self.by_type["organization"]
                      if e.name.endswith(("News Agency", "Herald", "Media Group"))]
        publishers = publishers or self.by_type["organization"]
        return [self._source(n, sentences[n], publishers) for n in range(count)]

    def _source(self, n: int, sentences: list[Sentence],
                publishers: list[Entity]) -> dict[str, Any]:
        rng = self.rng
        rng.shuffle(sentences)
        topic = rng.choice(TOPICS)
        year = rng.randint(2015, 2025)
        month = rng.randint(1, 12)
        day = rng.randint(1, 28)
        publisher = rng.choice(publishers)
        title = f"Russia and Iran discuss {topic} as ties deepen ({n + 1})"
        blocks: list[tuple[str, list[Sentence] | str]] = [
            ("heading", title),
            ("dateline", f"TEHRAN, {MONTHS[month - 1]} {day} ({publisher.name})"),
        ]
        position = 0
        since_heading = 0
        while position < len(sentences):
            take = rng.randint(3, 5)
            body = sentences[position: position + take]
            position += take
            if rng.random() < 0.5:
                body.insert(rng.randint(0, len(body)), Sentence(rng.choice(FILLER)))
            blocks.append(("body", body))
            since_heading += 1
            if since_heading >= rng.randint(6, 9) and position < len(sentences):
                blocks.append(("heading", f"{rng.choice(TOPICS).capitalize()} and "
                                          f"{rng.choice(TOPICS)}"))
                since_heading = 0
            elif rng.random() < 0.03:
                blocks.append(("caption", f"Photo: delegations at the talks on {topic}."))
        blocks.append(("boilerplate", f"© {year} {publisher.name}. All rights reserved."))
        paragraphs: list[str] = []
        kinds: dict[int, str] = {}
        for number, (kind, content) in enumerate(blocks, 1):
            if isinstance(content, str):
                paragraphs.append(content)
            else:
                paragraphs.append(self._paragraph(content, number, n))
            if kind != "body":
                kinds[number] = kind
        source_id = f"{slugify(publisher.name)[:40].strip('-')}-{year}-{n + 1:04d}"
        text = "\n\n".join(paragraphs) + "\n"
        return {"id": source_id, "text": text, "kinds": kinds, "title": title, "n": n,
                "publisher": publisher.id, "date": f"{year}-{month:02d}-{day:02d}"}

    def _paragraph(self, sentences: list[Sentence], number: int, source: int) -> str:
        text = " ".join(s.text for s in sentences)
        offset = 0
        for sentence in sentences:
            for claim, quote in sentence.quotes:
                start = text.index(quote, offset)
                occurrences = _occurrences(text, quote)
                citation: dict[str, Any] = {"source": source, "paragraph": number, "quote": quote}
                if len(occurrences) > 1:
                    citation["occurrence"] = occurrences.index(start) + 1
                claim.setdefault("citations", []).append(citation)
            offset += len(sentence.text) + 1
        return text


def _occurrences(text: str, quote: str) -> list[int]:
    """Every start of ``quote`` in ``text``, overlapping ones included, as the checker counts."""
    found = []
    start = text.find(quote)
    while start != -1:
        found.append(start)
        start = text.find(quote, start + 1)
    return found


# --- writing ----------------------------------------------------------------------------------
class _RecordDumper(Dumper):
    """Lists of plain values in flow style (``tags: [trade, energy]``), everything else in block
    style, as curators write records by hand."""


def _represent_list(dumper: _RecordDumper, data: list[Any]) -> yaml.Node:
    flow = all(not isinstance(item, (dict, list)) for item in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_RecordDumper.add_representer(list, _represent_list)


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_RecordDumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)


def _record(entity: Entity, source_ids: list[str]) -> dict[str, Any]:
    record: dict[str, Any] = {"name": entity.name}
    if entity.aliases:
        record["aliases"] = entity.aliases
    record["tags"] = entity.tags
    if entity.summary:
        record["summary"] = entity.summary
    if entity.notes:
        record["notes"] = entity.notes
    claims = []
    for claim in entity.claims:
        ordered: dict[str, Any] = {"id": claim["id"], "predicate": claim["predicate"]}
        for key in ("object", "text", "value", "unit", "period", "approximate", "wording",
                    "date", "attributed_to", "said_in", "contested"):
            if key in claim:
                ordered[key] = claim[key]
        ordered["citations"] = [
            {**citation, "source": source_ids[citation["source"]]}
            for citation in claim["citations"]
        ]
        claims.append(ordered)
    record["claims"] = claims
    return record


def _source_meta(source: dict[str, Any], digest: str) -> dict[str, Any]:
    return {
        "title": source["title"],
        "label": f"Report {source['n'] + 1} ({source['date'][:4]})",
        "publisher": source["publisher"],
        "date": source["date"],
        "language": "en",
        "url": f"https://example.org/reports/{source['id']}",
        "sha256": digest,
        "paragraphs": source["kinds"],
    }


def _fingerprint(scale: Scale) -> str:
    digest = hashlib.sha256()
    digest.update(json.dumps([GENERATOR_VERSION, scale.__dict__]).encode())
    digest.update(Path(__file__).read_bytes())
    for name in ("predicates.yml", "tags.yml"):
        digest.update((ROOT / "data" / "vocabulary" / name).read_bytes())
    return digest.hexdigest()


def copy_project_parts(target: Path) -> None:
    """The repository's templates, docs, config and vocabulary."""
    top_files = [path.name for path in ROOT.iterdir()
                 if path.is_file() and not path.name.startswith(".")]
    for part in (*PROJECT_PARTS, *sorted(top_files)):
        source = ROOT / part
        destination = target / part
        if destination.is_dir() and not destination.is_symlink():
            shutil.rmtree(destination)
        destination.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, destination,
                            ignore=shutil.ignore_patterns("__pycache__", ".*"))
        elif source.exists():
            shutil.copy2(source, destination)


def write_corpus(scale: str | Scale, target: Path) -> Path:
    """Write the project for ``scale`` into ``target`` (reused when already up to date)."""
    if isinstance(scale, str):
        if scale == "seed":
            return _write_seed(target)
        scale = SCALES[scale]
    stamp = target / ".corpus.json"
    fingerprint = _fingerprint(scale)
    if stamp.is_file() and json.loads(stamp.read_text())["fingerprint"] == fingerprint:
        copy_project_parts(target)  # templates and docs may have changed; the data has not
        return target
    for folder in ("data", "sources"):
        shutil.rmtree(target / folder, ignore_errors=True)
    target.mkdir(parents=True, exist_ok=True)
    stamp.unlink(missing_ok=True)
    copy_project_parts(target)

    generator = Generator(scale, ROOT / "data" / "vocabulary")
    generator.make_entities()
    generator.make_claims()
    sources = generator.make_sources()
    source_ids = [source["id"] for source in sources]
    assert len(set(source_ids)) == len(source_ids)
    (target / "sources").mkdir()
    for source in sources:
        raw = source["text"].encode("utf-8")
        (target / "sources" / f"{source['id']}.txt").write_bytes(raw)
        meta = _source_meta(source, hashlib.sha256(raw).hexdigest())
        (target / "sources" / f"{source['id']}.yml").write_text(_dump(meta), encoding="utf-8")
    for folder in FOLDER.values():
        (target / "data" / folder).mkdir(parents=True, exist_ok=True)
    for entity in generator.entities:
        path = target / "data" / FOLDER[entity.type] / f"{entity.id}.yml"
        path.write_text(_dump(_record(entity, source_ids)), encoding="utf-8")
    stamp.write_text(json.dumps({
        "fingerprint": fingerprint, "scale": scale.name, "seed": scale.seed,
        "entities": len(generator.entities),
        "claims": sum(len(e.claims) for e in generator.entities),
        "sources": len(sources),
    }, indent=1))
    return target


def _write_seed(target: Path) -> Path:
    """The repository's own data and sources, as they are now."""
    for folder in ("data", "sources"):
        shutil.rmtree(target / folder, ignore_errors=True)
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "data", target / "data")
    shutil.copytree(ROOT / "sources", target / "sources")
    copy_project_parts(target)
    (target / ".corpus.json").unlink(missing_ok=True)
    return target


def write_seed_from_git(target: Path, revision: str = "HEAD") -> Path:
    """The repository's data and sources as committed at ``revision``."""
    import subprocess
    import tarfile
    import tempfile

    for folder in ("data", "sources"):
        shutil.rmtree(target / folder, ignore_errors=True)
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryFile() as archive:
        subprocess.run(["git", "archive", revision, "data", "sources"], cwd=ROOT, stdout=archive,
                       check=True)
        archive.seek(0)
        with tarfile.open(fileobj=archive) as tar:
            tar.extractall(target, filter="data")
    copy_project_parts(target)
    (target / ".corpus.json").unlink(missing_ok=True)
    return target


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in (*SCALES, "seed"):
        print(f"usage: corpus.py {{seed,{','.join(SCALES)}}} TARGET", file=sys.stderr)
        return 2
    target = write_corpus(argv[0], Path(argv[1]).resolve())
    print(f"wrote {argv[0]} corpus into {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
