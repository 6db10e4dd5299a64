"""Answer kinds: what sort of thing an answer is (drug, cell, percentage, a "why" sentence ...)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from quizapp.quiz.equiv import key, plain
from quizapp.quiz.lexicon import lexicon

SHORT_WORDS = 5  # answers up to this many words are terms or phrases; longer ones are sentences
_PAREN_RE = re.compile(r"\s*\([^()]*\)")
_LIST_SPLIT_RE = re.compile(r"\s*(?:,\s*(?:and|or)\s+|,\s*|\s+and\s+|\s+or\s+|\s*/\s*|\s*;\s*)\s*")
_PERCENT_RE = re.compile(r"^(?:minus )?\d+(?:d\d+)? percent$")
_NUMBER_RE = re.compile(r"^(?:about |around |approximately )?(?:minus )?\d+(?:d\d+)?((?: [a-z]+){0,2})$")
_YESNO_RE = re.compile(r"^\s*(yes|no)\b[.,;:!]?", re.I)
_SEVERAL_RE = re.compile(r"\b(?:two|three|four|five|six|both|several|list|name all|which .* are)\b")
_LEAD_RE = re.compile(
    r"^(?:in plain words|in simple terms|(?:according to|per|in|for|on|at|during|after|before|under|within)"
    r" [^,?]{1,60}),\s*",
    re.I,
)
_STEMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("expansion", re.compile(r"\b(?:stand for|short for|spell out|full name|abbreviation)\b")),
    ("definition", re.compile(r"^(?:what (?:is|are) (?:an? |the )?[\w -]{1,40}\?$|what is meant by\b|define\b)")),
    ("administration", re.compile(r"^(?:by what route|how (?:is|are|should) .* (?:given|taken|administered))\b")),
    ("how-often", re.compile(r"^(?:how often|how frequently|at what interval)\b")),
    ("quantity", re.compile(r"^(?:how (?:many|much|long|large)|what (?:percentage|proportion|dose|strength))\b")),
    ("why", re.compile(r"^(?:why|for what reason|what rationale)\b")),
    ("who", re.compile(r"^(?:who|whom|for whom|which (?:people|patients?|group|population)|in whom)\b")),
    ("where", re.compile(r"^(?:where|at which (?:site|sites)|in which (?:tissue|organ))\b")),
    ("when", re.compile(r"^(?:when|at what (?:age|point|time))\b")),
    ("effect", re.compile(r"^(?:what happens|what (?:effect|does .* do to)|how does .* affect)\b")),
    ("describe", re.compile(r"^how (?:does|do|did) .*\b(?:describe|characteri[sz]e|portray|compare|call|define)\b")),
    ("how", re.compile(r"^(?:how|in what way|by what (?:means|mechanism))\b")),
    ("yesno", re.compile(r"^(?:is|are|can|could|does|do|should|will|would|has|have)\b")),
)


@dataclass(frozen=True, slots=True)
class Kind:
    """An answer's kind. ``name`` is a lexicon kind (``drug``), a shape (``percent``, ``number:mg``,
    ``yesno``), a list of one kind (``cytokine*2``), a sentence answering a kind of question
    (``sentence:why``) or ``phrase`` (a short answer nothing is known about)."""

    name: str
    group: str | None = None
    binary: bool = False

    @property
    def known(self) -> bool:
        """Whether answers of this kind make fair distractors for each other."""
        return self.name != "phrase"

    @property
    def sentence(self) -> bool:
        return self.name.startswith("sentence:")

    @property
    def base(self) -> str:
        return self.name.split("*")[0].split(":")[0]


PHRASE = Kind("phrase")


def question_stem(question: str) -> str:
    """What sort of question this is (why, how, who, how-often ...), from its first words."""
    q = " ".join(plain(question).split()).strip()
    for _ in range(2):
        q = _LEAD_RE.sub("", q)
    low = q.lower()
    for name, rx in _STEMS:
        if rx.search(low):
            return name
    return "several" if _SEVERAL_RE.search(low) else "what"


def head(text: str) -> tuple[str, str]:
    """An answer split before its first comma, semicolon, colon or dash: (head, rest)."""
    t = plain(text)
    m = re.search(r"[,;:]|\s[-–—]\s", t)
    if not m:
        return t.strip().rstrip("."), ""
    return t[: m.start()].strip().rstrip("."), t[m.start() :]


def asks_for_several(question: str) -> bool:
    """Whether a question wants more than one thing ("Which two ...", "both", "list")."""
    return bool(_SEVERAL_RE.search(plain(question).lower()))


def word_count(text: str) -> int:
    return len(plain(text).split())


def classify(text: str, question: str = "", tags: tuple[str, ...] = ()) -> Kind:
    """The kind of the answer ``text`` to ``question`` (a card's tags may name a kind for short answers)."""
    t = plain(text).strip()
    if _YESNO_RE.match(t) and (word_count(t) > 1 or question_stem(question) == "yesno"):
        return Kind("yesno", binary=True)
    bare = _PAREN_RE.sub("", t).strip().rstrip(".").strip()
    k = key(bare)
    if not k:
        return PHRASE
    if _PERCENT_RE.match(k):
        return Kind("percent")
    m = _NUMBER_RE.match(k)
    if m:
        return Kind("number:" + m.group(1).strip())
    n_words = len(k.split())
    lex = lexicon()
    if n_words <= SHORT_WORDS + 2:
        parts = [p for p in _LIST_SPLIT_RE.split(bare) if p]
        if 2 <= len(parts) <= 4 and not lex.kind_of_key(k, whole_only=True):
            kinds = {lex.kind_of_key(key(p)) for p in parts}
            names = {h[0] for h in kinds if h}
            if None not in kinds and len(names) == 1:
                return Kind(f"{names.pop()}*{len(parts)}")
    if n_words <= SHORT_WORDS:
        hit = lex.kind_of_key(k)
        if hit:
            return Kind(hit[0], hit[1], lex.kinds[hit[0]].binary)
        if n_words <= 3:
            tag_kind = lex.kind_of_tag(tuple(tags))
            if tag_kind:
                return Kind(tag_kind)
        if n_words < SHORT_WORDS:
            return PHRASE
    return Kind("sentence:" + question_stem(question))


def list_parts(text: str) -> list[str]:
    """The members of a list answer ("TNF-α and IL-1" -> ["TNF-α", "IL-1"])."""
    bare = _PAREN_RE.sub("", plain(text)).strip().rstrip(".")
    return [p for p in _LIST_SPLIT_RE.split(bare) if p]
