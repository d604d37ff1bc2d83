"""Identifiers that work outside the site: with ``site_url`` set, every identifier in the data
files, the pages' JSON-LD, the citations and ``sitemap.xml`` is absolute and resolves to a page
or an anchor of the built site, with both engines; without it they are relative, and still
resolve against the file they are in. Each entity page links to its per-record JSON.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from conftest import copy_project, download_bytes
from rdflib import Graph, Namespace

from iranru_ref.engines.build import build_site
from iranru_ref.engines.zensical import zensical_available
from iranru_ref.load.project import Project
from iranru_ref.records.vocabulary import TYPE_FOLDER

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings(
    "ignore:ConjunctiveGraph is deprecated:DeprecationWarning")]

SITE_URL = "https://example.org/iranru/"
SDO = Namespace("http://schema.org/")
ENGINES = ["mkdocs", pytest.param("zensical", marks=pytest.mark.skipif(
    not zensical_available(), reason="Zensical is not installed"))]
_SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
_CITE_TEXT = re.compile(r'<pre class="cite-text"><code>(.*?)</code></pre>', re.S)
_LOC = re.compile(r"<loc>(.*?)</loc>")


class _Head(HTMLParser):
    """The ids of a page and the links of its head."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if tag == "link":
            self.links.append(found)


def _page(path: Path) -> _Head:
    parser = _Head()
    parser.feed(path.read_text("utf-8"))
    return parser


@pytest.fixture(scope="module", params=ENGINES)
def absolute_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
                  ) -> Path:
    """The repository's data built with an example ``site_url``."""
    work = tmp_path_factory.mktemp(f"absolute-{request.param}")
    project = copy_project(work / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(
        "site_description:", f"site_url: {SITE_URL}\nsite_description:", 1), "utf-8")
    return build_site(Project.find(project), work / "site", engine=request.param).site_dir


def _strings(value: Any) -> Iterator[str]:
    """Every string of a JSON document but its JSON-LD context's."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key != "@context":
                yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _node_ids(value: Any) -> Iterator[str]:
    """Every ``@id`` (or ``id``) of a JSON-LD document but its context's."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("@id", "id") and isinstance(item, str):
                yield item
            elif key != "@context":
                yield from _node_ids(item)
    elif isinstance(value, list):
        for item in value:
            yield from _node_ids(item)


def _json_ld_files(site: Path) -> Iterator[tuple[Path, Any]]:
    """Every JSON-LD document of the site, with the file it is in (gzipped or not)."""
    for path in sorted(site.rglob("*.html")):
        for script in _SCRIPT.findall(path.read_text("utf-8")):
            yield path, json.loads(script)
    for path in sorted((site / "data").glob("*.jsonld*")):
        yield path, _json(path)


def _json(path: Path) -> Any:
    return json.loads(download_bytes(path.parent, path.name.removesuffix(".gz")))


def _claims_graph(site: Path, base: str) -> Graph:
    """claims.jsonld, parsed as read from ``base``; nothing is fetched."""
    return Graph().parse(data=download_bytes(site / "data", "claims.jsonld"),
                         format="json-ld", publicID=base)


class Resolver:
    """Whether an address names a file of the built site, and its fragment an anchor there."""

    def __init__(self, site: Path, base: str) -> None:
        self.site = site
        self.base = base
        self._ids: dict[Path, set[str]] = {}

    def file(self, address: str) -> Path | None:
        if not address.startswith(self.base):
            return None
        path = unquote(urlsplit(address).path)
        local = self.site / path[len(urlsplit(self.base).path):]
        if path.endswith("/"):
            local = local / "index.html"
        return local if local.is_file() else None

    def ids(self, path: Path) -> set[str]:
        if path not in self._ids:
            if path.suffix == ".html":
                self._ids[path] = _page(path).ids
            else:  # a JSON-LD file: the fragments of the nodes it names
                document = _json(path)
                self._ids[path] = {i.partition("#")[2] for i in _node_ids(document) if "#" in i}
        return self._ids[path]

    def resolves(self, address: str) -> bool:
        path = self.file(address)
        fragment = urlsplit(address).fragment
        return path is not None and (not fragment or fragment in self.ids(path))


def test_every_absolute_identifier_resolves_to_a_page_or_an_anchor(absolute_site: Path) -> None:
    site = absolute_site
    resolver = Resolver(site, SITE_URL)
    found: dict[str, str] = {}  # address → where it was found
    for path, document in _json_ld_files(site):
        for node_id in _node_ids(document):
            assert node_id.startswith(("https://", "http://")), (path, node_id)  # none relative
        for value in _strings(document):
            if value.startswith(SITE_URL):
                found.setdefault(value, str(path.relative_to(site)))
    # the vocabulary: the properties and classes of the claims, parsed without any fetch
    claims = _claims_graph(site, SITE_URL + "data/claims.jsonld.gz")
    for triple in claims:
        for term in triple:
            if str(term).startswith(SITE_URL):
                found.setdefault(str(term), "data/claims.jsonld (parsed)")
    for path in [*sorted((site / "data" / "entities").glob("*.json")),
                 site / "data" / "index.json"]:
        for value in _strings(json.loads(path.read_text("utf-8"))):
            if value.startswith(SITE_URL):
                found.setdefault(value.replace("{id}", "alexey-dedov"),
                                 str(path.relative_to(site)))
    for path in sorted(site.rglob("*.html")):
        for text in _CITE_TEXT.findall(path.read_text("utf-8")):
            address = html.unescape(text).rsplit(" ", 1)[1]
            assert address == SITE_URL + path.parent.relative_to(site).as_posix() + "/"
            found.setdefault(address, str(path.relative_to(site)))
    for loc in _LOC.findall((site / "sitemap.xml").read_text("utf-8")):
        found.setdefault(html.unescape(loc), "sitemap.xml")
    unresolved = {address: where for address, where in found.items()
                  if not resolver.resolves(address)}
    assert unresolved == {}
    fragments = {re.sub(r"[-0-9].*", "", urlsplit(address).fragment) for address in found}
    # pages, entities, claims, paragraphs, quotes, predicates, our terms and the dataset
    assert {"", "entity", "claim", "p", "cite", "predicate", "ld", "dataset"} <= fragments


