"""The shipped decks: clean check, attribution on every card, no near-duplicates, honest multiple choice."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from quizapp.deck.checker import check_paths

ROOT = Path(__file__).parents[2]
DECKS = ROOT / "decks"
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def parsed():
    decks, problems = check_paths([DECKS])
    return decks, problems


def notes(parsed):
    return [(pd, n) for pd in parsed[0] for n in pd.notes]


def test_check_is_clean_without_warnings(parsed):
    decks, problems = parsed
    assert [str(p) for p in problems] == []
    assert len(decks) >= 8


def test_card_count_in_range(parsed):
    total = sum(len(n.cards("x")) for _pd, n in notes(parsed))
    assert 150 <= total <= 320


def test_every_card_has_source_level_explanation_and_id(parsed):
    for pd, n in notes(parsed):
        where = f"{pd.path}:{n.line}"
        assert n.level in ("fundamentals", "intermediate", "academic"), where
        assert n.explanation.strip(), where
        assert " § " in n.source, where
        doc = n.source.split(" § ")[0]
        assert doc in {s.title for s in pd.meta.sources}, where
        assert n.explicit_id, where


def test_all_levels_and_types_are_used(parsed):
    levels = {n.level for _pd, n in notes(parsed)}
    types = {n.type for _pd, n in notes(parsed)}
    assert levels == {"fundamentals", "intermediate", "academic"}
    assert types == {"basic", "reversed", "cloze", "choice", "typed", "order"}
    assert any(n.type == "choice" and sum(o.correct for o in n.options) > 1 for _pd, n in notes(parsed))


def _question(n) -> str:
    return n.text if n.type == "cloze" else n.front


def test_no_near_duplicate_questions(parsed):
    qs = [(f"{pd.path}:{n.line}", _question(n).lower()) for pd, n in notes(parsed)]
    dups = [
        (a, b, round(fuzz.ratio(x, y))) for (a, x), (b, y) in itertools.combinations(qs, 2) if fuzz.ratio(x, y) >= 88
    ]
    assert dups == []


def test_choice_questions_do_not_contain_their_answer(parsed):
    for pd, n in notes(parsed):
        if n.type != "choice":
            continue
        q = n.front.lower()
        for o in n.options:
            if o.correct:
                assert o.text.lower() not in q, f"{pd.path}:{n.line}: {o.text!r} is in the question"
        assert 3 <= len(n.options) <= 6, f"{pd.path}:{n.line}"


def test_cloze_hints_do_not_give_the_answer(parsed):
    from quizapp.deck.models import CLOZE_RE

    for pd, n in notes(parsed):
        for m in CLOZE_RE.finditer(n.text):
            if m.group(3):
                assert m.group(2).lower() not in m.group(3).lower(), f"{pd.path}:{n.line}"


def test_fundamentals_answers_are_short(parsed):
    for pd, n in notes(parsed):
        if n.level == "fundamentals" and n.type in ("basic", "reversed", "typed"):
            assert len(n.back.split()) <= 30, f"{pd.path}:{n.line}"


def test_trial_figures_are_attributed_and_flagged(parsed):
    trial = [(pd, n) for pd, n in notes(parsed) if Path(pd.path).stem == "clinical-trials"]
    assert trial
    for pd, n in trial:
        text = " ".join([n.front, n.back, n.text, n.explanation]).lower()
        if re.search(r"\d+(\.\d+)?\s*%", text):
            assert "article" in text, f"{pd.path}:{n.line}: a figure not attributed to the article"
            assert "primary publication" in n.explanation.lower() or "published" in n.explanation.lower(), (
                f"{pd.path}:{n.line}: trial figure without the check-the-primary-publication note"
            )


def test_no_markup_brackets_in_card_text(parsed):
    for pd, n in notes(parsed):
        for text in (n.front, n.back, n.explanation):
            assert "[/" not in text and "[@" not in text and "[$" not in text, f"{pd.path}:{n.line}"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not present")
def test_sections_exist_in_the_source_documents(parsed):
    headings: set[str] = set()
    for f in SEEDS.glob("*.txt"):
        headings |= {line.strip() for line in f.read_text(encoding="utf-8").splitlines() if line.strip()}
    missing = sorted(
        {n.source.split(" § ", 1)[1] for _pd, n in notes(parsed) if n.source.split(" § ", 1)[1] not in headings}
    )
    assert missing == []


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not present")
def test_cards_do_not_paste_article_sentences(parsed):
    """No card field shares a run of 12 or more words with the articles."""
    words = []
    for f in SEEDS.glob("*.txt"):
        words.extend(re.findall(r"[a-z0-9]+", f.read_text(encoding="utf-8").lower()))
    grams = {" ".join(words[i : i + 12]) for i in range(len(words) - 11)}
    for pd, n in notes(parsed):
        for text in (n.front, n.back, n.text, n.explanation):
            w = re.findall(r"[a-z0-9]+", text.lower())
            for i in range(len(w) - 11):
                assert " ".join(w[i : i + 12]) not in grams, f"{pd.path}:{n.line}: copied from the article"


def test_correct_options_are_not_always_first(parsed):
    """Learners must not be able to pass by always pressing 1 (the study screen also shuffles)."""
    single = [n for _pd, n in notes(parsed) if n.type == "choice" and sum(o.correct for o in n.options) == 1]
    first = sum(1 for n in single if n.options[0].correct)
    assert single and first / len(single) < 0.4
