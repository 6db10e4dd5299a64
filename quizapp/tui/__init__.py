"""The Textual study app (import quizapp.tui.launch or quizapp.tui.app; nothing heavy is imported here)."""
