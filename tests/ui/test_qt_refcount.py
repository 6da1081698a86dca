"""PySide6 6.12.0 drops a reference to None on every void-returning Qt call (we pin 6.11.x).

If this regresses, None's refcount falls by one per call and the interpreter eventually crashes.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QPointF, QRectF


def test_void_qt_calls_keep_none_refcount() -> None:
    point, rect = QPointF(), QRectF()
    for _ in range(20):  # warm up caches
        point.setX(1.0)
    before = sys.getrefcount(None)
    for i in range(500):
        point.setX(float(i))
        point.setY(float(i))
        rect.setWidth(float(i))
    after = sys.getrefcount(None)
    assert after >= before - 5, f"None refcount fell from {before} to {after} over 1500 calls"
