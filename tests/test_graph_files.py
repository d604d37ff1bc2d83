"""The GraphML and GEXF files are byte for byte what networkx's own writers give, and read back."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from networkx.readwrite.gexf import GEXFWriter

from iranru_ref.exports.graph_files import gexf_bytes, graphml_bytes, plain_graph
from iranru_ref.graph import build_graph
from iranru_ref.pipeline import load_checked
from iranru_ref.project import Project

ROOT = Path(__file__).resolve().parent.parent


def _networkx_graphml(graph: nx.MultiDiGraph) -> bytes:
    lines = ["<?xml version='1.0' encoding='utf-8'?>", *nx.generate_graphml(graph)]
    return "\n".join(lines).encode("utf-8") + b"\n"


def _networkx_gexf(graph: nx.MultiDiGraph) -> bytes:
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
    with_ids = nx.MultiDiGraph(graph)
    for _, _, key, data in with_ids.edges(keys=True, data=True):
        data["id"] = key
    writer.add_graph(with_ids)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _assert_as_networkx_writes(graph: nx.MultiDiGraph) -> None:
    plain = plain_graph(graph)
    graphml, gexf = _networkx_graphml(plain), _networkx_gexf(plain)
    assert graphml_bytes(plain) == graphml
    assert gexf_bytes(plain) == gexf
    for batch in (1, 2, 3):  # written a few lines at a time, the bytes are the same
        assert graphml_bytes(plain, batch) == graphml
        assert gexf_bytes(plain, batch) == gexf


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


@pytest.fixture(scope="module")
def seed_graph() -> nx.MultiDiGraph:
    return build_graph(load_checked(Project.find(ROOT)))


def test_seed_graph_files_are_what_networkx_writes(seed_graph: nx.MultiDiGraph) -> None:
    assert seed_graph.number_of_edges() > 0
    _assert_as_networkx_writes(seed_graph)


TRICKY = ["a & b", "<tag>", "x > y", 'say "hi"', "it's", "two\nlines", "tab\there",
          "cr\rhere", "crlf\r\nhere", "\n", " ", "vt\x0bff\x0cfs\x1c", "nel\x85ls\u2028ps\u2029",
          "Тегеран", "ایران", "🇮🇷 😀", "&amp; &#10;", "]]>", ""]


def _tricky_graph(texts: list[str]) -> nx.MultiDiGraph:
    """Each text as a node's id, name and tags, and as an edge's key and label."""
    nodes = [(f"n{i}{text}", text, [text, text]) for i, text in enumerate(texts)]
    return _graph(nodes, [(nodes[0][0], node, f"k{node}", name) for node, name, _ in nodes])


# XML parsers turn "\r" into "\n" and refuse some control characters.
READABLE = [text for text in TRICKY if not set(text) & set("\r\x0b\x0c\x1c")]

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
def test_hand_made_graph_files_are_what_networkx_writes(graph: nx.MultiDiGraph) -> None:
    _assert_as_networkx_writes(graph)


def test_plain_graphs_without_some_attributes_are_what_networkx_writes() -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("bare")
    graph.add_node("named", name="N", label="L")
    graph.add_edge("bare", "named", key="k", claim="k")
    graph.add_edge("named", "bare", key="j", label="")
    assert graphml_bytes(graph) == _networkx_graphml(graph)
    assert gexf_bytes(graph) == _networkx_gexf(graph)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.text(), st.text(), st.lists(st.text(), max_size=3)), max_size=5),
       st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4), st.text(), st.text()),
                max_size=8))
def test_any_text_is_written_as_networkx_writes_it(
    nodes: list[tuple[str, str, list[str]]], edges: list[tuple[int, int, str, str]]
) -> None:
    ids = list(dict.fromkeys(node for node, _, _ in nodes))
    graph = _graph(nodes, [(ids[s % len(ids)], ids[t % len(ids)], key, label)
                           for s, t, key, label in edges] if ids else [])
    _assert_as_networkx_writes(graph)


def _read_back(graph: nx.MultiDiGraph) -> None:
    plain = plain_graph(graph)
    files = {"graph.graphml": graphml_bytes(plain), "graph.gexf": gexf_bytes(plain)}
    expected_nodes = dict(plain.nodes(data=True))
    expected_edges = {(s, t, k): d for s, t, k, d in plain.edges(keys=True, data=True)}

    graphml = nx.read_graphml(io.BytesIO(files["graph.graphml"]), edge_key_type=str,
                              force_multigraph=True)
    assert dict(graphml.nodes(data=True)) == expected_nodes
    assert {(s, t, k): d for s, t, k, d in graphml.edges(keys=True, data=True)} == expected_edges

    gexf: Any = nx.read_gexf(io.BytesIO(files["graph.gexf"]))
    assert dict(gexf.nodes(data=True)) == expected_nodes
    # read_gexf gives a simple graph when no edges are parallel; the key is then in "id".
    assert {(s, t, d["id"]): d for s, t, d in gexf.edges(data=True)} == {
        edge: {**data, "id": edge[2]} for edge, data in expected_edges.items()
    }


def test_seed_graph_files_read_back(seed_graph: nx.MultiDiGraph) -> None:
    _read_back(seed_graph)


READ_BACK = {**{name: graph for name, graph in CASES.items() if name != "escaping in every value"},
             "readable escaping": _tricky_graph(READABLE)}


@pytest.mark.parametrize("graph", READ_BACK.values(), ids=READ_BACK.keys())
def test_hand_made_graph_files_read_back(graph: nx.MultiDiGraph) -> None:
    _read_back(graph)
