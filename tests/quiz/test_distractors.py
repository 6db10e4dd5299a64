"""Distractor rules: same kind, same deck or topic, never equal or equivalent, never repeated, fair or nothing."""

from __future__ import annotations

import random

import pytest

from quizapp.quiz.equiv import canonical, key
from quizapp.quiz.kinds import classify
from quizapp.quiz.pool import Pool
from tests.quiz.conftest import qcards_from

SEEDS = range(12)


def draws(pool, c, n=3):
    return [pool.distractors(c, n, random.Random(s)) for s in SEEDS]


@pytest.mark.parametrize(
    ("card_id", "kind"),
    [
        ("d-deno", "drug"),
        ("d-teri", "drug"),
        ("c-break", "cell"),
        ("c-build", "cell"),
        ("k-il6", "cytokine"),
        ("k-tnf", "cytokine"),
        ("z-deno:c1", "signal"),
        ("g-penia:r", "condition"),
    ],
)
def test_same_kind_only(pool, card, card_id, kind):
    c = card(card_id)
    assert c.kind.name == kind
    for ds in draws(pool, c):
        assert ds, "there are enough of this kind in the deck"
        assert {classify(d).name for d in ds} == {kind}, ds


def test_drugs_with_drugs_cells_with_cells_cytokines_with_cytokines(pool, card):
    assert set(pool.distractors(card("c-break"), 3, random.Random(0))) == {"Osteoblasts", "Osteocytes", "Macrophages"}
    assert set(pool.distractors(card("k-il1"), 3, random.Random(0))) == {"IL-6", "IL-10", "TNF-α"}


def test_only_from_the_same_deck_or_topic(pool, card):
    for ds in draws(pool, card("d-deno"), 6):
        assert "Atorvastatin" not in ds and "Omeprazole" not in ds  # drugs, but another topic


def test_never_the_answer_an_equivalent_or_an_accepted_alternative(card):
    text = """\
+++
id = "eq"
title = "Eq"
topic = "Bone"
level = "academic"
+++
Type: typed
Q: Which bisphosphonate is given by infusion?
A: Zoledronic acid
Accept: Reclast
---
Q: Name a bisphosphonate.
A: zoledronate
---
Q: Name another one.
A: ZOLEDRONIC ACID.
---
Q: And a brand?
A: Reclast
---
Q: Accents?
A: Zolédronic acid
---
Q: A drug for bone?
A: Alendronate
---
Q: Another drug for bone?
A: Risedronate
---
Q: Yet another drug?
A: Denosumab
---
Q: And one more?
A: Teriparatide
"""
    cards = qcards_from(text)
    pool = Pool(cards)
    target = cards[0]
    for s in SEEDS:
        ds = pool.distractors(target, 3, random.Random(s))
        assert len(ds) == 3
        for d in ds:
            assert canonical(d) not in {canonical("Zoledronic acid"), canonical("Reclast")}, d
            assert key(d) not in {key("zoledronate"), key("zolédronic acid")}, d


def test_no_duplicates_even_when_spelt_differently(card):
    text = """\
+++
id = "dup"
title = "Dup"
level = "academic"
+++
Q: a?
A: Osteoclasts
---
Q: b?
A: osteoclast
---
Q: c?
A: The osteoclasts.
---
Q: d?
A: Osteocytes
---
Q: e?
A: Osteoblasts
"""
    cards = qcards_from(text)
    pool = Pool(cards)
    for s in SEEDS:
        ds = pool.distractors(cards[3], 3, random.Random(s))
        assert len({key(d) for d in ds}) == len(ds) == 2  # the three spellings of osteoclast count once


def test_not_named_in_the_question_and_not_a_partial_answer(pool, card):
    for ds in draws(pool, card("d-letro")):  # "... named alongside anastrozole ..."
        assert "Anastrozole" not in ds
    text = """\
+++
id = "part"
title = "Part"
level = "academic"
+++
Q: Which cytokine rises?
A: IL-6
---
Q: Which two cytokines rise?
A: IL-6 and TNF-alpha
---
Q: x?
A: IL-1
---
Q: y?
A: IL-10
---
Q: z?
A: TNF-α
"""
    cards = qcards_from(text)
    pool = Pool(cards)
    for s in SEEDS:
        assert "IL-6 and TNF-alpha" not in pool.distractors(cards[0], 3, random.Random(s))


def test_a_named_group_prefers_its_members(pool, card):
    # "Which aromatase inhibitor is steroidal?": the other aromatase inhibitors make the real test
    for ds in draws(pool, card("d-exe")):
        assert {"Anastrozole", "Letrozole"} <= set(ds)


def test_related_terms_are_not_offered_together():
    text = """\
+++
id = "rel"
title = "Rel"
level = "academic"
+++
Q: The RANKL/OPG ratio is the key signal for which process?
A: Osteoclast activation
---
Q: a?
A: Osteoclastogenesis
---
Q: b?
A: Apoptosis
---
Q: c?
A: Programmed cell death
---
Q: d?
A: Ossification
---
Q: e?
A: Mineralization
"""
    cards = qcards_from(text)
    pool = Pool(cards)
    for s in SEEDS:
        ds = pool.distractors(cards[0], 3, random.Random(s))
        assert "Osteoclastogenesis" not in ds  # too close to the answer to be fairly wrong
        assert not {"Apoptosis", "Programmed cell death"} <= set(ds)  # two names for one thing


def test_options_agree_in_number():
    text = """\
+++
id = "n"
title = "N"
level = "academic"
+++
Q: Which cell builds bone?
A: Osteoblast
---
Q: a?
A: Osteoclasts
---
Q: b?
A: Osteocytes
---
Q: c?
A: Stromal cells
---
Q: Which cells remove bone?
A: Osteoclasts
---
Q: d?
A: Macrophage
"""
    cards = qcards_from(text)
    pool = Pool(cards)
    for s in SEEDS:
        singular = pool.distractors(cards[0], 4, random.Random(s))
        assert set(singular) == {"Osteoclast", "Osteocyte", "Stromal cell", "Macrophage"}
        plural = pool.distractors(cards[4], 3, random.Random(s))
        assert set(plural) <= {"Osteoblasts", "Osteocytes", "Stromal cells", "Macrophages"} and len(plural) == 3


def test_sentences_only_with_sentences_of_the_same_question_kind(pool, card):
    c = card("s-why1")
    assert c.kind.name == "sentence:why"
    for ds in draws(pool, c):
        assert ds and all(classify(d, "Why?").name == "sentence:why" for d in ds)
    assert pool.distractors(card("g-penia"), 3, random.Random(0))  # definitions with definitions


def test_too_few_fair_distractors_gives_fewer(pool, card):
    # only OPG and RANK are signals besides RANKL, and both are named or fair: never padded with other kinds
    ds = pool.distractors(card("z-rank:c1"), 3, random.Random(0))
    assert ds == ["OPG"]  # RANKL is named in the question, so only OPG is left
    assert pool.distractors(card("m-one"), 3, random.Random(0)) == []  # hand-written options: nothing drawn
