"""Fitting FSRS parameters: a synthetic learner with known parameters, too little data, the missing extra,
and the reference figures on the real sample log."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Card, Rating, ReviewLog, Scheduler
from fsrs.scheduler import DEFAULT_PARAMETERS

from quizapp import optimize as opt
from quizapp.errors import UserError
from quizapp.reviews_csv import import_reviews

fr = pytest.importorskip("fsrs_rs_python")

SAMPLE = Path(__file__).parents[2].parent / "shared" / "data" / "review_log_sample.csv"
# a learner who forgets more slowly at first, and whose memories grow faster, than the defaults assume
TRUE = (2.0, 5.0, 12.0, 40.0, *DEFAULT_PARAMETERS[4:8], 1.2, *DEFAULT_PARAMETERS[9:20], 0.5)


def synthetic_log(path: Path, n_cards: int = 800, seed: int = 2) -> int:
    """Review times and ratings of a simulated learner whose recall follows FSRS with TRUE."""
    rng = random.Random(seed)
    sched = Scheduler(parameters=TRUE, enable_fuzzing=False)
    start = datetime(2025, 1, 1, 9, tzinfo=UTC)
    end = start + timedelta(days=240)
    lines = ["card_id,review_rating,review_time,review_duration"]
    for c in range(n_cards):
        card = Card(card_id=c + 1)
        t = start + timedelta(days=rng.uniform(0, 60))
        while t < end and len(lines) < 40_000:
            if card.stability is None:
                rating = rng.choices((1, 2, 3, 4), (0.25, 0.1, 0.55, 0.1))[0]
            else:
                recalled = rng.random() < sched.get_card_retrievability(card, t)
                rating = rng.choices((2, 3, 4), (0.1, 0.8, 0.1))[0] if recalled else 1
            lines.append(f"s{c},{rating},{t.isoformat()},3000")
            card, _ = sched.review_card(card, Rating(rating), t)
            t = t + (card.due - t) * rng.uniform(0.6, 2.5) + timedelta(minutes=1)
    path.write_text("\n".join(lines) + "\n")
    return len(lines) - 1


def test_fitting_gets_closer_to_the_true_parameters(small_store, tmp_path):
    n = synthetic_log(tmp_path / "syn.csv")
    assert n > 5000
    import_reviews(small_store, tmp_path / "syn.csv", now=datetime(2026, 1, 1, tzinfo=UTC))
    res = opt.optimize(small_store)
    assert res.reviews == n and res.current_label == "defaults"
    assert res.fitted.log_loss < res.current.log_loss and res.saved
    assert small_store.settings().fsrs_params == res.params
    # predictions move towards the true learner's recall on the held-out reviews
    cards = opt.group_cards(opt_rows(small_store))
    cutoff = sorted(t for _c, t, _r in opt_rows(small_store))[int(n * 0.7)]
    truth = opt.predictions(fr, TRUE, cards, cutoff)
    fitted = opt.predictions(fr, res.params, cards, cutoff)
    default = opt.predictions(fr, DEFAULT_PARAMETERS, cards, cutoff)
    gap_fit = sum(abs(a[0] - b[0]) for a, b in zip(fitted, truth)) / len(truth)
    gap_def = sum(abs(a[0] - b[0]) for a, b in zip(default, truth)) / len(truth)
    assert gap_fit < gap_def / 2
    best = opt.score(truth).log_loss
    assert opt.score(fitted).log_loss - best < (res.current.log_loss - best) / 2

    # and so do the initial stabilities
    def dist(p):
        return sum(abs(p[i] - TRUE[i]) / TRUE[i] for i in (0, 1, 2, 3))

    assert dist(res.params) < dist(DEFAULT_PARAMETERS) * 0.75
    # memory states were recomputed with the new parameters, as py-fsrs would replay them
    for card_id in ("s0", "s1", "s7"):
        logs = [
            ReviewLog(
                card_id=1, rating=Rating(r), review_datetime=datetime.fromtimestamp(t / 1000, UTC), review_duration=None
            )
            for c, t, r in opt_rows(small_store)
            if c == card_id
        ]
        want = Scheduler(parameters=res.params, enable_fuzzing=False).reschedule_card(Card(card_id=1), logs)
        got = small_store.conn.execute(
            "SELECT stability, difficulty FROM card_state WHERE card_id=? AND profile_id=1", (card_id,)
        ).fetchone()
        assert got == pytest.approx((want.stability, want.difficulty), rel=1e-3)
    # a second run keeps them (not better)
    again = opt.optimize(small_store)
    assert again.current_label == "current" and again.defaults is not None and not again.saved


def opt_rows(store):
    from quizapp.store import stats as q

    return q.sched_log(store.conn, store.profile_id)


def test_too_few_reviews(small_store, tmp_path):
    synthetic_log(tmp_path / "few.csv", n_cards=20)
    import_reviews(small_store, tmp_path / "few.csv", now=datetime(2026, 1, 1, tzinfo=UTC))
    with pytest.raises(opt.NeedMoreData, match="needs about 400 or more"):
        opt.optimize(small_store)
    assert small_store.settings().fsrs_params is None


def test_clip_moves_parameters_into_bounds():
    raw = list(DEFAULT_PARAMETERS)
    raw[0], raw[20] = 0.0, 0.9
    params, moved = opt.clip(raw)
    assert moved == [0, 20] and params[0] == 0.001 and params[20] == 0.8
    Scheduler(parameters=params)
    with pytest.raises(ValueError):
        opt.clip([float("nan")] * 21)


def test_missing_extra_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "fsrs_rs_python", None)
    with pytest.raises(UserError, match=r'pip install "quizapp\[optimize\]"'):
        opt.load_backend()
    fake = tmp_path / "fake" / "fsrs_rs_python"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise ImportError('not here')\n")
    root = Path(__file__).parents[2]
    env = {**os.environ, "PYTHONPATH": f"{fake.parent}{os.pathsep}{root}", "QUIZAPP_HOME": str(tmp_path / "h")}
    r = subprocess.run(
        [sys.executable, "-m", "quizapp", "optimize"], capture_output=True, text=True, env=env, timeout=60, cwd=root
    )
    assert r.returncode == 1
    assert r.stderr == 'quizapp: fitting FSRS parameters needs fsrs-rs-python: pip install "quizapp[optimize]"\n'


@pytest.mark.skipif(not SAMPLE.exists(), reason="../shared/data is not available")
def test_reference_figures_on_the_sample_log(small_store):
    import_reviews(small_store, SAMPLE)
    res = opt.optimize(small_store, save=False)
    # GUIDE.md section 7: defaults 0.431 / 0.066, trained 0.428 / 0.052
    assert res.current.log_loss == pytest.approx(0.431, abs=0.001)
    assert res.current.rmse_bins == pytest.approx(0.066, abs=0.001)
    assert res.fitted.log_loss == pytest.approx(0.428, abs=0.003) and res.fitted.log_loss < res.current.log_loss
    assert res.fitted.rmse_bins == pytest.approx(0.052, abs=0.002)
    assert (res.train_reviews, res.test_reviews, res.current.n) == (8806, 3774, 2097)
    assert not res.saved and small_store.settings().fsrs_params is None
