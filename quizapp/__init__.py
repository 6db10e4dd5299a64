"""quizapp: spaced-repetition flashcards for medical documents, in the terminal."""

__version__ = "0.1.0"
