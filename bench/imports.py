"""Cold import time of each function, in a fresh interpreter, beside the bare app's."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys

from devstack.template import functions

RUNS = 7
# CPU time of the import in the child: steadier than wall time while other work shares the machine.
PROBE = "import time; t = time.process_time(); import {module}; print(time.process_time() - t)"


def cold_import_seconds(module: str, runs: int = RUNS) -> float:
    env = {**os.environ, "APP_ENV": "aws", "TABLE_NAME": "bench", "PYTHONDONTWRITEBYTECODE": "1"}
    samples = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", PROBE.format(module=module)], env=env, check=True,
                             capture_output=True, text=True).stdout
        samples.append(float(out.strip().splitlines()[-1]))
    return statistics.median(samples)


def report(budget_ratio: float = 1.3) -> list[tuple[str, float, float, bool]]:
    bare = cold_import_seconds("bench.bare_app")
    rows = []
    for name, fn in sorted(functions().items()):
        seconds = cold_import_seconds(fn["module"])
        rows.append((name, seconds, seconds / bare, seconds <= bare * budget_ratio))
    print(f"\nCold import, CPU time (median of {RUNS} fresh interpreters); bare FastAPI+Mangum+boto3 app: "
          f"{bare * 1000:.0f} ms; budget {budget_ratio}x")
    print(f"  {'function':<22}{'import':>10}{'vs bare':>10}  budget")
    for name, seconds, ratio, ok in rows:
        print(f"  {name:<22}{seconds * 1000:>8.0f}ms{ratio:>9.2f}x  {'ok' if ok else 'OVER'} (<= {budget_ratio}x)")
    return rows
