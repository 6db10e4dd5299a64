"""Find deck files and check them together: per-file problems plus duplicate deck and card ids."""

from __future__ import annotations

from pathlib import Path

from quizapp.deck.parser import ParsedDeck, Problem, parse_file

SKIP_NAMES = {"readme.md"}


def find_deck_files(paths: list[str | Path]) -> tuple[list[Path], list[Problem]]:
    """Expand files and folders into deck files (``*.md``), reporting paths that do not exist."""
    out: list[Path] = []
    problems: list[Problem] = []
    seen: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(
                f
                for f in p.rglob("*.md")
                if f.is_file()
                and f.name.lower() not in SKIP_NAMES
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
        elif p.is_file():
            found = [p]
        else:
            problems.append(Problem(str(p), 0, "no such file or folder"))
            continue
        for f in found:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                out.append(f)
    return out, problems


def cross_check(parsed: list[ParsedDeck]) -> None:
    """Add duplicate deck-id and card-id problems across files (the later one is reported)."""
    deck_ids: dict[str, str] = {}
    card_ids: dict[str, str] = {}
    for pd in parsed:
        if pd.meta is None:
            continue
        if pd.meta.id in deck_ids:
            pd.problems.append(
                Problem(pd.path, 1, f"duplicate deck id {pd.meta.id!r} (also in {deck_ids[pd.meta.id]})")
            )
        else:
            deck_ids[pd.meta.id] = pd.path
        for n in pd.notes:
            if not n.explicit_id:
                continue
            where = f"{pd.path}:{n.line}"
            if n.explicit_id in card_ids and card_ids[n.explicit_id].rsplit(":", 1)[0] != pd.path:
                pd.problems.append(
                    Problem(
                        pd.path, n.line, f"duplicate id {n.explicit_id!r} (first used at {card_ids[n.explicit_id]})"
                    )
                )
            else:
                card_ids.setdefault(n.explicit_id, where)


def check_paths(paths: list[str | Path]) -> tuple[list[ParsedDeck], list[Problem]]:
    """Parse and check everything under ``paths``; returns the parsed decks and every problem, sorted."""
    files, problems = find_deck_files(paths)
    if not files and not problems:
        problems.append(Problem(str(paths[0]) if paths else ".", 0, "no deck files (*.md) found"))
    parsed = [parse_file(f) for f in files]
    cross_check(parsed)
    for pd in parsed:
        problems.extend(pd.problems)
    problems.sort(key=lambda p: (p.path, p.line))
    return parsed, problems
