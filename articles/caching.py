"""Reading through the cache safely, and counters that a flush can find.

The cache is Django's own (``django.core.cache.backends.redis.RedisCache`` in
production, configured in ``settings.CACHES``); everything here uses its public
API only.
"""

import logging
import time
from collections.abc import Callable, Mapping
from typing import TypeVar

from django.core.cache import cache

from .localcache import local_cache

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
    ``(entry, delta)``. Each counter is an atomic ``incr`` (``INCRBY`` on Redis),
    so concurrent workers never lose a count.

    Django's cache cannot list its keys, so a counter this call creates is
    registered: its ``entry`` is stored under ``entry_key(n)``, the numbers ``n``
    taken from the sequence ``seq_key``, and a flush reads the entries back with
    ``get_many``. Cache errors propagate to the caller.
    """
    created = []
    for key, (entry, delta) in counters.items():
        try:
            cache.incr(key, delta)
            continue
        except ValueError:
            pass  # The counter's first count.
        if cache.add(key, delta, timeout):
            created.append(entry)
        else:  # another worker created it meanwhile
            cache.incr(key, delta)
    if created:
        cache.add(seq_key, 0, timeout)
        last = cache.incr(seq_key, len(created))
        first = last - len(created) + 1
        cache.set_many(
            {entry_key(first + index): entry for index, entry in enumerate(created)},
            timeout,
        )
