"""Small helpers shared by the benchmarks: percentiles, peak RSS, subprocess timing and JSON I/O."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent


def median(xs: Sequence[float]) -> float:
    return float(statistics.median(xs)) if xs else float("nan")


def p95(xs: Sequence[float]) -> float:
    """The 95th percentile by the nearest-rank method."""
    if not xs:
        return float("nan")
    s = sorted(xs)
    k = max(0, min(len(s) - 1, -(-95 * len(s) // 100) - 1))
    return float(s[k])


def rnd(x: float, nd: int = 3) -> float:
    return round(float(x), nd)


def _status_kb(key: str) -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def peak_rss_mb() -> float:
    """This process's peak resident set size so far (VmHWM), in MiB."""
    try:
        return _status_kb("VmHWM") / 1024
    except OSError:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
    try:
        return _status_kb("VmRSS") / 1024
    except OSError:
        return float("nan")


def reset_peak_rss() -> bool:
    """Reset VmHWM to the current RSS (Linux >= 4.0). False if the kernel does not allow it."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def run_worker(script: str, args: list[str], timeout: float = 900) -> dict:
    """Run ``python bench/<script> args`` and return the JSON object it prints last."""
    cmd = [sys.executable, str(BENCH_DIR / script), *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=REPO)
    if proc.returncode != 0:
        raise RuntimeError(f"{script} failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def timed_child(code: str, args: list[str], env: dict | None = None, timeout: float = 120) -> tuple[float, dict]:
    """Spawn ``python -c code args``; wall ms from spawn until its report is read, and the report."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd="/",
    )
    line = proc.stdout.readline()
    ms = (time.perf_counter() - t0) * 1000
    _out, err = proc.communicate(timeout=timeout)
    if proc.returncode != 0 or not line.strip():
        raise RuntimeError(f"child failed ({proc.returncode}):\n{err[-4000:]}")
    return ms, json.loads(line)


def emit(obj: dict) -> None:
    """Print one JSON object on one line (workers) and flush."""
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def child_env() -> dict:
    env = dict(os.environ)
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    env["PYTHONDONTWRITEBYTECODE"] = env.get("PYTHONDONTWRITEBYTECODE", "")
    return {k: v for k, v in env.items() if v != ""}
