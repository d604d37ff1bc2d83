"""Fuzzing: generated records and YAML mutations end valid or in a clean ValidationFailed.

Hypothesis generates records (some valid, most not), serialises them, then mutates them: random
bytes, truncation, renamed and deleted keys, values swapped for other types, tabs, duplicated
lines. Whatever comes out, loading the project either succeeds or raises ``ValidationFailed``
whose every problem is one ``path:line: message`` line naming a real file and a line inside it.
No other exception may escape, and the command line never shows a traceback.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iranru_ref.check import load_checked
from iranru_ref.cli import cli
from iranru_ref.errors import Problem, ValidationFailed
from iranru_ref.load.project import Project
from iranru_ref.load.yaml_file import parse_yaml

ROOT = Path(__file__).resolve().parent.parent
BASE = Path(__file__).resolve().parent / "bad_inputs" / "_base"
RECORD = "data/people/fuzz-person.yml"
META = "sources/test-article.yml"
PROBLEM = re.compile(r"^[^\n:]+:[1-9][0-9]*: [^\n]+$")
SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

PARAGRAPHS = [
    "Ministers meet in Moscow",
    "The ministers of both countries met in Moscow on Tuesday. The ministers agreed to meet "
    "again in Tehran.",
    "Trade between the two countries reached 5 billion dollars last year, the ministers said.",
]
TAGS = ["diplomacy", "trade", "energy", "not-a-tag", "Diplomacy"]
PREDICATES = ["fact", "stated", "amount", "member_of", "ambassador_to", "concerns", "nope", "Bad-1"]
IDS = ["fuzz-person", "iran", "sputnik", "nobody", "../x", "Upper", ""]


@pytest.fixture(scope="module")
def small_project() -> Iterator[Path]:
    """The repository's vocabulary and templates with the catalogue's test article only, so
    that each example loads in milliseconds whatever the size of the curated data."""
    folder = Path(tempfile.mkdtemp(prefix="iranru-fuzz-"))
    try:
        shutil.copytree(ROOT / "data" / "vocabulary", folder / "data" / "vocabulary")
        (folder / "data" / "people").mkdir()
        shutil.copytree(BASE / "sources", folder / "sources")
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# ------------------------------------------------------------------ strategies

texts = st.text(max_size=40)
words = st.sampled_from(["Moscow", "The ministers", "met in Moscow on Tuesday", "5 billion",
                         "reached 5 billion dollars", "nothing like this", "Tehran.\n\nTrade"])
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                    texts, st.sampled_from(["NO", "yes", "2023-02-30", "1e400", "0x10", "~"]))
values: st.SearchStrategy[Any] = st.recursive(
    scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                     st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=8,
)
dates = st.one_of(
    st.sampled_from(["2023", "2022-09", "2025-02-11", "2023-02-30", "2023-13", "23", "soon"]),
    st.integers(min_value=-5, max_value=3000),
    st.fixed_dictionaries(
        {"value": st.sampled_from(["2023", "2022-09", "2024-01-16", "x"]),
         "precision": st.sampled_from(["year", "month", "day", "week"])},
        optional={"inferred": st.booleans(), "wording": texts, "note": texts},
    ),
)


@st.composite
def citations(draw: st.DrawFn) -> dict[str, Any]:
    paragraph = draw(st.integers(min_value=-1, max_value=5))
    if 1 <= paragraph <= len(PARAGRAPHS) and draw(st.booleans()):
        text = PARAGRAPHS[paragraph - 1]
        start = draw(st.integers(min_value=0, max_value=len(text) - 1))
        end = draw(st.integers(min_value=start + 1, max_value=len(text)))
        quote = text[start:end]
    else:
        quote = draw(words)
    citation: dict[str, Any] = {
        "source": draw(st.sampled_from(["test-article", "test-article", "missing", "Bad Id"])),
        "paragraph": paragraph, "quote": quote,
    }
    if draw(st.integers(min_value=0, max_value=4)) == 0:
        citation["occurrence"] = draw(st.integers(min_value=-1, max_value=3))
    return citation


@st.composite
def claims(draw: st.DrawFn) -> dict[str, Any]:
    claim: dict[str, Any] = {
        "id": draw(st.sampled_from(["c1", "c2", "Bad Id", "c-3"])),
        "predicate": draw(st.sampled_from(PREDICATES)),
        "text": draw(st.one_of(texts, st.just("The ministers met."))),
        "citations": draw(st.lists(citations(), max_size=3)),
    }
    optional = {
        "object": st.sampled_from(IDS), "value": st.one_of(st.integers(-5, 10**12), st.floats()),
        "unit": texts, "approximate": st.booleans(), "date": dates,
        "attributed_to": st.lists(st.sampled_from(IDS), max_size=2),
        "said_in": st.sampled_from(IDS), "note": texts, "wording": texts,
        "derived": st.fixed_dictionaries({"formula": texts,
                                          "inputs": st.lists(texts, max_size=2)}),
    }
    for key in draw(st.lists(st.sampled_from(sorted(optional)), max_size=4, unique=True)):
        claim[key] = draw(optional[key])
    return claim


records = st.fixed_dictionaries(
    {"name": st.one_of(texts, st.just("Fuzz Person")),
     "tags": st.lists(st.sampled_from(TAGS), max_size=3),
     "claims": st.lists(claims(), max_size=3)},
    optional={"aliases": st.lists(texts, max_size=2), "summary": texts,
              "notes": st.lists(texts, max_size=2)},
)


def paths_in(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside ``data``."""
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += paths_in(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += paths_in(value, (*prefix, index))
    return found


def structural_mutation(data: st.DataObject, document: Any) -> Any:
    """Delete a key, rename one, or swap a value for one of another type."""
    paths = [path for path in paths_in(document) if path]
    if not paths:
        return document
    path = data.draw(st.sampled_from(paths))
    parent = document
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    action = data.draw(st.sampled_from(["delete", "rename", "swap"]))
    if action == "delete":
        del parent[last]
    elif action == "rename" and isinstance(parent, dict):
        parent[data.draw(st.text(max_size=10))] = parent.pop(last)
    else:
        parent[last] = data.draw(values)
    return document


#: YAML that the strict loader must refuse or read literally, spliced in by ``text_mutation``
SNIPPETS = [
    b"1e400", b"-1e400", b"9" * 5000, b"0x1F", b"1_000", b".inf", b".nan", b"NO", b"yes", b"~",
    b"2023-02-30", b"&anchor x", b"*anchor", b"<<: {a: 1}", b"!!python/object:os.system",
    b"!!binary aGVsbG8=", b"!custom x", b"[" * 3000, b"{" * 200, b"? [a]\n: b", b"---\n",
    b"'unclosed", b'"\\u00', b"|\n  block", b"\x00", b"\x1b[31m", b"\xef\xbb\xbf", b"\r\n",
    b"key: value: other", b"- - - - x", b"a" * 25000,
]


def text_mutation(data: st.DataObject, raw: bytes) -> bytes:
    """Truncate, insert random bytes or a tricky snippet, overwrite a byte, strip quotes,
    indent with a tab, or repeat a line."""
    action = data.draw(st.sampled_from(
        ["truncate", "insert", "snippet", "overwrite", "unquote", "tab", "repeat"]))
    at = data.draw(st.integers(min_value=0, max_value=len(raw)))
    if action == "truncate":
        return raw[:at]
    if action == "insert":
        return raw[:at] + data.draw(st.binary(min_size=1, max_size=8)) + raw[at:]
    if action == "snippet":
        return raw[:at] + data.draw(st.sampled_from(SNIPPETS)) + raw[at:]
    if action == "unquote":
        return raw.replace(b"'", b"").replace(b'"', b"")
    if action == "overwrite" and raw:
        at = min(at, len(raw) - 1)
        return raw[:at] + bytes([data.draw(st.integers(0, 255))]) + raw[at + 1:]
    lines = raw.split(b"\n")
    index = data.draw(st.integers(min_value=0, max_value=max(0, len(lines) - 1)))
    if action == "tab":
        lines[index] = b"\t" + lines[index]
    else:
        lines.insert(index, lines[index])
    return b"\n".join(lines)


def dump(document: Any) -> bytes:
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True).encode("utf-8")


