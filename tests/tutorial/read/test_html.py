"""HTML pages: <pre> as code in the highlighter's language, headings, prose; scripts and nav left out."""

from __future__ import annotations

from harness._tutorial._model import CODE, HEADING, PROSE
from harness._tutorial._read import _html

PAGE = """\
<html><head><title>t</title><script>var x = 1;</script><style>p {}</style></head>
<body><nav><p>Home | Blog</p></nav>
<h2>进程 <em>池</em></h2>
<p>Some <b>bold</b> words.</p>
<pre><code class="language-python">import os
print(os.getpid())</code></pre>
<div class="highlight-python3"><div class="highlight">
<pre><span class="kn">import</span> sys<br>print(sys.argv)</pre></div></div>
<pre class="brush: python;">x = 1</pre>
<pre>plain</pre>
<ul><li>an item<pre>y = 2</pre></li></ul>
<footer><p>© me</p></footer>
</body></html>
"""


def test_blocks_in_order_without_script_style_nav_footer() -> None:
    blocks = _html.blocks(PAGE)
    assert [(b.kind, b.text) for b in blocks] == [
        (HEADING, "进程 池"),
        (PROSE, "Some bold words."),
        (CODE, "import os\nprint(os.getpid())\n"),
        (CODE, "import sys\nprint(sys.argv)\n"),
        (CODE, "x = 1\n"),
        (CODE, "plain\n"),
        (PROSE, "an item"),
        (CODE, "y = 2\n"),
    ]


def test_languages_from_class_names() -> None:
    languages = [b.language for b in _html.blocks(PAGE) if b.kind == CODE]
    assert languages == ["python", "python3", "python", None, None]


def test_lines_and_levels() -> None:
    heading, prose, *_ = _html.blocks(PAGE)
    assert (heading.line, heading.level, prose.line) == (3, 2, 4)


def test_words_directly_in_a_div_are_prose() -> None:
    page = "<div>开头的话<br>第二行<p>段落</p>结尾</div><div class='highlight'><pre>x = 1</pre></div>"
    assert [(b.kind, b.text) for b in _html.blocks(page)] == [
        (PROSE, "开头的话 第二行 结尾"),
        (PROSE, "段落"),
        (CODE, "x = 1\n"),
    ]
