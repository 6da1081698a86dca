"""An export's worker thread computes the sweep steps of the frames ahead
(FrameBuilder.compute_ahead): the steps shown at the given times and no others, no further ahead than
asked, stopping when cancelled; frames drawn from them are those drawn from whole sweeps."""

from __future__ import annotations

import threading
import time

import numpy as np

from aleppo_desktop.core.loading import load_scenario


def steps_at(frames, times) -> set[tuple[int, int]]:
    return {pair for t in times for pair in frames.active_transitions(t)}


def test_computes_the_steps_shown_at_the_times_it_is_given_and_no_others(grid_path) -> None:
    frames = load_scenario(grid_path).frames
    first = frames.transitions[0]
    times = [first.window_start + (first.day - first.window_start) * k / 10 for k in range(10)]
    wanted = steps_at(frames, times)
    assert wanted and not any(frames.has_step(n, s) for n, s in wanted)
    frames.compute_ahead(times, reached=lambda: len(times), cancelled=lambda: False)
    assert all(frames.has_step(n, s) for n, s in wanted)
    shown = {n for n, _ in wanted}
    assert not any(frames.is_cached(n) for n in shown)  # no whole sweep: 10 of 48 steps shown
    n, s = min(wanted)
    assert not any(frames.has_step(n, x) for x in range(48) if (n, x) not in wanted)
    assert frames.step(n, s) is frames.step(n, s)  # looked up


def test_frames_drawn_from_the_steps_computed_ahead_are_those_of_whole_sweeps(grid_path) -> None:
    ahead, whole = load_scenario(grid_path).frames, load_scenario(grid_path).frames
    days = sorted({tr.day for tr in ahead.transitions})[:6]
    times = [day - k / 7 for day in days for k in range(1, 7)]
    ahead.compute_ahead(times, reached=lambda: len(times), cancelled=lambda: False)
    for n in {n for n, _ in steps_at(whole, times)}:
        whole.compute_sweep(n)
    for t in times:
        a, b = ahead.frame_at(t), whole.frame_at(t)
        assert a.key == b.key and len(a.pieces) == len(b.pieces)
        for p, q in zip(a.pieces, b.pieces, strict=True):
            assert np.array_equal(p.coords, q.coords) and p.area_km2 == q.area_km2
        assert all(np.array_equal(x, y) for x, y in zip(a.front_lines, b.front_lines, strict=True))


def test_stays_ahead_of_the_drawing_by_at_most_ahead_and_stops_when_cancelled(grid_path) -> None:
    frames = load_scenario(grid_path).frames
    days = sorted({tr.day for tr in frames.transitions})
    times = [day - 0.01 for day in days]  # each in the sweeps ending that day
    later = steps_at(frames, times[2:]) - steps_at(frames, times[:2])
    assert later
    stop = threading.Event()
    worker = threading.Thread(
        target=frames.compute_ahead, args=(times, lambda: 0, stop.is_set), kwargs={"ahead": 1}
    )
    worker.start()
    deadline = time.monotonic() + 10
    while not all(frames.has_step(n, s) for n, s in steps_at(frames, times[:2])):
        assert time.monotonic() < deadline
        time.sleep(0.01)
    time.sleep(0.1)  # drawing is stuck at the first frame: the worker waits after the second
    assert worker.is_alive()
    assert not any(frames.has_step(n, s) for n, s in later)
    stop.set()
    worker.join(timeout=2)
    assert not worker.is_alive()
