"""The JSON downloads' layout: the same data as json.dumps, one record per line."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from conftest import WriteRecorder
from hypothesis import given
from hypothesis import strategies as st

from iranru_ref.exports.json_text import Records, dump, dumps, encode

DOCUMENT = {
    "format_version": 1,
    "claims": [{"id": "a.b", "text": "Dedov said “x”.\nSecond line", "citations": [{"n": 1}]},
               {"id": "a.c", "text": "Ouji", "citations": []}],
    "empty": [],
    "tags": {"nuclear": "Nuclear power"},
}


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


def test_a_record_encoded_beforehand_is_laid_out_as_the_record_itself() -> None:
    encoded = {**DOCUMENT, "claims": [encode(claim) for claim in DOCUMENT["claims"]]}
    assert dumps(encoded, levels=2) == dumps(DOCUMENT, levels=2)


@given(records=st.lists(json_values, max_size=5), levels=st.integers(min_value=2, max_value=4))
def test_encoded_text_within_the_spread_levels_is_never_encoded_again(records: list[Any],
                                                                      levels: int) -> None:
    document = {"records": [encode(record) for record in records]}
    assert json.loads(dumps(document, levels)) == {"records": records}


@given(value=json_values, levels=st.integers(min_value=0, max_value=4),
       batch=st.integers(min_value=1, max_value=5))
def test_json_written_in_batches_is_the_same_text(value: object, levels: int, batch: int) -> None:
    out = io.BytesIO()
    dump(value, levels, out, batch=batch)
    assert out.getvalue().decode("utf-8") == dumps(value, levels)


def test_json_records_go_to_the_file_before_the_document_ends() -> None:
    records = [encode({"n": n}) for n in range(10)]
    out = WriteRecorder()
    dump({"records": records}, 2, out, batch=4)
    assert len(out.writes) > 3
    assert b"".join(out.writes).decode() == dumps({"records": records}, 2)


@given(records=st.lists(json_values, max_size=5), levels=st.integers(min_value=0, max_value=4))
def test_records_made_while_written_are_laid_out_as_a_list(records: list[Any], levels: int) -> None:
    made = Records(record for record in records)
    assert dumps({"records": made}, levels) == dumps({"records": records}, levels)


def test_records_are_made_only_as_the_file_is_written() -> None:
    made: list[int] = []

    def record(n: int) -> Any:
        made.append(n)
        return encode({"n": n})

    out = WriteRecorder()
    document = {"records": Records(record(n) for n in range(12)), "empty": Records(iter(()))}
    assert made == []
    dump(document, 2, out, batch=4)
    assert made == list(range(12))
    assert len(out.writes) > 3
    assert json.loads(b"".join(out.writes)) == {"records": [{"n": n} for n in range(12)],
                                                "empty": []}
