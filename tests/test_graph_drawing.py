"""The graphs drawn when the site is built: what a reader gets is an SVG with a link per node,
labels that do not overlap, at most ``NEIGHBOURS_DRAWN`` neighbours around an entity with the
count of the rest, curated text escaped, and the same bytes from every build."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import networkx as nx
import pytest
from conftest import benchmark_module

from iranru_ref.check import load_checked
from iranru_ref.graph import build_graph, degrees, most_connected
from iranru_ref.load.project import Project
from iranru_ref.site import entity_pages
from iranru_ref.site.generate import generate_tree
from iranru_ref.site.graph_drawing import (
    Box,
    Label,
    neighbourhood_drawing,
    network_drawing,
    place_labels,
    ranked_neighbours,
    text_width,
)
from iranru_ref.site.render import environment
from iranru_ref.urls import entity_page, relative

corpus = benchmark_module("corpus")
SVG = "{http://www.w3.org/2000/svg}"
HREF = "{http://www.w3.org/1999/xlink}href"


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return corpus.write_corpus("tiny", tmp_path_factory.mktemp("corpus") / "tiny")  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def tiny_tree(tiny: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny corpus's Markdown tree, with entity graphs cut at five neighbours."""
    tree = tmp_path_factory.mktemp("tiny-tree") / "docs"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(entity_pages, "NEIGHBOURS_DRAWN", 5)
        generate_tree(Project.find(tiny), tree)
    return tree


