"""The cards a quiz draws on (QCard) and the short answer each one gives, with its kind."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from quizapp.quiz.equiv import plain
from quizapp.quiz.kinds import Kind, asks_for_several, classify, head, word_count
from quizapp.quiz.lexicon import lexicon

_PAREN_RE = re.compile(r"\s*\([^()]*\)")
TYPEABLE_WORDS = 4
TYPEABLE_CHARS = 40


@dataclass(frozen=True)
class QCard:
    """One card as the quiz sees it (a row of the cards table plus its deck's topic)."""

    id: str
    note_id: str
    deck_id: str
    topic: str
    type: str
    front: str
    back: str
    answers: tuple[str, ...] = ()
    accept: tuple[str, ...] = ()
    options: tuple[tuple[str, bool], ...] = ()
    steps: tuple[str, ...] = ()
    explanation: str = ""
    source: str = ""
    level: str = ""
    tags: tuple[str, ...] = ()
    ord: int = 0
    deck_title: str = ""

    @classmethod
    def from_content(cls, d: dict, topic: str = "", deck_title: str = "") -> QCard:
        """From a ``quizapp.store.study.card_content``-style dict."""
        data = d.get("data") or {}
        return cls(
            id=d["id"],
            note_id=d.get("note_id") or d["id"],
            deck_id=d.get("deck_id") or "",
            topic=topic or d.get("topic") or "",
            type=d["type"],
            front=d.get("front") or "",
            back=d.get("back") or "",
            answers=tuple(data.get("answers", ())),
            accept=tuple(data.get("accept", ())),
            options=tuple((str(o[0]), bool(o[1])) for o in data.get("options", ())),
            steps=tuple(data.get("steps", ())),
            explanation=d.get("explanation") or "",
            source=d.get("source") or "",
            level=d.get("level") or "",
            tags=tuple(d.get("tags") or ()),
            ord=int(d.get("ord") or 0),
            deck_title=deck_title or d.get("deck_title") or "",
        )

    # -- what the card asks and answers ---------------------------------------
    @cached_property
    def answer(self) -> str:
        """The short answer an option or a typed reply is compared with ('' for choice/order cards)."""
        if self.type == "typed":
            return plain(self.answers[0] if self.answers else self.back).rstrip(".")
        if self.type == "cloze":
            return " and ".join(plain(a) for a in self.answers)
        if self.type in ("choice", "order"):
            return ""
        back = plain(self.back)
        k = classify(back, self.front, self.tags)
        if k.name == "yesno":
            return back.split()[0].strip(".,;:!").capitalize()
        h, rest = head(back)
        if rest and h and word_count(h) <= TYPEABLE_WORDS and not asks_for_several(self.front):
            hk = classify(h)
            if hk.known and not hk.sentence and hk.base not in lexicon().kinds_named_in(rest):
                return h
        if word_count(back) <= TYPEABLE_WORDS + 1:
            return back.rstrip(".").strip()
        return back

    @cached_property
    def kind(self) -> Kind:
        if not self.answer:
            return Kind("phrase")
        if self.is_glossary_term_side and classify(self.answer).name == "phrase":
            return Kind("term")
        if self.is_definition_side:
            return Kind("sentence:definition")
        k = classify(self.answer, self.front, self.tags)
        if k.sentence and self.type == "cloze":
            return Kind("sentence:cloze")
        return k

    @property
    def is_glossary_term_side(self) -> bool:
        """A reversed (glossary) card asking for the term from its definition."""
        return (
            self.type == "reversed"
            and word_count(self.answer) <= min(TYPEABLE_WORDS, word_count(self.front))
            and not self.front.strip().endswith("?")
        )

    @property
    def is_definition_side(self) -> bool:
        """A reversed (glossary) card asking for the definition of a term."""
        return (
            self.type == "reversed"
            and word_count(self.answer) > word_count(self.front)
            and not self.front.strip().endswith("?")
        )

    @property
    def full_answer(self) -> str:
        """The whole answer to show after a question."""
        if self.type == "cloze":
            return ", ".join(plain(a) for a in self.answers)
        if self.type == "choice":
            return "; ".join(plain(t) for t, ok in self.options if ok)
        if self.type == "order":
            return " → ".join(plain(s) for s in self.steps)
        if self.type == "typed":
            return self.answer
        return plain(self.back)

    @property
    def typeable(self) -> bool:
        """Whether a learner could fairly type the answer."""
        a = self.answer
        if not a or self.kind.name == "yesno" or self.kind.sentence:
            return False
        a = _PAREN_RE.sub("", a).strip() or a
        limit = TYPEABLE_WORDS * 2 if self.type == "typed" else TYPEABLE_WORDS
        return word_count(a) <= limit and (len(a) <= TYPEABLE_CHARS or self.type == "typed")

    @property
    def accepted(self) -> tuple[str, ...]:
        """Every answer counted right: the canonical one, the card's Accept list and, for a short head, the
        whole back."""
        out = [self.answer, *self.accept]
        bare = _PAREN_RE.sub("", self.answer).strip()
        if bare and bare != self.answer:
            out.append(bare)  # "Uncoupling (in bone)": "Uncoupling" is right too
        if self.type in ("basic", "reversed") and plain(self.back).rstrip(".") != self.answer:
            out.append(plain(self.back).rstrip("."))
        if self.type == "cloze" and len(self.answers) > 1:
            parts = [plain(a) for a in self.answers]
            out += [", ".join(parts), " & ".join(parts), "; ".join(parts), " and ".join(reversed(parts))]
        return tuple(dict.fromkeys(x for x in out if x))

    @property
    def correct_options(self) -> tuple[str, ...]:
        return tuple(plain(t) for t, ok in self.options if ok)

    @property
    def multi(self) -> bool:
        return self.type == "choice" and sum(1 for _, ok in self.options if ok) > 1

    @property
    def prompt(self) -> str:
        """The question text as the card words it (cloze: with its blanks)."""
        return self.front
