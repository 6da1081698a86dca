"""PROJ's network access is off in every process of the app, whatever the environment says."""

from __future__ import annotations

import os

import pytest

from tests.conftest import run_python

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
    assert run_python("-c", CHECK.format(first=first), env=env).stdout.strip() == "off"
