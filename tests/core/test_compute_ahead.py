"""An export's worker thread computes the sweeps of the frames ahead (FrameBuilder.compute_ahead):
every sweep under way at the given times, no further ahead than asked, stopping when cancelled."""

from __future__ import annotations

import threading
import time

from aleppo_desktop.core.loading import load_scenario


def sweeps_at(frames, times) -> set[int]:
    return {n for t in times for n, _ in frames.active_transitions(t)}


def test_computes_the_sweeps_of_the_times_it_is_given(grid_path) -> None:
    frames = load_scenario(grid_path).frames
    first = frames.transitions[0]
    times = [first.window_start + (first.day - first.window_start) * k / 10 for k in range(10)]
    wanted = sweeps_at(frames, times)
    assert wanted and not any(frames.is_cached(n) for n in wanted)
    frames.compute_ahead(times, reached=lambda: len(times), cancelled=lambda: False)
    assert all(frames.is_cached(n) for n in wanted)
    assert frames.step(first_n := min(wanted), 3) is frames.step(first_n, 3)  # looked up


def test_stays_ahead_of_the_drawing_by_at_most_ahead_and_stops_when_cancelled(grid_path) -> None:
    frames = load_scenario(grid_path).frames
    days = sorted({tr.day for tr in frames.transitions})
    times = [day - 0.01 for day in days]  # each in the sweeps ending that day
    later = sweeps_at(frames, times[2:]) - sweeps_at(frames, times[:2])
    assert later
    stop = threading.Event()
    worker = threading.Thread(
        target=frames.compute_ahead, args=(times, lambda: 0, stop.is_set), kwargs={"ahead": 1}
    )
    worker.start()
    deadline = time.monotonic() + 10
    while not all(frames.is_cached(n) for n in sweeps_at(frames, times[:2])):
        assert time.monotonic() < deadline
        time.sleep(0.01)
    time.sleep(0.1)  # drawing is stuck at the first frame: the worker waits after the second
    assert worker.is_alive()
    assert not any(frames.is_cached(n) for n in later)
    stop.set()
    worker.join(timeout=2)
    assert not worker.is_alive()
