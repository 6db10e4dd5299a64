"""Answer kinds and equivalence: the lexicon, shapes, question stems, and when two answers are one."""

from __future__ import annotations

import pytest

from quizapp.quiz.equiv import canonical, key, overlaps, same_meaning
from quizapp.quiz.kinds import classify, question_stem
from quizapp.quiz.lexicon import load


@pytest.mark.parametrize(
    ("text", "kind", "group"),
    [
        ("Denosumab", "drug", "antibody"),
        ("Romosozumab", "drug", "antibody"),  # by its -mab suffix, not listed
        ("Letrozole", "drug", "aromatase_inhibitor"),
        ("Zoledronic acid", "drug", "bisphosphonate"),
        ("Ibandronate", "drug", "bisphosphonate"),
        ("Osteoblasts.", "cell", None),
        ("Mature osteoclasts", "cell", None),
        ("Chondrocyte", "cell", None),  # -cyte
        ("IL-6", "cytokine", None),
        ("TNF-α", "cytokine", None),
        ("Interleukin 17", "cytokine", None),
        ("RANKL", "signal", None),
        ("OPG", "signal", None),
        ("ER-alpha", "receptor", None),
        ("Aromatase", "enzyme", None),
        ("Glucocorticoids", "drug_class", None),
        ("Osteopenia", "condition", None),
        ("Pancreatitis", "condition", None),  # -itis
        ("Lumbar spine", "site", None),
        ("once a year", "frequency", None),
        ("Subcutaneous", "route", None),
        ("Endocrinologists", "specialist", None),
        ("Osteoclastogenesis", "process", None),
        ("Apoptosis", "process", None),  # a listed term wins over the -osis suffix
    ],
)
def test_lexicon_kinds(text, kind, group):
    k = classify(text)
    assert (k.name, k.group) == (kind, group)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("-2.1%", "percent"),
        ("−1.80 %", "percent"),
        ("200 mg", "number:mg"),
        ("5 years", "number:year"),
        ("TNF-α and IL-1", "cytokine*2"),
        ("Anastrozole, letrozole or exemestane", "drug*3"),
        ("Pain in the joints", "phrase"),  # the head noun is "pain", not "joints"
        ("Inducing osteoblast apoptosis", "phrase"),  # an action, not a process name
        ("Less apoptosis", "phrase"),  # a change
        ("A thorough work-up", "phrase"),  # "up" is not a direction here
        ("raises", "direction"),
    ],
)
def test_shapes_lists_and_unknowns(text, kind):
    assert classify(text).name == kind


def test_sentences_take_their_kind_from_the_question():
    long = "They supply building blocks for bone and support calcium absorption."
    assert classify(long, "Why does the table recommend calcium?").name == "sentence:why"
    assert classify(long, "In plain words, how does calcium help?").name == "sentence:how"
    assert classify("Yes. It can lower his estrogen too far.", "Can a man lose bone?").name == "yesno"


@pytest.mark.parametrize(
    ("question", "stem"),
    [
        ("In plain words, what is a DEXA scan?", "definition"),
        ("What does the abbreviation RANKL stand for?", "expansion"),
        ("How often are DEXA scans repeated?", "how-often"),
        ("According to the first article, why does age matter?", "why"),
        ("For whom is teriparatide reserved?", "who"),
        ("In step four, how do the cytokines work with RANKL?", "how"),
        ("How does the second article describe the bone effects?", "describe"),
        ("Which two metabolic factors influence bone?", "several"),
        ("What does OPG do?", "what"),
    ],
)
def test_question_stems(question, stem):
    assert question_stem(question) == stem


def test_equivalence_keys():
    assert key("The Osteoblasts.") == key("osteoblast")
    assert key("-2.0%") == key("−2 %") != key("2%")
    assert key("IL-6") != key("IL-1")
    assert canonical("Oestrogen") == canonical("estrogen")
    assert canonical("OPG") == canonical("Osteoprotegerin")
    assert same_meaning("Zoledronate", "Zoledronic acid")
    assert same_meaning("Prolia", "Denosumab", accepted=("Prolia",))
    assert not same_meaning("Letrozole", "Anastrozole")
    assert overlaps("IL-6", "IL-6 and TNF-alpha") and not overlaps("IL-1", "IL-10")


def test_lexicon_file_is_data(tmp_path):
    f = tmp_path / "kinds.toml"
    f.write_text('[kinds.fruit]\nterms = ["apple", "pear"]\nsuffixes = ["berry"]\n', encoding="utf-8")
    lex = load(f)
    assert lex.kind_of_key(key("Apples")) == ("fruit", None)
    assert lex.kind_of_key(key("Strawberry")) == ("fruit", None)
    assert lex.kind_of_key(key("Denosumab")) is None
