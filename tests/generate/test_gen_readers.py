"""The three readers give the same structure: sections with levels and skips, blocks with source lines."""

from __future__ import annotations

from quizapp.generate.document import ListBlock, Paragraph, Table
from quizapp.generate.loader import detect_format, load_document, parse_document
from quizapp.generate.text import is_heading, read_text


def blocks(sec, kind):
    return [b for b in sec.blocks if isinstance(b, kind)]


def by_title(doc):
    return {s.title: s for s in doc.sections}


def test_plain_text_sections_levels_and_lines(fixture_path):
    doc = load_document(fixture_path("tides.txt"))
    assert doc.format == "text"
    assert (doc.title, doc.title_from) == ("Tides and the Moon", "document")
    secs = by_title(doc)
    assert [s.title for s in doc.sections] == [
        "Fundamentals",
        "How the Bulges Move",
        "Intermediate",
        "Academic",
        "References",
        "Reflection",
    ]
    assert secs["How the Bulges Move"].level == "fundamentals"  # inherited from its part
    assert secs["Intermediate"].level == "intermediate"
    assert secs["References"].skip and secs["Reflection"].skip
    assert not secs["Academic"].skip
    (table,) = blocks(secs["Intermediate"], Table)
    assert table.header == ["Tide Type", "Moon Phase", "Range"]
    assert [r.line for r in table.rows] == [19, 20, 21]
    assert table.rows[2].cells == ["Mixed Tide", "Any phase", "Unequal highs"]
    (bullets,) = blocks(secs["Intermediate"], ListBlock)
    assert not bullets.ordered
    assert [i.line for i in bullets.items] == [14, 15, 16]
    assert bullets.items[0].text.startswith("Spring Tide ∞ A tide with a large range")
    paras = blocks(secs["Fundamentals"], Paragraph)
    assert [p.line for p in paras] == [4, 5, 6]


def test_plain_text_headings_heuristic():
    assert is_heading("Estrogen’s Role in Bone Maintenance", False, True)
    assert is_heading("What Are the Clinical Implications of Accelerated Bone Turnover?", False, True)
    assert is_heading("Academic", False, True)
    assert not is_heading("Academic", False, False)  # nothing follows it
    assert not is_heading("Bone remodeling is a continuous process of breakdown and formation.", True, True)
    assert not is_heading("These conditions can include:", True, True)
    assert not is_heading("- Age ∞ Older women", True, True)
    assert is_heading("How estrogen protects bone", True, True)  # sentence case, set off by a blank line
    assert not is_heading("how estrogen protects bone", True, True)


def test_plain_text_wrapped_paragraph_keeps_lines():
    sections, title = read_text(
        "Heading Here\nThe first line of a paragraph\nwraps onto a second line. Then a\nthird.\n"
    )
    assert title == "Heading Here"
    (p,) = sections[0].blocks
    assert p.text == "The first line of a paragraph wraps onto a second line. Then a third."
    assert p.line == 2
    assert p.line_at(p.text.index("wraps")) == 3
    assert p.line_at(p.text.index("third")) == 4


def test_plain_text_numbered_list_and_pipe_table_with_outer_pipes():
    text = "Steps\n1. Mix\n2. Rest\n3. Bake\n\nData Table\n| A | B |\n|---|---|\n| x | 1 |\n| y | 2 |\n"
    sections, _ = read_text(text)
    secs = {s.title: s for s in sections}
    (ol,) = blocks(secs["Steps"], ListBlock)
    assert ol.ordered and [i.text for i in ol.items] == ["Mix", "Rest", "Bake"]
    (t,) = blocks(secs["Data Table"], Table)
    assert t.header == ["A", "B"] and [r.cells for r in t.rows] == [["x", "1"], ["y", "2"]]
    assert [r.line for r in t.rows] == [9, 10]


