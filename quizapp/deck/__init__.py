"""Deck files: models, parser, writer and checker (UI-free)."""
