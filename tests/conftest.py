"""Shared fixtures: a small synthetic scenario written to a temporary folder.

The grid scenario is 4 x 3 square area units near Aleppo; its control table has known changes, so
tests can assert exact holders, areas and transitions. `make_scenario(**changes)` writes a copy with
parts replaced, for the bad-input tests.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from aleppo_desktop.core.loading import load_scenario
from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.core.timeline import day_number
from aleppo_desktop.paths import bundled_scenario_path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

COLS, ROWS = 4, 3
LON0, LAT0, STEP = 37.10, 36.18, 0.02


def grid_areas() -> dict[str, Any]:
    features = []
    for r in range(ROWS):
        for c in range(COLS):
            x0, y0 = LON0 + c * STEP, LAT0 + r * STEP
            ring = [[x0, y0], [x0 + STEP, y0], [x0 + STEP, y0 + STEP], [x0, y0 + STEP], [x0, y0]]
            features.append(
                {
                    "type": "Feature",
                    "properties": {
                        "id": f"a-{r}{c}",
                        "name_en": f"Cell {r}{c}",
                        "name_ar": f"خلية {r}{c}",
                        "kind": "neighbourhood",
                        "source": "test",
                    },
                    "geometry": {"type": "Polygon", "coordinates": [ring]},
                }
            )
    return {"type": "FeatureCollection", "features": features}


# Columns 0-1 regime, columns 2-3 rebel, cell 23 (top right) YPG.
# 07-05: a-02 rebel -> regime.  07-10: a-12 and a-22 -> regime (claimed).  07-12: a-12 confirmed.
# 07-15: a-03 -> regime (contested).  07-18: a-13 -> ypg.
CONTROL_ROWS = [
    *(
        f"a-{r}{c},2016-07-01,{'ypg' if (r, c) == (2, 3) else 'regime' if c < 2 else 'rebel'},"
        f"confirmed,test#initial,"
        for r in range(ROWS)
        for c in range(COLS)
    ),
    "a-02,2016-07-05,regime,confirmed,brief#4,",
    "a-12,2016-07-10,regime,claimed,test#p2,",
    "a-22,2016-07-10,regime,claimed,test#p2,",
    "a-12,2016-07-12,regime,confirmed,test#p3,",
    "a-03,2016-07-15,regime,contested,test#p4,",
    "a-13,2016-07-18,ypg,confirmed,test#p5,",
]


def jul(day: float) -> float:
    """The clock at a (fractional) day of July 2016, the grid's month: jul(1) is 00:00 on 1 Jul."""
    return day_number(date(2016, 7, 1)) + day - 1


def km2(scenario: Scenario, *area_ids: str) -> float:
    """The summed area of some area units, as loading measured them."""
    return float(sum(scenario.areas[scenario.area_index[a]].area_km2 for a in area_ids))


def edges_km(scenario: Scenario, *pairs: tuple[str, str]) -> float:
    """Lengths of the shared edges of pairs of area units, as the frame builder measured them."""
    builder = scenario.frames
    ids = [a.id for a in scenario.areas]
    found = {
        frozenset((ids[a], ids[b])): km
        for a, b, km in zip(builder.edge_a, builder.edge_b, builder.edge_km, strict=True)
    }
    return float(sum(found[frozenset(pair)] for pair in pairs))


def shown_map_view(qtbot, width: int, height: int, scenario: Scenario | None = None):
    """A MapView of this size, shown and exposed (closed with the test), drawing a new MapScene
    of `scenario` when one is given (`view.map_scene`)."""
    from aleppo_desktop.render.scene import MapScene
    from aleppo_desktop.ui.map_view import MapView

    view = MapView()
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show()
    qtbot.waitExposed(view)
    if scenario is not None:
        view.set_map_scene(MapScene(scenario))
    return view


def pool_switches() -> dict[str, int]:
    """Context switches so far of each thread of Qt's thread pools (Linux, /proc): the raster
    engine hands its pool the fills and blends it does not do as plain copies, and waits."""
    counts = {}
    for task in Path("/proc/self/task").iterdir():
        try:
            if (task / "comm").read_text().strip() != "Thread (pooled)":
                continue
            status = (task / "status").read_text().splitlines()
        except OSError:  # a thread that ended
            continue
        counts[task.name] = sum(
            int(line.split()[1]) for line in status if "ctxt_switches" in line.split(":")[0]
        )
    return counts


def pool_work(before: dict[str, int]) -> dict[str, int]:
    """The switches of each pool thread since `before` (`pool_switches`), where any."""
    return {t: n - before.get(t, 0) for t, n in pool_switches().items() if n != before.get(t, 0)}


