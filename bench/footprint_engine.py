"""How fast the footprint evaluator computes one person's footprint (issue 14: under 50 ms).

    .venv/bin/python bench/footprint_engine.py [--rounds 5]

For each situation of the parity fixture (the 10 personas and the random answer sets): a new evaluator
computes `bilan` and the five categories (what the compute API does), and then every rule of the model.
Prints the parse time and the median / 95th percentile / worst per person, in CPU time (the figure that
does not depend on what else the shared machine runs) and wall-clock time. Not part of `make bench`
(which loads pages over HTTP): the engine alone, in-process.
"""

import argparse
import gzip
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mobilization.footprint.publicodes import Model  # noqa: E402

DATA = ROOT / "mobilization/footprint/data/nosgestesclimat/co2-model.FR-lang.fr.json"
FIXTURE = ROOT / "mobilization/footprint/tests/fixtures/parity.json.gz"
FIGURES = ("bilan", "transport", "alimentation", "logement", "divers", "services sociétaux")


def measure(model, situations, names) -> tuple[list[float], list[float]]:
    cpu, wall = [], []
    for situation in situations:
        started_cpu, started_wall = time.process_time(), time.perf_counter()
        evaluator = model.evaluator(situation)
        for name in names:
            evaluator.evaluate(name)
        cpu.append((time.process_time() - started_cpu) * 1000)
        wall.append((time.perf_counter() - started_wall) * 1000)
    return cpu, wall


def summary(label: str, values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    median = statistics.median(ordered)
    return f"{label:<28} median {median:6.1f} ms   p95 {p95:6.1f} ms   max {ordered[-1]:6.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    rules = json.loads(DATA.read_text(encoding="utf-8"))
    started = time.perf_counter()
    model = Model(rules)
    parsed_in = (time.perf_counter() - started) * 1000
    print(f"parse: {parsed_in:.0f} ms, {len(model.rules)} rules (once per process)")
    with gzip.open(FIXTURE, "rt", encoding="utf-8") as file:
        situations = [s["situation"] for s in json.load(file)["situations"]]
    measure(model, situations, FIGURES)  # warm-up: the unit conversions' caches
    for label, names in (("bilan + 5 categories", FIGURES), ("every rule of the model", list(model.rules))):
        cpu, wall = [], []
        for _ in range(rounds):
            c, w = measure(model, situations, names)
            cpu += c
            wall += w
        print(f"{label}, {len(situations)} situations x {rounds} rounds:")
        print("  " + summary("CPU time per person", cpu))
        print("  " + summary("wall-clock per person", wall))


if __name__ == "__main__":
    main()
