"""Dates with an explicit precision, and a record of how each date was worked out."""

from __future__ import annotations

import calendar
import re
from typing import Any, Literal

from pydantic import model_validator

from .model import Model, Text

Precision = Literal["year", "month", "day"]

_FORMATS: dict[str, re.Pattern[str]] = {
    "year": re.compile(r"(\d{4})\Z"),
    "month": re.compile(r"(\d{4})-(\d{2})\Z"),
    "day": re.compile(r"(\d{4})-(\d{2})-(\d{2})\Z"),
}
_EXAMPLES = {"year": "2023", "month": "2022-09", "day": "2025-02-11"}


def precision_of(value: str) -> Precision | None:
    for precision, pattern in _FORMATS.items():
        if pattern.match(value):
            return precision  # type: ignore[return-value]
    return None


class PartialDate(Model):
    """A date known to a year, a month or a day.

    Written either as a bare string (``2018``, ``2022-09``, ``2025-02-11``), which means the
    article states it, or as a mapping that says how it was inferred::

        date: {value: 2022-09, precision: month, inferred: true, wording: last September}
    """

    value: str
    precision: Precision
    inferred: bool = False
    wording: Text | None = None
    note: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_shorthand(cls, data: Any) -> Any:
        if isinstance(data, int) and not isinstance(data, bool):
            data = str(data)
        if isinstance(data, str):
            precision = precision_of(data)
            if precision is None:
                raise ValueError(
                    "a date is YYYY, YYYY-MM or YYYY-MM-DD (or a mapping with value and "
                    f"precision), got {data!r}"
                )
            return {"value": data, "precision": precision}
        if isinstance(data, dict) and isinstance(data.get("value"), int):
            return {**data, "value": str(data["value"])}
        return data

    @model_validator(mode="after")
    def _check(self) -> PartialDate:
        match = _FORMATS[self.precision].match(self.value)
        if match is None:
            found = precision_of(self.value)
            hint = f"; the value looks like precision {found!r}" if found else ""
            raise ValueError(
                f"precision {self.precision!r} expects a value like "
                f"{_EXAMPLES[self.precision]!r}, got {self.value!r}{hint}"
            )
        parts = [int(part) for part in match.groups()]
        if len(parts) >= 2 and not 1 <= parts[1] <= 12:
            raise ValueError(f"{self.value!r} is not a real date: there is no month {parts[1]}")
        if len(parts) == 3:
            last = calendar.monthrange(parts[0], parts[1])[1]
            if not 1 <= parts[2] <= last:
                raise ValueError(
                    f"{self.value!r} is not a real date: that month has {last} days"
                )
        if self.inferred and not (self.wording or self.note):
            raise ValueError(
                "an inferred date needs 'wording' (the article's words, e.g. 'last September') "
                "or a 'note' saying how it was worked out"
            )
        return self

    @property
    def sort_key(self) -> str:
        return self.value

    def label(self) -> str:
        """A reader's label: ``2022-09 (month, inferred from “last September”)``."""
        details: list[str] = []
        if self.precision != "day":
            details.append(f"{self.precision} precision")
        if self.inferred:
            details.append(f"inferred from “{self.wording}”" if self.wording else "inferred")
        return f"{self.value} ({', '.join(details)})" if details else self.value

    def short_label(self) -> str:
        """A compact label for lists: ``2022-09, approx.`` when the date was inferred."""
        return f"{self.value}, approx." if self.inferred else self.value
