"""A strict YAML reader that keeps the line of every value.

PyYAML follows YAML 1.1 and guesses: ``NO`` becomes ``False``, ``2023-01-02`` becomes a date,
duplicate keys silently overwrite each other, and aliases can expand exponentially. Records are
curated by hand, so this reader guesses nothing. It composes the node tree (with libyaml when it
is installed) and builds plain values itself:

* plain ``true``/``false``, ``null``/``~``/empty, integers and decimals are typed as in YAML 1.2;
  every other scalar, including ``NO``, ``yes`` and ``2023-01-02``, stays a string;
* duplicate keys, aliases, merge keys and explicit tags other than YAML's own are errors;
* files, strings, lists and mappings have size limits, and nesting a depth limit;
* a double-quoted string may not hold a control character through an escape (``"\\x01"``).

Every problem is reported with its line, and ``YamlDocument.line_of`` gives the line of any
value by its path (a tuple of keys and list indexes), so later checks can point at the
offending node.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem
from .files import MAX_RECORD_BYTES, ProjectFiles

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml is missing on some platforms
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = MAX_RECORD_BYTES
MAX_STRING_CHARS = 20_000
#: records nest a few levels (claims → citations → fields); libyaml's composer recurses in C and
#: crashes the process on tens of thousands of levels, so depth is checked before composing
MAX_DEPTH = 50
#: entries of one list or mapping: a record with 1,000 claims or notes is ten times the largest
#: curated one, and the engine's work on a page grows with the square of its blocks (a record
#: with 100,000 notes took minutes to build)
MAX_ITEMS = 1_000
#: no figure needs more digits; Python refuses to convert more than 4,300 anyway
MAX_NUMBER_DIGITS = 50

Path_ = tuple[str | int, ...]

#: characters YAML does not allow in a stream (C0/C1 controls other than tab and line breaks)
_NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: control characters (C0 but tab and line feed, DEL, C1) that a double-quoted string can still
#: hold after its escapes are read ("\x01", "\0", "\e", "\x85"); the raw file has none
CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SYNTAX_HINTS = {
    "mapping values are not allowed": "if the value contains ': ', put it in quotes; "
                                      "otherwise check the indentation",
    "undefined alias": "aliases (*name) are not allowed; write the value out in full",
    "found another document": "a record file holds one YAML document; remove the second '---'",
    "found character '\\t'": "a tab is not allowed here; use spaces",
    "could not find expected ':'": "a line is missing ': ' after its key, or a quote is "
                                   "not closed",
}

_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\Z|[-+]?[0-9]+[eE][-+]?[0-9]+\Z")
_YAML_TAG = "tag:yaml.org,2002:"
_STANDARD_TAGS = {
    _YAML_TAG + name
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "binary")
}
_MERGE_TAG = _YAML_TAG + "merge"
_NUMBER_START = frozenset("+-.0123456789")


class _RecordLoader(_Loader):
    """libyaml's composer without PyYAML's implicit typing, which runs regexes in Python for
    every node: the builder below types plain scalars itself, so only merge keys matter here."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            return _MERGE_TAG if value == "<<" and implicit[0] else _YAML_TAG + "str"
        return _YAML_TAG + ("seq" if kind is yaml.SequenceNode else "map")

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


class LineMap:
    """The line (1-based) of every path in one file, worked out from its text when a line is
    first asked for. Only a problem needs one, and keeping a line for every value of every
    record took a tenth of a 10,000-entity load's time and 130 MB of its memory."""

    def __init__(self, text: str, display: str) -> None:
        self._text: str | None = text
        self._display = display
        self._lines: dict[Path_, int] | None = None

    def get(self, path: Path_) -> int | None:
        lines = self._lines
        if lines is None:
            if self._text is None:
                raise RuntimeError(f"{self._display}: the line map was released after the "
                                   "checks; report problems before Database.release_documents()")
            lines = self._lines = _lines_of(self._text)
        return lines.get(path)

    def holds(self, text: str) -> bool:
        """Whether the file's text holds ``text``: a fast test before searching its values."""
        return self._text is not None and text in self._text

    def release(self) -> None:
        self._text = self._lines = None


@dataclass
class YamlDocument:
    """A parsed file (or, with ``prefix``, the part of one under that path): its data, and the
    line of every path inside it."""

    path: Path
    display: str
    data: Any
    line_map: LineMap
    prefix: Path_ = ()

    def line_of(self, path: Path_) -> int:
        """The line of ``path``, or of its nearest ancestor that exists in the file."""
        line_map = self.line_map
        path = (*self.prefix, *path)
        while path:
            found = line_map.get(path)
            if found is not None:
                return found
            path = path[:-1]
        return line_map.get(()) or 1

    def part(self, key: str | int) -> YamlDocument:
        """The value under ``key`` as a document of its own, whose lines are still the file's."""
        return YamlDocument(self.path, self.display, self.data[key], self.line_map,
                            (*self.prefix, key))

    def release(self) -> None:
        """Let go of the parsed data and the text the line map is worked out from, which only
        validation and the checks read."""
        self.data = None
        self.line_map.release()


