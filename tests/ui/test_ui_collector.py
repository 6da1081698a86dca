"""Cycles are collected by a timer on the UI thread (ui.app.UiThreadCollector), not automatically."""

from __future__ import annotations

import gc
import weakref

from aleppo_desktop.ui.app import UiThreadCollector


class Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the cycle collector frees it


def test_collects_on_its_timer_and_gives_collection_back(qapp) -> None:
    was_enabled = gc.isenabled()
    collector = UiThreadCollector(interval_s=60)
    try:
        assert not gc.isenabled()
        assert collector.timer.isActive()
        node = Node()
        gone = weakref.ref(node)
        del node
        collector.threshold = (0, 0, 0)  # every generation is due
        assert gone() is not None  # nothing collected it on its own
        collector.check()
        assert gone() is None
    finally:
        collector.stop()
    assert gc.isenabled() and not collector.timer.isActive()
    if not was_enabled:
        gc.disable()
