"""Matching builder: 4-6 term -> definition (or drug -> mechanism) pairs from one topic, each pair one card."""

from __future__ import annotations

import random
from collections.abc import Sequence

from quizapp.quiz.cards import QCard
from quizapp.quiz.equiv import canonical, key, plain
from quizapp.quiz.kinds import word_count
from quizapp.quiz.pool import nice
from quizapp.quiz.questions import MatchQuestion

MIN_PAIRS, MAX_PAIRS = 4, 6
MAX_TERM_WORDS = 5
MAX_CLUE_CHARS = 160


def pair_of(card: QCard) -> tuple[str, str] | None:
    """(term, clue) for a card that pairs a short term with a definition or a question, else None (memoised
    on the card)."""
    cached = card.__dict__.get("_pair", False)
    if cached is not False:
        return cached
    pair = _pair_of(card)
    card.__dict__["_pair"] = pair
    return pair


def _pair_of(card: QCard) -> tuple[str, str] | None:
    if card.type == "reversed":
        term, clue = (card.front, card.back) if card.ord == 0 else (card.back, card.front)
    elif card.type in ("basic", "typed") and card.typeable and card.kind.known and not card.kind.sentence:
        term, clue = card.answer, card.front
    else:
        return None
    term, clue = nice(term), plain(clue)
    if not term or not clue or word_count(term) > MAX_TERM_WORDS or len(clue) > MAX_CLUE_CHARS:
        return None
    if key(term) in key(clue):
        return None  # the clue gives the term away
    return term, clue


def build_match(
    cards: Sequence[QCard], rng: random.Random, *, first: QCard | None = None, size: int | None = None
) -> MatchQuestion | None:
    """Pairs from ``cards`` in ``first``'s topic (``first`` included); None with fewer than four fair pairs."""
    pool = [c for c in cards if pair_of(c)]
    if first is None:
        topics: dict[str, list[QCard]] = {}
        for c in sorted(pool, key=lambda c: c.id):
            topics.setdefault(c.topic, []).append(c)
        big = sorted(t for t, cs in topics.items() if len({c.note_id for c in cs}) >= MIN_PAIRS)
        if not big:
            return None
        first = rng.choice(topics[rng.choice(big)])
    if first is not None:
        if not pair_of(first):
            return None
        pool = [first] + [c for c in pool if c.topic == first.topic and c.id != first.id]
    chosen: list[tuple[QCard, str, str]] = []
    notes: set[str] = set()
    terms: set[str] = set()
    clues: set[str] = set()
    head, rest = pool[:1], pool[1:]
    rest = sorted(rest, key=lambda c: c.id)
    rng.shuffle(rest)
    limit = size or rng.randint(MIN_PAIRS, MAX_PAIRS)
    for c in head + rest:
        if len(chosen) >= limit:
            break
        term, clue = pair_of(c)  # type: ignore[misc]
        t, k = canonical(term), key(clue)
        if c.note_id in notes or t in terms or k in clues:
            continue
        chosen.append((c, term, clue))
        notes.add(c.note_id)
        terms.add(t)
        clues.add(k)
    if len(chosen) < MIN_PAIRS:
        return None
    order = list(range(len(chosen)))
    rng.shuffle(order)
    lefts = tuple(chosen[i][1] for i in range(len(chosen)))
    rights = tuple(chosen[i][2] for i in order)
    solution = tuple(order.index(i) for i in range(len(chosen)))
    questions = any(clue.endswith("?") for _, _, clue in chosen)
    prompt = "Match each answer with its question." if questions else "Match each term with its meaning."
    c0 = chosen[0][0]
    return MatchQuestion(
        qtype="match",
        card_id=c0.id,
        card_ids=tuple(c.id for c, _, _ in chosen),
        prompt=prompt,
        answer="\n".join(f"{t} → {cl}" for _, t, cl in chosen),
        deck_id=c0.deck_id,
        topic=c0.topic,
        level=c0.level,
        explanation="",
        source="; ".join(dict.fromkeys(c.source for c, _, _ in chosen if c.source)),
        lefts=lefts,
        rights=rights,
        solution=solution,
    )
