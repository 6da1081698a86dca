"""The fuzz target: a scenario folder is either refused cleanly or works everywhere.

`check(folder)` loads the scenario. A ScenarioError must be clean: at least one problem, each one
printable line naming a file. An accepted scenario must then survive what the app does with it: the
frames at both ends, the daily series (figures), the claims, and every file export that needs no
encoder (GeoJSON, GeoPackage with its QGIS project, KML, KMZ, events/zones/series CSV; with
`heavy`, the PDF handout and a PNG too). Its KML must be well-formed XML, its CSV free of cells a
spreadsheet would run as formulas. Anything else is a finding, with the exception's type.
"""

from __future__ import annotations

import csv
import os
import resource
import shutil
import tempfile
import time
import traceback
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from aleppo_desktop.core import limits
from aleppo_desktop.core.errors import ScenarioError
from aleppo_desktop.core.loading import load_scenario

MAX_SECONDS = 10.0  # any input within the limits loads or is refused within this (issue 15)
MAX_RSS_MB = 1024.0


@dataclass
class Outcome:
    kind: str  # "rejected", "accepted", "uncaught" (the loader raised), "failed" (accepted, then broke)
    detail: str = ""
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    @property
    def finding(self) -> bool:
        return self.kind in ("uncaught", "failed")


def _clean_problem(text: str) -> str | None:
    """Why a problem's text is not a clean one-line error naming a file, or None."""
    if not text or "\n" in text or "\r" in text:
        return f"not one line: {text!r:.200}"
    if "Traceback" in text:
        return f"a traceback in a problem: {text!r:.200}"
    return None


def check(folder: Path, heavy: bool = False) -> Outcome:
    """Load the scenario in `folder` and, when accepted, use it as the app does."""
    started = time.perf_counter()
    try:
        scenario = load_scenario(folder)
    except ScenarioError as exc:
        texts = [str(p) for p in exc.problems]
        bad = [r for r in map(_clean_problem, texts) if r] or (
            ["no problem listed"] if not texts else []
        )
        unnamed = [t for t in texts if not any(p.file and p.file in t for p in exc.problems)]
        if bad or unnamed:
            return Outcome("uncaught", f"unclean ScenarioError: {(bad or unnamed)[0]}")
        return Outcome("rejected", texts[0], time.perf_counter() - started, texts)
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt):
            raise
        return Outcome("uncaught", _where(exc), time.perf_counter() - started)
    seconds = time.perf_counter() - started
    try:
        use(scenario, heavy)
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt):
            raise
        return Outcome("failed", _where(exc), seconds)
    return Outcome("accepted", "", seconds)


def _where(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "aleppo_desktop" in f.filename] or frames
    place = f" at {Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else ""
    return f"{type(exc).__name__}{place}: {str(exc)[:200]}"


def use(scenario, heavy: bool = False) -> None:
    """What the app, the CLI and the exports do with a loaded scenario; raises on any failure."""
    from aleppo_desktop.core.metrics import check_claims, daily_series
    from aleppo_desktop.export import gis, series

    scenario.frame_at(scenario.start)
    scenario.frame_at(scenario.end)
    scenario.frame_at((scenario.start + scenario.end) / 2)
    daily_series(scenario)
    check_claims(scenario)
    out = Path(tempfile.mkdtemp(prefix="aleppo-fuzz-"))
    try:
        gis.write_geojson(scenario, out / "zones.geojson")
        gis.write_gpkg(scenario, out / "zones.gpkg")  # with its stored QGIS project
        ET.fromstring(gis.kml_document(scenario).encode("utf-8"))  # well-formed
        gis.write_kml(scenario, out / "zones.kml")
        ET.parse(out / "zones.kml")
        gis.write_kmz(scenario, out / "zones.kmz")
        with zipfile.ZipFile(out / "zones.kmz") as z:
            ET.fromstring(z.read("doc.kml"))
        gis.write_events_csv(scenario, out / "events.csv")
        series.write_series_csv(scenario, out / "series.csv")
        for name in ("events.csv", "series.csv"):
            _no_formulas(out / name)
        if heavy:
            from aleppo_desktop.export.pdf import write_pdf
            from aleppo_desktop.export.video import write_png

            write_pdf(scenario, out / "handout.pdf")
            write_png(scenario, out / "map.png", scenario.start, size=(640, 360))
        debris = [p.name for p in out.iterdir() if ".part" in p.name]
        if debris:
            raise AssertionError(f"temporary files left: {debris}")
    finally:
        shutil.rmtree(out, ignore_errors=True)


def _no_formulas(path: Path) -> None:
    from aleppo_desktop.export.gis import FORMULA_STARTS, csv_cell

    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh):
            for cell in row:
                if cell.startswith(FORMULA_STARTS) and csv_cell(cell) != cell:
                    raise AssertionError(f"{path.name}: a formula cell {cell!r:.80}")


def rss_mb() -> float:
    """Peak resident memory of this process so far (MB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def within_limits(folder: Path) -> bool:
    """Whether every file of the input is within the documented file-size limits (an input over
    them must be refused unread, which the limits tests check)."""
    sizes = {"scenario.json": limits.MAX_SCENARIO_BYTES}
    for path in folder.rglob("*"):
        try:
            size = os.stat(path).st_size
        except OSError:
            continue
        if size > sizes.get(path.name, limits.MAX_BASEMAP_BYTES):
            return False
    return True
