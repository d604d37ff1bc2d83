"""The JSON downloads' layout: the same data as json.dumps, one record per line."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iranru_ref.exports.json_text import write_json

DOCUMENT = {
    "format_version": 1,
    "claims": [{"id": "a.b", "text": "Dedov said “x”.\nSecond line", "citations": [{"n": 1}]},
               {"id": "a.c", "text": "Ouji", "citations": []}],
    "empty": [],
    "tags": {"nuclear": "Nuclear power"},
}


def dumps(value: Any, levels: int) -> str:
    out = io.StringIO()
    write_json(value, levels, out)
    return out.getvalue()


def test_outer_levels_are_one_entry_per_line_and_records_one_line_each() -> None:
    text = dumps(DOCUMENT, levels=2)
    assert text.splitlines() == [
        "{",
        ' "format_version": 1,',
        ' "claims": [',
        '  {"id": "a.b", "text": "Dedov said “x”.\\nSecond line", "citations": [{"n": 1}]},',
        '  {"id": "a.c", "text": "Ouji", "citations": []}',
        " ],",
        ' "empty": [],',
        ' "tags": {',
        '  "nuclear": "Nuclear power"',
        " }",
        "}",
    ]
    assert text.endswith("}\n")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children) | st.dictionaries(st.text(), children),
    max_leaves=30,
)


@given(value=json_values, levels=st.integers(min_value=0, max_value=4))
def test_the_layout_never_changes_the_data(value: Any, levels: int) -> None:
    assert json.loads(dumps(value, levels)) == value


@pytest.mark.parametrize("levels", [0, 1, 5])
def test_every_level_count_gives_valid_json(levels: int) -> None:
    assert json.loads(dumps(DOCUMENT, levels)) == DOCUMENT


@given(records=st.lists(json_values, max_size=5), levels=st.integers(min_value=2, max_value=4))
def test_records_made_while_written_are_laid_out_as_a_list(records: list[Any], levels: int) -> None:
    made = (record for record in records)
    assert dumps({"records": made}, levels) == dumps({"records": records}, levels)


class Recorder(io.StringIO):
    """A text file that notes how much had been written each time a record is made."""

    def __init__(self) -> None:
        super().__init__()
        self.lengths: list[int] = []


def test_records_are_made_only_as_the_file_is_written() -> None:
    out = Recorder()

    def records() -> Iterator[dict[str, int]]:
        for n in range(5):
            out.lengths.append(len(out.getvalue()))
            yield {"n": n}

    document = {"records": records(), "empty": iter(())}
    write_json(document, 2, out)
    # each record is made after the one before it was written
    assert out.lengths == sorted(set(out.lengths)) and len(out.lengths) == 5
    assert json.loads(out.getvalue()) == {"records": [{"n": n} for n in range(5)], "empty": []}
    assert [line.strip() for line in out.getvalue().splitlines()[2:7]] == [
        '{"n": 0},', '{"n": 1},', '{"n": 2},', '{"n": 3},', '{"n": 4}']
