"""The repo's fuzz command: mutated scenarios must be refused cleanly or work everywhere.

Plain-Python mutation runner (no extra dependency):

    .venv/bin/python -m tests.fuzz.fuzz_scenario --runs 10000 [--seed 1] [--jobs 2] [--base lite]

Coverage-guided with atheris (`pip install atheris`; one file of the grid scenario is replaced by
the fuzzer's bytes, the corpus is tests/fuzz/corpus/):

    mkdir -p /tmp/aleppo-corpus
    .venv/bin/python -m tests.fuzz.fuzz_scenario --atheris -atheris_runs=100000 \
        /tmp/aleppo-corpus tests/fuzz/corpus

(libFuzzer writes the inputs that reach new code into the first folder; copy the good ones into
tests/fuzz/corpus. A finding stops the run and writes `crash-*` with the input.)

Each input is a copy of a base scenario (`bundled`; `lite`, the bundled one without its 1.9 MB
damage layer, the default; `grid`, the tests' 6-unit scenario) with one to three mutations from
tests/fuzz/mutate.py, checked by tests/fuzz/target.py. Prints the counts and every finding: uncaught
exceptions, inputs over the limits (more than 10 s or 1 GB), accepted inputs that then fail. Exit
status 1 when there is a finding. A finding is reproduced with `--runs 1 --seed S --first N`.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from aleppo_desktop.paths import bundled_scenario_path  # noqa: E402
from tests.fuzz.mutate import copy_scenario, mutate  # noqa: E402
from tests.fuzz.target import MAX_RSS_MB, MAX_SECONDS, Outcome, check, rss_mb  # noqa: E402

WATCHDOG_SECONDS = 60  # an input still running then is a hang: reported, not waited for


def make_base(kind: str, folder: Path) -> Path:
    """The base scenario folder to mutate."""
    bundled = bundled_scenario_path()
    bundled = bundled.parent if bundled.is_file() else bundled
    if kind == "grid":
        from tests.conftest import write_scenario

        return write_scenario(folder).parent
    copy_scenario(bundled, folder)
    if kind == "lite":
        scenario = json.loads((folder / "scenario.json").read_text(encoding="utf-8"))
        for layer in [b for b in scenario["basemap"] if b.get("role") == "damage"]:
            (folder / layer["path"]).unlink()
            scenario["basemap"].remove(layer)
        (folder / "scenario.json").write_text(
            json.dumps(scenario, ensure_ascii=False), encoding="utf-8"
        )
    return folder


class Hang(Exception):  # noqa: N818
    pass


def _alarm(_signum: int, _frame: object) -> None:
    raise Hang()


def run_one(base: Path, seed: int, index: int, scratch: Path) -> tuple[str, str, str, float, float]:
    """(kind, what was mutated, detail, seconds, peak RSS MB) for input `index` of `seed`."""
    rng = random.Random(f"{seed}:{index}")
    folder = scratch / f"in{index}"
    copy_scenario(base, folder)
    what = "; ".join(mutate(folder, rng))
    before = rss_mb()
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(WATCHDOG_SECONDS)
    started = time.perf_counter()
    try:
        outcome = check(folder)
    except Hang:
        outcome = Outcome("over", f"still running after {WATCHDOG_SECONDS} s")
    finally:
        signal.alarm(0)
        shutil.rmtree(folder, ignore_errors=True)
    seconds = time.perf_counter() - started
    peak = rss_mb()
    kind = outcome.kind
    if kind in ("rejected", "accepted") and outcome.seconds > MAX_SECONDS:
        kind, outcome.detail = "over", f"took {outcome.seconds:.1f} s"
    elif kind in ("rejected", "accepted") and peak > MAX_RSS_MB and peak > before:
        kind, outcome.detail = "over", f"peak RSS {peak:.0f} MB"
    return kind, what, outcome.detail, seconds, peak


def _worker(args: tuple[str, int, list[int]]) -> list[tuple[int, str, str, str, float, float]]:
    base_kind, seed, indices = args
    scratch = Path(tempfile.mkdtemp(prefix="aleppo-fuzz-"))
    try:
        base = make_base(base_kind, scratch / "base")
        return [(i, *run_one(base, seed, i, scratch)) for i in indices]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def run(runs: int, seed: int, jobs: int, base_kind: str, first: int = 0) -> int:
    indices = list(range(first, first + runs))
    batches = [(base_kind, seed, indices[k : k + 50]) for k in range(0, len(indices), 50)]
    counts: Counter[str] = Counter()
    findings: list[tuple[int, str, str, str]] = []
    seconds: list[float] = []
    peak = 0.0
    started = time.perf_counter()
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs, maxtasksperchild=4) as pool:
        for results in pool.imap_unordered(_worker, batches):
            for index, kind, what, detail, spent, rss in results:
                counts[kind] += 1
                seconds.append(spent)
                peak = max(peak, rss)
                if kind in ("uncaught", "failed", "over"):
                    findings.append((index, kind, what, detail))
                    print(f"#{index} {kind}: {detail}  <- {what}", flush=True)
            done = sum(counts.values())
            if done % 500 < 50:
                print(f"... {done}/{runs} {dict(counts)}", flush=True)
    elapsed = time.perf_counter() - started
    seconds.sort()
    print(
        f"fuzz: {runs} inputs (seed {seed}, base {base_kind}) in {elapsed:.0f} s: "
        f"{counts['rejected']} refused cleanly, {counts['accepted']} accepted and used, "
        f"{counts['uncaught']} uncaught exceptions, {counts['over']} over the limits "
        f"(> {MAX_SECONDS:g} s or > {MAX_RSS_MB:g} MB), {counts['failed']} accepted then failed; "
        f"slowest input {seconds[-1]:.2f} s, median {seconds[len(seconds) // 2]:.3f} s, "
        f"peak RSS of a worker {peak:.0f} MB"
    )
    return 1 if findings else 0


def run_atheris(argv: list[str]) -> int:
    """Coverage-guided: the fuzzer's bytes replace one file of the grid scenario."""
    import atheris

    atheris.instrument_all()  # the loader is imported already (tests.fuzz.target)

    scratch = Path(tempfile.mkdtemp(prefix="aleppo-atheris-"))
    base = make_base("grid", scratch / "base")
    names = ["scenario.json", "areas.geojson", "control.csv"]

    def one_input(data: bytes) -> None:
        fdp = atheris.FuzzedDataProvider(data)
        name = names[fdp.ConsumeIntInRange(0, len(names) - 1)]
        folder = scratch / "input"
        shutil.rmtree(folder, ignore_errors=True)
        copy_scenario(base, folder)
        (folder / name).write_bytes(fdp.ConsumeBytes(fdp.remaining_bytes()))
        outcome = check(folder)
        if outcome.finding:
            raise AssertionError(f"{outcome.kind}: {outcome.detail}")

    atheris.Setup(argv, one_input)
    atheris.Fuzz()
    return 0


def main() -> int:
    if "--atheris" in sys.argv:
        return run_atheris([a for a in sys.argv if a != "--atheris"])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--first", type=int, default=0, help="index of the first input")
    parser.add_argument("--jobs", type=int, default=max(1, multiprocessing.cpu_count()))
    parser.add_argument("--base", choices=("bundled", "lite", "grid"), default="lite")
    args = parser.parse_args()
    return run(args.runs, args.seed, args.jobs, args.base, args.first)


if __name__ == "__main__":
    sys.exit(main())
