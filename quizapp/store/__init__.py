"""The one SQLite access layer: schema, sync, study queries (sqlite-utils for schema, fixed SQL for the hot path)."""
