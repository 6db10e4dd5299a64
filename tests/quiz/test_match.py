"""Typed-answer matching: tolerant of case, accents, punctuation and small typos; never of a different word."""

from __future__ import annotations

import pytest

from quizapp.quiz.match import allowed_typos, check_typed


@pytest.mark.parametrize(("length", "budget"), [(1, 0), (4, 0), (5, 1), (9, 1), (10, 2), (15, 2)])
def test_typo_budget_grows_with_word_length(length, budget):
    assert allowed_typos(length) == budget


@pytest.mark.parametrize(
    ("given", "answers", "verdict"),
    [
        ("denosumab", ["Denosumab"], "exact"),
        ("  DENOSUMAB. ", ["Denosumab"], "exact"),
        ("Prolia", ["Denosumab", "Prolia"], "exact"),
        ("tnf alpha", ["TNF-α"], "exact"),
        ("IL6", ["IL-6"], "exact"),
        ("osteoblast", ["Osteoblasts"], "exact"),  # singular / plural
        ("the osteoblasts", ["Osteoblasts"], "exact"),
        ("Crohns disease", ["Crohn's disease"], "exact"),
        ("-1.80 %", ["-1.8%"], "exact"),
        ("café", ["Cafe"], "exact"),
        ("zoledronicacid", ["Zoledronic acid"], "exact"),  # only a space missing
    ],
)
def test_equal_after_normalising(given, answers, verdict):
    assert check_typed(given, answers).verdict == verdict


@pytest.mark.parametrize(
    ("given", "answer"),
    [
        ("anastrazole", "Anastrozole"),  # 11 letters, one substitution
        ("anastrozol", "Anastrozole"),
        ("letrozol", "Letrozole"),  # 9 letters, one deletion
        ("tamoxifin", "Tamoxifen"),
        ("aromatse", "Aromatase"),
        ("teriparatyde", "Teriparatide"),
        ("teripartide", "Teriparatide"),
        ("osteoprotegrin", "Osteoprotegerin"),
        ("oestrogen", "Estrogen"),  # spelling variant, one letter
        ("exemestnae", "Exemestane"),  # a transposition counts as one edit
        ("Zoledronic acd", "Zoledronic acid"),
    ],
)
def test_small_typo_is_almost_and_accepted(given, answer):
    r = check_typed(given, [answer])
    assert r.verdict == "almost" and r.correct
    assert r.message() == f"✓ Almost: you typed {given!r}; the exact spelling is {answer!r}"


@pytest.mark.parametrize(
    ("given", "answer"),
    [
        ("letrozole", "Anastrozole"),  # a different drug of the same family
        ("anastrozole", "Letrozole"),
        ("exemestane", "Anastrozole"),
        ("risedronate", "Alendronate"),
        ("osteoclast", "Osteoblasts"),  # one letter apart, opposite meaning
        ("osteocyte", "Osteoblast"),
        ("osteopenia", "Osteoporosis"),
        ("hypothyroidism", "Hyperthyroidism"),  # two letters in 15: within the budget, but hypo- is not hyper-
        ("IL-1", "IL-6"),  # short: no typo allowed
        ("IL-10", "IL-1"),
        ("RANK", "RANKL"),
        ("OPG", "Osteoprotegerin"),
        ("ER-beta", "ER-alpha"),
        ("1.8%", "-1.8%"),  # the sign of a figure matters
        ("-1.9%", "-1.8%"),
        ("arthralgia", "Myalgia"),
        ("", "Myalgia"),
    ],
)
def test_near_misses_are_wrong(given, answer):
    r = check_typed(given, [answer])
    assert r.verdict == "wrong" and not r.correct
    assert r.message() == f"✗ Not quite: the answer is {answer}"


def test_budget_is_per_length_short_words_get_none():
    assert check_typed("opgg", ["OPG"]).verdict == "wrong"
    assert check_typed("rankk", ["RANKL"]).verdict == "wrong"  # 5 letters would allow one, but RANK is a known word
    assert check_typed("Myalgai", ["Myalgia"]).verdict == "almost"  # 7 letters: one transposition
    assert check_typed("Myalgaa", ["Myalgia"]).verdict == "almost"
    assert check_typed("Mialgaa", ["Myalgia"]).verdict == "wrong"  # two edits in 7 letters


def test_others_make_a_close_word_wrong():
    # 'Cabastine' is one edit from 'Cabastina' but is the name of another (made-up) drug in the deck
    assert check_typed("Cabastine", ["Cabastina"]).verdict == "almost"
    assert check_typed("Cabastine", ["Cabastina"], others=["Cabastine"]).verdict == "wrong"
    # as close to another known word as to the answer: ambiguous, so not accepted
    assert check_typed("Cabastinx", ["Cabastina"], others=["Cabastine"]).verdict == "wrong"


def test_accepted_alternatives_count():
    assert check_typed("zoledronate", ["Zoledronic acid", "zoledronate"]).verdict == "exact"
    assert check_typed("zoledronat", ["Zoledronic acid", "zoledronate"]).verdict == "almost"
    assert check_typed("zoledronate", ["Zoledronic acid"]).verdict == "wrong"  # not accepted unless listed


def test_needs_an_answer():
    with pytest.raises(ValueError):
        check_typed("x", ["", "  "])
