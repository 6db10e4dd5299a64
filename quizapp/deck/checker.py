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


class CrossChecker:
    """Duplicate deck ids and card ids across files, fed one parsed file at a time (the later one is reported)."""

    def __init__(self) -> None:
        self.deck_ids: dict[str, str] = {}
        self.card_ids: dict[str, str] = {}

    def add(self, pd: ParsedDeck) -> None:
        if pd.meta is None:
            return
        if pd.meta.id in self.deck_ids:
            pd.problems.append(
                Problem(pd.path, 1, f"duplicate deck id {pd.meta.id!r} (also in {self.deck_ids[pd.meta.id]})")
            )
        else:
            self.deck_ids[pd.meta.id] = pd.path
        for n in pd.notes:
            if not n.explicit_id:
                continue
            first = self.card_ids.get(n.explicit_id)
            if first is not None and first.rsplit(":", 1)[0] != pd.path:
                pd.problems.append(Problem(pd.path, n.line, f"duplicate id {n.explicit_id!r} (first used at {first})"))
            elif first is None:
                self.card_ids[n.explicit_id] = f"{pd.path}:{n.line}"


def cross_check(parsed: list[ParsedDeck]) -> None:
    """Add duplicate deck-id and card-id problems across files."""
    checker = CrossChecker()
    for pd in parsed:
        checker.add(pd)


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
