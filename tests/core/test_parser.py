"""Deck parser: one test per error (message and line), the happy path for each type, and fuzzing."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.deck.checker import check_paths
from quizapp.deck.parser import parse_text

FM = '+++\nid = "d"\ntitle = "T"\nlevel = "fundamentals"\n+++\n'  # 5 lines; cards start at line 6


def problems(text: str) -> list[tuple[int, str]]:
    r = parse_text(text, "deck.md")
    return [(p.line, p.message) for p in r.problems if p.severity == "error"]


def only_error(text: str) -> tuple[int, str]:
    errs = problems(text)
    assert len(errs) == 1, errs
    return errs[0]


def test_every_type_parses():
    from tests.conftest import SMALL_DECK

    r = parse_text(SMALL_DECK, "small.md")
    assert r.ok and not r.problems
    assert [n.type for n in r.notes] == ["basic", "basic", "cloze", "reversed", "choice", "typed", "order"]
    mc = r.notes[4]
    assert [o.correct for o in mc.options] == [False, False, True]
    assert r.notes[5].accept == ["CYP19A1"]
    assert r.notes[6].steps == ["Estrogen falls", "RANKL rises", "Bone is lost"]
    cz = r.notes[2].cards("cz")
    assert [c.id for c in cz] == ["cz:c1", "cz:c2"]
    assert cz[0].front == "[...] binds RANKL." and cz[1].front == "Denosumab binds [a protein]."
    assert [c.id for c in r.notes[3].cards("rv")] == ["rv", "rv:r"]


def test_multiline_fields_and_headings():
    r = parse_text(FM + "# Section\nQ: line one\nline two\nA: ans\n\nmore ans\n# Next\nQ: b\nA: c\n", "d.md")
    assert r.ok, r.problems
    assert r.notes[0].front == "line one\nline two"
    assert r.notes[0].back == "ans\n\nmore ans"
    assert r.notes[0].line == 7 and r.notes[1].line == 13


def test_unknown_type():
    assert only_error(FM + "Q: x\nA: y\n---\nType: mcq\nQ: a\nA: b\n") == (
        9,
        "unknown card type 'mcq' (expected one of: basic, reversed, cloze, choice, typed, order)",
    )


def test_choice_without_correct_option():
    assert only_error(FM + "Q: pick\n- [ ] a\n- [ ] b\n") == (
        6,
        "multiple choice has no correct option (mark one with '- [x]')",
    )


def test_choice_with_one_option():
    assert only_error(FM + "Type: choice\nQ: pick\n- [x] a\n")[1].startswith("multiple choice needs at least two")


def test_choice_repeats_option():
    assert only_error(FM + "Q: pick\n- [x] a\n- [ ] A\n") == (6, "multiple choice repeats an option")


def test_cloze_without_deletion():
    assert only_error(FM + "Q: a\nA: b\n---\nC: nothing hidden\n") == (
        9,
        "cloze card has no deletion (mark one with {{...}})",
    )


def test_cloze_unclosed():
    assert only_error(FM + "C: a {{b}} and {{c\n") == (6, "cloze text has an unclosed '{{' or a stray '}}'")


def test_cloze_with_question_field():
    assert only_error(FM + "C: a {{b}}\nQ: what\n") == (7, "cloze card takes 'C:' text, not 'Q:'")


def test_empty_answer():
    assert only_error(FM + "Q: question\nA:\n") == (7, "card has an empty answer")


def test_missing_answer():
    assert only_error(FM + "\n\nQ: question\n") == (8, "card has no answer ('A:')")


def test_empty_question():
    assert only_error(FM + "Q:\nA: x\n") == (6, "card has an empty question")


def test_ordering_needs_two_steps():
    assert only_error(FM + "Type: order\nQ: order\n1. only\n") == (7, "ordering card needs at least two numbered steps")


def test_duplicate_id_in_file():
    assert only_error(FM + "Q: a\nA: b\nID: x\n---\nQ: c\nA: d\nID: x\n") == (
        10,
        "duplicate id 'x' (first used at line 6)",
    )


def test_duplicate_id_across_files(tmp_path):
    (tmp_path / "a.md").write_text(FM + "Q: a\nA: b\nID: same\n")
    (tmp_path / "b.md").write_text(FM.replace('"d"', '"e"') + "\nQ: c\nA: d\nID: same\n")
    _parsed, probs = check_paths([tmp_path])
    errs = [str(p) for p in probs]
    assert errs == [f"{tmp_path / 'b.md'}:7: duplicate id 'same' (first used at {tmp_path / 'a.md'}:6)"]


def test_duplicate_deck_id_across_files(tmp_path):
    (tmp_path / "a.md").write_text(FM + "Q: a\nA: b\n")
    (tmp_path / "b.md").write_text(FM + "Q: c\nA: d\n")
    _parsed, probs = check_paths([tmp_path])
    assert [str(p) for p in probs] == [f"{tmp_path / 'b.md'}:1: duplicate deck id 'd' (also in {tmp_path / 'a.md'})"]


def test_bad_id():
    assert only_error(FM + "Q: a\nA: b\nID: has space\n") == (
        8,
        "bad id 'has space': use letters, digits, '.', '_' and '-'",
    )


def test_unknown_level():
    assert only_error(FM + "Q: a\nA: b\nLevel: expert\n") == (
        8,
        "unknown level 'expert' (expected one of: fundamentals, intermediate, academic)",
    )


def test_unknown_deck_level():
    assert only_error('+++\nid = "d"\ntitle = "T"\nlevel = "hard"\n+++\n') == (
        4,
        "unknown level 'hard' (expected one of: fundamentals, intermediate, academic)",
    )


def test_missing_front_matter():
    assert only_error("Q: a\nA: b\n") == (1, "deck must start with '+++' front matter")


def test_unclosed_front_matter():
    assert only_error('+++\nid = "d"\n') == (1, "front matter is not closed with '+++'")


def test_bad_toml():
    line, msg = only_error('+++\nid = "d"\ntitle = \n+++\n')
    assert line == 3 and msg.startswith("bad front matter:")


def test_front_matter_missing_title_and_unknown_key():
    errs = problems('+++\nid = "d"\ncolour = "red"\n+++\n')
    assert errs == [(1, "front matter needs 'title'"), (3, "unknown front matter key 'colour'")]


def test_bad_deck_id():
    line, msg = only_error('+++\nid = "a b"\ntitle = "T"\n+++\n')
    assert line == 2 and "deck id may hold only" in msg


def test_field_twice():
    assert only_error(FM + "Q: a\nA: b\nA: c\n") == (8, "field 'A:' appears twice in one card")


def test_text_outside_field():
    assert only_error(FM + "stray words\nQ: a\nA: b\n") == (
        6,
        "text outside a card field (start a card with 'Q:', 'C:' or 'Type:')",
    )


def test_c_on_non_cloze():
    assert only_error(FM + "Type: basic\nQ: a\nA: b\nC: x {{y}}\n") == (
        9,
        "'C:' belongs to cloze cards, not basic cards",
    )


def test_warnings_do_not_block():
    r = parse_text('+++\nid = "d"\ntitle = "T"\n+++\nQ: a\nA: b\nAccept: c\n', "d.md")
    assert r.ok
    assert sorted(str(p) for p in r.warnings) == [
        "d.md:5: warning: card has no level (set 'Level:' or the deck's level)",
        "d.md:7: warning: 'Accept:' only applies to typed cards",
    ]


def test_not_utf8(tmp_path):
    from quizapp.deck.parser import parse_file

    p = tmp_path / "x.md"
    p.write_bytes(b"+++\nid = 'x'\n\xff\xfe\n")
    r = parse_file(p)
    assert [(e.line, e.message) for e in r.errors] == [(3, "file is not valid UTF-8")]


def test_crlf_and_bom():
    r = parse_text("\ufeff" + FM.replace("\n", "\r\n") + "Q: a\r\nA: b\r\n", "d.md")
    assert r.ok and r.notes[0].back == "b"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "+++",
                    "---",
                    "Q: a",
                    "A: b",
                    "C: {{x}}",
                    "C: {{",
                    "- [x] y",
                    "- [ ] z",
                    "1. s",
                    "Type: order",
                    "Type: zz",
                    "Level: academic",
                    "ID: i",
                    "ID: i",
                    'id = "d"',
                    'title = "t"',
                    "# h",
                    "",
                    "}}",
                ]
            ),
            st.text(max_size=30),
        ),
        max_size=40,
    )
)
def test_random_text_never_raises(lines):
    r = parse_text("\n".join(lines), "fuzz.md")
    assert r.ok or r.problems
    for p in r.problems:
        assert p.line >= 0 and p.message
    if r.ok:
        for n in r.notes:
            assert n.cards("id")


@pytest.mark.parametrize("name", ["deck-format.md"])
def test_docs_examples_parse(name):
    """Every example block in the format doc parses (wrapped in front matter when it is a card)."""
    import re
    from pathlib import Path

    doc = (Path(__file__).parents[2] / "docs" / name).read_text()
    blocks = re.findall(r"```markdown\n(.*?)```", doc, re.S)
    assert len(blocks) >= 7
    for b in blocks:
        text = b if b.startswith("+++") else FM + b
        r = parse_text(text, name)
        assert r.ok and not r.errors, [str(p) for p in r.problems]


def test_long_files_keep_exact_line_numbers():
    """Only the first lines are split for the front matter; errors far down and late front matter still line up."""
    cards = "\n---\n".join(f"Q: q{i}\nA: a{i}" for i in range(400))  # 1,599 lines of cards
    r = parse_text(FM + cards + "\n---\nQ: no answer here\n", "d.md")
    body_line = FM.count("\n") + 1
    assert len(r.notes) == 400 and r.notes[-1].line == body_line + 399 * 3
    assert [str(p) for p in r.errors] == [f"d.md:{body_line + 400 * 3}: card has no answer ('A:')"]
    late = "\n" * 450 + FM + "Q: x\nA: y\n"  # the front matter starts after the first 400 lines
    r = parse_text(late, "late.md")
    assert r.ok and r.notes[0].line == 451 + FM.count("\n")
    unclosed = "+++\n" + 'id = "d"\n' * 500 + "Q: x\nA: y\n"
    assert [str(p) for p in parse_text(unclosed, "u.md").problems] == ["u.md:1: front matter is not closed with '+++'"]
