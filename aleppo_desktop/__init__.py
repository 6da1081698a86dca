"""aleppo-desktop: offline playback of the 2016 battle for Aleppo as an animated control map."""

import os
from importlib import metadata

# Offline by construction: PROJ never fetches grids from its CDN, whatever the environment says
# (core.geometry also turns it off in the running PROJ, in case pyproj was imported first).
os.environ["PROJ_NETWORK"] = "OFF"

try:
    __version__ = metadata.version("aleppo-desktop")
except metadata.PackageNotFoundError:  # running from a source tree or a frozen app without metadata
    __version__ = "0.1.0"
