"""Reading the entity graph around one entity."""

from __future__ import annotations

import networkx as nx
from hypothesis import given
from hypothesis import strategies as st

from iranru_ref.graph import incident_edges

NODES = st.sampled_from(["a", "b", "c", "d", "e"])


@given(st.lists(st.tuples(NODES, NODES), max_size=30), NODES)
def test_incident_edges_are_every_edge_touching_the_entity_once_ordered_by_source(
        pairs: list[tuple[str, str]], entity: str) -> None:
    graph = nx.MultiDiGraph()
    graph.add_nodes_from("edcba")  # stored out of id order
    for number, (source, target) in enumerate(pairs):
        graph.add_edge(source, target, key=f"k{number}", n=number)
    # Every edge of the graph, read by source in id order, keeping those that touch the entity:
    # the order the generated pages had when they read each neighbour's edges.
    expected = [(s, t, d["n"]) for s, t, d in graph.edges(sorted(graph), data=True)
                if entity in (s, t)]
    assert [(s, t, d["n"]) for s, t, d in incident_edges(graph, entity)] == expected


def test_a_loop_is_read_once_and_parallel_edges_in_the_order_stored() -> None:
    graph = nx.MultiDiGraph()
    graph.add_edge("b", "a", key="second", n=1)
    graph.add_edge("a", "a", key="loop", n=2)
    graph.add_edge("b", "a", key="first", n=3)
    graph.add_edge("c", "b", key="elsewhere", n=4)
    assert [d["n"] for _, _, d in incident_edges(graph, "a")] == [2, 1, 3]
