"""aleppo-desktop: offline playback of the 2016 battle for Aleppo as an animated control map."""

from importlib import metadata

try:
    __version__ = metadata.version("aleppo-desktop")
except metadata.PackageNotFoundError:  # running from a source tree or a frozen app without metadata
    __version__ = "0.1.0"
