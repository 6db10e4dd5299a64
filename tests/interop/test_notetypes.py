"""Note type recognition by structure, and note conversion to quizapp notes."""

from __future__ import annotations

import pytest

from quizapp.interop.anki_col import NoteTypeInfo
from quizapp.interop.notetypes import Mapping, classify, classify_name, convert


def nt(name, fields, templates, cloze=False, stock=0):
    return NoteTypeInfo(1, name, cloze, fields, [(f"Card {i}", q, a) for i, (q, a) in enumerate(templates)], stock)


def test_genanki_builtin_models_are_recognised():
    import genanki

    cases = {
        genanki.BASIC_MODEL: "basic",
        genanki.BASIC_AND_REVERSED_CARD_MODEL: "reversed",
        genanki.BASIC_OPTIONAL_REVERSED_CARD_MODEL: "optional",
        genanki.BASIC_TYPE_IN_THE_ANSWER_MODEL: "typed",
        genanki.CLOZE_MODEL: "cloze",
    }
    for model, kind in cases.items():
        info = nt(
            model.name,
            [f["name"] for f in model.fields],
            [(t["qfmt"], t["afmt"]) for t in model.templates],
            cloze=model.model_type == 1,
        )
        m = classify(info)
        assert m.kind == kind and m.warning is None, model.name


def test_renamed_basic_is_still_basic():
    m = classify(nt("Q/A for meds", ["Question", "Answer"], [("{{Question}}", "{{FrontSide}}<hr>{{Answer}}")]))
    assert (m.kind, m.front, m.back, m.warning) == ("basic", 0, 1, None)


def test_swapped_fields_basic():
    m = classify(nt("Swapped", ["Back", "Front"], [("{{text:Front}}", "{{Back}}")]))
    assert (m.kind, m.front, m.back) == ("basic", 1, 0)


def test_basic_clone_with_extra_field_is_unknown():
    # Anki marks every type cloned from Basic as 'Basic' (stock kind 1): the structure decides
    m = classify(nt("Vocab", ["Term", "Meaning", "Example"], [("{{Term}}", "{{Meaning}} {{Example}}")], stock=1))
    assert m.kind == "basic"
    assert m.warning == (
        "note type 'Vocab' is not a standard Anki type: its notes became basic cards from the first two fields"
        " (Term, Meaning)"
    )


def test_cloze_field_found_from_template():
    m = classify(nt("My cloze", ["Extra", "Body"], [("{{cloze:Body}}", "{{cloze:Body}}{{Extra}}")], cloze=True))
    assert (m.kind, m.front, m.extra) == ("cloze", 1, 0)


def test_image_occlusion_is_not_a_cloze():
    m = classify(nt("Image Occlusion", ["Occlusion", "Image"], [("{{cloze:Occlusion}}", "")], cloze=True, stock=6))
    assert m.kind == "basic" and m.warning


def test_classify_name_for_text_files():
    assert classify_name("Cloze", 2).kind == "cloze"
    assert classify_name("basic (type in the answer)", 2).kind == "typed"
    w = classify_name("Fancy", 3)
    assert w.kind == "basic" and "'Fancy'" in w.warning


def test_convert_cloze_cards_per_deletion():
    conv = convert(
        Mapping("cloze", 0, 0, 1),
        ["{{c1::Denosumab::drug}} binds {{c2::RANKL}}; {{c1::it}} acts", "<i>extra</i>"],
        ["drugs"],
        "anki-n1",
    )
    assert conv.note.type == "cloze" and conv.note.explanation == "*extra*"
    assert conv.ords == {0: "anki-n1:c1", 1: "anki-n1:c2"}
    cards = conv.note.cards("anki-n1")
    assert [c.id for c in cards] == ["anki-n1:c1", "anki-n1:c2"]
    assert cards[0].front == "[drug] binds RANKL; [...] acts"
    assert cards[0].hints == ["drug"]


@pytest.mark.parametrize(
    ("flag", "kind", "ords"),
    [("y", "reversed", {0: "n", 1: "n:r"}), ("", "basic", {0: "n"}), ("<br>", "basic", {0: "n"})],
)
def test_optional_reverse(flag, kind, ords):
    conv = convert(Mapping("optional", extra=2), ["F", "B", flag], [], "n")
    assert conv.note.type == kind and conv.ords == ords


def test_typed_answer_is_plain():
    conv = convert(Mapping("typed"), ["Which enzyme?", "<b>Aromatase</b>&nbsp;"], [], "n")
    assert (conv.note.type, conv.note.back) == ("typed", "Aromatase")


@pytest.mark.parametrize(
    ("m", "fields", "why"),
    [
        (Mapping("basic"), ["", "b"], "empty front"),
        (Mapping("basic"), ["f", "<div></div>"], "empty back"),
        (Mapping("cloze", 0, 0, 1), ["no deletion here", ""], "cloze note without a deletion"),
    ],
)
def test_unusable_notes_are_skipped(m, fields, why):
    conv = convert(m, fields, [], "n")
    assert conv.note is None and conv.skipped == why


def test_tags_with_commas():
    conv = convert(Mapping("basic"), ["f", "b"], ["a,b", "c::d"], "n")
    assert conv.note.tags == ["a_b", "c::d"]
