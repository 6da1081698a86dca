"""A small least-recently-used cache with a ceiling on its entries and/or their estimated bytes.

One helper for the caches kept per frame or per view (label layouts, fill paths, front polylines,
zones) and for the sweep cache, which the UI thread and the prefetch thread fill together: every
operation holds the cache's lock, and a value is stored only when finished.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable, Iterator
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class LruCache(Generic[K, V]):
    """Values by key, the least recently used dropped first while more than `count` entries are
    held or, with `max_bytes`, while their sizes (as given to `put`) sum over it; the entry just
    stored always stays (a value bigger than the ceiling is still kept, alone). Values are never
    None (`get` answers None for a missing key). Thread-safe."""

    def __init__(self, count: int | None = None, max_bytes: int | None = None) -> None:
        if count is None and max_bytes is None:
            raise ValueError("an LruCache needs a count or a byte ceiling")
        if count is not None and count < 1:
            raise ValueError(f"an LruCache holds at least one entry, not {count}")
        self.count = count
        self.max_bytes = max_bytes
        self._values: OrderedDict[K, V] = OrderedDict()
        self._sizes: dict[K, int] = {}
        self._nbytes = 0
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        """The value under key (now the most recently used), or None."""
        with self._lock:
            value = self._values.get(key)
            if value is not None:
                self._values.move_to_end(key)
            return value

    def put(self, key: K, value: V, size: int = 0) -> V:
        """Store value (of `size`) under key as the most recently used, in place of any value held
        there, then drop the oldest entries while over the ceilings; returns value."""
        with self._lock:
            if key in self._values:
                self._nbytes -= self._sizes[key]
                del self._values[key]
            self._values[key] = value
            self._sizes[key] = size
            self._nbytes += size
            values = self._values
            while len(values) > 1 and (
                (self.count is not None and len(values) > self.count)
                or (self.max_bytes is not None and self._nbytes > self.max_bytes)
            ):
                old, _ = values.popitem(last=False)
                self._nbytes -= self._sizes.pop(old)
            return value

    def pop(self, key: K) -> V | None:
        """Remove key's entry; its value, or None when none is held."""
        with self._lock:
            if key not in self._values:
                return None
            self._nbytes -= self._sizes.pop(key)
            return self._values.pop(key)

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
            self._sizes.clear()
            self._nbytes = 0

    def size(self, key: K) -> int:
        """The size stored with key's entry (0 when none is held)."""
        with self._lock:
            return self._sizes.get(key, 0)

    def items(self) -> list[tuple[K, V, int]]:
        """(key, value, size) of every entry, least recently used first (a copy)."""
        with self._lock:
            return [(key, value, self._sizes[key]) for key, value in self._values.items()]

    @property
    def nbytes(self) -> int:
        """The sum of the held entries' sizes."""
        return self._nbytes

    def __contains__(self, key: object) -> bool:
        return key in self._values

    def __len__(self) -> int:
        return len(self._values)

    def __iter__(self) -> Iterator[K]:
        """The keys, least recently used first (a copy: safe while other threads store)."""
        with self._lock:
            return iter(list(self._values))
