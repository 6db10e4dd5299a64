"""Anki and spreadsheet interoperability: read .apkg/.colpkg and Anki text files, write .apkg and CSV (UI-free)."""
