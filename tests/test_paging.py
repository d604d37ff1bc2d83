"""Long listings (relations, figures, coverage, the type indexes) are cut into linked parts of
bounded size (the timeline by period: test_timeline_periods.py); the network graph, the money
chart and the home page show a bounded number of items."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from click.testing import CliRunner

from iranru_ref.check import load_checked
from iranru_ref.check.coverage import coverage
from iranru_ref.cli import cli
from iranru_ref.database import Database
from iranru_ref.engines.build import build_site
from iranru_ref.graph import build_graph, most_connected
from iranru_ref.load.project import Project
from iranru_ref.records.vocabulary import TYPE_FOLDER
from iranru_ref.site import paging
from iranru_ref.site.generate import generate_tree
from iranru_ref.site.paging import part_page, split


def numbers(items: object, offset: int) -> str:
    return f"{offset}+{len(items)}"  # type: ignore[arg-type]


def test_split_keeps_every_item_once_in_order() -> None:
    parts = split("timeline.md", list(range(23)), numbers, per_part=10)
    assert [list(p.items) for p in parts] == [list(range(10)), list(range(10, 20)), [20, 21, 22]]
    assert [p.page for p in parts] == ["timeline.md", "timeline/2.md", "timeline/3.md"]
    assert [p.offset for p in parts] == [0, 10, 20]
    assert [p.label for p in parts] == ["0+10", "10+10", "20+3"]


def test_a_listing_that_fits_is_one_page_and_an_empty_one_still_has_its_page() -> None:
    assert [p.page for p in split("coverage.md", [1, 2, 3], numbers, per_part=3)] == ["coverage.md"]
    nothing: list[int] = []
    empty = split("coverage.md", nothing, numbers, per_part=3)
    assert [(p.page, list(p.items)) for p in empty] == [("coverage.md", [])]


def test_weights_fill_parts_and_a_heavy_item_gets_a_part_of_its_own() -> None:
    parts = split("coverage.md", [4, 4, 30, 1, 2, 8], numbers, per_part=10, weight=lambda n: n)
    assert [list(p.items) for p in parts] == [[4, 4], [30], [1, 2], [8]]


def test_part_pages_sit_beside_the_listing() -> None:
    assert part_page("network.md", 1) == "network.md"
    assert part_page("network.md", 12) == "network/12.md"


def test_the_default_part_size_applies_when_none_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paging, "PER_PART", 2)
    assert len(split("timeline.md", [1, 2, 3, 4, 5], numbers)) == 3


@pytest.fixture(scope="module")
def parted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed project generated with parts of 10 entries, so that every listing splits."""
    root = Path(__file__).resolve().parent.parent
    tree = tmp_path_factory.mktemp("parted") / "docs"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(paging, "PER_PART", 10)
        generate_tree(Project.find(root), tree)
    return tree


def _parts(tree: Path, name: str, first: str | None = None) -> list[Path]:
    further = sorted((tree / name).glob("*.md"), key=lambda p: int(p.stem))
    return [tree / (first or f"{name}.md"), *further]


def _database() -> Database:
    return load_checked(Project.find(Path(__file__).resolve().parent.parent))


def _drawn(page: Path) -> tuple[set[str], list[tuple[str, str]]]:
    """The entities a page's graph draws, and its edges."""
    text = page.read_text()
    svg = text[text.index("<svg"):text.index("</svg>")]
    edges = [(pair.split()[0], pair.split()[1])
             for ends in re.findall(r'data-ends="([^"]+)"', svg) for pair in ends.split(",")]
    return set(re.findall(r'<a class="graph-node[^"]*" xlink:href="[^"]*" data-id="([^"]+)"', svg)), edges


