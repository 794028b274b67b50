"""Django's Redis cache, minus a new ``redis.Redis`` object for every call.

Django builds a client object around its connection pool on every cache operation;
a page served from the cache makes about a dozen of them, and building those
clients cost more than the Redis round trips. The client is thread-safe, so one per
pool is kept.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusingRedisCacheClient(RedisCacheClient):
    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

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
