"""Subcommands of the ``quizapp`` command, one module per area, imported only when used."""
