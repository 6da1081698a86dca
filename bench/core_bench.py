"""Core benchmark: prints figures (not pass/fail) against the targets of issue 2.

    .venv/bin/python bench/core_bench.py [SCENARIO] [--generated] [--frames N] [--sweeps-only]

Uses SCENARIO, else the bundled scenario if it validates, else (or with --generated) a generated grid
of 150 cells with about 600 changes over 175 days, written to a temporary folder. For the scale
figures of issue 14 give it `bench/make_scenario.py --scale 10`'s output. Run against another
checkout by importing that checkout's package first (plain PYTHONPATH loses to the editable
install's finder; see render_bench's --checkout). `--sweeps-only` prints the cost of sweeps
alone: a whole sweep and one step alone, CPU and wall, and their size in the cache. Targets on
the 2-core machine: load <= 100 ms (10x: 300 ms), frame <= 2 ms median (warm), series <= 200 ms.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from aleppo_desktop.core import metrics
from aleppo_desktop.core.errors import ScenarioError
from aleppo_desktop.core.loading import load_scenario
from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.paths import bundled_scenario_path

TARGETS_MS = {"load": 300.0, "frame median": 2.0, "series": 200.0}
START = date(2016, 7, 1)
DAYS = 175


def generate(folder: Path, cols: int = 15, rows: int = 10, changes: int = 600) -> Path:
    """A grid of cols x rows cells near Aleppo; the regime advances west to east over DAYS days."""
    rng = random.Random(2016)
    step = 0.01
    features = []
    for r in range(rows):
        for c in range(cols):
            x0, y0 = 37.05 + c * step, 36.15 + r * step
            ring = [[x0, y0], [x0 + step, y0], [x0 + step, y0 + step], [x0, y0 + step], [x0, y0]]
            features.append(
                {
                    "type": "Feature",
                    "properties": {
                        "id": f"c-{r:02d}-{c:02d}",
                        "name_en": f"Cell {r} {c}",
                        "name_ar": "خلية",
                        "kind": "neighbourhood",
                        "source": "gen",
                    },
                    "geometry": {"type": "Polygon", "coordinates": [ring]},
                }
            )
    factions = ["regime", "rebel", "isis"]
    lines = ["area_id,date,faction,confidence,source,note"]
    per_cell = max(1, changes // (rows * cols))
    for r in range(rows):
        for c in range(cols):
            holder = "regime" if c < cols // 3 else "rebel"
            lines.append(f"c-{r:02d}-{c:02d},{START},{holder},confirmed,gen,")
            days = sorted(rng.sample(range(1, DAYS), per_cell))
            for d in days:
                holder = rng.choice([f for f in factions if f != holder])
                confidence = rng.choice(["confirmed", "claimed", "contested"])
                lines.append(
                    f"c-{r:02d}-{c:02d},{START + timedelta(days=d)},{holder},{confidence},gen,"
                )
    colours = ["#c0392b", "#2e8b57", "#333333"]
    scenario = {
        "format_version": 1,
        "title": "Generated benchmark grid",
        "period": {"start": str(START), "end": str(START + timedelta(days=DAYS))},
        "time_zone": "Asia/Damascus",
        "sources": [
            {"id": "brief", "kind": "brief", "title": "Brief", "paragraphs": True},
            {"id": "gen", "kind": "other", "title": "Generated"},
        ],
        "factions": [
            {"id": f, "name_en": f, "name_ar": f, "colour": col, "colour_cb": col}
            for f, col in zip(factions, colours, strict=True)
        ],
        "area_units": "areas.geojson",
        "control": "control.csv",
    }
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "areas.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8"
    )
    (folder / "control.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "scenario.json").write_text(json.dumps(scenario, ensure_ascii=False), "utf-8")
    return folder / "scenario.json"


def ms(seconds: float) -> float:
    return seconds * 1000.0


def timed_load(path: Path, repeats: int = 5) -> tuple[Scenario, list[float], list[float]]:
    """The scenario, wall and CPU ms of each load (the frame builder included)."""
    times, cpu = [], []
    scenario = None
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        scenario = load_scenario(path)
        scenario.frames  # noqa: B018 (built on first use: part of what a load costs)
        times.append(ms(time.perf_counter() - t0))
        cpu.append(ms(time.process_time() - c0))
    assert scenario is not None
    return scenario, times, cpu


def rss_mb() -> float:
    """Resident memory now (max RSS only ever grows)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


