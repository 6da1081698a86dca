"""core.lru.LruCache: eviction order, the count and byte ceilings, use from several threads."""

from __future__ import annotations

import threading

import pytest

from aleppo_desktop.core.lru import LruCache


def test_the_least_recently_used_goes_first() -> None:
    cache: LruCache[str, int] = LruCache(count=3)
    for i, key in enumerate("abc"):
        assert cache.put(key, i) == i
    assert cache.get("a") == 0  # a is now the most recently used: b goes next
    cache.put("d", 3)
    assert list(cache) == ["c", "a", "d"]
    assert cache.get("b") is None
    cache.put("e", 4)
    assert list(cache) == ["a", "d", "e"]
    assert len(cache) == 3 and "c" not in cache and "e" in cache


def test_a_value_stored_again_replaces_the_old_one_as_the_newest() -> None:
    cache: LruCache[str, str] = LruCache(count=2)
    cache.put("a", "first", size=5)
    cache.put("b", "other")
    assert cache.put("a", "second", size=7) == "second"
    assert cache.items() == [("b", "other", 0), ("a", "second", 7)] and cache.nbytes == 7
    cache.put("c", "third")  # b is now the oldest: it goes
    assert list(cache) == ["a", "c"]


def test_falsy_values_are_held() -> None:
    cache: LruCache[int, tuple] = LruCache(count=2)
    cache.put(1, ())
    assert cache.get(1) == () and 1 in cache


def test_byte_ceiling_drops_the_oldest_until_under_it() -> None:
    cache: LruCache[int, str] = LruCache(max_bytes=100)
    cache.put(1, "one", size=40)
    cache.put(2, "two", size=40)
    assert cache.nbytes == 80
    cache.put(3, "three", size=50)  # 130: 1 goes, 90 stay
    assert list(cache) == [2, 3] and cache.nbytes == 90
    assert cache.size(2) == 40 and cache.size(1) == 0
    cache.put(4, "huge", size=500)  # bigger than the ceiling: kept, alone
    assert list(cache) == [4] and cache.nbytes == 500
    cache.max_bytes = 1000  # the ceiling may be changed
    cache.put(5, "five", size=400)
    assert list(cache) == [4, 5] and cache.nbytes == 900


def test_count_and_bytes_together() -> None:
    cache: LruCache[int, int] = LruCache(count=2, max_bytes=100)
    cache.put(1, 1, size=10)
    cache.put(2, 2, size=10)
    cache.put(3, 3, size=10)  # over the count
    assert list(cache) == [2, 3]
    cache.put(4, 4, size=95)  # over the bytes: 3 goes too
    assert list(cache) == [4] and cache.nbytes == 95


def test_pop_clear_and_items() -> None:
    cache: LruCache[str, int] = LruCache(max_bytes=100)
    cache.put("a", 1, size=10)
    cache.put("b", 2, size=20)
    assert cache.items() == [("a", 1, 10), ("b", 2, 20)]
    assert cache.pop("a") == 1 and cache.pop("a") is None
    assert cache.nbytes == 20 and list(cache) == ["b"]
    cache.clear()
    assert len(cache) == 0 and cache.nbytes == 0 and cache.get("b") is None


def test_a_ceiling_is_required() -> None:
    with pytest.raises(ValueError):
        LruCache()
    with pytest.raises(ValueError):
        LruCache(count=0)


def test_threads_storing_and_reading_keep_the_sizes_consistent() -> None:
    cache: LruCache[tuple[int, int], int] = LruCache(count=50, max_bytes=2000)
    start = threading.Barrier(4)
    errors: list[BaseException] = []

    def work(thread: int) -> None:
        try:
            start.wait()
            for i in range(3000):
                key = (thread % 2, i % 97)  # two pairs of threads store the same keys
                cache.put(key, i, size=1 + i % 50)
                cache.get((1 - thread % 2, i % 97))
                if i % 13 == 0:
                    cache.pop(key)
                list(cache)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    held = cache.items()
    assert len(held) <= 50
    assert cache.nbytes == sum(size for _, _, size in held) <= 2000
