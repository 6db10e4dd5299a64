"""Study settings per profile, with per-deck overrides (plain dataclass: cheap to import)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

THEMES = ("textual-dark", "textual-light")


@dataclass(frozen=True)
class Settings:
    """What a profile can change; decks may override the scheduling part."""

    desired_retention: float = 0.9
    learning_steps: tuple[float, ...] = (1.0, 10.0)  # minutes
    relearning_steps: tuple[float, ...] = (10.0,)  # minutes
    new_per_day: int = 20
    reviews_per_day: int = 200
    day_start_hour: int = 4
    two_button: bool = False
    theme: str = "textual-dark"
    quiz_counts: bool = False
    fsrs_params: tuple[float, ...] | None = field(default=None)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Settings:
        """Build from stored values, ignoring unknown keys and coercing sequences to tuples."""
        known = {f.name for f in fields(cls)}
        clean: dict[str, Any] = {}
        for k, v in data.items():
            if k in known and v is not None:
                clean[k] = tuple(v) if isinstance(v, list) else v
        s = cls(**clean)
        s.validate()
        return s

    def merged(self, overrides: dict[str, Any]) -> Settings:
        """These settings with a deck's non-empty overrides applied."""
        ov = {k: (tuple(v) if isinstance(v, list) else v) for k, v in overrides.items() if v is not None}
        return replace(self, **ov) if ov else self

    def validate(self) -> None:
        """Raise ValueError with a one-line reason if a value is out of range."""
        if not 0.7 <= self.desired_retention <= 0.99:
            raise ValueError("desired retention must be between 0.70 and 0.99")
        if self.new_per_day < 0 or self.reviews_per_day < 0:
            raise ValueError("daily limits cannot be negative")
        if not 0 <= self.day_start_hour <= 23:
            raise ValueError("day start must be an hour from 0 to 23")
        if any(s <= 0 for s in self.learning_steps + self.relearning_steps):
            raise ValueError("learning steps must be positive minutes")
