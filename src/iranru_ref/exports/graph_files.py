"""The entity graph as GraphML and GEXF, for Gephi, Cytoscape and others.

Nodes are entities (``type``, ``name``, ``tags`` joined with "; "); edges are relation claims
(``predicate``, ``label``, ``claim``), with the claim id as the edge id. GEXF's optional
``lastmodifieddate`` is left out so the same data always gives the same bytes.

The files are the bytes networkx's writers (``nx.generate_graphml`` and ``GEXFWriter``) give
for the graph of ``plain_graph``: the same key and attribute ids, order, escaping and
indentation. They are written here as lines of text because networkx builds an ElementTree and
serialises it in pure Python: for the seed data the graph files took 132 million CPU
instructions that way (1.2% of a site build) and takes 52 million now, and for 1,000 entities
0.69 s against 0.13 s. The lines go to the file a batch at a time (``text_output``).
``tests/test_graph_files.py`` checks the bytes against networkx's writers.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from itertools import chain

import networkx as nx

from .tables import LIST_SEPARATOR
from .text_output import BATCH, TextOutput, Writable

XML_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>"
XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
GRAPHML = (
    f'<graphml xmlns="http://graphml.graphdrawing.org/xmlns" {XSI} xsi:schemaLocation='
    '"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">'
)
GEXF = (
    f'<gexf xmlns="http://www.gexf.net/1.2draft" {XSI} xsi:schemaLocation='
    '"http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">'
)
TEXT_SPECIAL = re.compile("[&<>]")
ATTR_SPECIAL = re.compile('[&<>"\r\n\t]')
#: what str.splitlines() splits ASCII text at, besides "\n"
ASCII_LINE_BREAKS = re.compile(rb"\r\n?|[\x0b\x0c\x1c-\x1e]")
GRAPHML_FILE = "graph.graphml"
GEXF_FILE = "graph.gexf"


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


def _text(value: str) -> str:
    """Character data, escaped as ElementTree escapes it."""
    if TEXT_SPECIAL.search(value) is None:
        return value
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(value: str) -> str:
    """An attribute value, escaped as ElementTree escapes it."""
    if ATTR_SPECIAL.search(value) is None:
        return value
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("\r", "&#13;").replace("\n", "&#10;")
            .replace("\t", "&#09;"))


def _leaf(indent: str, tag: str, attributes: str, text: str = "") -> str:
    if text:
        return f"{indent}<{tag}{attributes}>{_text(text)}</{tag}>"
    return f"{indent}<{tag}{attributes} />"


def _element(indent: str, tag: str, attributes: str, children: list[str]) -> list[str]:
    """An element with ``children`` (lines indented one step more), laid out as networkx's
    ``indent`` and ElementTree lay it out."""
    if not children:
        return [_leaf(indent, tag, attributes)]
    return [f"{indent}<{tag}{attributes}>", *children, f"{indent}</{tag}>"]


def _ids(scopes: dict[str, Iterable[Iterable[str]]], prefix: str) -> dict[tuple[str, str], str]:
    """Attribute names numbered in the order the writer meets them, scope by scope."""
    ids: dict[tuple[str, str], str] = {}
    for scope, names in scopes.items():
        for name in dict.fromkeys(chain.from_iterable(names)):
            ids[scope, name] = f"{prefix}{len(ids)}"
    return ids


def _values(data: dict[str, str]) -> dict[str, str]:
    return {name: value for name, value in data.items() if name != "label"}


def _graphml_text(text: str) -> bytes:
    # generate_graphml serialises to ASCII (the rest as character references) and yields the
    # text's splitlines(), so "\r" and other line breaks in values come out as "\n".
    return ASCII_LINE_BREAKS.sub(b"\n", text.encode("ascii", "xmlcharrefreplace"))


def _gexf_text(text: str) -> bytes:
    return text.encode("utf-8", "xmlcharrefreplace")


def graphml_bytes(graph: nx.MultiDiGraph, batch: int = BATCH) -> bytes:
    buffer = io.BytesIO()
    write_graphml(graph, buffer, batch)
    return buffer.getvalue()


def gexf_bytes(graph: nx.MultiDiGraph, batch: int = BATCH) -> bytes:
    buffer = io.BytesIO()
    write_gexf(graph, buffer, batch)
    return buffer.getvalue()


def write_graphml(graph: nx.MultiDiGraph, file: Writable, batch: int = BATCH) -> None:
    """GraphML of a graph like ``plain_graph``'s: directed, with string attributes only."""
    nodes = list(graph.nodes(data=True))
    edges = list(graph.edges(keys=True, data=True))
    ids = _ids({"node": (data for _, data in nodes), "edge": (data for *_, data in edges)}, "d")

    def with_data(scope: str, indent: str, tag: str, attributes: str, data: dict[str, str]
                  ) -> list[str]:
        children = [_leaf(indent + "  ", "data", f' key="{ids[scope, name]}"', value)
                    for name, value in data.items()]
        return _element(indent, tag, attributes, children)

    lines = [XML_DECLARATION, GRAPHML]
    lines += [f'  <key id="{key}" for="{scope}" attr.name="{_attr(name)}" attr.type="string" />'
              for (scope, name), key in reversed(ids.items())]
    body: list[str] = []
    for node, data in nodes:
        body += with_data("node", "    ", "node", f' id="{_attr(str(node))}"', data)
    for source, target, key, data in edges:
        body += with_data("edge", "    ", "edge", f' source="{_attr(str(source))}" '
                          f'target="{_attr(str(target))}" id="{_attr(str(key))}"', data)
    lines += _element("  ", "graph", ' edgedefault="directed"', body)
    lines.append("</graphml>")
    # Every line ends with ">", so no "\r\n" spans two batches.
    TextOutput(file, _graphml_text, batch).write_lines(lines)


