"""The strict YAML reader: typed as YAML 1.2, no guessing, line numbers for every value."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from iranru_ref.errors import Problem
from iranru_ref.load.yaml_file import MAX_STRING_CHARS, YamlDocument, load_yaml, parse_yaml


def parse(text: str) -> tuple[YamlDocument | None, list[Problem]]:
    problems: list[Problem] = []
    return parse_yaml(text, Path("x.yml"), "x.yml", problems), problems


def test_plain_scalars_are_typed_as_yaml_1_2_and_the_rest_stay_strings() -> None:
    document, problems = parse(
        "a: true\nb: NO\nc: 2023-01-02\nd: 12\ne: 1.5\nf: ~\ng: yes\nh: '12'\ni: 0x10\n"
    )
    assert problems == []
    assert document is not None
    assert document.data == {
        "a": True, "b": "NO", "c": "2023-01-02", "d": 12, "e": 1.5, "f": None,
        "g": "yes", "h": "12", "i": "0x10",
    }


def test_lines_are_kept_for_nested_paths() -> None:
    document, _ = parse("name: X\nclaims:\n  - id: a\n    citations:\n      - quote: q\n")
    assert document is not None
    assert document.line_of(("claims", 0, "id")) == 3
    assert document.line_of(("claims", 0, "citations", 0, "quote")) == 5
    assert document.line_of(("claims", 0, "missing", "deeper")) == 3


def test_lines_are_worked_out_from_the_text_once_and_only_when_one_is_asked_for(
        monkeypatch: pytest.MonkeyPatch) -> None:
    composed: list[str] = []
    compose = yaml.compose

    def counting(text: str, Loader: type) -> yaml.Node | None:  # noqa: N803 - PyYAML's name
        composed.append(text)
        return compose(text, Loader=Loader)

    monkeypatch.setattr(yaml, "compose", counting)
    document, _ = parse("name: X\nclaims:\n  - id: a\n")
    assert document is not None and len(composed) == 1
    assert document.line_of(("claims", 0, "id")) == 3
    assert document.line_of(("name",)) == 1
    assert len(composed) == 2


def test_a_part_of_a_document_gives_the_lines_of_the_whole_file() -> None:
    document, _ = parse("first:\n  label: A\nsecond:\n  label: B\n  notes:\n    - n\n")
    assert document is not None
    part = document.part("second")
    assert part.data == {"label": "B", "notes": ["n"]}
    assert part.line_of(()) == 3
    assert part.line_of(("notes", 0)) == 6
    assert part.line_of(("missing",)) == 3


def test_a_released_document_refuses_to_give_a_line() -> None:
    document, _ = parse("name: X\n")
    assert document is not None
    document.release()
    with pytest.raises(RuntimeError, match="x.yml: the line map was released"):
        document.line_of(("name",))


def test_a_duplicate_key_deep_in_a_record_names_the_line_of_the_first() -> None:
    _, problems = parse("claims:\n  - id: a\n    quote: q\n\n    id: b\n")
    assert [p.line for p in problems] == [5]
    assert "duplicate key 'id' (first defined on line 2)" in problems[0].message


def test_duplicate_keys_are_reported_with_both_lines() -> None:
    _, problems = parse("name: A\ntags: []\nname: B\n")
    assert [p.line for p in problems] == [3]
    assert "duplicate key 'name' (first defined on line 1)" in problems[0].message


def test_aliases_and_merge_keys_are_refused() -> None:
    _, problems = parse("a: &x {k: 1}\nb: *x\n")
    assert any("aliases" in p.message and p.line == 2 for p in problems)
    _, problems = parse("base: {k: 1}\nthing:\n  <<: {k: 2}\n")
    assert any("merge keys" in p.message for p in problems)


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 12)]
    _, problems = parse("\n".join(lines) + "\n")
    assert problems and all("aliases" in p.message for p in problems)


def test_python_tags_are_refused() -> None:
    _, problems = parse("a: !!python/object/apply:os.system ['true']\n")
    assert len(problems) == 1 and "tag" in problems[0].message


def test_tabs_empty_and_syntax_errors_name_the_line() -> None:
    _, problems = parse("a:\n\tb: 1\n")
    assert problems[0].line == 2 and "tab" in problems[0].message
    _, problems = parse("# only a comment\n")
    assert "empty" in problems[0].message
    _, problems = parse("a: [1, 2\nb: 3\n")
    assert problems[0].message.startswith("YAML syntax error")


def test_overlong_string_is_refused() -> None:
    _, problems = parse("a: " + "x" * (MAX_STRING_CHARS + 1) + "\n")
    assert "longer than the limit" in problems[0].message


@pytest.mark.parametrize(
    ("raw", "message"),
    [(b"\xef\xbb\xbfa: 1\n", "byte-order mark"), (b"a: 1\nb: \xff\n", "not valid UTF-8")],
)
def test_encoding_problems(tmp_path: Path, raw: bytes, message: str) -> None:
    path = tmp_path / "r.yml"
    path.write_bytes(raw)
    problems: list[Problem] = []
    assert load_yaml(path, "r.yml", problems) is None
    assert message in problems[0].message
    if b"\xff" in raw:
        assert problems[0].line == 2
