"""Make the committed Anki fixtures with Anki's own library: `python tests/interop/make_fixtures.py` (needs `anki`)."""

from __future__ import annotations

import struct
import sys
import tempfile
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent / "fixtures"
DAY_MS = 86_400_000
T0_MS = 1_735_700_000_000  # 2025-01-01, so the review history is the same on every run


def tiny_png(rgb: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """A real 2x2 PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + bytes(rgb) * 2 for _ in range(2))
    ihdr = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def build(col) -> None:
    """Every stock note type, an unknown one, HTML, an image, subdecks, tags, a suspended card and reviews."""
    models = col.models
    pharm = col.decks.id("Pharmacology")
    bone = col.decks.id("Pharmacology::Bone drugs")
    anat = col.decks.id("Anatomy")

    def add(model: str, deck: int, fields: dict[str, str], tags: list[str] = ()) -> object:
        note = col.new_note(models.by_name(model))
        for k, v in fields.items():
            note[k] = v
        note.tags = list(tags)
        col.add_note(note, deck)
        return note

    col.media.write_data("bone scan.png", tiny_png())
    col.media.write_data("unused.png", tiny_png((0, 0, 200)))
    n_basic = add(
        "Basic",
        bone,
        {"Front": "What do <b>osteoblasts</b> do?", "Back": "Build new bone<br>and lay down matrix &amp; mineral"},
        ["cells", "bone::remodeling"],
    )
    add("Basic", bone, {"Front": 'Which scan is this?<br><img src="bone scan.png">', "Back": "A <i>DXA</i>&nbsp;scan"})
    add("Basic", pharm, {"Front": "<div>Drug class of alendronate?</div>", "Back": "<div>Bisphosphonate</div>"})
    n_rev = add("Basic (and reversed card)", anat, {"Front": "Osteoclast", "Back": "Cell that <i>resorbs</i> bone"})
    add(
        "Basic (optional reversed card)",
        anat,
        {"Front": "RANKL", "Back": "The signal that makes osteoclasts form", "Add Reverse": "y"},
    )
    add("Basic (optional reversed card)", anat, {"Front": "OPG", "Back": "The decoy receptor for RANKL"})
    add(
        "Basic (type in the answer)",
        pharm,
        {"Front": "Which enzyme turns testosterone into estradiol?", "Back": "<b>Aromatase</b>"},
        ["enzymes"],
    )
    n_cloze = add(
        "Cloze",
        bone,
        {
            "Text": "{{c1::Denosumab::drug}} binds {{c2::RANKL}}; {{c1::it}} is given every {{c3::6 months::interval}}",
            "Back Extra": "<div>Given as a subcutaneous injection</div>",
        },
        ["drugs"],
    )
    custom = models.new("Vocab (custom)")
    for name in ("Term", "Meaning", "Example"):
        models.add_field(custom, models.new_field(name))
    tmpl = models.new_template("Card 1")
    tmpl["qfmt"] = "{{Term}}"
    tmpl["afmt"] = "{{FrontSide}}<hr id=answer>{{Meaning}}<br>{{Example}}"
    models.add_template(custom, tmpl)
    models.add_dict(custom)
    add("Vocab (custom)", anat, {"Term": "Trabecular bone", "Meaning": "Spongy inner bone", "Example": "Vertebrae"})

    # review history: answer cards for real, then move the log to fixed dates
    cards = [c for n in (n_basic, n_rev, n_cloze) for c in n.cards()]
    for rnd, ratings in enumerate(([3, 3, 1, 3], [3, 4], [1, 3, 3])):
        for card in cards:
            card = col.get_card(card.id)
            for r in ratings[: 2 + rnd % 2]:
                card.start_timer()
                col.sched.answerCard(card, r)
                card = col.get_card(card.id)
    rows = col.db.all("SELECT id FROM revlog ORDER BY id")
    for i, (rid,) in enumerate(rows):
        col.db.execute("UPDATE revlog SET id=? WHERE id=?", T0_MS + i * DAY_MS // 3, rid)
    col.sched.suspend_cards([n_rev.cards()[1].id])


def main() -> int:
    try:
        import anki.collection  # noqa: F401
        from anki.collection import Collection, ExportAnkiPackageOptions
    except ImportError:
        print("needs the 'anki' package: pip install anki", file=sys.stderr)
        return 1
    HERE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        col = Collection(str(Path(tmp) / "collection.anki2"))
        try:
            build(col)
            for legacy, name in ((False, "current.apkg"), (True, "legacy.apkg")):
                opts = ExportAnkiPackageOptions(
                    with_scheduling=True, with_deck_configs=False, with_media=True, legacy=legacy
                )
                col.export_anki_package(out_path=str(HERE / name), options=opts, limit=None)
            col.export_collection_package(str(HERE / "collection.colpkg"), include_media=True, legacy=False)
        finally:
            col.close()
    for f in sorted(HERE.iterdir()):
        print(f"{f.name}: {f.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
