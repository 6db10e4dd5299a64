"""The whole draft: dedupe, sources and notes, levels, determinism, and that it passes the deck checker."""

from __future__ import annotations

from pathlib import Path

from quizapp.deck.parser import parse_text
from quizapp.generate.build import build, deck_id_for
from quizapp.generate.dedupe import dedupe
from quizapp.generate.document import Document, Section
from quizapp.generate.draft import Draft, Skip, new_note
from quizapp.generate.loader import load_document, parse_document
from quizapp.generate.quality import contains, problems

FIXTURES = ("tides.txt", "sourdough.md", "volcanoes.html")


def _draft(doc, origin, line, note, dedupe_text="", covers=()):
    return Draft(note, doc, doc.sections[0], line, origin, f"sentence {line}", list(covers), dedupe=dedupe_text)


def test_dedupe_merges_near_duplicates_and_keeps_look_alikes():
    doc = Document("d.txt", "D", "option", "text", [Section("S", 1, 1)], [])
    a = _draft(doc, "cloze", 3, new_note(type="cloze", text="Estrogen slows the {{osteoclasts}} in bone."),
               "estrogen slows the osteoclasts in bone", ["u1"])  # fmt: skip
    b = _draft(doc, "cloze", 9, new_note(type="cloze", text="Estrogen slows the {{osteoclasts}} in bones."),
               "estrogen slows the osteoclasts in bones", ["u2"])  # fmt: skip
    c = _draft(doc, "glossary", 4, new_note(type="reversed", front="Osteoblast", back="Builds bone"), "osteoblast")
    d = _draft(doc, "glossary", 5, new_note(type="reversed", front="Osteoclast", back="Removes bone"), "osteoclast")
    e = _draft(doc, "definition", 6, new_note(type="reversed", front="Osteoclasts", back="Cells"), "osteoclast")
    f = _draft(doc, "table", 7, new_note(type="basic", front="Q1", back="A"), covers=["row1"])
    g = _draft(doc, "table", 8, new_note(type="basic", front="Q1", back="A"), covers=["row2"])
    skips: list[Skip] = []
    kept = dedupe([a, b, c, d, e, f, g], skips)
    assert kept == [a, c, d, f]
    assert a.covers == ["u1", "u2"] and a.also == [("line 9", "sentence 9")]
    assert d.also == [("line 6", "sentence 6")]  # same term (plural aside) across definition and glossary
    assert f.covers == ["row1", "row2"]  # exact duplicate
    assert len(skips) == 3 and all("duplicate" in s.why for s in skips)


def test_well_formed_checks():
    assert problems("Which cells build bone?", ["Osteoblasts"]) == []
    assert problems("Which osteoblasts build bone?", ["Osteoblast"]) == ["answer appears in the question"]
    assert problems("Q?", [""]) == ["empty answer"]
    assert problems("Q?", [" ".join(["word"] * 26)]) == ["answer longer than 25 words"]
    assert not contains("an age-related loss", "age")  # whole words only
    assert contains("Low Bone Mineral Density here", "bone mineral densities")


def test_each_fixture_draft_passes_check_and_is_deterministic(fixture_path):
    for name in FIXTURES:
        first = build([load_document(fixture_path(name))], "fx", out_name="fx.md")
        again = build([load_document(fixture_path(name))], "fx", out_name="fx.md")
        assert first.text == again.text, name
        parsed = parse_text(first.text, "fx.md")
        assert parsed.problems == [], (name, parsed.problems)
        assert parsed.ok and len(parsed.notes) == len(first.notes) >= 15
        report = first.report
        assert report["check"] == {"errors": 0, "warnings": 0, "problems": []}
        assert report["well_formed"]["share"] >= 0.95
        for cov in report["coverage"].values():
            assert cov["covered"] == cov["found"], (name, cov)
        types = set(report["cards"]["by_type"])
        assert {"reversed", "choice", "order"} <= types, (name, types)


