"""Rate limits at the gateway: per conversation and per client address, with `Retry-After`.

The `limits` library keeps the counters: in memory for one process, in Redis (`REDIS_URL`) when
several gateways must share them.

In memory the synchronous storage is used from the event loop: every operation is a few dict
lookups. The asyncio memory storage of `limits` expires its windows by sending each key to a
worker thread, on every request; with a few hundred active keys that cost the gateway more CPU
per turn than the rest of its work (docs/benchmarks.md, "Where a turn's time went").
"""

from __future__ import annotations

import math
import time

from limits import RateLimitItemPerMinute, strategies
from limits.aio import strategies as aio_strategies
from limits.aio.storage import RedisStorage
from limits.aio.storage import Storage as AsyncStorage
from limits.storage import MemoryStorage
from limits.storage import Storage as SyncStorage


def storage_for(redis_url: str | None) -> SyncStorage | AsyncStorage:
    if not redis_url:
        return MemoryStorage()
    uri = redis_url if redis_url.startswith("async+") else "async+" + redis_url
    return RedisStorage(uri, implementation="redispy")


class Limiter:
    """`check(kind, key)` spends one request; returns None if allowed, else seconds to wait."""

    def __init__(self, per_minute: dict[str, int], storage: SyncStorage | AsyncStorage) -> None:
        self._items = {kind: RateLimitItemPerMinute(n) for kind, n in per_minute.items()}
        self._sync: strategies.MovingWindowRateLimiter | None = None
        self._async: aio_strategies.MovingWindowRateLimiter | None = None
        if isinstance(storage, SyncStorage):
            self._sync = strategies.MovingWindowRateLimiter(storage)
        else:
            self._async = aio_strategies.MovingWindowRateLimiter(storage)

    async def check(self, kind: str, key: str) -> int | None:
        item = self._items[kind]
        if self._sync is not None:
            if self._sync.hit(item, kind, key):
                return None
            reset = self._sync.get_window_stats(item, kind, key).reset_time
        else:
            assert self._async is not None
            if await self._async.hit(item, kind, key):
                return None
            reset = (await self._async.get_window_stats(item, kind, key)).reset_time
        return max(1, math.ceil(reset - time.time()))
