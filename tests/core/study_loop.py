"""Helper process for crash and concurrency tests: study in a loop, printing each committed answer."""

from __future__ import annotations

import random
import sys
from pathlib import Path

from quizapp.session import Session
from quizapp.settings import Settings
from quizapp.store.db import Store
from quizapp.store.sync import sync_decks


def main() -> None:
    db, decks, limit, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    rng = random.Random(seed)
    store = Store(db)
    if store.settings().new_per_day < 100000:
        store.save_settings(Settings(new_per_day=100000, reviews_per_day=100000))
    sync_decks(store, [Path(decks)])
    s = Session(store)
    done = 0
    print("ready", flush=True)
    while done < limit:
        row = s.next_card()
        if row is None:
            break
        s.answer(rng.choice((1, 2, 3, 4)), rng.randint(100, 5000))
        log_id = s._undo[-1].log_id
        print(f"committed {log_id} {row.card_id}", flush=True)
        done += 1
    print("done", done, flush=True)


if __name__ == "__main__":
    main()
