"""Soak: play the whole period in a loop for N minutes and print the resident memory every 30 s.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python bench/soak.py --minutes 30

Opens the main window on the bundled scenario (or SCENARIO), sets the loop mode to LOOP at the
top speed (30 days/s), plays, and prints `elapsed  RSS  loops  frames  dropped` every `--every` seconds,
then the growth over the second half (after the warm-up: caches, fonts, the figures thread). A figure,
not a pass/fail test: a steady RSS after warm-up means no leak per frame.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def rss_mb() -> float:
    """Resident set size of this process in MB (Linux /proc)."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", type=Path, default=None)
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--every", type=float, default=30.0, help="seconds between reports")
    parser.add_argument("--speed", type=float, default=30.0, help="days per second")
    args = parser.parse_args()

    from PySide6.QtCore import QTimer

    from aleppo_desktop.core.playback import LoopMode
    from aleppo_desktop.paths import bundled_scenario_path
    from aleppo_desktop.ui.app import make_application
    from aleppo_desktop.ui.main_window import MainWindow

    app = make_application()
    window = MainWindow()
    window.resize(1366, 768)
    window.show()
    if not window.open_scenario(args.scenario or bundled_scenario_path()):
        print("the scenario did not load", file=sys.stderr)
        return 1
    clock = window.clock
    clock.set_loop_mode(LoopMode.LOOP)
    clock.set_speed(args.speed)
    counts = {"frames": 0, "loops": 0}
    last = [clock.time]

    def on_time(t: float) -> None:
        counts["frames"] += 1
        if t < last[0]:
            counts["loops"] += 1
        last[0] = t

    clock.time_changed.connect(on_time)
    started = time.monotonic()
    samples: list[tuple[float, float]] = []

    def report() -> None:
        elapsed = time.monotonic() - started
        rss = rss_mb()
        samples.append((elapsed, rss))
        print(
            f"{elapsed:7.0f} s  RSS {rss:7.1f} MB  loops {counts['loops']:4d}  "
            f"frames {counts['frames']:7d}  dropped ticks {clock.dropped_ticks}",
            flush=True,
        )
        if elapsed >= args.minutes * 60:
            app.quit()

    print(
        f"soak: {args.minutes:g} min at {clock.speed:g} days/s, loop, pid {os.getpid()}, "
        f"display {os.environ.get('DISPLAY', '-')} / {app.platformName()}",
        flush=True,
    )
    report()
    timer = QTimer()
    timer.timeout.connect(report)
    timer.start(int(args.every * 1000))
    QTimer.singleShot(0, clock.play)
    try:
        app.exec()
    finally:
        window.stop_figures()
    half = samples[len(samples) // 2]
    print(
        f"RSS start {samples[0][1]:.1f} MB, max {max(r for _, r in samples):.1f} MB, "
        f"end {samples[-1][1]:.1f} MB; second half ({half[0] / 60:.1f} min to the end): "
        f"{samples[-1][1] - half[1]:+.1f} MB; {counts['loops']} loops, {counts['frames']} frames"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