NO_PROC = not Path("/proc/self/task").exists()  # pool_switches reads /proc


def run_python(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python ARGS` in a fresh interpreter from the project folder (text output kept, 120 s at
    most); the test fails with its stderr unless it exits 0."""
    result = subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result


FRESH_WINDOW = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMenu

app = QApplication([])
folder = Path(sys.argv[1])
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "cfg"))
from aleppo_desktop.paths import bundled_scenario_path
from aleppo_desktop.ui.main_window import MainWindow

watched = sys.argv[2].split(",")
window = MainWindow(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
"""


def run_fresh_window(folder: Path, body: str, watched: tuple[str, ...]) -> dict[str, Any]:
    """Run `body` in a fresh interpreter (offscreen) after a main window is made with settings
    under `folder`: the script has `app`, `window`, `folder`, `watched` (module names) and
    `bundled_scenario_path`; its last printed line is JSON, returned (which modules a start-up
    imports: this test session has imported them all already)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    script = FRESH_WINDOW + body + "window.close()\n"
    out = run_python("-c", script, str(folder), ",".join(watched), env=env).stdout
    return json.loads(out.strip().splitlines()[-1])


def kill_when_ready(script: str, env: dict[str, str] | None = None) -> None:
    """Run `script` in a fresh Python and SIGKILL it once it prints `ready` (a crash mid-work)."""
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, env=env)
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == b"ready"
        os.kill(process.pid, signal.SIGKILL)
        process.wait(10)
    finally:
        if process.poll() is None:
            process.kill()


def grid_scenario() -> dict[str, Any]:
    return {
        "format_version": 1,
        "title": "Grid test",
        "period": {"start": "2016-07-01", "end": "2016-07-20"},
        "time_zone": "Asia/Damascus",
        "tween_days": 1.0,
        "sources": [
            {
                "id": "brief",
                "kind": "brief",
                "title": "A brief",
                "paragraphs": True,
                "date": "2016-07-16",
            },
            {"id": "test", "kind": "other", "title": "Made up for tests"},
        ],
        "factions": [
            {
                "id": "regime",
                "name_en": "Regime",
                "name_ar": "النظام",
                "colour": "#c0392b",
                "colour_cb": "#D55E00",
            },
            {
                "id": "rebel",
                "name_en": "Rebels",
                "name_ar": "المعارضة",
                "colour": "#2e8b57",
                "colour_cb": "#009E73",
            },
            {
                "id": "ypg",
                "name_en": "YPG",
                "name_ar": "وحدات حماية الشعب",
                "colour": "#e1b12c",
                "colour_cb": "#F0E442",
            },
        ],
        "relations": [{"factions": ["ypg", "regime"], "hostile": False, "source": "test"}],
        "area_units": "areas.geojson",
        "control": "control.csv",
        "events": [
            {
                "id": "e1",
                "date": {"start": "2016-07-05"},
                "kind": "ground_advance",
                "title": "Cell 02 falls",
                "summary": "The regime takes cell 02.",
                "source": "brief#4",
                "chapter": "Advance",
                "importance": "major",
                "location": {"areas": ["a-02"]},
            },
            {
                "id": "e2",
                "date": {"start": "2016-07-10", "end": "2016-07-12", "precision": "range"},
                "kind": "ground_advance",
                "title": "Column 2 falls",
                "summary": "Two more cells.",
                "source": "test#p2",
                "location": {"point": [37.15, 36.21]},
            },
            {
                "id": "e3",
                "date": {"start": "2016-07-18"},
                "kind": "assessment",
                "title": "YPG expected to move",
                "summary": "An assessment.",
                "source": "brief#5",
                "chapter": "Kurds",
                "outcome": "e2",
            },
        ],
        "strength": [
            {
                "id": "s1",
                "who": "g1",
                "who_name": "Group one",
                "faction": "rebel",
                "date": "2016-07-10",
                "low": 1500,
                "high": 2000,
                "scope": "aleppo-city",
                "source": "brief#6",
            },
            {
                "id": "s2",
                "who": "g2",
                "who_name": "Group two",
                "faction": "rebel",
                "date": "2016-07-10",
                "low": 6000,
                "high": 6000,
                "scope": "aleppo-city",
                "source": "brief#6",
            },
        ],
        "claims": [
            {
                "id": "c1",
                "statement": "Regime took a cell",
                "source": "brief#4",
                "kind": "area_gained",
                "faction": "regime",
                "from_faction": "rebel",
                "start": "2016-07-01",
                "end": "2016-07-06",
                "comparator": "about",
                "value": 4.0,
                "unit": "km2",
            },
            {
                "id": "c2",
                "statement": "Rebels lost half",
                "source": "brief#4",
                "kind": "share_lost",
                "faction": "rebel",
                "start": "2016-07-01",
                "end": "2016-07-20",
                "comparator": "more_than",
                "value": 50,
                "unit": "percent",
            },
            {
                "id": "c3",
                "statement": "Long front",
                "source": "brief#7",
                "kind": "front_length",
                "faction": "rebel",
                "end": "2016-07-01",
                "comparator": "more_than",
                "value": 5,
                "unit": "km",
            },
            {
                "id": "c4",
                "statement": "Fighters",
                "source": "brief#6",
                "kind": "head_count",
                "components": ["s1", "s2"],
                "comparator": "about",
                "value": 8000,
                "unit": "people",
            },
        ],
    }


def write_scenario(
    folder: Path,
    scenario: dict[str, Any] | None = None,
    areas: dict[str, Any] | None = None,
    control: list[str] | str | None = None,
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "scenario.json").write_text(
        json.dumps(scenario if scenario is not None else grid_scenario(), ensure_ascii=False),
        encoding="utf-8",
    )
    (folder / "areas.geojson").write_text(
        json.dumps(areas if areas is not None else grid_areas()), encoding="utf-8"
    )
    rows = CONTROL_ROWS if control is None else control
    text = (
        rows
        if isinstance(rows, str)
        else "\n".join(["area_id,date,faction,confidence,source,note", *rows]) + "\n"
    )
    (folder / "control.csv").write_text(text, encoding="utf-8")
    return folder / "scenario.json"


@pytest.fixture
def grid_path(tmp_path: Path) -> Path:
    return write_scenario(tmp_path / "grid")


@pytest.fixture
def make_scenario(tmp_path: Path) -> Callable[..., Path]:
    """Write a variant of the grid scenario: make_scenario(scenario=..., areas=..., control=...)."""
    count = 0

    def make(**parts: Any) -> Path:
        nonlocal count
        count += 1
        return write_scenario(tmp_path / f"variant{count}", **parts)

    return make


@pytest.fixture
def grid_dict() -> dict[str, Any]:
    return copy.deepcopy(grid_scenario())


@pytest.fixture(scope="module")
def aleppo() -> Scenario:
    """The bundled Aleppo scenario, loaded once per test module."""
    return load_scenario(bundled_scenario_path())


@contextmanager
def xvfb(*screens: str, numbers: range = range(91, 200)) -> Iterator[str]:
    """A private Xvfb display with one X screen per size ("1366x768"; Qt sees each as a QScreen),
    on a free display number of `numbers`; skipped where Xvfb is missing."""
    binary = shutil.which("Xvfb")
    if binary is None:
        pytest.skip("Xvfb is not installed (dev.sh / CI install it with apt)")
    n = next(
        (
            n
            for n in numbers
            if not Path(f"/tmp/.X{n}-lock").exists() and not Path(f"/tmp/.X11-unix/X{n}").exists()
        ),
        None,
    )
    if n is None:
        pytest.skip("no free X display number")
    args = [binary, f":{n}", "-nolisten", "tcp"]
    for k, size in enumerate(screens):
        args += ["-screen", str(k), f"{size}x24"]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    try:
        while not Path(f"/tmp/.X11-unix/X{n}").exists():
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("Xvfb did not start")
            time.sleep(0.1)
        yield f":{n}"
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture
def xvfb_display() -> Iterator[str]:
    """A private Xvfb display (1600x1000) for the real-window tests; skipped where Xvfb is missing."""
    with xvfb("1600x1000") as display:
        yield display


def run_app_screenshot(
    display: str, scenario: Path, shot: Path, home: Path, **settings: str
) -> subprocess.CompletedProcess[str]:
    """Run the real app (xcb) on `display` with a fresh `home`: it saves a screenshot of the screen
    after its first frame to `shot` (and its placement beside it, .json) and quits; `settings`
    are more ALEPPO_DESKTOP_* variables (SCREENSHOT_AT="10 Jul")."""
    env = dict(os.environ)
    env.update(
        DISPLAY=display,
        QT_QPA_PLATFORM="xcb",
        ALEPPO_DESKTOP_SCREENSHOT=str(shot),
        XDG_CONFIG_HOME=str(home / "config"),
        HOME=str(home),
        **{f"ALEPPO_DESKTOP_{key}": value for key, value in settings.items()},
    )
    env.pop("WAYLAND_DISPLAY", None)
    return run_python("-m", "aleppo_desktop", str(scenario), env=env)
