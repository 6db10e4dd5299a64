"""Quiz fixtures: a deck with drugs, cells, cytokines, cloze, choice, order and glossary cards; pools and stores."""

from __future__ import annotations

from pathlib import Path

import pytest

QUIZ_DECK = """\
+++
id = "bone"
title = "Bone drugs and cells"
topic = "Bone"
level = "intermediate"
[[sources]]
title = "Doc"
+++
Type: typed
Q: Which drug is a monoclonal antibody against RANKL?
A: Denosumab
Accept: Prolia
Explanation: It binds RANKL.
Source: Doc § Drugs
Tags: drugs
ID: d-deno
---
Type: typed
Q: Which drug is a recombinant form of parathyroid hormone?
A: Teriparatide
ID: d-teri
---
Type: typed
Q: Which bisphosphonate is given intravenously once a year?
A: Zoledronic acid
Accept: zoledronate
ID: d-zol
---
Type: typed
Q: Which oral bisphosphonate is taken weekly?
A: Alendronate
ID: d-alen
---
Q: Which aromatase inhibitor is steroidal?
A: Exemestane.
ID: d-exe
---
Q: Which aromatase inhibitor is named alongside anastrozole in the second article?
A: Letrozole
Level: academic
ID: d-letro
---
Q: Which drug is the comparator in most trials?
A: Tamoxifen
Level: fundamentals
ID: d-tam
---
Q: Which cells build new bone?
A: Osteoblasts, the bone-building cells.
Level: fundamentals
ID: c-build
---
Q: Which cells break down bone?
A: Osteoclasts
Level: fundamentals
ID: c-break
---
Q: Which cells sit inside the bone matrix and sense load?
A: Osteocytes
ID: c-sense
---
Q: Which immune cells release cytokines in the marrow?
A: Macrophages
ID: c-macro
---
Q: Which cytokine does the table list first?
A: TNF-α
ID: k-tnf
---
Q: Which cytokine mediates a wide range of inflammatory responses?
A: IL-1
ID: k-il1
---
Q: Which cytokine promotes osteoclastogenesis in the text?
A: IL-6
ID: k-il6
---
Q: Which anti-inflammatory cytokine is named as a contrast?
A: IL-10
ID: k-il10
---
C: Denosumab binds {{RANKL}} and stops osteoclasts forming.
ID: z-deno
---
C: Osteoblasts release {{OPG::a protein}}, a decoy receptor.
ID: z-opg
---
C: RANKL docks on {{RANK}} on osteoclast precursors.
ID: z-rank
---
Q: Which drug is a steroidal aromatase inactivator?
- [ ] Anastrozole
- [ ] Letrozole
- [x] Exemestane
Explanation: Exemestane binds aromatase irreversibly.
ID: m-one
---
Q: Which of these are aromatase inhibitors?
- [x] Anastrozole
- [x] Letrozole
- [x] Exemestane
- [ ] Tamoxifen
- [ ] Denosumab
ID: m-multi
---
Type: order
Q: Put the steps of the cascade in order.
1. Estrogen falls
2. Immune cells release more cytokines
3. RANKL rises
4. Osteoclasts multiply
5. Bone is lost
ID: o-cascade
---
Type: reversed
Q: Osteopenia
A: Bone density that has dropped below normal.
Tags: glossary
ID: g-penia
---
Type: reversed
Q: Osteoporosis
A: Weak, brittle bones that break easily.
Tags: glossary
ID: g-porosis
---
Type: reversed
Q: Arthralgia
A: Pain in the joints.
Tags: glossary
ID: g-arth
---
Type: reversed
Q: Myalgia
A: Pain in the muscles.
Tags: glossary
ID: g-my
---
Type: reversed
Q: Apoptosis
A: Programmed cell death.
Tags: glossary
ID: g-apop
---
Q: Why is bone loss called silent?
A: It usually causes no symptoms until a bone breaks.
Tags: silent
ID: s-why1
---
Q: Why does older age add to bone risk?
A: Age-related bone loss plus a reduced capacity to remodel bone.
Tags: age
ID: s-why2
---
Q: Why does the table recommend calcium and vitamin D?
A: They supply building blocks for bone and support calcium absorption.
Tags: nutrition
ID: s-why3
---
Q: Why are postmenopausal women at risk even before an AI?
A: Their own estrogen has already fallen, so they lose bone faster.
Tags: menopause
ID: s-why4
"""

