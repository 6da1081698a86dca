"""A tiny observer, so core objects can announce changes without importing Qt.

The Qt layer bridges these to Qt signals (or connects widget slots directly); tests connect plain
callables that append to a list and count emissions, like QGIS's ``QSignalSpy``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVarTuple

Ts = TypeVarTuple("Ts")


class Signal(Generic[*Ts]):
    """A list of callbacks called in connection order with the emitted arguments."""

    def __init__(self) -> None:
        """Start with no callbacks connected."""
        self._callbacks: list[Callable[[*Ts], object]] = []

    def connect(self, callback: Callable[[*Ts], object]) -> None:
        """Call ``callback`` on every later emission; connecting it twice calls it twice (as Qt)."""
        self._callbacks.append(callback)

    def disconnect(self, callback: Callable[[*Ts], object]) -> None:
        """Remove one connection of ``callback``; raise ValueError if it is not connected."""
        try:
            self._callbacks.remove(callback)
        except ValueError:
            raise ValueError(f"{callback!r} is not connected to this signal") from None

    def emit(self, *args: *Ts) -> None:
        """Call every connected callback with ``args``.

        Iterates over a snapshot so a callback may connect or disconnect during the emission.
        """
        for callback in tuple(self._callbacks):
            callback(*args)

    @property
    def receiver_count(self) -> int:
        """Number of live connections (a leak check for views that forget to disconnect)."""
        return len(self._callbacks)
