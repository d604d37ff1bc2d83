"""The entity graph as GraphML and GEXF, written by networkx, for Gephi, Cytoscape and others.

Nodes are entities (``type``, ``name``, ``tags`` joined with "; "); edges are relation claims
(``predicate``, ``label``, ``claim``), with the claim id as the edge id. GEXF's optional
``lastmodifieddate`` is left out so the same data always gives the same bytes.
"""

from __future__ import annotations

import io

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from .tables import LIST_SEPARATOR


def plain_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The graph of ``graph.build_graph`` with only string attributes, which every format can
    store."""
    plain = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        plain.add_node(node, label=data["name"], name=data["name"], type=data["type"],
                       tags=LIST_SEPARATOR.join(data["tags"]))
    for source, target, key, data in graph.edges(keys=True, data=True):
        plain.add_edge(source, target, key=key, label=data["label"],
                       predicate=data["predicate"], claim=key)
    return plain


def graphml_bytes(graph: nx.MultiDiGraph) -> bytes:
    lines = ["<?xml version='1.0' encoding='utf-8'?>", *nx.generate_graphml(graph)]
    return "\n".join(lines).encode("utf-8") + b"\n"


def gexf_bytes(graph: nx.MultiDiGraph) -> bytes:
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


def graph_exports(graph: nx.MultiDiGraph) -> dict[str, bytes]:
    """GraphML and GEXF files of the graph of ``graph.build_graph``."""
    graph = plain_graph(graph)
    return {"graph.graphml": graphml_bytes(graph), "graph.gexf": gexf_bytes(graph)}