def test_markdown_reader(fixture_path):
    doc = load_document(fixture_path("sourdough.md"))
    assert doc.format == "markdown"
    assert (doc.title, doc.title_from) == ("Baking Sourdough Bread", "document")  # from the front matter
    secs = by_title(doc)
    assert secs["Fundamentals"].level == "fundamentals"
    assert secs["References"].skip
    (defs,) = blocks(secs["Fundamentals"], ListBlock)
    assert defs.items[0].text == "Levain: a portion of starter built up to leaven one batch of dough."  # ** dropped
    assert [i.line for i in defs.items] == [15, 16, 17]
    (table,) = blocks(secs["Intermediate"], Table)
    assert table.header == ["Temperature", "Rise time", "Flavour"]
    assert [r.line for r in table.rows] == [25, 26, 27]
    (steps,) = blocks(secs["Academic"], ListBlock)
    assert steps.ordered and len(steps.items) == 5 and steps.items[0].line == 37
    para = blocks(secs["Fundamentals"], Paragraph)[0]
    assert para.line == 11 and "lactic acid" in para.text and "**" not in para.text
    assert para.line_at(para.text.index("lactic")) == 13


def test_markdown_nested_lists_become_separate_lists():
    md = "# T\n\n## Part\n\n- outer one\n  - inner a\n  - inner b\n- outer two\n"
    doc = parse_document(md, "x.md", "markdown")
    sec = by_title(doc)["Part"]
    lists = blocks(sec, ListBlock)
    assert [[i.text for i in lb.items] for lb in lists] == [["outer one", "outer two"], ["inner a", "inner b"]]


def test_html_reader(fixture_path):
    doc = load_document(fixture_path("volcanoes.html"))
    assert doc.format == "html"
    assert doc.title == "Volcanoes in Brief"
    secs = by_title(doc)
    assert "not a heading" not in str([s.title for s in doc.sections])  # script skipped
    assert all("Home" not in p.text for s in doc.sections for p in blocks(s, Paragraph))  # nav skipped
    (ul,) = blocks(secs["Fundamentals"], ListBlock)
    assert [i.line for i in ul.items] == [17, 18, 19]
    assert ul.items[0].text == "Shield volcano — a broad volcano built by runny lava flows."
    (table,) = blocks(secs["Intermediate"], Table)
    assert table.header == ["Volcano", "Country", "Type"]
    assert table.rows[2].cells == ["Parícutin", "Mexico", "Cinder cone"]  # entities decoded
    dl = [b for b in blocks(secs["Intermediate"], ListBlock)]
    assert dl[0].items[1].text.startswith("Caldera: A large hollow")
    (ol,) = blocks(secs["Academic"], ListBlock)
    assert ol.ordered and len(ol.items) == 4
    para = blocks(secs["Fundamentals"], Paragraph)[0]
    assert para.line == 14 and para.line_at(para.text.index("Most volcanoes")) == 15
    assert secs["References"].skip


def test_html_tolerates_unclosed_tags():
    html = "<h2>Basics</h2><p>One paragraph<p>Another one<ul><li>a<li>b</ul><table><tr><th>K<th>V<tr><td>x<td>1</table>"
    doc = parse_document(html, "x.html", "html")
    sec = by_title(doc)["Basics"]
    assert [p.text for p in blocks(sec, Paragraph)] == ["One paragraph", "Another one"]
    assert [i.text for i in blocks(sec, ListBlock)[0].items] == ["a", "b"]
    (t,) = blocks(sec, Table)
    assert t.header == ["K", "V"] and t.rows[0].cells == ["x", "1"]


def test_format_detection(tmp_path):
    p = tmp_path / "notes"
    assert detect_format(p, "<!DOCTYPE html><html>", "auto") == "html"
    assert detect_format(p, "# Title\n\ntext", "auto") == "markdown"
    assert detect_format(p, "Heading\n- Term ∞ x\n", "auto") == "text"
    assert detect_format(tmp_path / "a.md", "anything", "auto") == "markdown"
    assert detect_format(tmp_path / "a.md", "anything", "html") == "html"


def test_title_falls_back_to_file_name_and_option_wins():
    doc = parse_document("Fundamentals\nSome text here.\n", "/x/my_notes_v2.txt", "text")
    assert (doc.title, doc.title_from) == ("My notes v2", "file name")
    doc = parse_document("Fundamentals\nSome text here.\n", "/x/a.txt", "text", "Given § Title")
    assert (doc.title, doc.title_from) == ("Given - Title", "option")  # '§' would break Source: lines
