"""Pages lose the theme's indentation, and nothing a browser shows or runs changes."""

from __future__ import annotations

from pathlib import Path

from iranru_ref.engines.compact_html import compact_html, compact_site


def test_runs_of_whitespace_become_one_character() -> None:
    html = '<ul>\n    <li>\n      <a href="x">A   name</a>\n    </li>\n  </ul>  <p>one  two</p>'
    assert compact_html(html) == '<ul>\n<li>\n<a href="x">A name</a>\n</li>\n</ul> <p>one two</p>'


def test_preformatted_and_running_elements_and_attributes_keep_their_whitespace() -> None:
    kept = ['<pre class="x">a\n    b</pre>', "<code>a   b</code>", "<kbd>Ctrl  C</kbd>",
            "<textarea>a\n\n  b</textarea>", '<script>var s = "a    b";</script>',
            "<style>a  { color:  red }</style>", '<a title="two  spaces\n  kept">x</a>',
            '<PRE>\n  upper\n</PRE>']
    for html in kept:
        assert compact_html(html) == html
    assert compact_html("<div>\n  " + kept[0] + "\n  </div>") == "<div>\n" + kept[0] + "\n</div>"


def test_a_single_whitespace_character_is_left_alone() -> None:
    html = "<p>a b\nc\td</p>\n<p>e</p>"
    assert compact_html(html) == html


def test_a_site_is_compacted_page_by_page_and_other_files_are_left_alone(tmp_path: Path) -> None:
    (tmp_path / "people" / "x").mkdir(parents=True)
    page = tmp_path / "people" / "x" / "index.html"
    page.write_text("<p>\n    one  two\n</p>", encoding="utf-8")
    data = tmp_path / "data.json"
    data.write_text('{"a":  "b"}', encoding="utf-8")
    compact_site(tmp_path)
    assert page.read_text(encoding="utf-8") == "<p>\none two\n</p>"
    assert data.read_text(encoding="utf-8") == '{"a":  "b"}'
