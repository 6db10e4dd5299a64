"""Quiz results: score overall, per topic and per level, time taken, and the missed questions."""

from __future__ import annotations

from dataclasses import dataclass, field

from quizapp.quiz.questions import Grade, Question


@dataclass(frozen=True)
class Answered:
    """One question with the learner's grade (None: not reached before the time ran out) and time spent."""

    question: Question
    grade: Grade | None
    seconds: float = 0.0


@dataclass
class Tally:
    """Points (partial credit counts) and fully right answers out of a number of questions."""

    points: float = 0.0
    correct: int = 0
    total: int = 0

    @property
    def percent(self) -> float:
        return 100.0 * self.points / self.total if self.total else 0.0

    def add(self, grade: Grade | None) -> None:
        self.total += 1
        if grade is not None:
            self.points += grade.score
            self.correct += grade.correct


@dataclass
class Results:
    """Everything the results screen shows."""

    overall: Tally = field(default_factory=Tally)
    by_topic: dict[str, Tally] = field(default_factory=dict)
    by_level: dict[str, Tally] = field(default_factory=dict)
    by_type: dict[str, Tally] = field(default_factory=dict)
    seconds: float = 0.0
    missed: list[Answered] = field(default_factory=list)
    unanswered: int = 0
    timed_out: bool = False
    seed: int | None = None

    @property
    def missed_card_ids(self) -> list[str]:
        """Cards answered wrongly (for a matching question, only the pairs that were wrong), in quiz order."""
        out: list[str] = []
        for a in self.missed:
            if a.grade is None:
                continue
            for cid in a.grade.missed_cards:
                if cid not in out:
                    out.append(cid)
        return out


def summarise(answered: list[Answered], seconds: float, *, timed_out: bool = False, seed: int | None = None) -> Results:
    """Tally the answered questions; unanswered ones (None grade) count as zero points."""
    res = Results(seconds=seconds, timed_out=timed_out, seed=seed)
    for a in answered:
        q, g = a.question, a.grade
        res.overall.add(g)
        res.by_topic.setdefault(q.topic or "(no topic)", Tally()).add(g)
        res.by_level.setdefault(q.level or "(no level)", Tally()).add(g)
        res.by_type.setdefault(q.qtype, Tally()).add(g)
        if g is None:
            res.unanswered += 1
        elif not g.correct:
            res.missed.append(a)
    return res


def fmt_seconds(seconds: float) -> str:
    """1:05, 12:30, 1:02:03."""
    s = max(0, round(seconds))
    h, rem = divmod(s, 3600)
    m, s = divmod(rem, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"