def write_gexf(graph: nx.MultiDiGraph, file: Writable, batch: int = BATCH) -> None:
    """GEXF 1.2 of a graph like ``plain_graph``'s: directed, with string attributes only."""
    # GEXFWriter writes "label" as an XML attribute and the edge key as a value, "networkx_key".
    nodes = [(node, data.get("label", node), _values(data)) for node, data in graph.nodes(data=True)]
    edges = [(source, target, key, data, {**_values(data), "networkx_key": key})
             for source, target, key, data in graph.edges(keys=True, data=True)]
    ids = _ids({"node": (values for *_, values in nodes), "edge": (values for *_, values in edges)},
               "")

    def attvalues(scope: str, values: dict[str, str]) -> list[str]:
        return _element("        ", "attvalues", "", [
            f'          <attvalue for="{ids[scope, name]}" value="{_attr(str(value))}" />'
            for name, value in values.items()
        ]) if values else []

    graph_lines: list[str] = []
    for scope in ("edge", "node"):
        declared = [f'      <attribute id="{key}" title="{_attr(name)}" type="string" />'
                    for (of, name), key in ids.items() if of == scope]
        if declared:
            graph_lines += _element("    ", "attributes", f' mode="static" class="{scope}"',
                                    declared)
    node_lines: list[str] = []
    for node, label, values in nodes:
        node_lines += _element("      ", "node", f' id="{_attr(str(node))}" '
                               f'label="{_attr(str(label))}"', attvalues("node", values))
    graph_lines += _element("    ", "nodes", "", node_lines)
    edge_lines: list[str] = []
    for source, target, key, data, values in edges:
        label = f' label="{_attr(str(data["label"]))}"' if "label" in data else ""
        edge_lines += _element("      ", "edge", f' source="{_attr(str(source))}" '
                               f'target="{_attr(str(target))}" id="{_attr(str(key))}"{label}',
                               attvalues("edge", values))
    graph_lines += _element("    ", "edges", "", edge_lines)
    lines = [XML_DECLARATION, GEXF, "  <meta>",
             _leaf("    ", "creator", "", f"NetworkX {nx.__version__}"), "  </meta>",
             *_element("  ", "graph", ' defaultedgetype="directed" mode="static" name=""',
                       graph_lines),
             "</gexf>"]
    TextOutput(file, _gexf_text, batch).write_lines(lines)