OTHER_DECK = """\
+++
id = "other"
title = "Unrelated"
topic = "Elsewhere"
level = "intermediate"
+++
Q: Which drug is a statin?
A: Atorvastatin
ID: x-statin
---
Q: Which drug lowers stomach acid?
A: Omeprazole
ID: x-ppi
"""


def qcards_from(text: str, name: str = "t.md"):
    """QCards straight from deck text (no store), as the store would give them."""
    from quizapp.deck.parser import parse_text
    from quizapp.quiz.cards import QCard

    pd = parse_text(text, name)
    assert pd.ok, [str(p) for p in pd.problems]
    out = []
    for i, note in enumerate(pd.notes):
        for c in note.cards(note.explicit_id or f"n{i}"):
            data = {
                "answers": c.answers,
                "accept": c.accept,
                "steps": c.steps,
                "options": [[o.text, o.correct] for o in c.options],
            }
            d = {**c.model_dump(), "data": data, "level": c.level or pd.meta.level or ""}
            out.append(QCard.from_content(d, topic=pd.meta.topic_or_title, deck_title=pd.meta.title))
    return out


@pytest.fixture(scope="session")
def quiz_cards():
    return qcards_from(QUIZ_DECK) + qcards_from(OTHER_DECK, "o.md")


@pytest.fixture(scope="session")
def pool(quiz_cards):
    from quizapp.quiz.pool import Pool

    return Pool(quiz_cards)


@pytest.fixture
def card(quiz_cards):
    by_id = {c.id: c for c in quiz_cards}
    return by_id.__getitem__


@pytest.fixture
def quiz_store(tmp_path: Path, write_deck):
    """A store (profile 'default') synced with the quiz deck and the unrelated deck only."""
    from quizapp.store.db import Store
    from quizapp.store.sync import sync_decks

    write_deck("bone.md", QUIZ_DECK)
    write_deck("other.md", OTHER_DECK)
    store = Store(tmp_path / "home" / "quizapp.db")
    sync_decks(store, [tmp_path / "decks"])
    yield store
    store.close()


def right_response(q):
    """The response that answers ``q`` correctly."""
    from quizapp.quiz.questions import ChoiceQuestion, MatchQuestion, OrderQuestion, TrueFalseQuestion, TypedQuestion

    if isinstance(q, TrueFalseQuestion):
        return q.truth
    if isinstance(q, ChoiceQuestion):
        return sorted(q.correct) if q.multi else next(iter(q.correct))
    if isinstance(q, TypedQuestion):
        return q.answers[0]
    if isinstance(q, OrderQuestion):
        return list(range(len(q.steps)))
    if isinstance(q, MatchQuestion):
        return list(q.solution)
    raise TypeError(q)


def wrong_response(q):
    """A response that answers ``q`` wrongly."""
    from quizapp.quiz.questions import ChoiceQuestion, MatchQuestion, OrderQuestion, TrueFalseQuestion, TypedQuestion

    if isinstance(q, TrueFalseQuestion):
        return not q.truth
    if isinstance(q, ChoiceQuestion):
        wrong = [i for i in range(len(q.options)) if i not in q.correct]
        return wrong if q.multi else wrong[0]
    if isinstance(q, TypedQuestion):
        return "zzzz"
    if isinstance(q, OrderQuestion):
        return list(reversed(range(len(q.steps))))
    if isinstance(q, MatchQuestion):
        return [None] * len(q.lefts)
    raise TypeError(q)
