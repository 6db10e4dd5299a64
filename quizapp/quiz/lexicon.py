"""The curated lexicon of answer kinds (kinds.toml): terms, suffixes, patterns, groups and synonyms."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from quizapp.quiz.equiv import fold_word, key

_CHANGE_WORDS = frozenset(
    [
        "less",
        "more",
        "fewer",
        "greater",
        "higher",
        "lower",
        "increased",
        "decreased",
        "reduced",
        "raised",
        "lowered",
        "rising",
        "falling",
    ]
)
_PREPOSITIONS = frozenset(
    ["in", "of", "on", "at", "from", "for", "with", "by", "to", "into", "within", "without", "under", "over"]
)


@dataclass
class KindDef:
    """One kind of answer (drug, cell, cytokine ...) as the lexicon defines it."""

    name: str
    terms: frozenset[str] = frozenset()
    suffixes: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()
    patterns: tuple[re.Pattern[str], ...] = ()
    not_terms: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    generic: frozenset[str] = frozenset()
    binary: bool = False
    groups: dict[str, KindDef] = field(default_factory=dict)
    labels: tuple[str, ...] = ()

    def matches_term(self, k: str) -> bool:
        return k in self.terms

    def matches_word(self, word: str) -> bool:
        if word in self.not_terms:
            return False
        if any(word.endswith(s) and len(word) > len(s) + 1 for s in self.suffixes):
            return True
        return any(word.startswith(p) and len(word) > len(p) for p in self.prefixes)

    def matches_pattern(self, k: str) -> bool:
        return any(p.search(k) for p in self.patterns)

    def group_of(self, k: str) -> str | None:
        last = k.split()[-1] if k else ""
        for name, g in self.groups.items():
            if g.matches_term(k) or g.matches_word(last) or g.matches_word(k.replace(" ", "")):
                return name
        return None


class Lexicon:
    """All kinds in file order, plus synonym groups and meaning-changing affixes."""

    def __init__(self, data: dict) -> None:
        self.kinds: dict[str, KindDef] = {}
        for name, raw in data.get("kinds", {}).items():
            self.kinds[name] = _kind(name, raw)
        self._synonym: dict[str, str] = {}
        self.synonym_groups: list[tuple[str, ...]] = []
        for group in data.get("synonyms", []):
            self._add_synonyms(group)
        for kd in self.kinds.values():
            for group in kd_synonyms(data, kd.name):
                self._add_synonyms(group)
        self.confusable_affixes: list[tuple[str, ...]] = [tuple(g) for g in data.get("confusable_affixes", [])]
        self._related: dict[str, set[int]] = {}
        for i, group in enumerate(data.get("related", [])):
            for t in group:
                self._related.setdefault(key(t), set()).add(i)
        self.all_terms: dict[str, str] = {}
        for kd in self.kinds.values():
            for t in kd.terms:
                self.all_terms.setdefault(t, kd.name)
        # lookup tables, in file order (the first kind to claim a term wins)
        self._term_kind = dict(self.all_terms)
        self._head_kind = {t: n for t, n in self.all_terms.items() if not self.kinds[n].binary}
        self._patterned = [kd for kd in self.kinds.values() if kd.patterns]
        self._suffixed = [kd for kd in self.kinds.values() if (kd.suffixes or kd.prefixes) and not kd.binary]
        self._memo: dict[tuple[str, bool], tuple[str, str | None] | None] = {}

    def _add_synonyms(self, group: list[str]) -> None:
        keys = tuple(dict.fromkeys(key(t) for t in group))
        rep = self._synonym.get(keys[0], keys[0])
        for k in keys:
            self._synonym.setdefault(k, rep)
        self.synonym_groups.append(keys)

    def related(self, a: str, b: str) -> bool:
        """Whether two answer keys are listed as too close in meaning to be each other's distractors."""
        ga, gb = self._related.get(a), self._related.get(b)
        return bool(ga and gb and ga & gb)

    def synonym_of(self, k: str) -> str:
        """The representative of ``k``'s synonym group (``k`` itself when it has none)."""
        return self._synonym.get(k, k)

    def kind_of_key(self, k: str, *, whole_only: bool = False) -> tuple[str, str | None] | None:
        """(kind, group) for a short answer's key, or None when the lexicon does not know it (memoised)."""
        memo = (k, whole_only)
        if memo not in self._memo:
            self._memo[memo] = self._kind_of_key(k, whole_only)
        return self._memo[memo]

    def _kind_of_key(self, k: str, whole_only: bool) -> tuple[str, str | None] | None:
        if not k:
            return None
        words = k.split()
        # the head noun: the last word before a preposition ("pain in the joints" -> "pain")
        cut = next((i for i, w in enumerate(words) if w in _PREPOSITIONS and i > 0), len(words))
        last = words[cut - 1]
        name = self._term_kind.get(k) or self._term_kind.get(self.synonym_of(k))
        if name is None:
            name = next((kd.name for kd in self._patterned if kd.matches_pattern(k)), None)
        # "Inducing osteoblast apoptosis", "Less apoptosis": an action or a change, not the thing itself
        action = len(words) > 1 and (words[0].endswith("ing") or words[0] in _CHANGE_WORDS)
        if name is None and not (action or whole_only) and len(words) <= 4:
            name = self._head_kind.get(last)
            if name is None:
                name = next((kd.name for kd in self._suffixed if kd.matches_word(last)), None)
        return (name, self.kinds[name].group_of(k)) if name else None

    def kinds_named_in(self, text: str) -> set[str]:
        """Kinds with a specific term (not a generic one like "cell") among the words of ``text``."""
        words = key(text).split()
        out: set[str] = set()
        for size in (1, 2, 3):
            for i in range(len(words) - size + 1):
                phrase = " ".join(words[i : i + size])
                for kd in self.kinds.values():
                    if phrase in kd.terms and phrase not in kd.generic:
                        out.add(kd.name)
        return out

    def kind_of_tag(self, tags: tuple[str, ...]) -> str | None:
        for kd in self.kinds.values():
            if kd.tags & set(tags):
                return kd.name
        return None

    def group_labels(self, kind: str) -> dict[str, tuple[str, ...]]:
        kd = self.kinds.get(kind)
        return {n: g.labels for n, g in kd.groups.items()} if kd else {}


def kd_synonyms(data: dict, name: str) -> list[list[str]]:
    return data.get("kinds", {}).get(name, {}).get("synonyms", [])


def _fold_all(items) -> frozenset[str]:
    return frozenset(key(t) for t in items)


def _kind(name: str, raw: dict) -> KindDef:
    groups = {g: _kind(f"{name}.{g}", graw) for g, graw in raw.get("groups", {}).items()}
    return KindDef(
        name=name,
        terms=_fold_all(raw.get("terms", [])),
        suffixes=tuple(fold_word(s) if " " not in s else s for s in raw.get("suffixes", [])),
        prefixes=tuple(raw.get("prefixes", [])),
        patterns=tuple(re.compile(p) for p in raw.get("patterns", [])),
        not_terms=_fold_all(raw.get("not_terms", [])),
        tags=frozenset(raw.get("tags", [])),
        generic=_fold_all(raw.get("generic", [])),
        binary=bool(raw.get("binary", False)),
        groups=groups,
        labels=tuple(key(x) for x in raw.get("label", [])),
    )


def load(path: str | Path | None = None) -> Lexicon:
    """Read a lexicon file (the shipped kinds.toml by default)."""
    if path is None:
        text = resources.files("quizapp.quiz").joinpath("kinds.toml").read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    return Lexicon(tomllib.loads(text))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The shipped lexicon, read once."""
    return load()