def test_the_relation_table_is_spread_over_parts_with_the_graph_on_the_first(
        parted: Path) -> None:
    database = _database()
    pages = _parts(parted, "network")
    rows = [len(re.findall(r"<tr><td>", page.read_text())) for page in pages]
    assert sum(rows) == build_graph(database).number_of_edges()
    assert max(rows) <= 10
    assert 'id="network-graph"' in pages[0].read_text()
    assert all('id="network-graph"' not in page.read_text() for page in pages[1:])


def test_coverage_parts_hold_whole_sources(parted: Path) -> None:
    database = _database()
    pages = _parts(parted, "coverage")
    headings = [re.findall(r"^## (.+?)(?: \{ #source-[a-z0-9-]+ \})?$",
                           page.read_text().replace("\\", ""), re.M)
                for page in pages]
    expected = [item.source.meta.label or item.source.meta.title for item in coverage(database)]
    assert [h for found in headings for h in found] == expected
    assert len(pages) == len(expected)  # each source is longer than a part of ten paragraphs


def test_the_figures_table_continues_in_a_folder_of_its_own(parted: Path) -> None:
    quantities = sum(1 for ref in _database().claims() if ref.claim.value is not None)
    pages = _parts(parted, "figure-values", "figures/index.md")
    rows = [len(re.findall(r'<tr class="(?:derived|stated)">', p.read_text())) for p in pages]
    assert sum(rows) == quantities and len(pages) == -(-quantities // 10) > 1
    assert max(rows) <= 10
    assert "## All figure records" in pages[0].read_text()  # the records stay on the index


def test_each_type_index_lists_its_entities_once_by_name_in_parts_of_ten(parted: Path) -> None:
    database = _database()
    for entity_type, folder in TYPE_FOLDER.items():
        records = sorted((r for r in database.entities.values() if r.type == entity_type),
                         key=lambda r: r.name.casefold())
        pages = _parts(parted, f"{folder}-index", f"{folder}/index.md")
        assert len(pages) == -(-len(records) // 10), folder
        linked = []
        for page in pages:
            listing = page.read_text().split('<ul class="entity-index"', 1)[1].split("</ul>")[0]
            found = re.findall(r'<li><a href="(?:\.\./\.\./)?(?:[a-z]+/)?([a-z0-9-]+)/">', listing)
            assert 0 < len(found) <= 10, page
            linked += found
        assert linked == [r.id for r in records], folder
    first = (parted / "places" / "index.md").read_text()
    places = sum(1 for r in database.entities.values() if r.type == "place")
    assert f"{places} places in all, listed by name." in first
    assert 'aria-label="Parts of this index"' in first
    names = sorted((r.name for r in database.entities.values() if r.type == "place"),
                   key=str.casefold)
    assert f'<strong aria-current="page">{names[0]} – {names[9]}</strong>' in first
    figures = (parted / "figures" / "index.md").read_text()
    assert figures.count('class="listing-parts"') == 2  # the table's parts and the index's
    assert 'aria-label="Parts of this listing"' in figures
    assert "## All figure records" in figures
    assert "## All figure records" not in (parted / "figures-index" / "2.md").read_text()


def test_the_network_draws_only_the_most_connected_when_there_are_too_many(
        parted: Path) -> None:
    graph = build_graph(_database())
    ids, edges = _drawn(parted / "network.md")
    assert ids == {node for node, _ in most_connected(graph, 10)}
    assert edges and all(s in ids and t in ids for s, t in edges)
    text = parted.joinpath("network.md").read_text()
    assert f"most connected of the {len(graph)} entities" in text
    assert 'class="fallback-list"' not in text  # the type indexes list the entities instead
    assert text.count('<li><a href="../people/">People</a>') == 1


def test_the_home_page_sends_readers_to_the_type_indexes_when_entities_are_many(
        parted: Path) -> None:
    text = parted.joinpath("index.md").read_text()
    assert 'class="every-entity"' not in text
    assert f"The {len(_database().entities)} entities are too many for one page" in text
    people = sum(1 for record in _database().entities.values() if record.type == "person")
    assert f"[People](people/index.md) ({people})" in text


def test_the_home_page_lists_only_the_newest_sources_when_there_are_more(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from iranru_ref.site import explore_pages

    sources = sorted(_database().sources.values(), key=lambda s: s.meta.date.sort_key)
    monkeypatch.setattr(explore_pages, "HOME_SOURCES", 1)
    generate_tree(Project.find(Path(__file__).resolve().parent.parent), tmp_path / "docs")
    text = (tmp_path / "docs" / "index.md").read_text()
    listed = text[text.index("## Latest sources"):text.index("## Most connected")]
    assert f"sources/{sources[-1].id}/" in listed and f"sources/{sources[0].id}/" not in listed
    assert f"The newest 1 of {len(sources)}; the [sources index](sources/index.md)" in listed
    # the counts are of every source, not of those listed
    assert f'<span class="stat-number">{len(sources)}</span> sources' in text
    assert f" in {len(sources)} news articles " in " ".join(text.split())


def test_the_chart_draws_the_largest_money_figures(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    money = sorted((float(ref.claim.value or 0) for ref in _database().claims()
                    if ref.claim.unit == "USD"), reverse=True)
    assert len(money) > 2
    monkeypatch.setattr(paging, "PER_PART", 2)
    generate_tree(Project.find(Path(__file__).resolve().parent.parent), tmp_path / "docs")
    index = (tmp_path / "docs" / "figures" / "index.md").read_text()
    chart = index[index.index("<svg"):index.index("</svg>")]
    assert chart.count('<g class="bar') == 2
    assert f"The 2 largest of the {len(money)} money figures" in index


def test_a_small_network_is_drawn_whole_and_the_home_page_lists_everything(
        tmp_path: Path) -> None:
    generate_tree(Project.find(Path(__file__).resolve().parent.parent), tmp_path / "docs")
    assert len(_drawn(tmp_path / "docs" / "network.md")[0]) == len(_database().entities)
    home = (tmp_path / "docs" / "index.md").read_text()
    assert "## Sources" in home and "Latest sources" not in home
    every = home[home.index('class="every-entity"'):]
    database = _database()
    assert all(f'href="{TYPE_FOLDER[record.type]}/{record.id}/"' in every
               for record in database.entities.values())


def test_every_part_of_a_short_listing_links_to_every_other_and_to_the_next(
        parted: Path) -> None:
    for name, first in (("network", None), ("coverage", None),
                        ("figure-values", "figures/index.md"), ("places-index", "places/index.md")):
        pages = _parts(parted, name, first)
        for number, page in enumerate(pages, 1):
            text = page.read_text()
            if name == "figure-values":  # the figures index also has the index's parts
                text = text.split('aria-label="Parts of this index"')[0]
            nav = re.search(r'<nav class="listing-parts".*?</nav>', text, re.S)
            assert nav is not None, page
            assert f"Part {number} of {len(pages)}" in nav.group(0)
            links = re.findall(r'href="([^"]+)"', nav.group(0))
            assert len(links) == len(pages) - 1
            for link in links:  # directory URLs: a link to ``../network/2/`` is network/2.md
                base = page.relative_to(parted).with_suffix("")
                if base.name == "index":
                    base = base.parent
                url = (Path("/") / base / link).resolve().relative_to("/").as_posix()
                assert parted / f"{url}.md" in pages or parted / url / "index.md" in pages, link
            assert ("Next part:" in text) == (number < len(pages)), page


def _reachable(links: Callable[[int], Iterable[int]]) -> set[int]:
    """The parts a reader reaches from part 1, following ``links(part)``."""
    seen, todo = {1}, [1]
    while todo:
        for number in links(todo.pop()):
            if number not in seen:
                seen.add(number)
                todo.append(number)
    return seen


def test_a_few_parts_all_link_to_each_other() -> None:
    count = 2 * paging.NEIGHBOURS + paging.LANDMARKS
    assert all(paging.nav_numbers(n, count) == list(range(1, count + 1))
               for n in range(1, count + 1))


@pytest.mark.parametrize("count", [17, 99, 190, 1001, 4321])
def test_many_parts_link_to_a_few_each_and_every_part_can_be_reached(count: int) -> None:
    longest = 0
    for number in range(1, count + 1):
        shown = paging.nav_numbers(number, count)
        assert shown == sorted(set(shown)) and {1, count, number} <= set(shown)
        assert set(range(max(1, number - paging.NEIGHBOURS),
                         min(count, number + paging.NEIGHBOURS) + 1)) <= set(shown)
        longest = max(longest, len(shown))
    assert _reachable(lambda n: paging.nav_numbers(n, count)) == set(range(1, count + 1))
    assert longest <= 2 * paging.NEIGHBOURS + 3 + 9 * len(str(count))  # logarithmic, not linear


def test_a_listing_of_many_parts_skips_some_in_each_part_and_marks_the_gaps(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paging, "PER_PART", 2)
    tree = tmp_path / "docs"
    generate_tree(Project.find(Path(__file__).resolve().parent.parent), tree)
    pages = _parts(tree, "network")
    assert len(pages) > 2 * paging.NEIGHBOURS + paging.LANDMARKS
    linked: dict[int, set[int]] = {}
    for number, page in enumerate(pages, 1):
        nav = re.search(r'<nav class="listing-parts".*?</nav>', page.read_text(), re.S)
        assert nav is not None
        titles = {int(n) for n in re.findall(r'title="Part (\d+)"', nav.group(0))}
        assert titles | {number} == set(paging.nav_numbers(number, len(pages)))
        assert nav.group(0).count('class="parts-skipped"') >= 1
        linked[number] = titles
    assert _reachable(linked.__getitem__) == set(range(1, len(pages) + 1))


def test_the_seed_data_fits_in_one_part_of_each_listing(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    generate_tree(Project.find(root), tmp_path / "docs")
    folders = [f"{folder}-index" for folder in TYPE_FOLDER.values()]
    for name in ("timeline", "network", "coverage", "figure-values", *folders):
        assert not (tmp_path / "docs" / name).exists()
    indexes = [f"{folder}/index.md" for folder in TYPE_FOLDER.values()]
    for page in ("timeline.md", "network.md", "coverage.md", *indexes):
        assert 'class="listing-parts"' not in (tmp_path / "docs" / page).read_text()


@pytest.mark.slow
def test_a_site_in_parts_builds_strictly(project: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """MkDocs' strict build accepts the part pages: they are listed under not_in_nav, and
    every link between them resolves."""
    monkeypatch.setattr(paging, "PER_PART", 10)
    site = tmp_path / "site"
    build_site(Project.find(project), site_dir=site)
    assert list(site.glob("timeline/*/index.html"))  # the timeline's periods
    assert list(site.glob("tag/*/timeline/index.html"))
    assert (site / "network" / "2" / "index.html").is_file()
    assert (site / "coverage" / "2" / "index.html").is_file()
    assert (site / "figure-values" / "2" / "index.html").is_file()
    assert (site / "places-index" / "3" / "index.html").is_file()
    shutil.rmtree(site)


@pytest.mark.parametrize("hand_written", ["coverage.md", "network/2.md", "figure-values/2.md"])
def test_a_hand_written_page_where_a_part_goes_is_reported_by_file(
        project: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch,
        hand_written: str) -> None:
    monkeypatch.setattr(paging, "PER_PART", 10)
    target = project / "docs" / hand_written
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("# Mine\n", encoding="utf-8")
    result = runner.invoke(cli, ["build", "--root", str(project)])
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"Error: docs/{hand_written}:1: iranru-ref generates {hand_written} itself; rename this "
        "file (or move it to another folder)")
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not (project / "site").exists()
