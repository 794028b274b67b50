"""Reading through the cache safely, and Django's Redis cache minus a new
``redis.Redis`` object for every call.

Django builds a client object around its connection pool on every cache operation;
a page served from the cache makes about a dozen of them, and building those
clients cost more than the Redis round trips. One client per pool is kept, holding
its own connection.
"""

import logging
import os
import time
import weakref
from collections.abc import Callable, Mapping
from typing import TypeVar

from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient

from articles.localcache import local_cache

logger = logging.getLogger(__name__)
T = TypeVar("T")

QUIET_SECONDS = 60
_last_told: dict[tuple[str, str], float] = local_cache({})


def warn_cache_failure(log: logging.Logger, message: str, *args) -> None:
    """Log a failed cache call without flooding the log while the cache is down.

    The first failure of each kind gets a warning with its traceback; the same
    failure again within ``QUIET_SECONDS`` is logged at debug level only, so a dead
    Redis costs one traceback a minute per message and process, not one per page.
    """
    now = time.monotonic()
    key = (log.name, message)
    if now - _last_told.get(key, -QUIET_SECONDS) >= QUIET_SECONDS:
        _last_told[key] = now
        log.warning(message, *args, exc_info=True)
    else:
        log.debug(message, *args)


def get_or_load(key: str, loader: Callable[[], T], timeout: int) -> T:
    """The cached value of ``key``, or ``loader()``'s, kept for ``timeout`` seconds.

    A dead cache (Redis down) costs the loader call, never the page: failures to
    read or write are logged and the freshly loaded value is returned.
    """
    try:
        value = cache.get(key)
    except Exception:
        warn_cache_failure(logger, "Cache unavailable; loading %s directly", key)
        return loader()
    if value is None:
        value = loader()
        try:
            cache.set(key, value, timeout)
        except Exception:
            warn_cache_failure(logger, "Could not cache %s", key)
    return value


def add_to_counters(
    counters: Mapping[str, tuple[object, int]],
    seq_key: str,
    entry_key: Callable[[int], str],
    timeout: int,
) -> None:
    """Add to counters in the cache: ``counters`` maps a counter's key to
    ``(entry, delta)``. One round trip on Redis (``incr_many``), one ``incr`` per
    counter elsewhere. A counter this call creates is registered: its ``entry`` is
    stored under ``entry_key(n)``, ``n`` taken from ``seq_key``, so a flush finds
    every counter without scanning keys. Cache errors propagate to the caller.
    """
    created = []
    incr_many = getattr(cache, "incr_many", None)
    if incr_many is not None:
        values = incr_many(
            {key: delta for key, (_entry, delta) in counters.items()}, timeout
        )
        created = [
            entry
            for key, (entry, delta) in counters.items()
            if values[key] == delta  # this call created the counter
        ]
    else:
        for key, (entry, delta) in counters.items():
            try:
                cache.incr(key, delta)
                continue
            except ValueError:
                pass  # The counter's first count.
            if cache.add(key, delta, timeout):
                created.append(entry)
            else:
                cache.incr(key, delta)
    for entry in created:
        cache.add(seq_key, 0, timeout)
        cache.set(entry_key(cache.incr(seq_key)), entry, timeout)


# Every cache client of this process, so a forked child (a gunicorn worker started
# from a loaded master) drops the clients it inherited: their connections are the
# parent's sockets.
_all_clients: "weakref.WeakSet[ReusingRedisCacheClient]" = weakref.WeakSet()


def _forget_inherited_clients() -> None:
    for client in list(_all_clients):
        client.__dict__.pop("_clients", None)


os.register_at_fork(after_in_child=_forget_inherited_clients)


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, servers, **options):
        import redis

        # A connection Redis has dropped (a restart, an idle timeout) is opened
        # again and the command sent once more, instead of failing that request.
        options.setdefault("retry_on_error", [redis.ConnectionError])
        super().__init__(servers, **options)
        _all_clients.add(self)

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        key = id(pool)
        client = clients.get(key)
        if client is None:
            # Django keeps one cache object per thread, so this client mostly
            # serves one thread (and locks around each command when it does not).
            # It holds its own connection instead of taking one from the pool and
            # giving it back on every command, a third of a small call. Pipelines
            # still take theirs from the pool.
            client = clients[key] = self._client(
                connection_pool=pool, single_connection_client=True
            )
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

    def make_and_validate_key(self, key, version=None):
        # Our keys are ASCII and short; Django's memcached-compatibility check walks
        # every character of every key, which a cached page pays three times.
        return self.make_key(key, version=version)

    def incr_many(self, deltas: dict[str, int], timeout: int) -> dict[str, int]:
        """Add each delta to its counter in one round trip (``INCRBY`` and
        ``EXPIRE`` in a pipeline), creating missing counters at zero; returns the
        new values. Callers spot a counter they created by ``value == delta``."""
        client = self._cache.get_client(None, write=True)
        keys = {name: self.make_and_validate_key(name) for name in deltas}
        with client.pipeline(transaction=False) as pipe:
            for name, delta in deltas.items():
                pipe.incrby(keys[name], delta)
                pipe.expire(keys[name], timeout)
            results = pipe.execute()
        return {name: results[2 * index] for index, name in enumerate(deltas)}