def sweep_cost(path: Path, sample: int) -> dict[str, float]:
    """The cost of sweeps, over `sample` of them spread over the period of a fresh load: CPU and wall
    ms of a whole sweep (all its steps, as playing and exporting compute them) and of one step alone
    (as a scrub does, on other sweeps), the cache's estimated bytes and the resident growth per
    whole sweep, and the number of sweeps."""
    builder = load_scenario(path).frames
    n = len(builder.transitions)
    chosen = sorted({round(i * (n - 1) / max(sample - 1, 1)) for i in range(min(sample, n))})
    whole, single = chosen[::2], chosen[1::2]  # disjoint: a step alone is never looked up
    for k in chosen:  # directions and turned areas: what both share, computed once per sweep
        builder._direction(k)
    before, cached = rss_mb(), builder.cache_bytes
    t0, c0 = time.perf_counter(), time.process_time()
    for k in whole:
        builder.compute_sweep(k)
    wall, cpu = ms(time.perf_counter() - t0), ms(time.process_time() - c0)
    grown, cached = rss_mb() - before, builder.cache_bytes - cached
    t0, c0 = time.perf_counter(), time.process_time()
    for k in single:
        builder.step(k, 24)
    step_wall, step_cpu = ms(time.perf_counter() - t0), ms(time.process_time() - c0)
    # as an export computes them: the steps 8 frames at 2 days/s show, in one call, at 20 times
    fresh = load_scenario(path).frames
    batched, batch_wall, batch_cpu = 0, 0.0, 0.0
    for i in range(20):
        t = fresh.scenario.start + (i + 0.5) * (fresh.scenario.end - fresh.scenario.start) / 20
        pairs = list(
            dict.fromkeys(p for f in range(8) for p in fresh.active_transitions(t + f / 15))
        )
        for n_, _ in pairs:
            fresh._direction(n_)
        t0, c0 = time.perf_counter(), time.process_time()
        if pairs:
            fresh._sweeps_of([(n_, np.array([s])) for n_, s in pairs])
        batch_wall += ms(time.perf_counter() - t0)
        batch_cpu += ms(time.process_time() - c0)
        batched += len(pairs)
    count = max(len(whole), 1)
    return {
        "batch_cpu": batch_cpu / max(batched, 1),
        "batch_wall": batch_wall / max(batched, 1),
        "batch_steps": batched / 20,
        "sweeps": n,
        "sweep_cpu": cpu / count,
        "sweep_wall": wall / count,
        "step_cpu": step_cpu / max(len(single), 1),
        "step_wall": step_wall / max(len(single), 1),
        "cache_kb": cached / count / 1024,
        "resident_kb": grown * 1024 / count,
    }


def print_sweeps(path: Path, sample: int, builder: object) -> None:
    sweeps = sweep_cost(path, sample)
    n = int(sweeps["sweeps"])
    print(
        f"{'sweep (all 48 steps)':<24} {sweeps['sweep_cpu']:>10.2f} ms CPU, "
        f"{sweeps['sweep_wall']:.2f} ms wall, {sweeps['sweep_cpu'] / 48:.3f} ms CPU a step; "
        f"all {n}: {sweeps['sweep_cpu'] * n / 1000:.1f} s CPU\n"
        f"{'one step alone (scrub)':<24} {sweeps['step_cpu']:>10.2f} ms CPU, "
        f"{sweeps['step_wall']:.2f} ms wall\n"
        f"{'steps of 8 export frames':<24} {sweeps['batch_cpu']:>10.3f} ms CPU, "
        f"{sweeps['batch_wall']:.3f} ms wall a step, {sweeps['batch_steps']:.0f} steps a batch\n"
        f"{'sweep in the cache':<24} {sweeps['cache_kb']:>10.0f} kB estimated, "
        f"{sweeps['resident_kb']:.0f} kB resident each; all {n}: "
        f"{sweeps['cache_kb'] * n / 1024:.0f} MB"
    )
    ceiling = getattr(builder, "cache_ceiling", None)
    if ceiling is not None:
        print(f"{'sweep cache ceiling':<24} {ceiling / 2**20:>10.0f} MB (SWEEP_CACHE_BYTES)")


