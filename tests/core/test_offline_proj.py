"""PROJ's network access is off in every process of the app, whatever the environment says."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CHECK = """
import sys
{first}
import pyproj.network
from aleppo_desktop.core.geometry import to_map
import shapely
to_map(shapely.Point(37.16, 36.2))  # a transformation ran: PROJ's context exists
assert not pyproj.network.is_network_enabled(), "PROJ network is on"
print("off")
"""


@pytest.mark.parametrize(
    "first",
    ["", "import pyproj; assert pyproj.network.is_network_enabled()"],
    ids=["app", "pyproj"],
)
def test_proj_network_is_off_even_with_proj_network_on(first: str) -> None:
    env = {**os.environ, "PROJ_NETWORK": "ON"}
    result = subprocess.run(
        [sys.executable, "-c", CHECK.format(first=first)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "off"
