"""``quizapp generate``: writes a checked draft, prints the run report, and refuses bad input in one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.deck.checker import check_paths


def run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out, err = capsys.readouterr()
    return exc.value.code, out, err


def test_generate_writes_a_deck_that_checks_clean(tmp_path, capsys, fixture_path):
    out = tmp_path / "decks" / "tides.md"
    code, stdout, _ = run(capsys, "generate", str(fixture_path("tides.txt")), "-o", str(out), "--level", "academic")
    assert code == 0, stdout
    assert stdout.startswith(f"Wrote {out}: ") and "(check: ok)" in stdout
    assert "coverage:  table rows 3/3, definition bullets 3/3, glossary entries 2/2, step lists 1/1" in stdout
    assert "boilerplate section (References)" in stdout
    parsed, problems = check_paths([out])
    assert problems == [] and parsed[0].meta.id == "tides" and parsed[0].meta.title == "Tides and the Moon"


def test_generate_json_report(tmp_path, capsys, fixture_path):
    out = tmp_path / "v.md"
    code, stdout, _ = run(capsys, "generate", str(fixture_path("volcanoes.html")), "-o", str(out), "--json")
    assert code == 0
    report = json.loads(stdout)
    assert report["output"] == str(out)
    assert report["cards"]["total"] == sum(report["cards"]["by_type"].values()) > 0
    assert report["documents"][0]["format"] == "html"
    assert report["well_formed"]["share"] >= 0.95
    assert any(s["why"].startswith("boilerplate") for s in report["skipped"])


def test_generate_several_documents_with_title(tmp_path, capsys, fixture_path):
    out = tmp_path / "mix.md"
    args = ["generate", str(fixture_path("tides.txt")), str(fixture_path("sourdough.md")), "-o", str(out)]
    code, _, _ = run(capsys, *args, "--title", "Mixed bag")
    assert code == 0
    parsed, problems = check_paths([out])
    assert problems == []
    assert parsed[0].meta.title == "Mixed bag" and len(parsed[0].meta.sources) == 2


def test_generate_will_not_overwrite_edits_without_force(tmp_path, capsys, fixture_path):
    out = tmp_path / "t.md"
    doc = str(fixture_path("tides.txt"))
    assert run(capsys, "generate", doc, "-o", str(out))[0] == 0
    assert run(capsys, "generate", doc, "-o", str(out))[0] == 0  # same text: fine
    out.write_text(out.read_text() + "\n# My edits\n")
    code, _, err = run(capsys, "generate", doc, "-o", str(out))
    assert code == 1 and err == f"quizapp: {out} exists; use --force to overwrite it (your edits there would be lost)\n"
    assert "My edits" in out.read_text()
    assert run(capsys, "generate", doc, "-o", str(out), "--force")[0] == 0
    assert "My edits" not in out.read_text()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.txt", None, "missing.txt: no such file"),
        ("empty.txt", b"  \n\n", "empty.txt: the document is empty"),
        (
            "blob.txt",
            b"\x7fELF\x00\x01\x02binary",
            "blob.txt: looks like a binary file, not a text, Markdown or HTML document",
        ),
        ("latin.txt", b"Heading\ncaf\xe9 au lait\n", "latin.txt:2: not UTF-8 text (save the document as UTF-8)"),
        ("nothing.txt", b"Just one plain line of words.\n", "no cards could be made from"),
    ],
)
def test_bad_input_is_one_line(tmp_path, capsys, name, content, message):
    doc = tmp_path / name
    if content is not None:
        doc.write_bytes(content)
    code, stdout, err = run(capsys, "generate", str(doc), "-o", str(tmp_path / "out.md"))
    assert code == 1 and stdout == ""
    assert len(err.strip().splitlines()) == 1 and message in err and "Traceback" not in err
    assert not (tmp_path / "out.md").exists()


def test_unreadable_file_is_one_line(tmp_path, capsys, monkeypatch):
    doc = tmp_path / "secret.txt"
    doc.write_text("Heading\n- Term ∞ a definition here\n")
    real = Path.read_bytes

    def deny(self):
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    code, _, err = run(capsys, "generate", str(doc), "-o", str(tmp_path / "out.md"))
    assert code == 1 and err == f"quizapp: {doc}: cannot read file: Permission denied\n"


def test_misuse_is_one_line(tmp_path, capsys, fixture_path):
    doc = str(fixture_path("tides.txt"))
    code, _, err = run(capsys, "generate", doc, "-o", str(tmp_path / "out.txt"))
    assert code == 2 and "must be a .md deck file" in err and len(err.splitlines()) == 1
    code, _, err = run(capsys, "generate", doc)
    assert code == 2 and "Missing option '-o'" in err
    code, _, err = run(capsys, "generate", str(tmp_path), "-o", str(tmp_path / "x.md"))
    assert code == 1 and "is a folder, not a document" in err
    code, _, err = run(capsys, "preview", str(tmp_path / "none.md"))
    assert code == 1 and "none.md: no such file" in err
