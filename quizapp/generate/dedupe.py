"""Remove duplicate and near-duplicate drafts (rapidfuzz), merging what the dropped ones covered into the kept."""

from __future__ import annotations

from collections import Counter, defaultdict

from rapidfuzz import fuzz

from quizapp.generate.draft import Draft, Skip

THRESHOLD = 90.0
TERM_THRESHOLD = 95.0  # terms are short: "osteoblast" and "osteoclast" score 90 yet are different things
PROBE_TOKENS = 3  # rarest words of a text used to find candidates to compare


def _merge(kept: Draft, dup: Draft) -> None:
    where = f"line {dup.line}" if dup.doc is kept.doc else f"{dup.doc.title}, line {dup.line}"
    kept.also.append((where, dup.sentence))
    for u in dup.covers:
        if u not in kept.covers:
            kept.covers.append(u)


def dedupe(drafts: list[Draft], skips: list[Skip], threshold: float = THRESHOLD) -> list[Draft]:
    """Keep the first of each group of duplicates (same card), or near-duplicates (similar term or sentence).

    Drafts with a ``dedupe`` text are compared with rapidfuzz within their origin group; to stay fast on
    big documents, a draft is compared only with kept drafts sharing one of its rarest words.
    """
    kept: list[Draft] = []
    by_key: dict[str, Draft] = {}
    groups: dict[str, list[Draft]] = defaultdict(list)
    for d in drafts:
        key = d.note.content_key()
        if key in by_key:
            _merge(by_key[key], d)
            why = f"duplicate of the card from line {by_key[key].line}"
            skips.append(Skip(f"{d.doc.path}:{d.line}", f"{d.origin} card", why))
            continue
        by_key[key] = d
        if d.dedupe:
            groups["term" if d.origin in ("definition", "glossary") else d.origin].append(d)
        kept.append(d)
    dropped: set[int] = set()
    for group, items in groups.items():
        cutoff = max(threshold, TERM_THRESHOLD) if group == "term" else threshold
        freq = Counter(w for d in items for w in set(d.dedupe.split()))
        postings: dict[str, list[int]] = defaultdict(list)
        seen: list[Draft] = []
        for d in items:
            words = sorted(set(d.dedupe.split()), key=lambda w: (freq[w], w))[:PROBE_TOKENS]
            cands = sorted({j for w in words for j in postings.get(w, ())})
            keeper = next((seen[j] for j in cands if fuzz.ratio(d.dedupe, seen[j].dedupe, score_cutoff=cutoff)), None)
            if keeper is not None:
                _merge(keeper, d)
                dropped.add(id(d))
                why = f"near-duplicate of the card from line {keeper.line}"
                skips.append(Skip(f"{d.doc.path}:{d.line}", f"{d.origin} card", why))
                continue
            for w in set(d.dedupe.split()):
                postings[w].append(len(seen))
            seen.append(d)
    return [d for d in kept if id(d) not in dropped]
