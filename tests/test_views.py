"""How figures read on the site: compact where a reader scans, every digit where it matters."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from iranru_ref.records.claim import Claim
from iranru_ref.site.views import short_value, value_label

CITATION = {"source": "s", "paragraph": 1, "quote": "q"}


def figure(**fields: Any) -> Any:
    """A stand-in for a ClaimRef: the value labels only read its claim."""
    claim = Claim.model_validate({"id": "c", "predicate": "has_value", "text": "A figure.",
                                  "citations": [CITATION], **fields})
    return SimpleNamespace(claim=claim)


@pytest.mark.parametrize(("fields", "short", "label"), [
    ({"value": 5e9, "unit": "USD", "approximate": True}, "≈ $5 billion", "≈ $5 billion"),
    ({"value": 4.17e9, "unit": "USD"}, "$4.17 billion", "$4.17 billion"),
    ({"value": 4_166_666_667, "unit": "USD"}, "$4.17 billion",
     "$4.17 billion (4,166,666,667 USD)"),
    ({"value": 40, "unit": "percent"}, "40%", "40%"),
    ({"value": 160, "unit": "km", "approximate": True}, "≈ 160 km", "≈ 160 km"),
    ({"value": 15000, "unit": "sanctions"}, "15,000 sanctions", "15,000 sanctions"),
    ({"value": 2.5e6, "unit": "barrels"}, "2.5 million barrels", "2.5 million barrels"),
    ({"value": 3e9, "unit": "rials", "currency": "IRR"}, "3 billion rials",
     "3 billion rials (IRR)"),
])
def test_a_figure_reads_compactly_and_keeps_digits_the_short_form_rounds(
    fields: dict[str, Any], short: str, label: str
) -> None:
    ref = figure(**fields)
    assert short_value(ref) == short
    assert value_label(ref) == label


def test_a_claim_without_a_value_has_no_label() -> None:
    ref = SimpleNamespace(claim=Claim.model_validate(
        {"id": "c", "predicate": "fact", "text": "A fact.", "citations": [CITATION]}))
    assert short_value(ref) == value_label(ref) == ""
