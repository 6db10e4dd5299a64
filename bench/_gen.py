"""Deterministic benchmark data: notes of every card type across decks, and a study history plan."""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

N_DECKS = 20
DAY = 86400

# share of notes per type (cards per note: reversed 2, cloze 1-3, others 1)
TYPE_MIX = (("basic", 0.60), ("cloze", 0.12), ("choice", 0.10), ("typed", 0.08), ("reversed", 0.06), ("order", 0.04))
LEVELS = ("fundamentals", "intermediate", "academic")
DOCS = ("Aromatase inhibitors and bone health", "How aromatase inhibitors alter bone remodeling")

_WORD_TEXT = (
    "estrogen aromatase osteoclast osteoblast osteocyte RANKL OPG cytokine interleukin TNF bone density "
    "fracture vertebra hip femur spine cortical trabecular matrix collagen mineral calcium vitamin D "
    "anastrozole letrozole exemestane denosumab zoledronate bisphosphonate tamoxifen testosterone "
    "androgen menopause ovary adipose tissue enzyme receptor ligand signal pathway marrow stem cell "
    "precursor resorption formation remodeling turnover balance loss gain risk factor patient trial "
    "placebo dose monthly yearly infusion injection tablet baseline follow-up scan DXA T-score Z-score "
    "osteopenia osteoporosis fragility exercise weight-bearing smoking alcohol steroid inflammation "
    "immune lymphocyte macrophage signalling protein gene expression binds blocks raises lowers triggers "
    "inhibits activates releases the a of in and with by for during after before when which how what why "
    "more less early late high low strong weak rapid slow "
)
WORDS = tuple(_WORD_TEXT.split())


@dataclass
class NoteSpec:
    """One generated note, engine-neutral."""

    type: str
    deck: int
    q: str = ""
    a: str = ""
    c: list[tuple[str, str, str]] = field(default_factory=list)  # cloze: (before, answer, hint)
    c_tail: str = ""
    options: list[tuple[str, bool]] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    accept: list[str] = field(default_factory=list)
    why: str = ""
    source: str = ""
    level: str = ""
    tags: list[str] = field(default_factory=list)
    id: str = ""

    @property
    def ncards(self) -> int:
        return 2 if self.type == "reversed" else len(self.c) if self.type == "cloze" else 1


def _words(rng: random.Random, lo: int, hi: int) -> str:
    return " ".join(rng.choices(WORDS, k=rng.randint(lo, hi)))


def _sentence(rng: random.Random, lo: int, hi: int, end: str = ".") -> str:
    s = _words(rng, lo, hi)
    return s[0].upper() + s[1:] + end


def make_notes(n_cards: int, seed: int = 1, n_decks: int = N_DECKS) -> list[NoteSpec]:
    """Notes that give exactly ``n_cards`` cards, spread over ``n_decks`` decks in order."""
    return list(iter_notes(n_cards, seed, n_decks))