# ------------------------------------------------------------------ the property


def assert_clean_outcome(root: Path, fuzzed: str, raw: bytes) -> list[Problem]:
    """Loading ends valid or in ValidationFailed with well-formed problems; return them."""
    try:
        load_checked(Project.find(root))
    except ValidationFailed as exc:
        problems = exc.problems
    else:
        return []
    assert problems, "ValidationFailed without a problem"
    known = {p.relative_to(root).as_posix() for p in root.rglob("*")}
    line_count = raw.count(b"\n") + 1
    for problem in problems:
        assert PROBLEM.match(str(problem)), str(problem)
        assert problem.path in known, problem
        if problem.path == fuzzed:
            assert 1 <= problem.line <= line_count + 1, (problem, line_count)
    return problems


@SETTINGS
@given(data=st.data(), record=records)
def test_generated_and_mutated_records_end_valid_or_in_clean_errors(
    small_project: Path, data: st.DataObject, record: dict[str, Any]
) -> None:
    document = record
    for _ in range(data.draw(st.integers(min_value=0, max_value=2))):
        document = structural_mutation(data, document)
    raw = dump(document)
    for _ in range(data.draw(st.integers(min_value=0, max_value=2))):
        raw = text_mutation(data, raw)
    path = small_project / RECORD
    path.write_bytes(raw)
    try:
        assert_clean_outcome(small_project, RECORD, raw)
    finally:
        path.unlink()


