"""Graphs drawn when the site is built: node positions, edges and labels that do not overlap.

Two drawings, both rendered as inline SVG by ``templates/_graph.svg.j2``, so a reader's browser
only paints them (no script, no layout at load time):

* ``network_drawing``: the network page. networkx's force-directed ``forceatlas2_layout`` with
  a fixed seed places the nodes (the same input gives the same bytes), nodes are sized by their
  number of neighbours, and the most connected are labelled first, each where its label
  overlaps no label already placed and no other node.
* ``neighbourhood_drawing``: an entity's neighbours. Every edge touches the entity, so a force
  layout would only find a circle: the entity sits in the middle and its neighbours on the two
  halves of an ellipse, one row each, their labels outside it, so no label crosses another or
  an edge.

Label widths are estimated from the characters (a little wide for DejaVu Sans, the widest of
the fonts Material falls back to), so a placed label's box holds the text as drawn.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from ..graph import incident_edges
from ..records.vocabulary import ENTITY_TYPES, TYPE_LABELS

#: the network's drawing area, in SVG user units (CSS pixels at full size)
NETWORK_WIDTH = 960
NETWORK_HEIGHT = 640
#: the fixed seed of the network's force layout, and its rounds
LAYOUT_SEED = 29
LAYOUT_ITERATIONS = 300
#: where, under the project root, the network's last layout is kept for the next build
LAYOUT_CACHE = Path(".build") / "network-layout.json"
#: the most neighbours an entity's graph draws (the most connected); the rest are counted
NEIGHBOURS_DRAWN = 30
#: labels longer than this are cut, with an ellipsis (the full name is the node's <title>);
#: an entity's graph cuts them shorter, so that it fits the page's column at full size
LABEL_CHARS = 32
NEIGHBOUR_LABEL_CHARS = 26

#: a node's x, y and radius
Position = tuple[float, float, float]

_NARROW = frozenset("iljIfrt.,;:'!|()[] -/")
_WIDE = frozenset("mwMW@%")


def text_width(text: str, size: float) -> float:
    """An upper estimate of the width of ``text`` set at ``size`` in a sans-serif font."""
    em = 0.0
    for char in text:
        if char in _NARROW:
            em += 0.38
        elif char in _WIDE:
            em += 0.95
        elif char.isupper() or char.isdigit():
            em += 0.7
        else:
            em += 0.61
    return em * size


def _head(words: list[str], room: int) -> str:
    """The first words that fit in ``room`` characters (at least most of the room is used)."""
    head = ""
    for word in words:
        if len(head) + len(word) + (1 if head else 0) > room:
            break
        head = f"{head} {word}" if head else word
    text = " ".join(words)
    return (head if len(head) >= room * 0.6 else text[:room]).rstrip(" ,;:")


def short(text: str, limit: int, keep_end: bool = False) -> str:
    """``text`` cut to ``limit`` characters after a whole word, with an ellipsis; with
    ``keep_end``, its last words are kept too (“Bushehr Nuclear … unit 2”)."""
    if len(text) <= limit:
        return text
    words = text.split()
    tail: list[str] = []
    if keep_end:
        while len(tail) < len(words) - 1 and len(" ".join([words[-1 - len(tail)], *tail])) <= limit // 3:
            tail.insert(0, words[-1 - len(tail)])
    if not tail:
        return _head(words, limit - 1) + "…"
    end = " ".join(tail)
    return f"{_head(words[: -len(tail)], limit - 3 - len(end))} … {end}"


def label_texts(graph: nx.MultiDiGraph, nodes: Iterable[str], limit: int) -> dict[str, str]:
    """Each node's label: its name, cut to ``limit``; where two cut names would read the same,
    their ends are kept too, so that they still tell the entities apart."""
    names = {n: str(graph.nodes[n]["name"]) for n in nodes}
    cut = {n: short(name, limit) for n, name in names.items()}
    seen: dict[str, int] = defaultdict(int)
    for text in cut.values():
        seen[text] += 1
    return {n: short(names[n], limit, keep_end=True) if seen[text] > 1 else text
            for n, text in cut.items()}


@dataclass(frozen=True, slots=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box) -> bool:
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1

    def inside(self, width: float, height: float) -> bool:
        return self.x0 >= 0 and self.y0 >= 0 and self.x1 <= width and self.y1 <= height


@dataclass(frozen=True, slots=True)
class Label:
    text: str
    x: float
    y: float
    #: SVG ``text-anchor``: start, middle or end
    anchor: str
    size: float

    @property
    def box(self) -> Box:
        """The box the text covers: baseline at ``y``, the font's ascent (0.93 em in DejaVu Sans)
        above it, its descent (0.24 em) below."""
        width = text_width(self.text, self.size)
        left = {"start": self.x, "middle": self.x - width / 2, "end": self.x - width}[self.anchor]
        return Box(left, self.y - 0.95 * self.size, left + width, self.y + 0.25 * self.size)


#: where a label may go, in order of preference: beside its node, under or over it, or
#: beside it a little higher or lower
SIDES = ("right", "left", "below", "above", "right-up", "left-up", "right-down", "left-down")


def label_beside(x: float, y: float, r: float, text: str, size: float, side: str) -> Label:
    """A label on ``side`` of a node of radius ``r`` at (x, y)."""
    gap = 3.0
    if side == "below":
        return Label(text, x, _round(y + r + gap + 0.8 * size), "middle", size)
    if side == "above":
        return Label(text, x, _round(y - r - gap - 0.25 * size), "middle", size)
    horizontal, _, vertical = side.partition("-")
    baseline = y + 0.3 * size + {"": 0.0, "up": -0.6 * size, "down": 0.6 * size}[vertical]
    if horizontal == "right":
        return Label(text, _round(x + r + gap), _round(baseline), "start", size)
    return Label(text, _round(x - r - gap), _round(baseline), "end", size)


class Occupied:
    """Boxes already drawn, in a grid of cells so a new box is compared with its neighbours
    only."""

    CELL = 48.0

    def __init__(self) -> None:
        self._cells: dict[tuple[int, int], list[Box]] = defaultdict(list)

    def _keys(self, box: Box) -> Iterable[tuple[int, int]]:
        for i in range(math.floor(box.x0 / self.CELL), math.floor(box.x1 / self.CELL) + 1):
            for j in range(math.floor(box.y0 / self.CELL), math.floor(box.y1 / self.CELL) + 1):
                yield i, j

    def add(self, box: Box) -> None:
        for key in self._keys(box):
            self._cells[key].append(box)

    def hits(self, box: Box, ignore: Box | None = None) -> bool:
        return any(other is not ignore and box.overlaps(other)
                   for key in self._keys(box) for other in self._cells.get(key, ()))


def place_labels(candidates: Sequence[tuple[Box, Sequence[Label]]], width: float, height: float,
                 obstacles: Iterable[Box] = ()) -> list[Label | None]:
    """Greedily, in the order given: the first of each item's candidate labels that stays inside
    the drawing and overlaps neither an obstacle nor a label already placed, or None. ``Box`` of
    an item is its own node, which its label may touch."""
    occupied = Occupied()
    for box in obstacles:
        occupied.add(box)
    placed: list[Label | None] = []
    for own, labels in candidates:
        chosen = None
        for label in labels:
            box = label.box
            if box.inside(width, height) and not occupied.hits(box, ignore=own):
                chosen = label
                occupied.add(box)
                break
        placed.append(chosen)
    return placed


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    name: str
    type: str
    href: str
    tags: tuple[str, ...]
    x: float
    y: float
    r: float
    #: the text of the node's <title>: its name and type
    title: str
    #: the label drawn with the node, or None when it did not fit
    label: Label | None
    #: the label shown while the node is hovered or focused, when it has no label of its own
    hover_label: Label | None
    #: the node's own edges as one SVG path, highlighted while it is hovered or focused
    edges: str
    center: bool = False


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    x1: float
    y1: float
    x2: float
    y2: float
    #: every relation the line stands for, one per line of its <title>
    title: str
    #: arrowheads: at the target's end (a relation from source to target), at the source's
    forward: bool
    backward: bool


@dataclass(frozen=True, slots=True)
class Drawing:
    width: int
    height: int
    nodes: list[Node]
    edges: list[Edge]

    @property
    def dense(self) -> bool:
        """More than four edges a node (the network of a large database): edges drawn thinner,
        all as one path (``edge_path``), without arrowheads, which would only blot them, and
        without a <title> each, too thin to point at anyway; the relation table under the graph
        names them all."""
        return len(self.edges) > 4 * len(self.nodes)

    @property
    def edge_path(self) -> str:
        """Every edge as one SVG path: one element instead of thousands of lines, which the
        browser parses and styles in a fraction of the time."""
        return "".join(f"M{e.x1} {e.y1}L{e.x2} {e.y2}" for e in self.edges)

    @property
    def edge_ends(self) -> str:
        """The ends of each edge of ``edge_path``, in its order: what the network's filters
        read to redraw the path without the edges of hidden nodes."""
        return ",".join(f"{e.source} {e.target}" for e in self.edges)


def _round(value: float) -> int:
    """A coordinate, in whole pixels: the drawing is shown at about its own size."""
    return round(value)


def _pairs(graph: nx.MultiDiGraph, drawn: set[str],
           only: str | None = None) -> dict[tuple[str, str], list[tuple[str, str, str]]]:
    """The relations between drawn nodes (all touching ``only``, when given), grouped by
    unordered pair: (a, b) with a < b → [(source, label, target), …], in a stable order."""
    pairs: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    edges = incident_edges(graph, only) if only is not None else graph.edges(data=True)
    seen: set[tuple[str, str, str]] = set()
    for source, target, data in edges:
        if source == target or source not in drawn or target not in drawn:
            continue
        relation = (source, data["label"], target)
        if relation in seen:
            continue
        seen.add(relation)
        pairs[(min(source, target), max(source, target))].append(relation)
    return {pair: sorted(relations) for pair, relations in sorted(pairs.items())}


def _edges(pairs: dict[tuple[str, str], list[tuple[str, str, str]]],
           position: dict[str, Position],
           names: Callable[[str], str]) -> list[Edge]:
    """One line per pair of nodes, from rim to rim, with an arrowhead per direction."""
    edges = []
    for (a, b), relations in pairs.items():
        (ax, ay, ar), (bx, by, br) = position[a], position[b]
        length = math.hypot(bx - ax, by - ay) or 1.0
        ux, uy = (bx - ax) / length, (by - ay) / length
        edges.append(Edge(
            a, b, _round(ax + ux * ar), _round(ay + uy * ar),
            _round(bx - ux * br), _round(by - uy * br),
            "\n".join(f"{names(s)} — {label} — {names(t)}" for s, label, t in relations),
            forward=any(s == a for s, _, _ in relations),
            backward=any(s == b for s, _, _ in relations),
        ))
    return edges


def _disc(position: Position) -> Box:
    x, y, r = position
    return Box(x - r, y - r, x + r, y + r)


def _nodes(graph: nx.MultiDiGraph, order: Iterable[str], position: dict[str, Position],
           labels: dict[str, Label | None], texts: dict[str, str], edges: list[Edge],
           href: Callable[[str], str], width: float, center: str | None = None) -> list[Node]:
    """The nodes in the order they are painted, each with its label (or one shown on hover)
    and the path of its edges."""
    paths: dict[str, list[str]] = defaultdict(list)
    for edge in edges:
        segment = f"M{edge.x1:g} {edge.y1:g}L{edge.x2:g} {edge.y2:g}"
        paths[edge.source].append(segment)
        paths[edge.target].append(segment)
    nodes = []
    for n in order:
        x, y, r = position[n]
        data = graph.nodes[n]
        label = labels[n]
        hover = None
        if label is None:
            hover = label_beside(x, y, r, texts[n], 12, "right")
            if hover.box.x1 > width:
                hover = label_beside(x, y, r, texts[n], 12, "left")
        nodes.append(Node(
            n, data["name"], data["type"], href(n), tuple(data["tags"]), x, y, r,
            f"{data['name']} ({TYPE_LABELS.get(data['type'], data['type'])})", label, hover,
            "".join(paths[n]), center=n == center,
        ))
    return nodes


def force_layout(simple: nx.Graph, cache: Path | None = None) -> dict[str, tuple[float, float]]:
    """ForceAtlas2 with strong gravity, so that entities without a relation to the others stay
    near them rather than drifting to the corners and squeezing the rest into the middle.

    With ``cache``, a file, the positions are kept there with the graph they were computed for,
    and taken from it while the graph is the same: the layout (and importing numpy for it) is
    a tenth of a build at the seed scale, and most edits leave the relations as they were."""
    if not len(simple):
        return {}
    key = hashlib.sha256(json.dumps(
        [LAYOUT_SEED, LAYOUT_ITERATIONS, list(simple.nodes), sorted(simple.edges)]).encode()
    ).hexdigest()
    if cache is not None:
        try:
            kept = json.loads(cache.read_text(encoding="utf-8"))
            if kept["key"] == key:
                return {n: (x, y) for n, (x, y) in kept["positions"].items()}
        except (OSError, ValueError, KeyError, TypeError):
            pass
    layout = nx.forceatlas2_layout(simple, seed=LAYOUT_SEED, max_iter=LAYOUT_ITERATIONS,
                                   scaling_ratio=4.0, strong_gravity=True)
    positions = {n: (float(layout[n][0]), float(layout[n][1])) for n in simple}
    if cache is not None:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            cache.write_text(json.dumps({"key": key, "positions": positions}), encoding="utf-8")
        except OSError:
            pass
    return positions


def network_drawing(graph: nx.MultiDiGraph, drawn: Iterable[str], degrees: dict[str, int],
                    href: Callable[[str], str], cache: Path | None = None) -> Drawing:
    """The network of the ``drawn`` entities, laid out by force with a fixed seed (kept in the
    file ``cache``, when given, for the next build)."""
    ids = sorted(drawn)
    simple = nx.Graph()
    simple.add_nodes_from(ids)  # in id order: the layout does not depend on the hash seed
    pairs = _pairs(graph, set(ids))
    simple.add_edges_from(pairs)
    layout = force_layout(simple, cache)
    most = max((degrees[n] for n in ids), default=0) or 1
    radius = {n: 4.0 + 8.0 * math.sqrt(degrees[n] / most) for n in ids}
    margin = 16.0
    xs = [layout[n][0] for n in ids] or [0.0]
    ys = [layout[n][1] for n in ids] or [0.0]

    def scale(value: float, low: float, high: float, size: int) -> float:
        span = high - low
        return size / 2 if span == 0 else margin + (value - low) / span * (size - 2 * margin)

    position: dict[str, Position] = {
        n: (_round(scale(layout[n][0], min(xs), max(xs), NETWORK_WIDTH)),
            _round(scale(layout[n][1], min(ys), max(ys), NETWORK_HEIGHT)),
            round(radius[n], 1))
        for n in ids
    }
    discs = {n: _disc(p) for n, p in position.items()}
    # Most connected first: they get the labels when there is not room for every one.
    order = sorted(ids, key=lambda n: (-degrees[n], graph.nodes[n]["name"].casefold(), n))
    texts = label_texts(graph, ids, LABEL_CHARS)
    candidates = []
    for n in order:
        x, y, r = position[n]
        size = round(11 + 4 * math.sqrt(degrees[n] / most))
        candidates.append((discs[n], [label_beside(x, y, r, texts[n], size, side)
                                      for side in SIDES]))
    labels = dict(zip(order, place_labels(candidates, NETWORK_WIDTH, NETWORK_HEIGHT,
                                          discs.values()), strict=True))
    edges = _edges(pairs, position, lambda n: str(graph.nodes[n]["name"]))
    # Labelled nodes last, so that no node is painted over their labels.
    painted = sorted(ids, key=lambda n: (labels[n] is not None, degrees[n], n))
    return Drawing(NETWORK_WIDTH, NETWORK_HEIGHT,
                   _nodes(graph, painted, position, labels, texts, edges, href, NETWORK_WIDTH),
                   edges)


def ranked_neighbours(graph: nx.MultiDiGraph, center: str, degrees: dict[str, int]) -> list[str]:
    """The distinct neighbours of ``center``, most connected first, ties by name and id."""
    found = (set(graph.successors(center)) | set(graph.predecessors(center))) - {center}
    return sorted(found, key=lambda n: (-degrees[n], graph.nodes[n]["name"].casefold(), n))


def neighbourhood_drawing(graph: nx.MultiDiGraph, center: str, neighbours: Sequence[str],
                          href: Callable[[str], str]) -> Drawing:
    """``center`` in the middle, ``neighbours`` around it on an ellipse, one row each, grouped
    by type, clockwise from the top."""
    type_rank = {t: i for i, t in enumerate(ENTITY_TYPES)}
    ring = sorted(neighbours, key=lambda n: (type_rank.get(graph.nodes[n]["type"], 99),
                                             graph.nodes[n]["name"].casefold(), n))
    size, r, center_r, gap = 12, 6.0, 9.0, 3.0
    right = ring[: (len(ring) + 1) // 2]
    left = ring[len(right):][::-1]  # bottom to top on the left: clockwise
    rows = max(len(right), len(left), 1)
    row = max(24.0, 120.0 / rows)
    half = rows * row / 2
    semi_y = half + row  # the ellipse reaches a row past the outermost: no node on its axis
    semi_x = max(100.0, 0.2 * half + 90.0)

    texts = label_texts(graph, [center, *ring], NEIGHBOUR_LABEL_CHARS)

    def widest(side: Sequence[str]) -> float:
        return max((text_width(texts[n], size) for n in side), default=0.0)

    reach = max(widest(right), widest(left)) + r + gap + 6
    center_label_width = text_width(texts[center], size + 1)
    width = 2 * max(semi_x + reach, center_label_width / 2 + 8)
    height = 2 * half + 2 * 16 + (size + 1 if not ring else 0)
    cx, cy = width / 2, height / 2
    position: dict[str, Position] = {center: (_round(cx), _round(cy), center_r)}
    for side, sign in ((right, 1), (left, -1)):
        for k, n in enumerate(side):
            dy = -half + (k + 0.5 + (rows - len(side)) / 2) * row  # a shorter side centred
            dx = semi_x * math.sqrt(max(0.0, 1 - (dy / semi_y) ** 2))
            position[n] = (_round(cx + sign * dx), _round(cy + dy), r)
    discs = {n: _disc(p) for n, p in position.items()}
    candidates = [(discs[center], [label_beside(cx, cy, center_r, texts[center], size + 1, side)
                                   for side in ("below", "above")])]
    for n in ring:
        x, y, _ = position[n]
        outward = "right" if x > cx else "left"
        candidates.append((discs[n], [label_beside(x, y, r, texts[n], size, outward)]))
    labels = dict(zip([center, *ring], place_labels(candidates, width, height, discs.values()),
                      strict=True))
    edges = _edges(_pairs(graph, {center, *ring}, only=center), position,
                   lambda n: str(graph.nodes[n]["name"]))
    return Drawing(math.ceil(width), math.ceil(height),
                   _nodes(graph, [*ring, center], position, labels, texts, edges, href, width,
                          center),
                   edges)
