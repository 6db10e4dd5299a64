"""Turn documents (plain text, Markdown, HTML) into a draft deck: read, extract cards by role, dedupe, write."""
