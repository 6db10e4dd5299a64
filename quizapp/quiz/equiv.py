"""When two answers mean the same: comparison keys with case, accents, plurals, numbers and synonyms folded."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# A number with an optional sign (only at a word start, so IL-6 stays six) and decimals.
_NUM_RE = re.compile(r"(?<![\w.])([+\-−](?=\d))?(\d+)(?:\.(\d+))?(?!\d)")
_ARTICLES = ("the ", "a ", "an ")
_PUNCT_RE = re.compile(r"[^\w\s]|_")
_GREEK = {"α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "κ": "kappa"}


def normalise(text: str) -> str:
    """Lower case, accents and punctuation removed, white space collapsed; Greek letters spelled out."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    for letter, name in _GREEK.items():
        text = text.replace(letter, f" {name} ")
    text = _PUNCT_RE.sub(" ", text.lower())
    return " ".join(text.split())


_MARKDOWN_RE = re.compile(r"(\*\*|__|`|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w))")


@lru_cache(maxsize=65536)
def plain(text: str) -> str:
    """Card Markdown reduced to the plain text an option shows: emphasis marks dropped, spaces collapsed."""
    return " ".join(_MARKDOWN_RE.sub("", text).split())


def _number(m: re.Match[str]) -> str:
    sign, whole, frac = m.group(1), m.group(2), (m.group(3) or "").rstrip("0")
    word = str(int(whole)) + (f"d{frac}" if frac else "")
    if sign and sign != "+" and (int(whole) or frac):
        word = "minus " + word
    return f" {word} "


def fold_word(word: str) -> str:
    """A crude singular: osteoblasts -> osteoblast, therapies -> therapy; short words and -ss/-us/-is stay."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ys")):
        return word[:-1]
    return word


@lru_cache(maxsize=65536)
def key(text: str) -> str:
    """The comparison key of an answer: normalised, numbers canonical (-2.0% == -2 %), plurals folded,
    a leading article and a final full stop dropped."""
    text = plain(text).replace("%", " percent ")
    text = _NUM_RE.sub(_number, text)
    words = normalise(text).split()
    out = " ".join(fold_word(w) for w in words)
    for art in _ARTICLES:
        if out.startswith(art) and len(out) > len(art):
            out = out[len(art) :]
            break
    return out


def canonical(text: str) -> str:
    """The key with lexicon synonyms mapped to one representative (oestrogen -> estrogen, OPG -> osteoprotegerin)."""
    from quizapp.quiz.lexicon import lexicon

    k = key(text)
    return lexicon().synonym_of(k)


def same_meaning(a: str, b: str, accepted: tuple[str, ...] = ()) -> bool:
    """True when ``a`` and ``b`` are the same answer: equal keys, lexicon synonyms, or ``a`` accepted for ``b``."""
    ka, kb = canonical(a), canonical(b)
    if ka == kb:
        return True
    return any(canonical(x) == ka for x in accepted)


def overlaps(a: str, b: str) -> bool:
    """True when one short answer's words contain the other's (IL-6 in "IL-6 and TNF-alpha"): a partial match."""
    wa, wb = set(canonical(a).split()), set(canonical(b).split())
    if not wa or not wb or len(wa) > 6 or len(wb) > 6:
        return False
    return wa <= wb or wb <= wa
