"""Assemble a quiz: N questions of varied types from the chosen cards, the same every time for one seed."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Sequence

from quizapp.quiz.cards import QCard
from quizapp.quiz.cloze import build_cloze
from quizapp.quiz.matching import build_match
from quizapp.quiz.mcq import build_mcq, build_multi
from quizapp.quiz.ordering import build_order
from quizapp.quiz.pool import Pool
from quizapp.quiz.questions import Question
from quizapp.quiz.spec import QuizSpec
from quizapp.quiz.truefalse import build_tf
from quizapp.quiz.typed import build_typed

# Which question types each card type can become (the builder may still decline a card).
TYPES_FOR_CARD: dict[str, tuple[str, ...]] = {
    "basic": ("mcq", "typed", "tf", "match"),
    "reversed": ("mcq", "typed", "tf", "match"),
    "typed": ("typed", "mcq", "tf", "match"),
    "cloze": ("cloze", "tf"),
    "choice": ("mcq", "multi", "tf"),
    "order": ("order",),
}
MATCH_EVERY = 5  # at most one matching question per this many questions


def eligible(card: QCard, spec: QuizSpec) -> bool:
    if spec.deck_ids is not None and card.deck_id not in spec.deck_ids:
        return False
    return spec.levels is None or card.level in spec.levels


def build_quiz(pool: Pool, spec: QuizSpec, *, seed: int | None = None) -> list[Question]:
    """Up to ``spec.n`` questions from the pool's cards that ``spec`` selects (fewer if not enough cards).

    Deterministic: the same cards and seed give the same quiz. One question per note (siblings of a
    reversed or cloze note are not both asked); types are spread by picking the least used type a card
    can become."""
    seed = spec.seed if seed is None else seed
    rng = random.Random(seed)
    cards = [c for c in pool.cards if eligible(c, spec)]
    rng.shuffle(cards)
    used_notes: set[str] = set()
    counts: Counter[str] = Counter()
    out: list[Question] = []
    for card in cards:
        if len(out) >= spec.n:
            break
        if card.note_id in used_notes:
            continue
        types = [t for t in TYPES_FOR_CARD.get(card.type, ()) if t in spec.types]
        if "match" in types and len(spec.types) > 1 and (counts["match"] + 1) * MATCH_EVERY > spec.n:
            types.remove("match")
        rng.shuffle(types)
        types.sort(key=lambda t: counts[t])
        for qtype in types:
            q = _build(qtype, card, pool, rng, cards, used_notes, "typed" in spec.types)
            if q is not None:
                out.append(q)
                counts[qtype] += 1
                used_notes.update(pool.by_id[c].note_id for c in q.card_ids if c in pool.by_id)
                break
    return out


def _build(
    qtype: str,
    card: QCard,
    pool: Pool,
    rng: random.Random,
    cards: Sequence[QCard],
    used: set[str],
    fallback: bool,
) -> Question | None:
    """Build one question of ``qtype``; a multiple choice without enough fair distractors becomes a typed
    question when ``fallback`` (typed questions are allowed)."""
    builders: dict[str, Callable[[], Question | None]] = {
        "mcq": lambda: build_mcq(card, pool, rng) or (build_typed(card, pool) if fallback else None),
        "multi": lambda: build_multi(card, pool, rng),
        "typed": lambda: build_typed(card, pool),
        "cloze": lambda: build_cloze(card, pool, rng),
        "order": lambda: build_order(card, rng),
        "tf": lambda: build_tf(card, pool, rng),
        "match": lambda: build_match([c for c in cards if c.note_id not in used], rng, first=card),
    }
    return builders[qtype]()