def frame_times(scenario: Scenario, n: int, seed: int) -> list[float]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        t = rng.uniform(scenario.start, scenario.end)
        t0 = time.perf_counter()
        scenario.frame_at(t)
        out.append(ms(time.perf_counter() - t0))
    return out


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def report(name: str, value: float, unit: str = "ms") -> None:
    target = TARGETS_MS.get(name)
    verdict = (
        ""
        if target is None
        else f"   (target <= {target:g} ms: {'ok' if value <= target else 'MISSED'})"
    )
    print(f"{name:<24} {value:>10.2f} {unit}{verdict}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", type=Path, help="default: the bundled scenario")
    parser.add_argument("--generated", action="store_true", help="use the generated grid")
    parser.add_argument("--sweeps", type=int, default=200, help="sweeps to time (sample)")
    parser.add_argument("--frames", type=int, default=2000, help="random frames to time")
    parser.add_argument("--sweeps-only", action="store_true", help="print the sweep figures only")
    args = parser.parse_args()

    path = args.scenario or bundled_scenario_path()
    label = "given" if args.scenario else "bundled"
    if not args.generated:
        try:
            load_scenario(path)
        except ScenarioError as exc:
            print(f"bundled scenario does not validate ({exc}); using a generated grid")
            args.generated = True
    with tempfile.TemporaryDirectory() as tmp:
        if args.generated:
            path, label = generate(Path(tmp) / "grid"), "generated"
        scenario, loads, load_cpu = timed_load(path)
        builder = scenario.frames
        vertices = sum(len(r) for a in scenario.areas for r in a.rings)
        print(
            f"scenario   {label}: {path}\n"
            f"           {len(scenario.areas)} areas, {vertices} vertices, "
            f"{len(scenario.control.changes)} control rows, "
            f"{len(builder.transitions)} sweeps, {scenario.end - scenario.start:.0f} days\n"
            f"           load average {Path('/proc/loadavg').read_text().strip()}"
        )
        if args.sweeps_only:
            print_sweeps(path, args.sweeps, builder)
            return 0
        report("load", statistics.median(loads))
        report("load CPU", statistics.median(load_cpu))

        c0 = time.process_time()
        cold = frame_times(scenario, min(args.frames, 500), seed=1)
        report("frame median (cold)", statistics.median(cold))
        report("frame p95 (cold)", p95(cold))
        print(
            f"{'cold frames CPU':<24} {ms(time.process_time() - c0) / len(cold):>10.2f} ms a frame"
        )

        print_sweeps(path, args.sweeps, builder)

        warm = frame_times(scenario, args.frames, seed=2)
        report("frame median", statistics.median(warm))
        report("frame p95", p95(warm))
        report("frame max", max(warm))

        t0, c0 = time.perf_counter(), time.process_time()
        series = metrics.daily_series(load_scenario(path))  # as in the app: nothing cached yet
        report("series (fresh load)", ms(time.perf_counter() - t0))
        report("series CPU", ms(time.process_time() - c0))
        print(f"{'series shape':<24} {series.area_km2.shape}")

        t0 = time.perf_counter()
        metrics.check_claims(scenario)
        report("claims", ms(time.perf_counter() - t0))

        maxrss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        report("memory (max RSS)", maxrss_mb, "MB")
        if hasattr(builder, "cache_ceiling"):
            print(f"{'sweep cache now':<24} {builder.cache_bytes / 2**20:>10.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
