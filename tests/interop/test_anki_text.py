"""Anki's text format: header directives, plain CSV/TSV, and imports from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.collection import Config
from quizapp.deck.checker import check_paths
from quizapp.deck.parser import parse_file
from quizapp.errors import UserError
from quizapp.interop.anki_text import read_text_file
from quizapp.interop.import_ import run_import


def _write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def _import(tmp_path: Path, f: Path):
    home = tmp_path / "home"
    res = run_import(Config(data_dir=home, bundled=False), f)
    notes = [n for p in res.files for n in parse_file(p).notes]
    assert check_paths([home / "decks"])[1] == []
    return res, notes


def test_headers(tmp_path):
    f = _write(
        tmp_path,
        "in.txt",
        "#separator:Semicolon\n#html:true\n#notetype:Basic (and reversed card)\n#deck:Med::Bones\n"
        "#tags:imported bones\n#columns:Front;Back;Tags;GUID\n#guid column:4\n"
        "Osteoclast;Cell that <b>resorbs</b>;extra;gX1\n",
    )
    tf = read_text_file(f)
    assert (tf.separator, tf.html, tf.notetype, tf.deck) == (";", True, "Basic (and reversed card)", "Med::Bones")
    (row,) = tf.rows
    assert row.fields == ["Osteoclast", "Cell that <b>resorbs</b>"]
    assert (row.tags, row.guid, row.line) == (["imported", "bones", "extra"], "gX1", 8)
    res, notes = _import(tmp_path, f)
    assert [p.name for p in res.files] == ["anki-med--bones.md"]
    (n,) = notes
    assert (n.type, n.back, n.explicit_id) == ("reversed", "Cell that **resorbs**", "anki-gX1")


def test_plain_two_column_csv(tmp_path):
    f = _write(tmp_path, "Cell biology.csv", 'Which cells build bone?,Osteoblasts\n"Q, with comma","A ""quoted"""\n')
    tf = read_text_file(f)
    assert tf.separator == "," and tf.html is None
    assert [r.fields for r in tf.rows] == [
        ["Which cells build bone?", "Osteoblasts"],
        ["Q, with comma", 'A "quoted"'],
    ]
    res, notes = _import(tmp_path, f)
    assert [p.name for p in res.files] == ["anki-cell-biology.md"]
    assert [n.type for n in notes] == ["basic", "basic"]
    assert all(n.explicit_id.startswith("txt-") for n in notes)


def test_plain_tsv_keeps_text_literal(tmp_path):
    f = _write(tmp_path, "t.tsv", '2 * 3 < 7\tyes_really\nline\t"two\nlines"\n')
    _, notes = _import(tmp_path, f)
    assert notes[0].front == "2 \\* 3 < 7" and notes[0].back == "yes\\_really"
    assert notes[1].back == "two\n\nlines"


def test_html_false_escapes_tags(tmp_path):
    f = _write(tmp_path, "t.csv", "#html:false\n<b>not bold</b>,b\n")
    _, notes = _import(tmp_path, f)
    assert notes[0].front == "\\<b>not bold\\</b>"


def test_cloze_notetype_and_columns(tmp_path):
    f = _write(
        tmp_path,
        "c.txt",
        "#separator:tab\n#html:true\n#notetype column:1\n#deck column:2\n"
        "Cloze\tDrugs\t{{c1::Denosumab}} binds {{c2::RANKL::protein}}\tSubcutaneous\n"
        "Basic (type in the answer)\tDrugs\tEnzyme?\tAromatase\n"
        "Fancy type\tOther\tfront\tback\n",
    )
    res, notes = _import(tmp_path, f)
    assert sorted(p.name for p in res.files) == ["anki-drugs.md", "anki-other.md"]
    types = {n.type for n in notes}
    assert types == {"cloze", "typed", "basic"}
    assert any("'Fancy type'" in w for w in res.warnings)
    cloze = next(n for n in notes if n.type == "cloze")
    assert cloze.explanation == "Subcutaneous" and len(cloze.cards("x")) == 2


def test_anki_own_export_format(tmp_path):
    # what Anki's "Notes in Plain Text" export writes
    f = _write(
        tmp_path,
        "anki.txt",
        "#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n#tags column:6\n"
        "d3|vED@BTS\tBasic\tTop::Sub\thi <b>x</b>\tthere\ta::b t1\n"
        'xAr/__u@Tz\tCloze\tOther\ta {{c1::b::hint}} and {{c2::c}}\t"x, ""y""\nz"\tt2\n',
    )
    _, notes = _import(tmp_path, f)
    ids = {n.explicit_id for n in notes}
    assert ids == {"anki-d3_7cvED_40BTS", "anki-xAr_2f_5f_5fu_40Tz"}
    cloze = next(n for n in notes if n.type == "cloze")
    # in HTML a raw newline is only a space (Anki shows it so too)
    assert cloze.explanation == 'x, "y" z' and cloze.tags == ["t2"]


def test_duplicate_first_field_later_row_wins(tmp_path):
    f = _write(tmp_path, "d.csv", "Same question,first\nother,x\nSame  question,second\n")
    res, notes = _import(tmp_path, f)
    assert [(n.front, n.back) for n in notes] == [("other", "x"), ("Same question", "second")]
    assert any(":3: same first field as line 1" in w for w in res.warnings)


def test_reimport_text_keeps_ids(tmp_path):
    f = _write(tmp_path, "d.csv", "Q1,A1\nQ2,A2\n")
    _, first = _import(tmp_path, f)
    f.write_text("Q1,A1 corrected\nQ2,A2\n", encoding="utf-8")
    _, second = _import(tmp_path, f)
    assert [n.explicit_id for n in first] == [n.explicit_id for n in second]
    assert second[0].back == "A1 corrected"


@pytest.mark.parametrize(
    ("text", "msg"),
    [
        ("#separator:Weird\na,b\n", "t.csv:1: unknown separator 'Weird'"),
        ("#html:maybe\na,b\n", "t.csv:1: '#html:' takes true or false, not 'maybe'"),
        ("#guid column:x\na,b\n", "t.csv:1: a column number must be 1 or more, not 'x'"),
        ("#guid column:5\na,b\n", "t.csv:2: a '#... column:' header points past the 2 column(s)"),
        ("#separator:tab\n#columns:Front\tBack\na\tb\tc\n", "t.csv:3: expected 2 columns separated by tab, found 3"),
        ("#separator:comma\n", "t.csv:2: no notes in the file"),
    ],
)
def test_bad_files(tmp_path, text, msg):
    f = _write(tmp_path, "t.csv", text)
    with pytest.raises(UserError) as e:
        read_text_file(f)
    assert str(e.value) == f"{tmp_path}/{msg}" or str(e.value).startswith(f"{tmp_path}/{msg}")


def test_not_utf8(tmp_path):
    f = tmp_path / "t.csv"
    f.write_bytes(b"a,b\nc,\xff\n")
    with pytest.raises(UserError, match=r"t.csv:2: file is not valid UTF-8"):
        read_text_file(f)


def test_csv_images_from_the_same_folder(tmp_path):
    from tests.interop.make_fixtures import tiny_png

    (tmp_path / "pic.png").write_bytes(tiny_png())
    f = _write(tmp_path, "i.csv", '#html:true\n"<img src=""pic.png"">",a picture\n"<img src=""../x.png"">",nope\n')
    res, notes = _import(tmp_path, f)
    assert notes[0].front == "![](anki-i_media/pic.png)"
    assert (tmp_path / "home" / "decks" / "anki-i_media" / "pic.png").exists()
    assert res.media == 1
