"""Rate limits at the gateway: per conversation and per client address, with `Retry-After`.

The `limits` library keeps the counters: in memory for one process, in Redis (`REDIS_URL`) when
several gateways must share them.
"""

from __future__ import annotations

import math
import time

from limits import RateLimitItemPerMinute
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter


def storage_for(redis_url: str | None) -> Storage:
    if not redis_url:
        return MemoryStorage()
    uri = redis_url if redis_url.startswith("async+") else "async+" + redis_url
    return RedisStorage(uri, implementation="redispy")


class Limiter:
    """`check(kind, key)` spends one request; returns None if allowed, else seconds to wait."""

    def __init__(self, per_minute: dict[str, int], storage: Storage) -> None:
        self._items = {kind: RateLimitItemPerMinute(n) for kind, n in per_minute.items()}
        self._limiter = MovingWindowRateLimiter(storage)

    async def check(self, kind: str, key: str) -> int | None:
        item = self._items[kind]
        if await self._limiter.hit(item, kind, key):
            return None
        stats = await self._limiter.get_window_stats(item, kind, key)
        return max(1, math.ceil(stats.reset_time - time.time()))