def svg_of(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    return text[text.index("<svg"):text.index("</svg>") + len("</svg>")]


def parse(svg: str) -> ElementTree.Element:
    """The SVG as XML (HTML's named entities aside, it is well-formed)."""
    return ElementTree.fromstring(svg.replace(
        "<svg ", f'<svg xmlns="{SVG[1:-1]}" xmlns:xlink="{HREF[1:HREF.index("}")]}" ', 1))


def label_boxes(svg: ElementTree.Element) -> list[tuple[str, Box]]:
    """Each drawn label (not the ones shown only on hover) with the box its text covers."""
    found = []
    for text in svg.iter(f"{SVG}text"):
        if "is-hover" in text.get("class", "").split():
            continue
        label = Label(text.text or "", float(text.get("x", 0)), float(text.get("y", 0)),
                      text.get("text-anchor", "start"), float(text.get("font-size", 0)))
        found.append((label.text, label.box))
    return found


def overlapping(boxes: list[tuple[str, Box]]) -> list[tuple[str, str]]:
    return [(a, b) for i, (a, box) in enumerate(boxes) for b, other in boxes[i + 1:]
            if box.overlaps(other)]


def node_links(svg: ElementTree.Element) -> list[ElementTree.Element]:
    return [a for a in svg.iter(f"{SVG}a") if "graph-node" in a.get("class", "")]


# ------------------------------------------------------------------ label placement


def test_a_label_that_would_overlap_one_already_placed_takes_its_next_place_or_none() -> None:
    node = Box(0, 0, 10, 10)
    first = Label("Alpha", 20, 20, "start", 12)
    clash = Label("Beta", 22, 22, "start", 12)
    free = Label("Beta", 20, 60, "start", 12)
    placed = place_labels([(node, [first]), (node, [clash, free]), (node, [clash])], 200, 100)
    assert placed == [first, free, None]


def test_a_label_stays_inside_the_drawing_and_off_other_nodes() -> None:
    other = Box(40, 10, 60, 30)
    beyond = Label("Far right", 190, 20, "start", 12)
    on_node = Label("On a node", 30, 24, "start", 12)
    assert place_labels([(Box(0, 0, 5, 5), [beyond, on_node])], 200, 100, [other]) == [None]


def test_text_width_grows_with_the_text_and_its_size() -> None:
    assert 0 < text_width("Iran", 12) < text_width("Iran–Russia", 12) < text_width("Iran–Russia", 14)


# ------------------------------------------------------------------ neighbourhoods


def hub_graph(neighbours: int) -> nx.MultiDiGraph:
    """A hub related to ``neighbours`` entities, the n-th of which has n further relations."""
    graph = nx.MultiDiGraph()
    graph.add_node("hub", name="Hub", type="place", tags=[])
    for n in range(neighbours):
        graph.add_node(f"n{n:02}", name=f"Neighbour number {n} <b>&", type="person", tags=[])
        graph.add_edge(f"n{n:02}", "hub", label="visited", inverse="visited by")
        for k in range(n):
            leaf = f"leaf{n}-{k}"
            graph.add_node(leaf, name=leaf, type="event", tags=[])
            graph.add_edge(f"n{n:02}", leaf, label="attended", inverse="attended by")
    return graph


def test_the_neighbourhood_draws_the_most_connected_neighbours_and_their_edges() -> None:
    graph = hub_graph(40)
    ranked = ranked_neighbours(graph, "hub", degrees(graph))
    assert ranked[:3] == ["n39", "n38", "n37"]
    drawing = neighbourhood_drawing(graph, "hub", ranked[:30], lambda n: f"../{n}/")
    assert {node.id for node in drawing.nodes} == {"hub", *(f"n{n:02}" for n in range(10, 40))}
    assert [node.id for node in drawing.nodes if node.center] == ["hub"]
    assert len(drawing.edges) == 30
    assert all(edge.title.endswith("— visited — Hub") for edge in drawing.edges)
    assert all(node.label is not None for node in drawing.nodes), "a neighbour went unlabelled"


@pytest.mark.parametrize("count", [1, 2, 3, 7, 30])
def test_neighbourhood_labels_do_not_overlap_and_stay_inside(count: int) -> None:
    graph = hub_graph(count)
    drawing = neighbourhood_drawing(graph, "hub", ranked_neighbours(graph, "hub", degrees(graph)),
                                    lambda n: f"../{n}/")
    boxes = [(node.name, node.label.box) for node in drawing.nodes if node.label]
    assert len(boxes) == count + 1
    assert overlapping(boxes) == []
    assert all(box.inside(drawing.width, drawing.height) for _, box in boxes)


# ------------------------------------------------------------------ the network's layout


def test_the_layout_kept_for_the_next_build_draws_the_same_and_a_broken_one_is_ignored(
        tmp_path: Path) -> None:
    graph = hub_graph(12)
    graph.add_node("alone", name="Alone", type="place", tags=[])
    drawn, degree = set(graph), degrees(graph)
    fresh = network_drawing(graph, drawn, degree, str)
    cache = tmp_path / ".build" / "network-layout.json"
    assert network_drawing(graph, drawn, degree, str, cache) == fresh
    assert cache.is_file()
    assert network_drawing(graph, drawn, degree, str, cache) == fresh  # from the file
    cache.write_text("{not json", encoding="utf-8")
    assert network_drawing(graph, drawn, degree, str, cache) == fresh
    graph.add_edge("alone", "hub", label="near", inverse="near")  # another graph: laid out anew
    moved = network_drawing(graph, drawn, degrees(graph), str, cache)
    assert moved != fresh
    assert moved == network_drawing(graph, drawn, degrees(graph), str)


def test_edges_carry_their_relations_unless_the_graph_is_dense_and_drawn_as_one_path() -> None:
    env = environment(Path(__file__).resolve().parent.parent / "templates")
    sparse = hub_graph(6)
    dense = nx.MultiDiGraph()
    for n in range(12):
        dense.add_node(f"k{n:02}", name=f"K{n}", type="place", tags=[])
    for a in range(12):
        for b in range(a + 1, 12):
            dense.add_edge(f"k{a:02}", f"k{b:02}", label="borders", inverse="borders")
    for graph, is_dense in ((sparse, False), (dense, True)):
        drawing = network_drawing(graph, set(graph), degrees(graph), str)
        assert drawing.dense is is_dense
        svg = parse(env.get_template("_graph.svg.j2").render(
            drawing=drawing, graph_label="A graph", filterable=True))
        lines = svg.findall(f".//{SVG}line")
        if is_dense:
            assert not lines
            path = svg.find(f".//{SVG}path[@class='graph-edge-lines']")
            assert path is not None
            segments = re.findall(r"M(\d+) (\d+)L(\d+) (\d+)", path.get("d", ""))
            ends = [pair.split() for pair in path.get("data-ends", "").split(",")]
            assert [tuple(map(int, s)) for s in segments] == [
                (e.x1, e.y1, e.x2, e.y2) for e in drawing.edges]
            assert ends == [[e.source, e.target] for e in drawing.edges]
            continue
        assert len(lines) == len(drawing.edges)
        assert all(line.find(f"{SVG}title") is not None for line in lines)
        assert all(line.get("marker-end") or line.get("marker-start") for line in lines)


# ------------------------------------------------------------------ pages


def test_the_network_page_draws_a_link_per_entity_with_labels_that_do_not_overlap(
        tiny: Path, tiny_tree: Path) -> None:
    svg = parse(svg_of(tiny_tree / "network.md"))
    database = load_checked(Project.find(tiny))
    links = node_links(svg)
    assert {a.get("data-id") for a in links} == set(database.entities)
    for a in links:
        record = database.entities[a.get("data-id", "")]
        assert a.get(HREF) == relative("network.md", entity_page(record.type, record.id))
        assert a.find(f"{SVG}title") is not None
        assert a.find(f"{SVG}circle") is not None
    boxes = label_boxes(svg)
    graph = build_graph(database)
    assert len(boxes) >= 10
    assert overlapping(boxes) == []
    labelled = {text for text, _ in boxes}
    top = [database.entities[n].name for n, _ in most_connected(graph, 3)]
    assert set(top) <= labelled, "the most connected entities are not all named"
    assert len(svg.findall(f".//{SVG}line")) == len(
        {frozenset((s, t)) for s, t in graph.edges() if s != t})


def test_an_entity_graph_draws_at_most_its_cap_and_counts_the_rest(
        tiny: Path, tiny_tree: Path) -> None:
    database = load_checked(Project.find(tiny))
    graph = build_graph(database)
    hub, degree = most_connected(graph, 1)[0]
    assert degree > 5
    record = database.entities[hub]
    page = tiny_tree / entity_page(record.type, record.id)
    svg = parse(svg_of(page))
    top = ranked_neighbours(graph, hub, degrees(graph))[:5]
    where = entity_page(record.type, record.id)
    assert sorted(a.get(HREF, "") for a in node_links(svg)) == sorted(
        relative(where, entity_page(database.entities[n].type, n)) for n in top)
    assert overlapping(label_boxes(svg)) == []
    assert len(label_boxes(svg)) == 6  # the five and the entity itself
    assert (f"The graph draws the 5 most connected of its {degree} neighbours, and leaves out "
            f"the other {degree - 5}.") in page.read_text()
    small = next(r for r in database.entities.values()
                 if 0 < len(ranked_neighbours(graph, r.id, degrees(graph))) <= 5)
    text = (tiny_tree / entity_page(small.type, small.id)).read_text()
    assert "<svg" in text and "leaves out" not in text


def test_curated_text_in_a_graph_is_escaped_and_never_in_an_attribute(
        project: Path, tmp_path: Path) -> None:
    record = project / "data" / "places" / "russia.yml"
    record.write_text(record.read_text().replace(
        "name: Russia\n", "name: 'Russia <img src=x onerror=alert(1)> & \"co\"'\n", 1))
    generate_tree(Project.find(project), tmp_path / "docs")
    for page in (tmp_path / "docs" / "network.md", tmp_path / "docs" / "places" / "russia.md"):
        svg = svg_of(page)
        assert "<img" not in svg
        assert "Russia &lt;img src=x onerror=alert(1)&gt; &amp; &#34;co&#34;" in svg
        assert " title=" not in svg
        # Curated text is only the content of <title> and <text> elements, and the graph's
        # accessible name (which no browser shows as HTML).
        assert "onerror" not in " ".join(
            value for element in parse(svg).iter() for name, value in element.attrib.items()
            if name != "aria-label")


def graph_markup(root: Path, hash_seed: str, out: Path) -> dict[str, str]:
    subprocess.run(
        [sys.executable, "-c", "import sys; from pathlib import Path; "
         "from iranru_ref.load.project import Project; "
         "from iranru_ref.site.generate import generate_tree; "
         "generate_tree(Project.find(Path(sys.argv[1])), Path(sys.argv[2]))", str(root), str(out)],
        check=True, env={**os.environ, "PYTHONHASHSEED": hash_seed}, timeout=300)
    return {page.relative_to(out).as_posix(): svg_of(page) for page in sorted(out.rglob("*.md"))
            if "<svg" in page.read_text(encoding="utf-8") and "graph-node" in page.read_text(
                encoding="utf-8")}


def test_two_builds_draw_identical_graphs(tiny: Path, tmp_path: Path) -> None:
    first = graph_markup(tiny, "1", tmp_path / "first")
    second = graph_markup(tiny, "2", tmp_path / "second")
    assert "network.md" in first and len(first) > 10
    assert first == second
