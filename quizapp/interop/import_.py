"""Write an import plan as deck files (one per deck, media alongside), all together or not at all."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from quizapp.errors import UserError
from quizapp.interop.plan import ImportPlan, Progress


@dataclass
class ImportResult:
    """What an import wrote."""

    files: list[Path]
    notes: int
    cards: int
    media: int
    warnings: list[str]
    removed_elsewhere: int = 0
    history: object | None = None

    def summary(self, where: Path | None = None) -> list[str]:
        """What was written, one sentence a line (lower case, no full stop), as the CLI and the TUI tell it."""
        where = self.files[0].parent if self.files else where
        out = [
            f"imported {self.notes} note(s), {self.cards} card(s) into {len(self.files)} deck file(s) in {where}"
            + (f", {self.media} media file(s)" if self.media else "")
        ]
        if self.removed_elsewhere:
            out.append(f"moved notes out of {self.removed_elsewhere} earlier imported deck file(s)")
        h = self.history
        if h is not None and not (h.reviews or h.unmatched or h.suspended):
            out.append("history: the package holds no reviews")
        elif h is not None:
            extra = f"; {h.unmatched} review(s) of cards not imported were left out" if h.unmatched else ""
            out.append(f"history: {h.reviews} review(s) for {h.cards} card(s), {h.suspended} suspended{extra}")
        return out


def _existing_ids(dest: Path, targets: set[str], our_ids: set[str]) -> tuple[dict[str, str], list[str]]:
    """Rewrites for other imported decks under ``dest`` that hold notes now in this import (moved decks)."""
    from quizapp.deck.checker import find_deck_files
    from quizapp.deck.parser import parse_file
    from quizapp.deck.writer import deck_text

    rewrites: dict[str, str] = {}
    warnings: list[str] = []
    if not dest.is_dir():
        return rewrites, warnings
    files, _ = find_deck_files([dest])
    for f in files:
        if f.name in targets and f.parent == dest:
            continue
        if "ID: anki" not in f.read_text("utf-8", errors="replace"):
            continue
        pd = parse_file(f)
        if pd.meta is None:
            continue
        clash = [n for n in pd.notes if n.explicit_id in our_ids]
        if not clash:
            continue
        if not pd.meta.id.startswith("anki-") or pd.errors:
            warnings.append(f"{f}: holds {len(clash)} note(s) that this import also writes; remove them there")
            continue
        keep = [n for n in pd.notes if n.explicit_id not in our_ids]
        rewrites[str(f)] = deck_text(pd.meta, keep) if keep else ""
    return rewrites, warnings


class Staging:
    """Writes files into a hidden folder inside ``dest`` and swaps them in together; can undo until finished."""

    def __init__(self, dest: Path) -> None:
        self.dest = dest
        self.created = next((p for p in [dest, *dest.parents] if p.exists()), None) != dest
        self.first_new = dest
        while self.created and not self.first_new.parent.exists():
            self.first_new = self.first_new.parent
        dest.mkdir(parents=True, exist_ok=True)
        self.tmp = Path(tempfile.mkdtemp(prefix=".quizapp-import-", dir=dest))
        self.items: list[tuple[Path, Path]] = []  # (staged, target)
        self.deletes: list[Path] = []
        self.done: list[tuple[Path, Path | None]] = []  # (target, backup)

    def stage_text(self, rel: str, text: str) -> None:
        from quizapp.deck.writer import atomic_write

        p = self.tmp / "new" / rel
        atomic_write(p, text)
        self.items.append((p, self.dest / rel))

    def stage_dir(self, rel: str) -> Path:
        p = self.tmp / "new" / rel
        p.mkdir(parents=True, exist_ok=True)
        self.items.append((p, self.dest / rel))
        return p

    def stage_replace(self, target: Path, text: str) -> None:
        """Rewrite (or, with empty text, delete) a file outside this import."""
        if text:
            p = self.tmp / "new" / f"rewrite-{len(self.items)}.md"
            from quizapp.deck.writer import atomic_write

            atomic_write(p, text)
            self.items.append((p, target))
        else:
            self.deletes.append(target)

    def commit(self) -> None:
        """Move everything into place; on any failure put back what was there."""
        backup = self.tmp / "old"
        backup.mkdir(exist_ok=True)
        try:
            for k, (src, target) in enumerate([*self.items, *((None, t) for t in self.deletes)]):
                old = None
                if target.exists():
                    old = backup / f"{k}-{target.name}"
                    target.replace(old)
                self.done.append((target, old))
                if src is not None:
                    src.replace(target)
        except OSError as e:
            self.rollback()
            raise UserError(f"{self.dest}: could not write the imported decks: {e}") from None

    def rollback(self) -> None:
        for target, old in reversed(self.done):
            if target.is_dir():
                shutil.rmtree(target, ignore_errors=True)
            elif target.exists():
                target.unlink()
            if old is not None:
                old.replace(target)
        self.done = []
        self.cleanup()

    def cleanup(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)
        if self.created and not self.done:  # nothing was moved in: remove the folders this import made
            for p in [self.dest, *self.dest.parents]:
                try:
                    p.rmdir()
                except OSError:
                    break
                if p == self.first_new:
                    break


def stage(plan: ImportPlan, texts: dict[str, str], progress: Progress | None = None) -> tuple[Staging, int, int]:
    """Write the deck files, media and rewrites of moved notes into a staging folder (nothing visible yet)."""
    dest = plan.dest
    for name in texts:
        target = dest / name
        if target.exists():
            from quizapp.deck.parser import parse_file

            pd = parse_file(target)
            if pd.meta is not None and pd.meta.id != name[:-3]:
                raise UserError(f"{target}: exists and holds another deck ({pd.meta.id!r}); move it or use --into")
    our_ids = {n.explicit_id for d in plan.decks.values() for n in d.notes if n.explicit_id}
    rewrites, warns = _existing_ids(dest, set(texts), our_ids)
    plan.warnings.extend(warns)
    st = Staging(dest)
    media_count = 0
    try:
        for name, text in texts.items():
            st.stage_text(name, text)
        decks = [d for d in plan.decks.values() if d.notes and d.media and d.file_name in texts]
        total = sum(len(d.media) for d in decks)
        for d in decks:
            folder = st.stage_dir(d.media_dir)
            for src, safe in d.media.items():
                assert plan.read_media is not None
                (folder / safe).write_bytes(plan.read_media(src))
                media_count += 1
                if progress:
                    progress("Copying media", media_count, total)
        for d in plan.decks.values():
            if d.file_name in texts and not d.media and (dest / d.media_dir).is_dir():
                st.deletes.append(dest / d.media_dir)
        for path, text in rewrites.items():
            st.stage_replace(Path(path), text)
    except BaseException:
        st.cleanup()
        raise
    return st, media_count, len(rewrites)


PACKAGE_SUFFIXES = (".apkg", ".colpkg")


def run_import(
    cfg,
    file: Path,
    into: Path | None = None,
    *,
    with_history: bool = False,
    level: str | None = "fundamentals",
    progress: Progress | None = None,
    limits=None,
) -> ImportResult:
    """Import ``file`` into ``into`` (default: the user's decks folder). Nothing is left written on failure."""
    from quizapp import paths
    from quizapp.interop import plan as planning

    dest = Path(into) if into else paths.user_decks_dir(cfg.home)
    if dest.exists() and not dest.is_dir():
        raise UserError(f"{dest}: not a folder")
    is_package = file.suffix.lower() in PACKAGE_SUFFIXES or _zip_magic(file)
    pkg = col = None
    if is_package:
        plan, pkg, col = planning.from_package(file, dest, level, progress, limits)
    else:
        if with_history:
            raise UserError("--with-history needs an Anki package (.apkg or .colpkg); text files have no reviews")
        plan = planning.from_text(file, dest, level, progress)
    try:
        texts = planning.render(plan, progress)
        if not texts:
            why = "; ".join(plan.finish_warnings()) or "the file has no notes"
            raise UserError(f"{file}: nothing to import ({why})")
        st, media_count, moved = stage(plan, texts, progress)
        try:
            st.commit()
            history = None
            if with_history:
                history = _history(cfg, dest, plan, col, progress)
        except BaseException:
            st.rollback()
            raise
        st.cleanup()
    finally:
        if pkg is not None:
            pkg.close()
    notes = [n for d in plan.decks.values() if d.file_name in texts for n in d.notes]
    return ImportResult(
        files=[dest / name for name in texts],
        notes=len(notes),
        cards=sum(2 if n.type == "reversed" else len(n.cloze_groups()) if n.type == "cloze" else 1 for n in notes),
        media=media_count,
        warnings=plan.finish_warnings(),
        removed_elsewhere=moved,
        history=history,
    )


def _zip_magic(file: Path) -> bool:
    try:
        with open(file, "rb") as f:
            return f.read(4) == b"PK\x03\x04"
    except OSError:
        return False


def _history(cfg, dest: Path, plan: ImportPlan, col, progress: Progress | None):
    """Sync the new deck files and replay the package's reviews, in one transaction."""
    from quizapp.collection import open_store
    from quizapp.interop.history import import_history
    from quizapp.store.db import StoreError
    from quizapp.store.sync import sync_decks

    try:
        store = open_store(cfg)
    except StoreError as e:
        raise UserError(str(e)) from None
    try:
        dirs = cfg.deck_dirs()
        rd = dest.resolve()
        if not any(rd == d.resolve() or d.resolve() in rd.parents for d in dirs if d.exists()):
            dirs.append(dest)
        with store.tx():
            report = sync_decks(store, dirs, (lambda d, t: progress("Loading decks", d, t)) if progress else None)
            rep = import_history(store, col.revlog(), plan.card_map, plan.suspended, progress)
        plan.warnings.extend(f"deck problem: {e}" for e in report.errors if str(dest) in e)
        return rep
    finally:
        store.close()