@SETTINGS
@given(data=st.data())
def test_mutated_source_metadata_ends_valid_or_in_clean_errors(
    small_project: Path, data: st.DataObject
) -> None:
    path = small_project / META
    original = path.read_bytes()
    document = yaml.safe_load(original)
    for _ in range(data.draw(st.integers(min_value=0, max_value=2))):
        document = structural_mutation(data, document)
    raw = dump(document)
    for _ in range(data.draw(st.integers(min_value=0, max_value=2))):
        raw = text_mutation(data, raw)
    path.write_bytes(raw)
    try:
        assert_clean_outcome(small_project, META, raw)
    finally:
        path.write_bytes(original)


@SETTINGS
@given(raw=st.binary(max_size=300))
def test_random_bytes_end_in_clean_errors(small_project: Path, raw: bytes) -> None:
    path = small_project / RECORD
    path.write_bytes(raw)
    try:
        assert_clean_outcome(small_project, RECORD, raw)
    finally:
        path.unlink()


@SETTINGS
@given(text=st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!|>'\"#%@`,? \n\t\\<=~0.1x")),
                    max_size=120))
def test_yaml_shaped_text_never_raises(text: str) -> None:
    """The parser alone, on text made of YAML's own punctuation."""
    problems: list[Problem] = []
    document = parse_yaml(text, Path("x.yml"), "x.yml", problems)
    assert (document is None) == bool(problems)
    for problem in problems:
        assert PROBLEM.match(str(problem)), str(problem)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), record=records)
def test_the_command_line_never_shows_a_traceback(
    small_project: Path, data: st.DataObject, record: dict[str, Any]
) -> None:
    raw = text_mutation(data, dump(structural_mutation(data, record)))
    path = small_project / RECORD
    path.write_bytes(raw)
    try:
        result = CliRunner().invoke(cli, ["check", "--root", str(small_project)])
    finally:
        path.unlink()
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception)
    assert "Traceback" not in result.output