def test_the_sitemap_lists_every_page_by_its_absolute_address(absolute_site: Path) -> None:
    listed = set(_LOC.findall((absolute_site / "sitemap.xml").read_text("utf-8")))
    folders = [path.parent.relative_to(absolute_site).as_posix()
               for path in absolute_site.rglob("index.html")]
    assert listed == {SITE_URL + ("" if folder == "." else folder + "/") for folder in folders}


def _record_links(page: Path) -> list[str]:
    return [str(link["href"]) for link in _page(page).links
            if "alternate" in str(link.get("rel")).split()
            and link.get("type") == "application/json"]


def _entity_pages(site: Path) -> Iterator[tuple[dict[str, Any], Path]]:
    database = json.loads(download_bytes(site / "data", "database.json"))
    for entity in database["entities"]:
        yield entity, site / TYPE_FOLDER[entity["type"]] / entity["id"] / "index.html"


def test_each_entity_page_links_to_its_record(absolute_site: Path) -> None:
    _links_to_records(absolute_site)


def test_each_entity_page_links_to_its_record_without_site_url(built_site: Path) -> None:
    _links_to_records(built_site)


def _links_to_records(site: Path) -> None:
    with_record = set()
    for entity, page in _entity_pages(site):
        links = _record_links(page)
        assert len(links) == 1, page
        record = (page.parent / links[0]).resolve()
        assert record == (site / "data" / "entities" / f"{entity['id']}.json").resolve()
        assert json.loads(record.read_text("utf-8"))["id"] == entity["id"]
        with_record.add(page)
    others = [page for page in site.rglob("index.html")
              if page not in with_record and _record_links(page)]
    assert others == []
    assert len(list((site / "data" / "entities").glob("*.json"))) == len(with_record)


def test_without_site_url_the_records_addresses_resolve_from_their_file(built_site: Path
                                                                        ) -> None:
    """The relative addresses of the per-record files, and of ``claims.jsonld``'s nodes."""
    base = built_site.as_uri() + "/"
    resolver = Resolver(built_site, base)
    found = {}
    for path in (built_site / "data" / "entities").glob("*.json"):
        record = json.loads(path.read_text("utf-8"))
        addresses = [record["url"], *(item["url"] for item in record["named_in"])]
        for claim in record["claims"]:
            addresses.append(claim["url"])
            for citation in claim["citations"]:
                addresses += [citation["url"], citation["paragraph_url"]]
        for address in addresses:
            assert not address.startswith(("http:", "https:", "/")), address
            found[urljoin(path.as_uri(), address)] = path.name
    claims_file = built_site / "data" / "claims.jsonld.gz"
    for node_id in _node_ids(_json(claims_file)):
        assert not node_id.startswith(("http:", "https:", "/")), node_id
        found[urljoin(claims_file.as_uri(), node_id)] = claims_file.name
    assert found
    assert {address: where for address, where in found.items()
            if not resolver.resolves(address)} == {}


def test_the_downloads_page_says_how_to_set_the_address(built_site: Path,
                                                        absolute_site: Path) -> None:
    relative = (built_site / "downloads" / "index.html").read_text("utf-8")
    assert "built without a web address of its own" in relative
    assert "<code>site_url</code>" in relative
    absolute = (absolute_site / "downloads" / "index.html").read_text("utf-8")
    assert "built without a web address" not in absolute
    assert f"&lt;{SITE_URL}data-dictionary/#ld-&gt;" in absolute  # the SPARQL example's prefix


def _shown_query_answers(site: Path, base: str, tmp_path: Path) -> None:
    """The SPARQL query the Downloads page shows, run as shown on the site's claims.jsonld,
    answers what SQL answers on its iranru.sqlite, for every speaker."""
    import sqlite3

    page = (site / "downloads" / "index.html").read_text("utf-8")
    query = html.unescape(re.search(
        r'<pre class="sparql"><code>(.*?)</code></pre>', page, re.S)[1])
    claims = _claims_graph(site, base)
    tmp_path.mkdir()
    database = tmp_path / "iranru.sqlite"
    database.write_bytes(download_bytes(site / "data", "iranru.sqlite"))
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        speakers = [row[0] for row in db.execute("SELECT DISTINCT entity_id FROM claim_speakers")]
        assert speakers
        for speaker in speakers:
            expected = sorted(db.execute(
                "SELECT cs.claim_id, ci.source_id, ci.paragraph FROM claim_speakers cs "
                "JOIN citations ci ON ci.claim_id = cs.claim_id WHERE cs.entity_id = ?",
                (speaker,)))
            answers = claims.query(query.replace("SPEAKER-ID", speaker))
            ids = {str(node): str(claims.value(node, SDO.identifier)) for node, _, _ in answers}
            assert sorted((ids[str(c)], str(s), int(n)) for c, s, n in answers) == expected


def test_the_downloads_pages_query_works_as_shown(built_site: Path, absolute_site: Path,
                                                  tmp_path: Path) -> None:
    _shown_query_answers(built_site, (built_site / "data" / "claims.jsonld").as_uri(),
                         tmp_path / "relative")
    _shown_query_answers(absolute_site, SITE_URL + "data/claims.jsonld", tmp_path / "absolute")
