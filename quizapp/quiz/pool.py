"""The answer pool: every answer in the loaded decks indexed by kind, and the distractor rules."""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from quizapp.quiz.cards import QCard
from quizapp.quiz.equiv import canonical, key, overlaps, plain
from quizapp.quiz.kinds import Kind, classify, word_count
from quizapp.quiz.lexicon import lexicon

_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "by",
        "as",
        "to",
        "from",
        "with",
        "for",
        "into",
        "and",
        "or",
        "not",
        "no",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "does",
        "do",
        "did",
        "can",
        "could",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "why",
        "how",
        "when",
        "where",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "their",
        "there",
        "than",
        "then",
        "per",
        "say",
        "says",
        "said",
        "according",
        "article",
        "first",
        "second",
        "third",
        "table",
        "text",
        "plain",
        "words",
        "main",
        "use",
        "used",
        "using",
        "give",
        "gives",
        "given",
        "name",
        "named",
        "call",
        "called",
        "describe",
        "describes",
        "kind",
        "kinds",
        "type",
        "types",
        "way",
        "ways",
        "happen",
        "happens",
        "part",
        "parts",
        "two",
        "three",
        "four",
        "after",
        "before",
        "during",
        "over",
        "under",
        "about",
        "more",
        "most",
        "less",
        "least",
        "other",
        "others",
        "both",
        "each",
        "such",
        "some",
        "any",
        "all",
    ]
)
_WORD_RE = re.compile(r"[a-z][a-z0-9-]{3,}")


def _content_words(text: str) -> set[str]:
    """The meaningful words of a question (folded singular, no stop words)."""
    from quizapp.quiz.equiv import fold_word

    return {fold_word(w) for w in _WORD_RE.findall(key(text)) if w not in _STOP}


_PREPOSITIONS = frozenset(
    ["on", "in", "at", "by", "as", "to", "from", "with", "for", "into", "onto", "via", "through", "during"]
)
MIN_LEN_RATIO = 0.5
_COUNTABLE = frozenset({"cell", "drug_class", "specialist", "receptor"})  # kinds whose options agree in number
_LONG_PAREN_RE = re.compile(
    r"\s*\((?:[^()\s]+\s+){3,}[^()]*\)"
)  # sentence distractors must be of a similar length to the answer


@dataclass(frozen=True, slots=True)
class AnswerItem:
    """One answer found in a deck: a card's short answer, a cloze deletion or a choice option."""

    text: str
    canon: str
    kinds: tuple[str, ...]
    group: str | None
    deck_id: str
    topic: str
    note_id: str
    tags: tuple[str, ...]
    words: int
    level: str = ""
    card_id: str = ""


def nice(text: str) -> str:
    """An option as shown: plain text, no final full stop on short answers, a capital first letter."""
    t = plain(text).strip()
    t = _LONG_PAREN_RE.sub("", t).strip() or t  # "Bone remodeling (as the glossary defines it)"
    if word_count(t) <= 6:
        t = t.rstrip(".")
    if len(t) > 1 and t[0].islower() and t[1].islower():
        t = t[0].upper() + t[1:]
    return t


def agree(text: str, answer: str) -> str:
    """``text`` with its last word in the same number as ``answer``'s (Osteoclasts -> Osteoclast beside
    Osteoblast), so no option stands out by its grammar. Only for short terms."""
    from quizapp.quiz.equiv import fold_word

    aw, tw = answer.split(), text.split()
    if not aw or not tw or len(tw) > 3 or len(aw) > 3:
        return text
    a_last, t_last = aw[-1].lower(), tw[-1]
    t_low = t_last.lower()
    a_plural, t_plural = fold_word(a_last) != a_last, fold_word(t_low) != t_low
    if a_plural == t_plural or not t_last.isalpha():
        return text
    if t_plural:
        new = t_last[:-3] + "y" if t_low.endswith("ies") else t_last[:-1]
    elif len(t_last) >= 4 and t_low[-1] not in "sxzyh":
        new = t_last + "s"
    else:
        return text
    return " ".join([*tw[:-1], new])


