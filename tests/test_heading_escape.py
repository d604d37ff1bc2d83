"""Curated names in headings: the table of contents shows them as written, and stays inert."""

from __future__ import annotations

import markdown

from iranru_ref.site.escape import md


def _toc_name(heading_text: str) -> tuple[str, str]:
    converter = markdown.Markdown(extensions=["toc", "attr_list"])
    body = converter.convert(f"## Said or reported by {heading_text} {{ #said }}")
    return converter.toc_tokens[0]["name"], body  # type: ignore[attr-defined]


def test_an_apostrophe_in_a_heading_reaches_the_table_of_contents_once_escaped() -> None:
    name, body = _toc_name(md("Dedov's interview with \"Sputnik\""))
    assert name == "Said or reported by Dedov's interview with \"Sputnik\""
    assert "&amp;#" not in name and "&amp;#" not in body


def test_markup_in_a_heading_stays_text() -> None:
    name, body = _toc_name(md("<img src=x onerror=alert(1)> [link](javascript:x) {: onclick=y }"))
    assert "<img" not in body and "<a " not in body and "onclick=" not in body.split(">", 1)[0]
    assert "&lt;img" in body
    assert "<img" not in name
