"""Pass 1: the pydantic models refuse what a curator can get wrong in a single record."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from iranru_ref.records.claim import Claim
from iranru_ref.records.dates import PartialDate
from iranru_ref.records.entity import Entity

CITATION = {"source": "s", "paragraph": 1, "quote": "q"}


def claim(**fields: Any) -> dict[str, Any]:
    return {"id": "c", "predicate": "fact", "text": "A fact.", "citations": [CITATION], **fields}


def error_text(exc: pytest.ExceptionInfo[ValidationError]) -> str:
    return " | ".join(e["msg"] for e in exc.value.errors())


@pytest.mark.parametrize(
    ("value", "precision"), [("2018", "year"), ("2022-09", "month"), ("2025-02-11", "day")]
)
def test_date_shorthand_takes_its_precision_from_the_format(value: str, precision: str) -> None:
    date = PartialDate.model_validate(value)
    assert date.precision == precision and not date.inferred


def test_year_written_as_a_number_is_accepted() -> None:
    assert PartialDate.model_validate(2018).value == "2018"
    assert PartialDate.model_validate({"value": 2023, "precision": "year"}).value == "2023"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("2023-02-30", "not a real date"),
        ("2023-13", "no month 13"),
        ({"value": "2022-09", "precision": "day"}, "precision 'day' expects"),
        ({"value": "2022", "precision": "month"}, "precision 'month' expects"),
        ({"value": "2022-09", "precision": "month", "inferred": True}, "inferred date needs"),
        ("last September", "a date is YYYY"),
    ],
)
def test_bad_dates(data: Any, message: str) -> None:
    with pytest.raises(ValidationError) as exc:
        PartialDate.model_validate(data)
    assert message in error_text(exc)


def test_inferred_date_label_says_how() -> None:
    date = PartialDate.model_validate(
        {"value": "2022-09", "precision": "month", "inferred": True, "wording": "last September"}
    )
    assert date.label() == "2022-09 (month precision, inferred from “last September”)"
    assert date.short_label() == "2022-09, approx."


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"citations": []}, "at least one citation"),
        ({"value": 5, "predicate": "amount"}, "needs a 'unit'"),
        ({"value": -5, "unit": "USD", "predicate": "amount"}, "non-negative"),
        ({"value": "five", "unit": "USD"}, "valid number"),
        ({"unit": "USD"}, "belongs to a figure"),
        ({"said_in": "an-interview"}, "add 'attributed_to'"),
        ({"id": "Bad Id"}, "an id is lowercase"),
        ({"predicate": "Ambassador-To"}, "predicate name"),
        ({"colour": "red"}, "Extra inputs are not permitted"),
        ({"approximate": "NO"}, "valid boolean"),
    ],
)
def test_bad_claims(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError) as exc:
        Claim.model_validate(claim(**fields))
    assert message in error_text(exc)


def test_entity_needs_a_tag_and_a_name() -> None:
    with pytest.raises(ValidationError) as exc:
        Entity.model_validate({"tags": []})
    locations = {e["loc"][0] for e in exc.value.errors()}
    assert locations == {"name", "tags"}


def test_a_valid_figure_claim() -> None:
    parsed = Claim.model_validate(
        claim(predicate="amount", value=5_000_000_000, unit="USD", approximate=True,
              wording="nearly $5 billion", attributed_to=["alexey-dedov"])
    )
    assert parsed.value == 5e9 and parsed.approximate
