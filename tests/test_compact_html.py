"""Pages lose the theme's indentation, and nothing a browser shows or runs changes."""

from __future__ import annotations

from iranru_ref.engines.compact_html import compact_html


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