def kinds_of(card: QCard) -> tuple[str, ...]:
    """The kinds to draw a card's distractors from, best first (glossary terms may mix across kinds)."""
    k = card.kind
    out = [k.name]
    if card.is_glossary_term_side and k.name != "term":
        out.append("term")
    return tuple(out)


class Pool:
    """Answers of the loaded cards, by kind, with the accepted alternatives that make two answers one."""

    def __init__(self, cards: Iterable[QCard]) -> None:
        self.cards: list[QCard] = sorted(cards, key=lambda c: c.id)
        self.by_id = {c.id: c for c in self.cards}
        self.by_kind: dict[str, list[AnswerItem]] = {}
        self._equiv: dict[str, set[str]] = {}
        self._tag_df: Counter[str] = Counter(t for c in self.cards for t in set(c.tags))
        self._word_df: Counter[str] = Counter(w for c in self.cards for w in _content_words(c.front))
        self._answer_df: Counter[str] = Counter(w for c in self.cards for w in _content_words(c.answer))
        self._rare = max(3, len(self.cards) // 30)
        self._common = max(self._rare + 1, len(self.cards) // 10)
        seen: set[tuple[str, str, str]] = set()
        for c in self.cards:
            for item in self._items(c):
                for kname in item.kinds:
                    sig = (kname, item.deck_id, item.canon)
                    if sig in seen:
                        continue
                    seen.add(sig)
                    self.by_kind.setdefault(kname, []).append(item)
            if c.answer:
                names = {canonical(a) for a in c.accepted}
                for n in names:
                    self._equiv.setdefault(n, set()).update(names)

    def _items(self, c: QCard) -> list[AnswerItem]:
        common = dict(deck_id=c.deck_id, topic=c.topic, note_id=c.note_id, tags=c.tags, level=c.level, card_id=c.id)
        if c.type == "choice":
            out = []
            for text, _ok in c.options:
                if plain(text).split(" ", 1)[0].lower() in _PREPOSITIONS:
                    continue  # "On stromal cells" answers a where-question, not a which-question
                k = classify(text)
                if k.known and not k.sentence:
                    out.append(self._item(text, (k.name,), k.group, **common))
            return out
        if not c.answer:
            return []
        return [self._item(c.answer, kinds_of(c), c.kind.group, **common)]

    @staticmethod
    def _item(text: str, kinds: tuple[str, ...], group: str | None, **common) -> AnswerItem:
        t = nice(text)
        return AnswerItem(text=t, canon=canonical(t), kinds=kinds, group=group, words=word_count(t), **common)

    # -- equivalence -----------------------------------------------------------
    def equivalents(self, text: str) -> set[str]:
        """Canonical keys that mean the same as ``text`` (its own, and any card's accepted alternatives)."""
        c = canonical(text)
        return {c} | self._equiv.get(c, set())

    def same(self, a: str, b: str, extra: Iterable[str] = ()) -> bool:
        ea = self.equivalents(a) | {canonical(x) for x in extra}
        return bool(ea & self.equivalents(b))

    # -- distractors -----------------------------------------------------------
    def distractors(
        self,
        card: QCard,
        n: int,
        rng: random.Random,
        *,
        answer: str | None = None,
        avoid: Iterable[str] = (),
    ) -> list[str]:
        """Up to ``n`` wrong answers of the same kind as ``card``'s answer, from its deck, then its topic.

        Never equal or equivalent to the answer (accepted alternatives included), never a partial match of
        it, never named in the question, never repeated; sentences only of a similar length."""
        answer = answer if answer is not None else card.answer
        if not answer:
            return []
        kind = card.kind if answer == card.answer else classify(answer, card.front, card.tags)
        if not kind.known:
            return []
        kinds = kinds_of(card) if answer == card.answer else (kind.name,)
        avoid_all = [answer, *card.accepted, *card.correct_options, *avoid]
        question = " " + key(card.front) + " "
        labels = lexicon().group_labels(kind.base)
        named = {g for g, labs in labels.items() if any(f" {lab} " in question for lab in labs)}
        membership = any(
            re.search(rf"\b(?:is|are) (?:an? )?{re.escape(lab)}\b", question)
            for g in named
            for lab in labels[g]
            if g == kind.group
        )
        chosen: list[AnswerItem] = []
        for kname in kinds:
            scored = []
            for item in self.by_kind.get(kname, ()):
                if item.deck_id != card.deck_id and (not item.topic or item.topic != card.topic):
                    continue
                if not self._fair(item, answer, kind, avoid_all, question, chosen):
                    continue
                if membership and item.group == kind.group:
                    continue
                score = 0.0 if item.deck_id == card.deck_id else 1.0
                if named and kind.group in named and item.group != kind.group:
                    score += 2.0  # "Which bisphosphonate ...?": other bisphosphonates first
                if kind.sentence:
                    if self._same_subject(card, item):
                        continue  # its answer may well be true here too
                    score += abs(item.words - word_count(answer)) / max(1, word_count(answer))
                    score -= 0.5 * len(set(item.tags[1:]) & set(card.tags[1:]))
                    score += 0.0 if item.level == card.level else 0.5
                scored.append((score, rng.random(), item))
            scored.sort(key=lambda s: (s[0], s[1]))
            for _s, _r, item in scored:
                if len(chosen) >= n:
                    break
                if self._fair(item, answer, kind, avoid_all, question, chosen):
                    chosen.append(item)
            if len(chosen) >= n:
                break
        if kind.base in _COUNTABLE:
            return [agree(i.text, answer) for i in chosen]
        return [i.text for i in chosen]

    def _same_subject(self, card: QCard, item: AnswerItem) -> bool:
        """Whether two sentence answers' cards are about the same thing: a shared first tag that few cards
        carry, or a shared rare word in their questions (bisphosphonates ... / ... bisphosphonate ...)."""
        other = self.by_id.get(item.card_id)
        if other is None:
            return False
        if card.tags and other.tags and card.tags[0] == other.tags[0] and self._tag_df[card.tags[0]] <= self._rare:
            return True
        return bool(self._words(card) & self._words(other))

    def _words(self, card: QCard) -> set[str]:
        return {w for w in _content_words(card.front) if self._word_df.get(w, 0) <= self._rare}

    def _says_the_same(self, a: str, b: str) -> bool:
        """Whether two sentence answers make the same point: a shared rare word, or two shared words that are
        not everywhere ("The skeleton is already vulnerable ..." / "... a skeleton that is already vulnerable")."""
        shared = _content_words(a) & _content_words(b)
        telling = [w for w in shared if self._answer_df.get(w, 0) <= self._common]  # not "bone", "estrogen"
        return len(telling) >= 2 or any(self._answer_df.get(w, 0) <= self._rare for w in shared)

    def _fair(
        self, item: AnswerItem, answer: str, kind: Kind, avoid: list[str], question: str, chosen: list[AnswerItem]
    ) -> bool:
        if any(self.same(item.text, a) for a in avoid):
            return False
        lex = lexicon()
        if any(lex.related(key(item.text), key(a)) for a in avoid[:2]):
            return False
        if not kind.sentence and any(overlaps(item.text, a) for a in avoid):
            return False
        if any(
            item.canon == c.canon
            or self.same(item.text, c.text)
            or overlaps(item.text, c.text)
            or lex.related(key(item.text), key(c.text))
            for c in chosen
        ):
            return False
        if not kind.sentence and any(len(k) > 2 and f" {k} " in question for k in (item.canon, key(item.text))):
            return False
        if kind.sentence:
            a, b = word_count(answer), item.words
            if min(a, b) / max(a, b) < MIN_LEN_RATIO:
                return False
            if self._says_the_same(item.text, answer) or any(self._says_the_same(item.text, c.text) for c in chosen):
                return False
        return True

    def same_kind_terms(self, card: QCard) -> list[str]:
        """Known answers of the same kind as ``card``'s (for telling a near miss from a different word)."""
        kind = card.kind
        if not kind.known or kind.sentence:
            return []
        out = [i.text for i in self.by_kind.get(kind.name, ())]
        kd = lexicon().kinds.get(kind.base)
        if kd:
            out.extend(sorted(kd.terms))
        acc = {canonical(a) for a in card.accepted}
        return [t for t in dict.fromkeys(out) if canonical(t) not in acc]