def line_of_byte(raw: bytes, offset: int) -> int:
    """The line of ``raw`` that holds the byte at ``offset``, such as a UnicodeDecodeError's."""
    return raw.count(b"\n", 0, offset) + 1


def read_text(path: Path, display: str, problems: list[Problem],
              files: ProjectFiles | None = None) -> str | None:
    """Read a UTF-8 text file without a byte-order mark, reporting what is wrong with it.

    ``files`` reads it (by default a file anywhere): a regular file, of at most
    ``MAX_FILE_BYTES``."""
    raw = (files or ProjectFiles(None)).read(path, display, MAX_FILE_BYTES, problems,
                                             "Split it into smaller records.")
    if raw is None:
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append(
            Problem(display, 1, "the file starts with a byte-order mark; save it as UTF-8 without BOM")
        )
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(
            Problem(
                display,
                line_of_byte(raw, exc.start),
                f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
                "save it as UTF-8",
            )
        )
        return None


def load_yaml(path: Path, display: str, problems: list[Problem],
              files: ProjectFiles | None = None) -> YamlDocument | None:
    """Parse one YAML file; on any problem, append it to ``problems`` and return ``None``."""
    text = read_text(path, display, problems, files)
    if text is None:
        return None
    return parse_yaml(text, path, display, problems)


def _check_characters(text: str, display: str, problems: list[Problem]) -> None:
    """Report control characters, which YAML refuses, by line (at most ten lines of them)."""
    match = _NON_PRINTABLE.search(text)
    if match is None:
        return
    lines: dict[int, str] = {}
    for found in _NON_PRINTABLE.finditer(text):
        lines.setdefault(text.count("\n", 0, found.start()) + 1, found.group())
        if len(lines) > 10:
            break
    for number, char in sorted(lines.items())[:10]:
        problems.append(Problem(
            display, number,
            f"the control character U+{ord(char):04X} is not allowed in YAML; delete it "
            "(it is often pasted in invisibly from another program)",
        ))


def _too_deep(text: str) -> int | None:
    """The line where nesting first exceeds ``MAX_DEPTH``, or None.

    Each level of nesting needs a bracket or more indentation (or a ``- ``), so files whose
    brackets and line prefixes are few cannot be deep, and only the others are parsed.
    """
    brackets = text.count("[") + text.count("{")
    if brackets < MAX_DEPTH:
        prefix = max((len(line) - len(line.lstrip(" -?:")) for line in text.splitlines()),
                     default=0)
        if brackets + prefix + 2 <= MAX_DEPTH:
            return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    return mark.line + 1 if mark is not None else 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        # libyaml 0.2.5 and later stop at their own nesting limit while scanning ahead
        if "nesting depth" not in (exc.problem or "") or exc.problem_mark is None:
            raise
        return exc.problem_mark.line + 1
    return None


def _report_aliases(text: str, display: str, problems: list[Problem]) -> None:
    """One problem per line that uses an alias; events are not expanded, so a bomb is cheap."""
    lines = sorted({
        event.start_mark.line + 1 for event in yaml.parse(text, Loader=_Loader)
        if isinstance(event, yaml.AliasEvent) and event.start_mark is not None
    })
    for line in lines:
        problems.append(Problem(
            display, line, "aliases (*name) are not allowed in records; write the value out in full"
        ))


