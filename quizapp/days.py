"""The study day: it starts at a local hour (4 am by default), as in Anki."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


def day_start(now: datetime, hour: int) -> datetime:
    """The UTC time at which the study day containing ``now`` began."""
    local = now.astimezone()
    start = local.replace(hour=hour, minute=0, second=0, microsecond=0)
    if local < start:
        start -= timedelta(days=1)
    return start.astimezone(UTC)


def day_bounds(now: datetime, hour: int) -> tuple[int, int]:
    """Epoch seconds of the start and end of the study day containing ``now``."""
    start = day_start(now, hour)
    end = (start.astimezone() + timedelta(days=1)).replace(hour=hour).astimezone(UTC)
    return int(start.timestamp()), int(end.timestamp())


def utcnow() -> datetime:
    return datetime.now(UTC)
