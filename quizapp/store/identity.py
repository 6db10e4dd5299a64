"""Card identity during sync: explicit ids, fingerprints, and matching edited cards to their history."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizapp.store.deck_rows import DeckRows

SAME_DECK_CUTOFF = 80.0
OTHER_DECK_CUTOFF = 90.0
CHUNK = 500


def resolve_ids(
    conn, decks: list[DeckRows], changed_paths: set[str], claimed: set[str] | None = None, lookup: bool = True
) -> list[list[str]]:
    """A note id for every note: explicit, known fingerprint, similar removed card, or new.

    An implicit note's id is ``~`` + its fingerprint when first seen; ``note_keys`` only records the
    fingerprints that map elsewhere (after an edit was matched to an existing card). ``lookup=False`` skips
    the stored cards (a first load into an empty store, where only ``claimed`` can clash).
    """
    out: list[list[str]] = [[""] * len(pd.notes) for pd in decks]
    claimed = set() if claimed is None else claimed
    pending: list[tuple[int, int, str]] = []
    keys: dict[tuple[int, int], str] = {}
    for di, pd in enumerate(decks):
        for ni, n in enumerate(pd.notes):
            if n.explicit_id:
                out[di][ni] = n.explicit_id
                claimed.add(n.explicit_id)
            else:
                keys[(di, ni)] = n.key
    mapping: dict[str, str] = {}
    known: set[str] = set()
    if lookup and keys and conn.execute("SELECT 1 FROM cards LIMIT 1").fetchone():
        all_keys = list(set(keys.values()))
        for i in range(0, len(all_keys), CHUNK):
            part = all_keys[i : i + CHUNK]
            q = ",".join("?" * len(part))
            mapping.update(conn.execute(f"SELECT key, note_id FROM note_keys WHERE key IN ({q})", part).fetchall())
            known.update(
                r[0]
                for r in conn.execute(
                    f"SELECT DISTINCT note_id FROM cards WHERE note_id IN ({q})", ["~" + k for k in part]
                )
            )
    for (di, ni), key in keys.items():
        nid = mapping.get(key) or ("~" + key if "~" + key in known else None)
        if nid and nid not in claimed:
            out[di][ni] = nid
            claimed.add(nid)
        else:
            pending.append((di, ni, key))
    if lookup and pending and known | set(mapping.values()) | _has_orphans(conn, changed_paths):
        _match_orphans(conn, decks, pending, out, claimed, changed_paths)
    aliases = []
    for di, ni, key in pending:
        if not out[di][ni]:
            nid = "~" + key
            k = 2
            while nid in claimed:
                nid = f"~{key}-{k}"
                k += 1
            out[di][ni] = nid
            claimed.add(nid)
        if out[di][ni] != "~" + key:
            aliases.append((key, out[di][ni]))
    if aliases:
        conn.executemany("INSERT OR REPLACE INTO note_keys(key, note_id) VALUES (?, ?)", aliases)
    return out


def _has_orphans(conn, changed_paths: set[str]) -> set[str]:
    """A non-empty set when some card could be matched (a removed card, or one in a changed file)."""
    if conn.execute("SELECT 1 FROM cards WHERE path IS NULL LIMIT 1").fetchone():
        return {"removed"}
    for p in changed_paths:
        if conn.execute("SELECT 1 FROM cards WHERE path=? LIMIT 1", (p,)).fetchone():
            return {"changed"}
    return set()


def _match_orphans(conn, decks, pending, out, claimed: set[str], changed_paths: set[str]) -> None:
    """Give an unknown note the id of a similar card that just disappeared or was removed earlier."""
    qp = ",".join("?" * len(changed_paths)) or "''"
    rows = conn.execute(
        "SELECT note_id, type, deck_id, front || ' ' || back FROM cards"
        f" WHERE ord=0 AND explicit=0 AND (path IS NULL OR path IN ({qp}))",
        list(changed_paths),
    ).fetchall()
    orphans = [r for r in rows if r[0] not in claimed]
    if not orphans:
        return
    from rapidfuzz import fuzz, process

    by_type: dict[str, list[tuple[str, str | None, str]]] = {}
    for nid, typ, deck_id, text in orphans:
        by_type.setdefault(typ, []).append((nid, deck_id, text))
    for di, ni, _key in pending:
        deck = decks[di]
        note = deck.notes[ni]
        cands = [c for c in by_type.get(note.type, []) if c[0] not in claimed]
        if not cands:
            continue
        text = deck.first_text(note)
        best = None
        for same in (True, False):
            pool = [c for c in cands if (c[1] == deck.meta.id) == same]
            if not pool:
                continue
            cutoff = SAME_DECK_CUTOFF if same else OTHER_DECK_CUTOFF
            hit = process.extractOne(text, [c[2] for c in pool], scorer=fuzz.ratio, score_cutoff=cutoff)
            if hit:
                best = pool[hit[2]][0]
                break
        if best:
            out[di][ni] = best
            claimed.add(best)
