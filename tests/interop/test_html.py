"""Anki field HTML -> Markdown: formatting, breaks, entities, images and lists, without regexes on HTML."""

from __future__ import annotations

import pytest

from quizapp.interop.html import looks_like_html, to_markdown, to_plain


@pytest.mark.parametrize(
    ("html", "md"),
    [
        ("plain text", "plain text"),
        ("hi <b>x</b>", "hi **x**"),
        ("<strong>s</strong> and <em>e</em>", "**s** and *e*"),
        ("<b> spaced </b>text", "**spaced** text"),
        ("<b></b>empty", "empty"),
        ("a<br>b", "a\n\nb"),
        ("a<br/>b<br />c", "a\n\nb\n\nc"),
        ("<div>one</div><div>two</div>", "one\n\ntwo"),
        ("a &amp; b&nbsp;c &lt;d&gt;", "a & b c \\<d>"),
        ("5 &lt; 6", "5 < 6"),
        ("x<sup>2</sup>", "x^2"),
        ("2*3_4 `c` \\", "2\\*3\\_4 \\`c\\` \\\\"),
        ("<ul><li>one</li><li><i>two</i></li></ul>after", "- one\n- *two*\n\nafter"),
        ("<ol><li>a</li><li>b</li></ol>", "1. a\n2. b"),
        ("<b>a<br>b</b>", "**a**\n\n**b**"),
        ("<a href='https://x.org/p'>link</a>", "[link](https://x.org/p)"),
        ("<a href='javascript:alert(1)'>js</a>", "js"),
        ("<script>alert(1)</script><style>b{}</style>ok", "ok"),
        ("  lots   of\n space ", "lots of space"),
        ("<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>", "**A** | **B**\n\n1 | 2"),
        ("{{c1::Denosumab::drug}} binds {{c2::<b>RANKL</b>}}", "{{c1::Denosumab::drug}} binds {{c2::**RANKL**}}"),
        ("<span style='color:red'>red</span> <font color=blue>blue</font> <u>u</u>", "red blue u"),
        ("<h1>Title</h1>body", "**Title**\n\nbody"),
        ("a<hr>b", "a\n\n***\n\nb"),
    ],
)
def test_markdown(html, md):
    assert to_markdown(html)[0] == md


def test_images_become_references():
    seen = []

    def media(name):
        seen.append(name)
        return f"deck_media/{name.replace(' ', '_')}" if name != "missing.png" else None

    md, used = to_markdown('Look: <img src="bone scan.png" alt="[scan]"> <img src="missing.png" alt="gone">', media)
    assert md == "Look: ![scan](deck_media/bone_scan.png) gone"
    assert used == ["bone scan.png"]
    assert seen == ["bone scan.png", "missing.png"]


def test_sound_reference():
    md, used = to_markdown("[sound:beat.mp3] listen", lambda n: f"m/{n}")
    assert md == "[beat.mp3](m/beat.mp3) listen"
    assert used == ["beat.mp3"]


def test_plain():
    assert to_plain("<b>Aromatase</b>&nbsp;") == "Aromatase"
    assert to_plain("a<br>b<div>c</div>") == "a\nb\nc"
    assert to_plain('<img src="x.png" alt="pic">') == "pic"


def test_detect_html():
    assert looks_like_html("<b>x</b>")
    assert looks_like_html("fish &amp; chips")
    assert not looks_like_html("1 < 2 and 3 > 2")
    assert not looks_like_html("fish & chips")