def test_every_card_has_source_with_line_note_and_level(fixture_path):
    r = build([load_document(fixture_path("tides.txt"))], "tides", out_name="t.md")
    lines = fixture_path("tides.txt").read_text().split("\n")
    for d in r.drafts:
        n = d.note
        assert n.source == f"Tides and the Moon § {d.section.title} (line {d.line})"
        assert n.note and n.level in ("fundamentals", "intermediate", "academic")
        assert lines[d.line - 1].strip(), "the line cited holds text"
    levels = {d.section.title: d.note.level for d in r.drafts}
    assert levels["Intermediate"] == "intermediate" and levels["Academic"] == "academic"
    assert r.meta.sources[0].title == "Tides and the Moon" and r.meta.sources[0].reference == "tides.txt"


def test_level_option_fills_sections_that_name_none(gen):
    text = "Cell Types\n- Osteoclast ∞ A cell that breaks down bone.\n- Osteoblast ∞ A cell that builds bone.\n"
    r = gen(text, level="academic")
    assert r.meta.level == "academic" and {d.note.level for d in r.drafts} == {"academic"}
    r = gen("Fundamentals\n" + text)
    assert {d.note.level for d in r.drafts} == {"fundamentals"}
    r = gen(text)
    assert r.meta.level == "intermediate"  # the default when nothing says


def test_boilerplate_sections_are_skipped_and_reported(gen):
    text = (
        "Fundamentals\n- Osteoclast ∞ A cell that breaks down bone.\n- Osteoblast ∞ A cell that builds bone.\n"
        "References\n- Smith J ∞ A paper about bones, 2001.\n"
        "Reflection\nOsteoclast work is a journey of self-knowledge for everyone involved here.\n"
    )
    r = gen(text)
    assert {d.note.front for d in r.drafts if d.origin == "definition"} == {"Osteoclast", "Osteoblast"}
    whys = [s.why for s in r.skips if s.what.startswith("section")]
    assert whys == ["boilerplate section (References)", "boilerplate section (Reflection)"]


def test_several_documents_make_one_deck_with_a_source_each(fixture_path):
    docs = [load_document(fixture_path("tides.txt")), load_document(fixture_path("volcanoes.html"))]
    r = build(docs, "mixed", title="Earth science", out_name="m.md")
    assert [s.title for s in r.meta.sources] == ["Tides and the Moon", "Volcanoes in Brief"]
    assert r.meta.title == "Earth science"
    assert {d.note.source.split(" § ")[0] for d in r.drafts} == {"Tides and the Moon", "Volcanoes in Brief"}
    assert parse_text(r.text, "m.md").problems == []
    assert "# Fundamentals (Tides and the Moon)" in r.text


def test_same_titles_are_told_apart():
    docs = [parse_document("Part\n- Alpha Term ∞ first thing here.\n- Beta Term ∞ second thing.\n", f"{n}.txt",
                           "text", "Same") for n in "ab"]  # fmt: skip
    r = build(docs, "x", out_name="x.md")
    assert [s.title for s in r.meta.sources] == ["Same", "Same (2)"]


def test_deck_id_from_output_name():
    assert deck_id_for("decks/My Draft (v2).md") == "my-draft-v2"
    assert deck_id_for("/tmp/___.md") == "generated"


def test_untrusted_text_stays_text(gen):
    text = "Markup Traps\n- Bold [b]Term[/b] ∞ A term with [@click=app.quit]markup[/] and $accent in it.\n"
    r = gen(text)
    parsed = parse_text(r.text, "x.md")
    assert parsed.problems == []
    (n,) = [n for n in parsed.notes if n.type == "reversed"]
    assert n.front == "Bold [b]Term[/b]" and "[@click=app.quit]markup[/]" in n.back


def test_the_worked_example_in_the_docs_generates_as_described():
    root = Path(__file__).resolve().parents[2]
    r = build([load_document(root / "docs" / "examples" / "vitamin-d.txt")], "vitamin-d", out_name="v.md")
    assert parse_text(r.text, "v.md").problems == []
    assert r.report["cards"]["total"] == 21
    assert {k: (v["found"], v["covered"]) for k, v in r.report["coverage"].items()} == {
        "table rows": (3, 3),
        "definition bullets": (3, 3),
        "glossary entries": (2, 2),
        "step lists": (1, 1),
    }
    guide = (root / "docs" / "authoring.md").read_text()
    for line in r.text.split("\n"):
        if line.startswith(
            (
                "Q: Calcitriol",
                "Q: What does the table give as the Calcium per serving for Sardines",
                "Explanation: Food: Sardines",
            )
        ):
            assert line in guide
