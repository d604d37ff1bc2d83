"""A strict YAML reader that keeps the line of every value.

PyYAML follows YAML 1.1 and guesses: ``NO`` becomes ``False``, ``2023-01-02`` becomes a date,
duplicate keys silently overwrite each other, and aliases can expand exponentially. Records are
curated by hand, so this reader guesses nothing. It composes the node tree (with libyaml when it
is installed) and builds plain values itself:

* plain ``true``/``false``, ``null``/``~``/empty, integers and decimals are typed as in YAML 1.2;
  every other scalar, including ``NO``, ``yes`` and ``2023-01-02``, stays a string;
* duplicate keys, aliases, merge keys and explicit tags other than YAML's own are errors;
* files and strings have size limits.

Every problem is reported with its line, and every value's line is kept in ``lines`` under its
path (a tuple of keys and list indexes) so later checks can point at the offending node.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml is missing on some platforms
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 1024 * 1024
MAX_STRING_CHARS = 20_000

Path_ = tuple[str | int, ...]

_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\Z|[-+]?[0-9]+[eE][-+]?[0-9]+\Z")
_YAML_TAG = "tag:yaml.org,2002:"
_STANDARD_TAGS = {
    _YAML_TAG + name
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "binary")
}
_MERGE_TAG = _YAML_TAG + "merge"


@dataclass
class YamlDocument:
    """A parsed file: its data, and the line (1-based) of every path inside it."""

    path: Path
    display: str
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int:
        """The line of ``path``, or of its nearest ancestor that exists in the file."""
        lines = self.lines
        while path:
            found = lines.get(path)
            if found is not None:
                return found
            path = path[:-1]
        return lines.get((), 1)


def read_text(path: Path, display: str, problems: list[Problem]) -> str | None:
    """Read a UTF-8 text file without a byte-order mark, reporting what is wrong with it."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(display, 1, f"cannot read the file: {exc.strerror or exc}"))
        return None
    if len(raw) > MAX_FILE_BYTES:
        problems.append(
            Problem(
                display,
                1,
                f"the file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,}. "
                "Split it into smaller records.",
            )
        )
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append(
            Problem(display, 1, "the file starts with a byte-order mark; save it as UTF-8 without BOM")
        )
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(
            Problem(
                display,
                line,
                f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
                "save it as UTF-8",
            )
        )
        return None


def load_yaml(path: Path, display: str, problems: list[Problem]) -> YamlDocument | None:
    """Parse one YAML file; on any problem, append it to ``problems`` and return ``None``."""
    text = read_text(path, display, problems)
    if text is None:
        return None
    return parse_yaml(text, path, display, problems)


def parse_yaml(text: str, path: Path, display: str, problems: list[Problem]) -> YamlDocument | None:
    before = len(problems)
    for number, line in enumerate(text.splitlines(), 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(
                Problem(display, number, "a tab is used for indentation; indent with spaces")
            )
    if len(problems) > before:
        return None
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        problems.append(Problem(display, 1, "the file is empty; expected a mapping of fields"))
        return None
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        error_line = mark.line + 1 if mark is not None else 1
        what = exc.problem or "invalid YAML"
        context = f" ({exc.context})" if exc.context else ""
        problems.append(Problem(display, error_line, f"YAML syntax error: {what}{context}"))
        return None
    except yaml.YAMLError as exc:
        problems.append(Problem(display, 1, f"YAML error: {exc}"))
        return None
    if node is None:
        problems.append(Problem(display, 1, "the file is empty; expected a mapping of fields"))
        return None
    document = YamlDocument(path=path, display=display, data=None)
    builder = _Builder(document, problems)
    document.data = builder.build(node, ())
    if len(problems) > before:
        return None
    return document


class _Builder:
    def __init__(self, document: YamlDocument, problems: list[Problem]) -> None:
        self.document = document
        self.problems = problems
        self.seen: set[int] = set()

    def fail(self, node: yaml.Node, message: str) -> None:
        self.problems.append(Problem(self.document.display, node.start_mark.line + 1, message))

    def build(self, node: yaml.Node, path: Path_) -> Any:
        if id(node) in self.seen:
            # An alias is the anchored node itself, so its own mark points at the anchor.
            line = self.document.lines.get(path, node.start_mark.line + 1)
            self.problems.append(Problem(
                self.document.display, line,
                "aliases (*name) are not allowed in records; write the value out in full",
            ))
            return None
        self.seen.add(id(node))
        tag = node.tag
        if tag not in _STANDARD_TAGS:
            self.fail(node, f"the tag {tag!r} is not allowed; remove it and write a plain value")
            return None
        self.document.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        self.fail(node, "unsupported YAML node")  # pragma: no cover
        return None

    def mapping(self, node: yaml.MappingNode, path: Path_) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                self.fail(key_node, "merge keys (<<) are not allowed in records; write the fields out")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.fail(key_node, "a mapping key must be a plain word, not a list or mapping")
                continue
            key = self.scalar(key_node)
            if key is None or isinstance(key, bool | float):
                self.fail(key_node, f"a mapping key must be a name or a number, got {key_node.value!r}")
                continue
            if key in result:
                first = self.document.lines.get((*path, key), "?")
                self.fail(
                    key_node,
                    f"duplicate key {key!r} (first defined on line {first}); "
                    "YAML would silently keep only the last one, so remove one of them",
                )
                continue
            self.document.lines[(*path, key)] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, (*path, key))
        return result

    def scalar(self, node: yaml.ScalarNode) -> Any:
        value: str = node.value
        if len(value) > MAX_STRING_CHARS:
            self.fail(
                node,
                f"a string of {len(value):,} characters is longer than the limit of "
                f"{MAX_STRING_CHARS:,}; shorten it",
            )
            return None
        if node.style:  # quoted or block scalar; plain ones have no style
            return value
        if value in ("", "~", "null"):
            return None
        if value in ("true", "false"):
            return value == "true"
        if _INT.match(value):
            return int(value)
        if _FLOAT.match(value):
            return float(value)
        return value
