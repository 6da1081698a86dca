"""The installer bundle, as a user gets it: build it (packaging/build.sh), then run the frozen executable.

It runs with the network cut (`unshare -n`: a network namespace with no interfaces, so native code is
cut off too) and an empty environment (`env -i` plus HOME, PATH=/usr/bin:/bin, LANG and the Qt
platform), so a missing hidden import, data file, font, PROJ database, Qt plugin or library fails here.
The build is reused while dist/ is newer than every source file (a fresh clone always builds).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        sys.platform != "linux", reason="the Linux bundle; other OSes build by hand"
    ),
]

ROOT = Path(__file__).resolve().parents[2]
NAME = "aleppo-desktop"
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
DIST = ROOT / "dist" / NAME
EXECUTABLE = DIST / NAME
ARCHIVE = ROOT / "dist" / f"{NAME}-{VERSION}-linux-{os.uname().machine}.tar.gz"
SOURCES = ("aleppo_desktop", "data", "resources", "packaging", "pyproject.toml")
BUILD_TIMEOUT_S = 30 * 60
CHECKS = (
    "installation",
    "scenario",
    "fonts",
    "translations",
    "projection",
    "area",
    "render",
    "video",
    "basemaps",
)
# Measured sizes are printed; these limits catch a bundle that suddenly grows (a dependency pulled in
# whole, the Qt excludes lost). Measured: 472 MiB and about 170 MiB, of which imageio-ffmpeg 0.7's
# ffmpeg is 77 MiB and the user-basemap readers about 170 (two GDAL builds: pyogrio's and rasterio's).
MAX_FOLDER_MB = 500
MAX_ARCHIVE_MB = 185
REGIME, REBEL = (0xC0, 0x39, 0x2B), (0x2E, 0x8B, 0x57)


def _newest_source_mtime() -> float:
    newest = 0.0
    for name in SOURCES:
        path = ROOT / name
        files = [path] if path.is_file() else path.rglob("*")
        for f in files:
            if f.is_file() and "__pycache__" not in f.parts:
                newest = max(newest, f.stat().st_mtime)
    return newest


def _folder_mb(path: Path) -> float:
    return (
        sum(f.lstat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())
        / 2**20
    )


@pytest.fixture(scope="session")
def bundle() -> Path:
    """dist/aleppo-desktop, built now unless the archive (written last) is newer than every source."""
    fresh = ARCHIVE.is_file() and EXECUTABLE.is_file()
    if fresh and ARCHIVE.stat().st_mtime > _newest_source_mtime():
        print(f"\nreusing the bundle in {DIST} (newer than every source file)")
        return DIST
    started = time.monotonic()
    result = subprocess.run(
        ["bash", str(ROOT / "packaging" / "build.sh")],
        cwd=ROOT,
        env={**os.environ, "PYTHON": sys.executable},
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
    )
    assert result.returncode == 0, (
        f"build failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    )
    print(f"\nbuilt the bundle in {time.monotonic() - started:.0f} s\n{result.stdout[-500:]}")
    assert EXECUTABLE.is_file() and ARCHIVE.is_file()
    return DIST


def _no_network_prefix() -> list[str]:
    """A command prefix that runs its command with no network at all."""
    unshare = shutil.which("unshare")
    if unshare:
        for flags in (["-n"], ["-r", "-n"]):  # as root; else in a user namespace
            probe = subprocess.run([unshare, *flags, "true"], capture_output=True)
            if probe.returncode == 0:
                return [unshare, *flags, "--"]
    if os.environ.get("CI"):
        pytest.fail("cannot cut the network: `unshare -n` does not work on this machine")
    pytest.skip("cannot cut the network here (no working `unshare -n`)")


def _minimal_env(home: Path, **extra: str) -> list[str]:
    home.mkdir(parents=True, exist_ok=True)
    variables = {
        "HOME": str(home),
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        **extra,
    }
    return ["env", "-i", *(f"{k}={v}" for k, v in variables.items())]


def _run_frozen(args: list[str], home: Path, timeout: float = 300, **env: str):
    command = [*_no_network_prefix(), *_minimal_env(home, **env), str(EXECUTABLE), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout)


def test_bundle_layout_and_size(bundle: Path) -> None:
    internal = bundle / "_internal"
    for relative in (
        "data/aleppo-2016/scenario.json",
        "resources/fonts/DejaVuSans.ttf",
        "resources/icons/aleppo-desktop.png",
        "pyogrio/proj_data/proj.db",  # the one proj.db every PROJ in the bundle reads
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/lib/libQt6OpenGL.so.6",
    ):
        assert (internal / relative).exists(), relative
    assert list((internal / "imageio_ffmpeg" / "binaries").glob("ffmpeg-*")), "no ffmpeg bundled"
    for excluded in (
        "PySide6/QtNetwork.abi3.so",
        "PySide6/QtQml.abi3.so",
        "PySide6/QtQuick.abi3.so",
    ):
        assert not (internal / excluded).exists(), f"{excluded} should be excluded"
    assert not (internal / "PySide6/Qt/plugins/platformthemes/libqgtk3.so").exists()
    for duplicate in ("rasterio/proj_data/proj.db", "pyproj/proj_dir/share/proj/proj.db"):
        assert not (internal / duplicate).exists(), f"{duplicate}: one proj.db is enough"
    assert not (internal / "hypothesis").exists()
    assert not list(internal.glob("pytest*")) and not (internal / "PyInstaller").exists()
    with tarfile.open(ARCHIVE) as archive:
        names = set(archive.getnames())
    for member in ("aleppo-desktop", "install.sh", "share/aleppo-desktop.desktop"):
        assert f"{NAME}/{member}" in names
    folder_mb, archive_mb = _folder_mb(bundle), ARCHIVE.stat().st_size / 2**20
    print(f"\nfolder {folder_mb:.0f} MB, archive {archive_mb:.0f} MB")
    assert folder_mb <= MAX_FOLDER_MB
    assert archive_mb <= MAX_ARCHIVE_MB


def test_frozen_self_test_offline_in_minimal_env(bundle: Path, tmp_path: Path) -> None:
    result = _run_frozen(["--self-test"], tmp_path / "home")
    print(result.stdout)
    assert result.returncode == 0, f"self-test failed:\n{result.stdout}\n{result.stderr}"
    lines = result.stdout.splitlines()
    for check in CHECKS:
        assert any(line.startswith(f"ok   {check}:") for line in lines), f"{check} did not pass"
    assert "(frozen)" in result.stdout
    assert "video: skipped" not in result.stdout
    # PROJ data and the encoder come from inside the bundle, not from the build machine.
    assert f"PROJ data {bundle}" in result.stdout
    assert f"encoder {bundle}" in result.stdout
    assert "self-test passed" in lines[-1]


@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["info"],
        ["state", "--at", "2016-11-30", "--format", "table"],
        ["claims"],
    ],
    ids=lambda args: args[0].lstrip("-"),
)
def test_frozen_cli_offline_in_minimal_env(bundle: Path, tmp_path: Path, args: list[str]) -> None:
    result = _run_frozen(args, tmp_path / "home", timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()


def test_frozen_cli_speaks_arabic_with_lang_ar(bundle: Path, tmp_path: Path) -> None:
    """The compiled Arabic catalogue is inside the bundle: `--lang ar` answers in Arabic."""
    result = _run_frozen(["--lang", "ar", "--help"], tmp_path / "home", timeout=120)
    assert result.returncode == 0, result.stderr
    assert "فحص سيناريو" in result.stdout, result.stdout


def test_frozen_export_png_offline(bundle: Path, tmp_path: Path) -> None:
    out = tmp_path / "still.png"
    result = _run_frozen(
        ["export", "png", "-q", "--size", "640x360", "-o", str(out)], tmp_path / "home", timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# --- a real window on an X server -----------------------------------------------------------------


def _share_of(image, colour: tuple[int, int, int], tolerance: int = 14) -> float:
    hits = total = 0
    for y in range(0, image.height(), 6):
        for x in range(0, image.width(), 6):
            c = image.pixelColor(x, y)
            total += 1
            hits += all(
                abs(a - b) <= tolerance
                for a, b in zip((c.red(), c.green(), c.blue()), colour, strict=True)
            )
    return hits / total


@pytest.mark.parametrize("args", [[], ["--lang", "ar"]], ids=["english", "arabic"])
def test_frozen_app_opens_its_window_under_xvfb(
    bundle: Path, xvfb_display: str, tmp_path: Path, args: list[str]
) -> None:
    """The frozen app on a real X server (xcb plugin, bundled xcb libraries) draws the map; it saves a
    screenshot of the screen after its first frame and quits (ALEPPO_DESKTOP_SCREENSHOT)."""
    shot = tmp_path / "frozen-screen.png"
    # The X socket lives in the host's filesystem, so the network namespace does not hide it.
    result = _run_frozen(
        args,
        tmp_path / "home",
        timeout=180,
        DISPLAY=xvfb_display,
        QT_QPA_PLATFORM="xcb",
        ALEPPO_DESKTOP_SCREENSHOT=str(shot),
    )
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    assert shot.is_file(), f"no screenshot:\n{result.stderr}"
    keep = os.environ.get("ALEPPO_KEEP_SCREENSHOT")
    if keep:
        shutil.copyfile(shot, keep)
    from PySide6.QtGui import QImage

    image = QImage(str(shot))
    assert image.width() == 1600 and image.height() == 1000
    # The map fills most of the window: both sides of the front line are on screen in their colours.
    regime, rebel = _share_of(image, REGIME), _share_of(image, REBEL)
    assert regime > 0.05 and rebel > 0.005, f"regime {regime:.1%}, rebel {rebel:.1%} of the screen"
