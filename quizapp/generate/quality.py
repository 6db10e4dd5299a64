"""Well-formedness of generated cards: a non-empty answer, not given away by the question, of ~25 words at most."""

from __future__ import annotations

from quizapp.deck.models import Note, render_cloze
from quizapp.generate.sentences import phrase_spans

MAX_ANSWER_WORDS = 25


def contains(haystack: str, needle: str) -> bool:
    """Whether ``needle``'s words appear, in order and adjacent, among ``haystack``'s (case and plural aside)."""
    return bool(phrase_spans(haystack, needle))


def card_questions(note: Note) -> list[tuple[str, list[str]]]:
    """(question, answers) for each card the note yields (the same cards ``Note.cards`` makes)."""
    if note.type == "choice":
        return [(note.front, [o.text for o in note.options if o.correct])]
    if note.type == "order":
        return [(note.front, list(note.steps))]
    if note.type == "reversed":
        return [(note.front, [note.back]), (note.back, [note.front])]
    if note.type == "cloze":
        out = []
        for n in note.cloze_groups():
            front, _back, answers, _hints = render_cloze(note.text, n)
            out.append((front, answers))
        return out
    return [(note.front, [note.back])]


def problems(question: str, answers: list[str]) -> list[str]:
    """What is wrong with one card ([] when well formed)."""
    out = []
    if not answers or any(not a.strip() for a in answers):
        out.append("empty answer")
    if any(contains(question, a) for a in answers if a.strip()):
        out.append("answer appears in the question")
    if any(len(a.split()) > MAX_ANSWER_WORDS for a in answers):
        out.append(f"answer longer than {MAX_ANSWER_WORDS} words")
    return out


def note_problems(note: Note) -> list[list[str]]:
    """Per card of the note, its problems."""
    return [problems(q, a) for q, a in card_questions(note)]
