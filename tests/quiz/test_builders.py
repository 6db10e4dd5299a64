"""Question builders and their grading: multiple choice, select-all, typed, cloze, ordering, matching, true/false."""

from __future__ import annotations

import random

from quizapp.quiz.cloze import build_cloze
from quizapp.quiz.matching import build_match, pair_of
from quizapp.quiz.mcq import build_mcq, build_multi
from quizapp.quiz.ordering import build_order, shuffled_order
from quizapp.quiz.pool import Pool
from quizapp.quiz.questions import ChoiceQuestion, TypedQuestion
from quizapp.quiz.truefalse import build_tf
from quizapp.quiz.typed import build_typed
from tests.quiz.conftest import qcards_from


def test_mcq_from_a_basic_card_draws_three_same_kind_distractors(pool, card):
    q = build_mcq(card("c-break"), pool, random.Random(1))
    assert isinstance(q, ChoiceQuestion) and not q.multi and len(q.options) == 4
    assert q.options[next(iter(q.correct))] == "Osteoclasts"
    assert set(q.options) == {"Osteoclasts", "Osteoblasts", "Osteocytes", "Macrophages"}
    right = next(iter(q.correct))
    assert q.grade(right).correct and q.grade(right).score == 1.0
    wrong = q.grade((right + 1) % 4)
    assert not wrong.correct and wrong.verdict == "wrong" and "Osteoclasts" in wrong.message
    assert wrong.card_results == (("c-break", False),)


def test_mcq_from_a_reversed_card_asks_for_the_term(pool, card):
    q = build_mcq(card("g-arth:r"), pool, random.Random(0))
    assert q is not None and q.prompt.startswith("Which term is this?") and "Pain in the joints." in q.prompt
    assert q.options[next(iter(q.correct))] == "Arthralgia"


def test_handwritten_options_are_kept(pool, card):
    q = build_mcq(card("m-one"), pool, random.Random(3))
    assert sorted(q.options) == ["Anastrozole", "Exemestane", "Letrozole"]
    assert q.options[next(iter(q.correct))] == "Exemestane"
    assert build_mcq(card("m-multi"), pool, random.Random(3)) is None  # several right: that is 'multi'


def test_select_all_scored_per_option(pool, card):
    q = build_multi(card("m-multi"), pool, random.Random(0))
    assert q.multi and len(q.options) == 5
    idx = {t: i for i, t in enumerate(q.options)}
    right = [idx["Anastrozole"], idx["Letrozole"], idx["Exemestane"]]
    assert q.grade(right).correct and q.grade(right).score == 1.0
    partial = q.grade([idx["Anastrozole"], idx["Tamoxifen"]])  # 1 right picked, 1 wrong picked, 2 right missed
    assert not partial.correct and partial.verdict == "partial" and partial.score == 2 / 5  # Denosumab + Anastrozole
    assert q.grade([]).score == 2 / 5  # leaving all unticked gets the two wrong ones right
    assert q.grade(list(range(5))).score == 3 / 5


def test_too_few_distractors_falls_back_to_typed(pool, card):
    c = card("k-il10")
    text = (
        '+++\nid = "few"\ntitle = "Few"\nlevel = "academic"\n+++\nQ: Which cytokine?\nA: IL-10\n---\nQ: x?\nA: IL-6\n'
    )
    cards = qcards_from(text)
    small = Pool(cards)
    assert build_mcq(cards[0], small, random.Random(0)) is None  # only one other cytokine: no silly options
    assert isinstance(build_typed(cards[0], small), TypedQuestion)
    from quizapp.quiz.build import build_quiz
    from quizapp.quiz.spec import QuizSpec

    quiz = build_quiz(small, QuizSpec(n=2, types=("mcq", "typed"), seed=1))
    assert [q.qtype for q in quiz] == ["typed", "typed"]
    assert c.kind.name == "cytokine"


def test_typed_question_uses_same_kind_words_for_near_misses(pool, card):
    q = build_typed(card("d-deno"), pool)
    assert q.answers[:2] == ("Denosumab", "Prolia")
    assert q.grade("denosumub").verdict == "almost"
    assert q.grade("prolia").correct
    assert not q.grade("Teriparatide").correct
    assert build_typed(card("s-why1"), pool) is None  # a sentence cannot fairly be typed


