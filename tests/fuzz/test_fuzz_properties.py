"""Property: a mutated scenario is refused cleanly, or it loads and every export, the claims and the
figures succeed (tests/fuzz/target.py). Hypothesis draws the mutations (tests/fuzz/mutate.py).

In the normal run: every mutation class on the grid scenario, and a few dozen mutations of the
bundled scenario (without its damage layer), derandomised so CI is repeatable (about 30 s).
`-m slow` adds a longer random search over the bundled scenario.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.fuzz_scenario import make_base
from tests.fuzz.mutate import MUTATIONS, copy_scenario, mutate
from tests.fuzz.target import check

COMMON = {
    "deadline": None,
    "database": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
}


@pytest.fixture(scope="module")
def bases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("bases")
    return {kind: make_base(kind, root / kind) for kind in ("grid", "lite")}


def _assert_clean_or_working(base: Path, scratch: Path, seed: int, names: list[str] | None) -> None:
    folder = scratch / f"input-{seed}"
    shutil.rmtree(folder, ignore_errors=True)
    copy_scenario(base, folder)
    rng = random.Random(seed)
    if names:
        what = [f"{name}: {MUTATIONS[name](folder, rng)}" for name in names]
    else:
        what = mutate(folder, rng)
    try:
        outcome = check(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    assert not outcome.finding, f"{outcome.kind}: {outcome.detail} <- {what}"


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_every_mutation_class_on_the_grid(
    bases: dict[str, Path], tmp_path: Path, name: str
) -> None:
    for seed in range(4):
        _assert_clean_or_working(bases["grid"], tmp_path, seed, [name])


@settings(max_examples=20, derandomize=True, **COMMON)
@given(seed=st.integers(0, 2**32 - 1))
def test_mutated_bundled_scenario(bases: dict[str, Path], tmp_path: Path, seed: int) -> None:
    _assert_clean_or_working(bases["lite"], tmp_path, seed, None)


@pytest.mark.slow
@settings(max_examples=60, **COMMON)
@given(seed=st.integers(0, 2**32 - 1))
def test_mutated_bundled_scenario_longer(bases: dict[str, Path], tmp_path: Path, seed: int) -> None:
    _assert_clean_or_working(bases["lite"], tmp_path, seed, None)
