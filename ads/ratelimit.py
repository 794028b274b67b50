"""A small cache-based rate limit, keyed by a hash of the client address."""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from articles.caching import warn_cache_failure
from articles.visitors import client_address

logger = logging.getLogger(__name__)


def client_key(request: HttpRequest, scope: str) -> str:
    """A cache key for this client; the raw IP address is never stored."""
    address = client_address(request) or "unknown"
    digest = hashlib.sha256(
        f"{settings.SECRET_KEY}:{scope}:{address}".encode()
    ).hexdigest()
    return f"ratelimit:{scope}:{digest[:32]}"


def hit(request: HttpRequest, scope: str, limit: int, window: int) -> bool:
    """Count one attempt; True while the client is within ``limit`` per ``window``.

    ``add`` then ``incr`` are atomic in locmem and Redis. If the cache is down the
    request is allowed (and logged): losing spam protection beats losing a lead.
    """
    key = client_key(request, scope)
    try:
        cache.add(key, 0, window)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, window)
            count = 1
    except Exception:
        warn_cache_failure(logger, "Rate limit cache unavailable")
        return True
    return count <= limit
