"""Split running text into sentences (with offsets) and words; small text helpers shared by the extractors."""

from __future__ import annotations

import functools
import hashlib
import random
import re

ABBREVIATIONS = {"e.g", "i.e", "vs", "etc", "et al", "dr", "mr", "mrs", "ms", "fig", "no", "vol", "approx", "ca", "cf"}
SENT_END_RE = re.compile(r"[.!?…]+[\"”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])")
WORD_RE = re.compile(r"[^\W_]+(?:[-/'’.][^\W_]+)*")
SECOND_PERSON_RE = re.compile(r"\b(you|your|yours|yourself)\b", re.I)


def split_sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs; a full stop after a known abbreviation or a single letter does not end one."""
    out: list[tuple[int, str]] = []
    start = 0
    for m in SENT_END_RE.finditer(text):
        before = text[start : m.start()]
        last = before.rsplit(None, 1)[-1].lower().rstrip(".") if before.strip() else ""
        if m.group(0).startswith(".") and (last in ABBREVIATIONS or (len(last) == 1 and last.isalpha())):
            continue
        if before.lower().endswith(" et al"):
            continue
        end = m.end()
        sent = text[start:end].strip()
        if sent:
            out.append((start + (len(text[start:end]) - len(text[start:end].lstrip())), sent))
        start = end
    rest = text[start:]
    if rest.strip():
        out.append((start + (len(rest) - len(rest.lstrip())), rest.strip()))
    return out


def first_sentence(text: str) -> str:
    s = split_sentences(text)
    return s[0][1] if s else text.strip()


def words(text: str) -> list[str]:
    return WORD_RE.findall(text)


def word_count(text: str) -> int:
    return len(text.split())


def norm(text: str) -> str:
    """Lower case, single spaces, no surrounding punctuation: for comparing texts."""
    return " ".join(WORD_RE.findall(text.lower()))


@functools.lru_cache(maxsize=200_000)
def singular(word: str) -> str:
    w = word.lower()
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


@functools.lru_cache(maxsize=100_000)
def term_key(term: str) -> str:
    """A term's identity: lower case, each word singular, parentheticals dropped."""
    base = re.sub(r"\([^)]*\)", " ", term)
    return " ".join(singular(w) for w in WORD_RE.findall(base))


def word_spans(text: str) -> list[tuple[str, int, int]]:
    """(singular lower-case word, start, end) for each word of ``text``."""
    return [(singular(m.group(0)), m.start(), m.end()) for m in WORD_RE.finditer(text)]


def phrase_spans(text: str, phrase: str) -> list[tuple[int, int]]:
    """Where ``phrase``'s words occur in ``text`` as a run of whole words (case and plural aside)."""
    want = [singular(w) for w in WORD_RE.findall(phrase)]
    if not want or want[0][: max(1, min(4, len(want[0]) - 1))] not in text.lower():
        return []
    have = word_spans(text)
    n = len(want)
    return [
        (have[i][1], have[i + n - 1][2]) for i in range(len(have) - n + 1) if [h[0] for h in have[i : i + n]] == want
    ]


def rng_for(*parts: str) -> random.Random:
    """A random generator seeded from text, so every run makes the same choices."""
    seed = hashlib.blake2b("\x1f".join(parts).encode(), digest_size=8).digest()
    return random.Random(int.from_bytes(seed, "big"))


def capitalize(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def clip_words(text: str, limit: int) -> str:
    """At most ``limit`` words, cut at a clause boundary when one is near, marked with an ellipsis."""
    ws = text.split()
    if len(ws) <= limit:
        return text
    cut = " ".join(ws[:limit])
    for sep in (";", ",", " ("):
        k = cut.rfind(sep)
        if k > len(cut) // 2:
            return cut[:k].rstrip(" ,;") + " …"
    return cut.rstrip(" ,;") + " …"