def _syntax_problem(exc: yaml.MarkedYAMLError, display: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    error_line = mark.line + 1 if mark is not None else 1
    what = exc.problem or "invalid YAML"
    message = f"YAML syntax error: {what}"
    if exc.context:
        message += f" ({exc.context}"
        if (exc.context.startswith("while") and exc.context_mark is not None
                and exc.context_mark.line + 1 != error_line):
            message += f" that starts on line {exc.context_mark.line + 1}"
        message += ")"
    for pattern, hint in _SYNTAX_HINTS.items():
        if pattern in what:
            message += f"; {hint}"
            break
    return Problem(display, error_line, " ".join(message.split()))


def parse_yaml(text: str, path: Path, display: str, problems: list[Problem]) -> YamlDocument | None:
    before = len(problems)
    for number, line in enumerate(text.splitlines() if "\t" in text else (), 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(
                Problem(display, number, "a tab is used for indentation; indent with spaces")
            )
    _check_characters(text, display, problems)
    if len(problems) > before:
        return None
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        problems.append(Problem(display, 1, "the file is empty; expected a mapping of fields"))
        return None
    try:
        deep = _too_deep(text)
        if deep is not None:
            problems.append(Problem(
                display, deep,
                f"the values here are nested more than {MAX_DEPTH} levels deep; a record nests "
                "a few levels at most, so check the brackets and the indentation",
            ))
            return None
        node = yaml.compose(text, Loader=_RecordLoader)
    except yaml.MarkedYAMLError as exc:
        problems.append(_syntax_problem(exc, display))
        return None
    except yaml.YAMLError as exc:
        problems.append(Problem(display, 1, "YAML error: " + " ".join(str(exc).split())))
        return None
    except RecursionError:  # the pure-Python composer, without libyaml
        problems.append(Problem(display, 1, f"the values are nested more than {MAX_DEPTH} "
                                "levels deep; check the brackets and the indentation"))
        return None
    if node is None:
        problems.append(Problem(display, 1, "the file is empty; expected a mapping of fields"))
        return None
    line_map = LineMap(text, display)
    builder = _Builder(display, problems, line_map, aliases_possible="*" in text)
    data = builder.build(node, ())
    if builder.alias_found:
        _report_aliases(text, display, problems)
    if len(problems) > before:
        return None
    return YamlDocument(path=path, display=display, data=data, line_map=line_map)


def _lines_of(text: str) -> dict[Path_, int]:
    """The line of every path in ``text``, which has been parsed once already."""
    lines: dict[Path_, int] = {}
    node = yaml.compose(text, Loader=_RecordLoader)
    if node is not None:
        _Builder("", [], lines, aliases_possible="*" in text).build(node, ())
    return lines


class _Builder:
    def __init__(self, display: str, problems: list[Problem],
                 lines: LineMap | dict[Path_, int], aliases_possible: bool = True) -> None:
        """``lines`` is where a duplicate key's first line is looked up; a dict is also filled
        with the line of every path as the values are built."""
        self.display = display
        self.problems = problems
        self.first_lines = lines
        self.lines = lines if isinstance(lines, dict) else None
        # An alias is written ``*name``: without a ``*`` in the text there is none to find.
        self.seen: set[int] | None = set() if aliases_possible else None
        self.alias_found = False

    def fail(self, node: yaml.Node, message: str) -> None:
        self.problems.append(Problem(self.display, node.start_mark.line + 1, message))

    def build(self, node: yaml.Node, path: Path_) -> Any:
        if self.seen is None:
            pass
        elif id(node) in self.seen:
            # An alias is the anchored node itself, whose mark points at the anchor, so the
            # aliases' own lines are found afterwards, from the event stream (_report_aliases).
            self.alias_found = True
            return None
        else:
            self.seen.add(id(node))
        tag = node.tag
        if tag not in _STANDARD_TAGS:
            shown = tag.replace(_YAML_TAG, "!!", 1) if tag.startswith(_YAML_TAG) else tag
            self.fail(node, f"the tag {shown!r} is not allowed; remove it and write a plain value")
            return None
        if self.lines is not None:
            self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if len(node.value) > MAX_ITEMS:
            kind = "list" if isinstance(node, yaml.SequenceNode) else "mapping"
            where = f"{path[-1]}: " if path and isinstance(path[-1], str) else ""
            line = (self.first_lines.get(path) if path else None) or node.start_mark.line + 1
            self.problems.append(Problem(
                self.display, line, f"{where}a {kind} of {len(node.value):,} entries is longer "
                f"than the limit of {MAX_ITEMS:,}; split the file into smaller ones"))
            return None
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        self.fail(node, "unsupported YAML node")  # pragma: no cover
        return None

    def mapping(self, node: yaml.MappingNode, path: Path_) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        lines = self.lines
        fast = self.seen is None  # no aliases: a plain scalar value needs no call to build()
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
                first = self.first_lines.get((*path, key)) or "?"
                self.fail(
                    key_node,
                    f"duplicate key {key!r} (first defined on line {first}); "
                    "YAML would silently keep only the last one, so remove one of them",
                )
                continue
            if lines is not None:  # a value's line is its key's
                lines[(*path, key)] = key_node.start_mark.line + 1
            if fast and type(value_node) is yaml.ScalarNode and value_node.tag in _STANDARD_TAGS:
                result[key] = self.scalar(value_node)
            else:
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
            if node.style == '"':
                control = CONTROL_CHARACTER.search(value)
                if control is not None:
                    self.fail(node, f"the control character U+{ord(control.group()):04X} is not "
                              "allowed in a value; it comes from an escape such as \\x01, \\0 "
                              "or \\e in a double-quoted string, so remove that escape")
            return value
        if value in ("", "~", "null"):
            return None
        if value in ("true", "false"):
            return value == "true"
        if value[0] not in _NUMBER_START:  # neither pattern below can match
            return value
        if (_INT.match(value) or _FLOAT.match(value)) and (
            sum(char.isdigit() for char in value) > MAX_NUMBER_DIGITS
        ):
            self.fail(node, f"the number {value[:20]}… has more than {MAX_NUMBER_DIGITS} digits; "
                      "check it, or write it with a unit such as 'billion'")
            return None
        if _INT.match(value):
            return int(value)
        if _FLOAT.match(value):
            number = float(value)
            if math.isinf(number):
                self.fail(node, f"the number {value} is too large to store; check it, or write "
                          "it with a unit such as 'billion'")
                return None
            return number
        return value