def iter_notes(n_cards: int, seed: int = 1, n_decks: int = N_DECKS) -> Iterator[NoteSpec]:
    """The notes of ``make_notes``, one at a time (keeps memory flat)."""
    rng = random.Random(seed)
    types = [t for t, _ in TYPE_MIX]
    weights = [w for _, w in TYPE_MIX]
    made = 0
    serial = 0
    while made < n_cards:
        left = n_cards - made
        t = rng.choices(types, weights)[0]
        if t == "reversed" and left < 2:
            t = "basic"
        deck = min(n_decks - 1, made * n_decks // n_cards)
        serial += 1
        n = NoteSpec(type=t, deck=deck)
        if t == "cloze":
            k = min(left, rng.choice((1, 2, 2, 3)))
            for _ in range(k):
                hint = _words(rng, 1, 2) if rng.random() < 0.3 else ""
                n.c.append((_words(rng, 3, 8), _words(rng, 1, 3), hint))
            n.c_tail = _words(rng, 2, 6) + f" ({serial})."
        else:
            n.q = _sentence(rng, 6, 16, "?") + f" ({serial})"
            if t == "choice":
                k = rng.choice((3, 4, 4, 5))
                right = set(rng.sample(range(k), rng.choice((1, 1, 1, 2))))
                n.options = [(f"{_words(rng, 1, 4)} {i + 1}", i in right) for i in range(k)]
            elif t == "order":
                n.steps = [f"{_words(rng, 2, 5)} {i + 1}" for i in range(rng.randint(3, 6))]
            else:
                n.a = _sentence(rng, 1, 5) if t == "typed" else _sentence(rng, 3, 18)
            if t == "typed" and rng.random() < 0.5:
                n.accept = [_words(rng, 1, 3) for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.6:
            n.why = _sentence(rng, 8, 25)
        if rng.random() < 0.7:
            n.source = f"{rng.choice(DOCS)} § Section {rng.randint(1, 12)}"
        if rng.random() < 0.4:
            n.level = rng.choice(LEVELS)
        n.tags = rng.sample(WORDS[:40], rng.randint(0, 3))
        if rng.random() < 0.5:
            n.id = f"n{serial}"
        made += n.ncards
        yield n


def deck_id(i: int) -> str:
    return f"bench-d{i:02d}"


def _note_text(n: NoteSpec) -> str:
    out: list[str] = []
    if n.type in ("reversed", "typed") or (n.type == "basic" and n.id):
        out.append(f"Type: {n.type}")
    if n.type == "cloze":
        parts = [f"{b} {{{{{a}::{h}}}}}" if h else f"{b} {{{{{a}}}}}" for b, a, h in n.c]
        out.append("C: " + " ".join(parts) + " " + n.c_tail)
    else:
        out.append(f"Q: {n.q}")
        out.extend(f"- [{'x' if ok else ' '}] {t}" for t, ok in n.options)
        out.extend(f"{i}. {s}" for i, s in enumerate(n.steps, 1))
        if n.a:
            out.append(f"A: {n.a}")
    if n.accept:
        out.append("Accept: " + "; ".join(n.accept))
    if n.why:
        out.append(f"Explanation: {n.why}")
    if n.source:
        out.append(f"Source: {n.source}")
    if n.level:
        out.append(f"Level: {n.level}")
    if n.tags:
        out.append("Tags: " + " ".join(n.tags))
    if n.id:
        out.append(f"ID: {n.id}")
    return "\n".join(out)


def write_decks(notes: list[NoteSpec], folder: Path, n_decks: int = N_DECKS) -> list[Path]:
    """Write one Markdown deck file per deck into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    by_deck: list[list[NoteSpec]] = [[] for _ in range(n_decks)]
    for n in notes:
        by_deck[n.deck].append(n)
    paths = []
    for i, group in enumerate(by_deck):
        head = (
            f'+++\nid = "{deck_id(i)}"\ntitle = "Bench deck {i}"\ntopic = "Topic {i % 5}"\n'
            f'description = "Generated for the benchmark."\nlevel = "{LEVELS[i % 3]}"\n'
            f'[[sources]]\ntitle = "{DOCS[0]}"\n[[sources]]\ntitle = "{DOCS[1]}"\n+++\n'
        )
        chunks = [head]
        for j, n in enumerate(group):
            if j % 25 == 0:
                chunks.append(f"\n# Section {j // 25 + 1}\n\n")
            elif j:
                chunks.append("\n---\n")
            chunks.append(_note_text(n))
        p = folder / f"{deck_id(i)}.md"
        p.write_text("".join(chunks) + "\n", encoding="utf-8")
        paths.append(p)
    return paths


# -- study history -----------------------------------------------------------------------------


@dataclass(slots=True)
class CardPlan:
    """The scheduling state one card should have before the timed study starts."""

    index: int
    state: int  # 0 new, 1 learning, 2 review, 3 relearning
    queue: int  # state, or -1 suspended
    step: int | None
    stability: float
    difficulty: float
    due: int  # epoch s
    last_review: int  # epoch s
    reps: int
    lapses: int


def plan_states(n_cards: int, n_reviews: int, now: int, seed: int = 2) -> list[CardPlan]:
    """About 29% of cards studied: 25% review (a quarter of them due), 2% learning, 1% relearning, 1% suspended.

    Every studied card gets a share of the ``n_reviews`` log rows (``reps``; they add up to exactly n_reviews).
    """
    rng = random.Random(seed)
    plans: list[CardPlan] = []
    for i in range(n_cards):
        u = rng.random()
        if u >= 0.29:
            continue
        if u < 0.26:
            state, queue = 2, 2
        elif u < 0.27:
            state, queue = 2, -1
        elif u < 0.28:
            state, queue = 1, 1
        else:
            state, queue = 3, 3
        s = math.exp(rng.uniform(0.0, math.log(300)))
        d = rng.uniform(2.0, 9.0)
        if state == 2:
            last = now - int(s * rng.uniform(0.15, 1.25) * DAY) - rng.randint(0, 3600)
            due = last + max(1, round(s)) * DAY
            step = None
        else:
            last = now - rng.randint(60, 1200)
            due = now + rng.randint(-600, 900)
            step = 0
            s = min(s, 3.0)
        plans.append(CardPlan(i, state, queue, step, s, d, due, last, 0, 0))
    if plans and n_reviews:
        weights = [rng.lognormvariate(0, 0.6) for _ in plans]
        total = sum(weights)
        given = 0
        for p, w in zip(plans, weights):
            p.reps = max(1, int(n_reviews * w / total))
            given += p.reps
        k = 0
        while given != n_reviews:  # exact total
            p = plans[k % len(plans)]
            if given < n_reviews:
                p.reps += 1
                given += 1
            elif p.reps > 1:
                p.reps -= 1
                given -= 1
            k += 1
        for p in plans:
            p.lapses = min(p.reps // 4, sum(1 for _ in range(min(p.reps, 12)) if rng.random() < 0.08))
    return plans


RATINGS = (1, 2, 3, 4)
RATING_W = (0.10, 0.07, 0.75, 0.08)


def review_rows(plans: list[CardPlan], seed: int = 3) -> Iterator[tuple]:
    """(card index, time ms, rating, duration ms, state_before, stability, difficulty) per past review.

    Each card's reviews are spaced out over the 2 years before its last review, oldest first.
    """
    rng = random.Random(seed)
    for p in plans:
        n = p.reps
        span = rng.uniform(30, 730) * DAY
        start = p.last_review - span
        step = span / max(1, n - 1) if n > 1 else 0
        ratings = rng.choices(RATINGS, RATING_W, k=n)
        for j in range(n):
            t = p.last_review if j == n - 1 else start + j * step + rng.uniform(-0.3, 0.3) * step
            frac = (j + 1) / n
            yield (
                p.index,
                int(t * 1000) + rng.randint(0, 999),
                ratings[j],
                rng.randint(1500, 25000),
                0 if j == 0 else 2,
                round(p.stability * frac + 0.5, 4),
                round(p.difficulty, 4),
            )


def answer_ratings(n: int, seed: int = 4) -> list[int]:
    """The grades given during the timed study: mostly Good, some Again, Hard and Easy."""
    return random.Random(seed).choices(RATINGS, RATING_W, k=n)
