"""Loading a quiz from the store: the card pool for the chosen decks and the questions for a spec."""

from __future__ import annotations

import random

from quizapp.quiz.build import build_quiz
from quizapp.quiz.cards import QCard
from quizapp.quiz.pool import Pool
from quizapp.quiz.questions import Question
from quizapp.quiz.spec import QuizSpec
from quizapp.store.quiz import quiz_cards


def load_pool(store, deck_ids: tuple[str, ...] | None) -> Pool:
    """The chosen decks' cards plus those of decks sharing their topics (distractors come from there too)."""
    rows = quiz_cards(store.conn, store.profile_id, deck_ids)
    return Pool(QCard.from_content(r) for r in rows)


def resolve_seed(spec: QuizSpec) -> int:
    """The spec's seed, or a fresh one (shown in the results so the same quiz can be taken again)."""
    return spec.seed if spec.seed is not None else random.SystemRandom().randrange(1, 1_000_000)


def make_quiz(store, spec: QuizSpec) -> tuple[list[Question], int]:
    """(questions, seed) for ``spec`` from ``store``."""
    seed = resolve_seed(spec)
    pool = load_pool(store, spec.deck_ids)
    return build_quiz(pool, spec, seed=seed), seed


def scope_title(store, deck_ids: tuple[str, ...] | None) -> str:
    """'All decks', one deck's title, a topic, or a few titles: what a quiz covers, in words."""
    if deck_ids is None:
        return "All decks"
    decks = [d for d in store.decks() if d["id"] in deck_ids]
    topics = {d["topic"] for d in decks}
    if len(decks) == 1:
        return decks[0]["title"]
    if len(topics) == 1 and decks:
        return decks[0]["topic"] or decks[0]["title"]
    return ", ".join(d["title"] for d in decks) or "No decks"
