"""Counters kept in the cache, for keys that must change when what they cover changes.

A counter can be evicted. When it comes back it starts from the clock in milliseconds, past any
value it had before (it goes up by one per change), so a key built from it never points at
something stored under an older value.
"""

import time

from django.core.cache import cache


def fresh_value() -> int:
    return int(time.time() * 1000)


def current(key: str) -> int:
    value = cache.get(key)
    if value is None:
        cache.add(key, fresh_value(), timeout=None)
        value = cache.get(key)
    return value


def bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # evicted or never set
        cache.set(key, fresh_value(), timeout=None)
