"""The entity graph as GraphML and GEXF, for Gephi, Cytoscape and others, written by networkx.

Nodes are entities (``label``, the entity's name; ``type``; ``tags`` joined with "; "); edges
are relation claims (``label``, ``predicate``, ``claim``), with the claim id as the edge id too,
as readers differ in whether they keep edge ids. Nothing else repeats: GEXF keeps the labels in
its elements, and networkx's own copy of the edge key (``networkx_key``) is left out. GEXF's
optional ``lastmodifieddate`` is left out so the same data always gives the same bytes.
"""

from __future__ import annotations

import io
from typing import Any

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from .tables import LIST_SEPARATOR

GRAPHML_FILE = "graph.graphml"
GEXF_FILE = "graph.gexf"


def plain_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The graph of ``graph.build_graph`` with only string attributes, which every format can
    store."""
    plain = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        plain.add_node(node, label=data["name"], type=data["type"],
                       tags=LIST_SEPARATOR.join(data["tags"]))
    for source, target, key, data in graph.edges(keys=True, data=True):
        plain.add_edge(source, target, key=key, label=data["label"],
                       predicate=data["predicate"], claim=key)
    return plain


def write_graphml(graph: nx.MultiDiGraph, file: io.BufferedIOBase) -> None:
    """GraphML of ``plain_graph(graph)``; its edge ids are their keys, the claim ids."""
    # write_graphml_xml rather than write_graphml, which is lxml's writer when lxml happens to
    # be installed: the same graph in another layout
    nx.write_graphml_xml(plain_graph(graph), file)


class _GEXFWriter(GEXFWriter):  # type: ignore[misc]
    """networkx's GEXF writer, without the ``networkx_key`` attribute it adds to every edge of
    a multigraph: here the key is the edge id already."""

    def add_attributes(self, node_or_edge: str, xml_obj: Any, data: dict[str, Any],
                       default: dict[str, Any]) -> Any:
        if node_or_edge == "edge":
            data = {name: value for name, value in data.items() if name != "key"}
        return super().add_attributes(node_or_edge, xml_obj, data, default)


def write_gexf(graph: nx.MultiDiGraph, file: io.BufferedIOBase) -> None:
    """GEXF 1.2 of ``plain_graph(graph)``, with the claim ids as edge ids."""
    plain = plain_graph(graph)
    for _, _, key, data in plain.edges(keys=True, data=True):
        data["id"] = key  # GEXFWriter numbers the edges otherwise
    writer = _GEXFWriter(version="1.2draft")
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)  # today's date: a build would not reproduce
    writer.add_graph(plain)
    writer.write(file)
