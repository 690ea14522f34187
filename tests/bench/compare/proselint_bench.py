#!/usr/bin/env python3
"""Times proselint's own API on one text, in one process: the text is linted RUNS times after one
run that warms it up, with every check on and no cap on the number of results, and the median
time of one lint is printed as JSON with the number of results.

Usage: proselint_bench.py FILE [RUNS]
"""

import json
import statistics
import sys
import time

from proselint.checks import __register__
from proselint.config import DEFAULT
from proselint.registry import CheckRegistry
from proselint.tools import LintFile


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as file:
        text = file.read()
    runs = int(sys.argv[2]) if len(sys.argv) == 3 else 5
    CheckRegistry().register_many(__register__)
    config = dict(DEFAULT)
    # By default proselint stops after a number of results; this lints the whole text.
    config["max_errors"] = sys.maxsize
    results = len(LintFile("bench", text).lint(config))
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        LintFile("bench", text).lint(config)
        times.append((time.perf_counter() - start) * 1000)
    print(json.dumps({"tool": "proselint", "median_ms": statistics.median(times), "runs": runs, "results": results}))


if __name__ == "__main__":
    main()
