"""Entry script of the frozen app: the same `aleppo-desktop` command as the installed wheel."""

import multiprocessing
import os
import sys

# The bundle keeps one proj.db, pyogrio's (packaging/aleppo-desktop.spec): every PROJ in it reads that
# one, whatever PROJ_DATA the user's environment names. Set before pyproj or GDAL is imported.
_BUNDLE = getattr(sys, "_MEIPASS", None)
if _BUNDLE and os.path.isfile(os.path.join(_BUNDLE, "pyogrio", "proj_data", "proj.db")):
    os.environ["PROJ_DATA"] = os.path.join(_BUNDLE, "pyogrio", "proj_data")
    os.environ.pop("PROJ_LIB", None)

from aleppo_desktop.cli import main  # noqa: E402 (after PROJ_DATA)

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a no-op unless a worker process is spawned (Windows, macOS)
    raise SystemExit(main())
