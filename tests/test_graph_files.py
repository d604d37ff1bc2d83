"""The GraphML and GEXF downloads: what networkx's readers and an XML parser get back from them."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iranru_ref.check import load_checked
from iranru_ref.exports.graph_files import plain_graph, write_gexf, write_graphml
from iranru_ref.graph import build_graph
from iranru_ref.load.project import Project

ROOT = Path(__file__).resolve().parent.parent
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GEXF = "{http://www.gexf.net/1.2draft}"


def graphml_bytes(graph: nx.MultiDiGraph) -> bytes:
    buffer = io.BytesIO()
    write_graphml(graph, buffer)
    return buffer.getvalue()


def gexf_bytes(graph: nx.MultiDiGraph) -> bytes:
    buffer = io.BytesIO()
    write_gexf(graph, buffer)
    return buffer.getvalue()


def _graph(nodes: list[tuple[str, str, list[str]]], edges: list[tuple[str, str, str, str]]
           ) -> nx.MultiDiGraph:
    """A graph shaped as ``build_graph`` makes it: nodes (id, name, tags), edges (source,
    target, key, label)."""
    graph = nx.MultiDiGraph()
    for node, name, tags in nodes:
        graph.add_node(node, type="person", name=name, tags=tags)
    for source, target, key, label in edges:
        graph.add_edge(source, target, key=key, predicate="p" + label, label=label,
                       inverse="i", claim=object())
    return graph


def _read_back(graph: nx.MultiDiGraph) -> None:
    """networkx's readers get back every node and edge of the plain graph, with its attributes;
    the edge ids are the claim ids."""
    plain = plain_graph(graph)
    expected_nodes = dict(plain.nodes(data=True))
    expected_edges = {(s, t, k): d for s, t, k, d in plain.edges(keys=True, data=True)}

    graphml = nx.read_graphml(io.BytesIO(graphml_bytes(graph)), edge_key_type=str,
                              force_multigraph=True)
    assert graphml.is_directed()
    assert dict(graphml.nodes(data=True)) == expected_nodes
    assert {(s, t, k): d for s, t, k, d in graphml.edges(keys=True, data=True)} == expected_edges

    gexf: Any = nx.read_gexf(io.BytesIO(gexf_bytes(graph)))
    assert gexf.is_directed()
    assert dict(gexf.nodes(data=True)) == expected_nodes
    # read_gexf gives a simple graph when no edges are parallel; the edge id is then in "id".
    assert {(s, t, d["id"]): d for s, t, d in gexf.edges(data=True)} == {
        edge: {**data, "id": edge[2]} for edge, data in expected_edges.items()
    }


@pytest.fixture(scope="module")
def seed_graph() -> nx.MultiDiGraph:
    return build_graph(load_checked(Project.find(ROOT)))


def test_seed_graph_files_read_back(seed_graph: nx.MultiDiGraph) -> None:
    assert seed_graph.number_of_edges() > 0
    _read_back(seed_graph)


# XML parsers turn "\r" into "\n", and XML 1.0 has no place for most control characters.
TRICKY = ["a & b", "<tag>", "x > y", 'say "hi"', "it's", "two\nlines", "tab\there", "\n", " ",
          "  spaced  ", "nel\x85ls\u2028ps\u2029", "Тегеран", "ایران", "🇮🇷 😀", "&amp; &#10;",
          "]]>", ""]


def _tricky_graph(texts: list[str]) -> nx.MultiDiGraph:
    """Each text as a node's id, name and tags, and as an edge's key and label."""
    nodes = [(f"n{i}{text}", text, [text, text]) for i, text in enumerate(texts)]
    return _graph(nodes, [(nodes[0][0], node, f"k{node}", name) for node, name, _ in nodes])


CASES = {
    "empty graph": _graph([], []),
    "node without edges": _graph([("alone", "Alone", [])], []),
    "escaping in every value": _tricky_graph(TRICKY),
    "parallel edges and a loop": _graph(
        [("a", "A", ["x"]), ("b", "B", []), ("c", "C", ["x", "y", "z"])],
        [("a", "b", "a.1", "knows"), ("a", "b", "a.2", "knows"), ("a", "b", "a.3", "met"),
         ("b", "a", "b.1", "knows"), ("c", "c", "c.1", "self")],
    ),
}


@pytest.mark.parametrize("graph", CASES.values(), ids=CASES.keys())
def test_hand_made_graph_files_read_back(graph: nx.MultiDiGraph) -> None:
    _read_back(graph)


XML_CHARACTERS = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters="\r\ufffe\uffff" + "".join(chr(c) for c in range(32) if c not in (9, 10)),
)
XML_TEXT = st.text(XML_CHARACTERS)
CLAIM_ID = st.text(XML_CHARACTERS, min_size=1)  # an empty edge id reads back as a number


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(XML_TEXT, XML_TEXT, st.lists(XML_TEXT, max_size=3)), max_size=5),
       st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4), CLAIM_ID, XML_TEXT),
                max_size=8))
def test_any_text_reads_back(nodes: list[tuple[str, str, list[str]]],
                             edges: list[tuple[int, int, str, str]]) -> None:
    ids = list(dict.fromkeys(node for node, _, _ in nodes))
    graph = _graph(nodes, [(ids[s % len(ids)], ids[t % len(ids)], key, label)
                           for s, t, key, label in edges] if ids else [])
    _read_back(graph)


def _graphml_keys(root: ET.Element) -> dict[str, str]:
    """The attributes GraphML declares: "scope:name" by key id."""
    return {key.get("id", ""): f"{key.get('for')}:{key.get('attr.name')}"
            for key in root.iter(GRAPHML + "key")}


def _gexf_attributes(root: ET.Element) -> dict[str, str]:
    """The attributes GEXF declares: "scope:title" by "scope:id"."""
    return {f"{scope.get('class')}:{attribute.get('id')}":
            f"{scope.get('class')}:{attribute.get('title')}"
            for scope in root.iter(GEXF + "attributes")
            for attribute in scope.iter(GEXF + "attribute")}


def test_graphml_is_well_formed_with_its_keys_and_claim_ids(seed_graph: nx.MultiDiGraph) -> None:
    root = ET.fromstring(graphml_bytes(seed_graph))
    assert root.tag == GRAPHML + "graphml"
    graph = root.find(GRAPHML + "graph")
    assert graph is not None and graph.get("edgedefault") == "directed"
    keys = _graphml_keys(root)
    # the name once, as the label; the claim id as the edge id and as "claim", which readers
    # that renumber edges keep
    assert set(keys.values()) == {"node:label", "node:type", "node:tags",
                                  "edge:label", "edge:predicate", "edge:claim"}
    nodes = graph.findall(GRAPHML + "node")
    assert [node.get("id") for node in nodes] == list(seed_graph.nodes)
    edges = graph.findall(GRAPHML + "edge")
    assert [(e.get("source"), e.get("target"), e.get("id")) for e in edges] == list(
        seed_graph.edges(keys=True))
    for edge in edges:
        values = {keys[d.get("key", "")]: d.text for d in edge.iter(GRAPHML + "data")}
        assert values["edge:claim"] == edge.get("id")


def test_gexf_is_well_formed_undated_with_claim_ids(seed_graph: nx.MultiDiGraph) -> None:
    data = gexf_bytes(seed_graph)
    root = ET.fromstring(data)
    assert (root.tag, root.get("version")) == (GEXF + "gexf", "1.2")
    meta = root.find(GEXF + "meta")
    assert meta is not None and "lastmodifieddate" not in meta.attrib  # reproducible
    graph = root.find(GEXF + "graph")
    assert graph is not None and graph.get("defaultedgetype") == "directed"
    titles = _gexf_attributes(root)
    # GEXF keeps labels in the element; networkx's "networkx_key" would repeat the edge id
    assert set(titles.values()) == {"node:type", "node:tags", "edge:predicate", "edge:claim"}
    nodes = list(graph.iter(GEXF + "node"))
    assert [(node.get("id"), node.get("label")) for node in nodes] == [
        (node, name) for node, name in seed_graph.nodes(data="name")]
    edges = list(graph.iter(GEXF + "edge"))
    assert [(e.get("source"), e.get("target"), e.get("id"), e.get("label")) for e in edges] == [
        (s, t, k, label) for s, t, k, label in seed_graph.edges(keys=True, data="label")]
    for edge in edges:
        values = {titles[f"edge:{v.get('for')}"]: v.get("value")
                  for v in edge.iter(GEXF + "attvalue")}
        assert values["edge:claim"] == edge.get("id")


def test_the_same_graph_gives_the_same_bytes(seed_graph: nx.MultiDiGraph) -> None:
    again = build_graph(load_checked(Project.find(ROOT)))
    assert graphml_bytes(seed_graph) == graphml_bytes(again)
    assert gexf_bytes(seed_graph) == gexf_bytes(again)