def test_cloze_as_typed_or_as_choice(pool, card):
    c = card("z-deno:c1")
    typed = build_cloze(c, pool, random.Random(0), form="typed")
    assert typed.qtype == "cloze" and isinstance(typed, TypedQuestion) and "[...]" in typed.prompt
    assert typed.grade("rankl").correct and not typed.grade("RANK").correct
    chosen = build_cloze(c, pool, random.Random(0), form="choice")
    assert chosen is None  # only OPG and RANK: two distractors are too few for a fair choice
    c2 = card("z-opg:c1")
    assert build_cloze(c2, pool, random.Random(0), form="choice") is None
    forms = {type(build_cloze(card("z-rank:c1"), pool, random.Random(s))).__name__ for s in range(10)}
    assert forms == {"TypedQuestion"}


def test_ordering_scores_placed_steps_and_all_or_nothing(pool, card):
    q = build_order(card("o-cascade"), random.Random(0))
    assert sorted(q.shown) == [0, 1, 2, 3, 4] and list(q.shown) != [0, 1, 2, 3, 4]
    full = q.grade([0, 1, 2, 3, 4])
    assert full.correct and full.score == 1.0
    swapped = q.grade([1, 0, 2, 3, 4])
    assert not swapped.correct and swapped.score == 3 / 5 and swapped.verdict == "partial"
    assert swapped.message == "✗ 3 of 5 steps in the right place"
    assert q.grade([4, 3, 2, 1, 0]).score == 1 / 5
    assert q.grade([]).score == 0
    for s in range(50):
        assert shuffled_order(3, random.Random(s)) != (0, 1, 2)


def test_matching_pairs_terms_and_scores_each_pair(pool, quiz_cards, card):
    assert pair_of(card("g-arth")) == ("Arthralgia", "Pain in the joints.")
    assert pair_of(card("g-arth:r")) == ("Arthralgia", "Pain in the joints.")
    assert pair_of(card("s-why1")) is None
    q = build_match(quiz_cards, random.Random(2), first=card("g-arth"))
    assert 4 <= len(q.lefts) <= 6 and len(set(q.lefts)) == len(q.lefts)
    assert len({c.split(":")[0] for c in q.card_ids}) == len(q.card_ids)  # one card per note
    assert q.lefts[0] == "Arthralgia"
    perfect = q.grade(list(q.solution))
    assert perfect.correct and perfect.score == 1.0
    wrong = list(q.solution)
    wrong[0], wrong[1] = wrong[1], wrong[0]
    g = q.grade(wrong)
    assert not g.correct and g.score == (len(q.lefts) - 2) / len(q.lefts)
    assert g.missed_cards == q.card_ids[:2]
    assert q.grade([]).score == 0.0


def test_true_false_swaps_in_a_same_kind_distractor(pool, card):
    c = card("z-deno:c1")
    seen = {}
    for s in range(30):
        q = build_tf(c, pool, random.Random(s))
        seen[q.truth] = q.statement
        assert q.grade(q.truth).correct and not q.grade(not q.truth).correct
    assert seen[True] == "Denosumab binds RANKL and stops osteoclasts forming."
    assert seen[False] in (
        "Denosumab binds OPG and stops osteoclasts forming.",
        "Denosumab binds RANK and stops osteoclasts forming.",
    )
    q = build_tf(card("m-one"), pool, random.Random(1))
    assert q.proposed.startswith("Proposed answer: ")
    assert build_tf(card("o-cascade"), pool, random.Random(1)) is None


def test_builders_are_deterministic_under_a_seed(pool, card):
    for cid in ("d-deno", "c-break", "k-il6", "g-penia"):
        a = build_mcq(card(cid), pool, random.Random(42))
        b = build_mcq(card(cid), pool, random.Random(42))
        assert a == b
    assert build_match(list(pool.cards), random.Random(9)) == build_match(list(pool.cards), random.Random(9))
