"""Reading through the cache safely, the content version, the public-page
decorator, and counters that a flush can find.

The cache is Django's own (``django.core.cache.backends.redis.RedisCache`` in
production, configured in ``settings.CACHES``); everything here uses its public
API only.

**The content version.** Every change readers could see (an article, section,
figure, category, author, tag or redirect saved or deleted: ``articles/signals.py``)
gives the *content generation* a new random value (``bump_generation``). With the
next moment a scheduled article appears or expires, or a scheduled change draft
lands (``livedrafts.py``, applied by the first request that finds it due), it
makes the content version
(``content_version``): whatever is cached under it (whole pages in
``wayahsinau/pagecache.py``, the menu, "Terpopuler", list counts through
``cached_for_pages``) is stale the moment content changes or a schedule falls due,
without deleting a key.
"""

import functools
import logging
import time
import uuid
from collections.abc import Callable, Mapping
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.db.models import Min, Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers

from . import livedrafts
from .addresses import canonical_redirect
from .localcache import local_cache
from .models import Article

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


CONTENT_SECONDS = 60
GENERATION_KEY = "pages:generation"
SCHEDULE_KEY = "pages:next-change"
# What every page shows the same (the category menu, "Terpopuler"), kept by each
# process under the content version: see ``cached_for_pages``.
LOCAL_FRAGMENTS = 32
_local_fragments: dict[str, tuple[float, object]] = local_cache({})


def versions_cache():
    """Where the version keys live (the content generation, the schedule, the ads
    version): ``settings.CACHES["versions"]``, one for every process. With Redis
    it is the default cache; without, a folder of files, so that a change saved by
    one process (the shell, another worker) is seen on the next request of every
    other, whose pages are kept in its own memory."""
    return caches["versions"]


def get_with_versions(keys: list[str], names: list[str]) -> dict:
    """``keys`` from the default cache and the version keys ``names``: in one
    round trip when the versions live in the default cache (Redis)."""
    if settings.CACHES["versions"] == settings.CACHES["default"]:
        return cache.get_many([*keys, *names])
    found = cache.get_many(keys) if keys else {}
    found.update(versions_cache().get_many(names))
    return found


def bump_generation(**kwargs) -> None:
    """Make every cached page stale (signal receiver: content changed)."""
    try:
        versions_cache().set(GENERATION_KEY, uuid.uuid4().hex, None)
        versions_cache().delete(SCHEDULE_KEY)
    except Exception:
        logger.warning("Could not bump the page cache generation", exc_info=True)


def current_generation(found: dict) -> str:
    """The content generation in ``found`` (a ``get_many`` that asked for it). A
    cleared or restarted cache has none: a fresh one is started, so that no page
    kept from before, here or in another process, can pass for current."""
    generation = found.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        if not versions_cache().add(GENERATION_KEY, generation, None):
            generation = versions_cache().get(GENERATION_KEY) or generation
        found[GENERATION_KEY] = generation
    return generation


class SiteVersions(dict):
    """The version keys of one request (``request.site_versions``): the content
    generation and the publishing schedule, and whatever keys the page cache asks
    for with them (the ads version), read from the cache together, in one round
    trip, the first time one is needed. A missing key reads as None."""

    def __init__(self, values=None, also: tuple[str, ...] = ()):
        super().__init__(values or {})
        self.wanted = (GENERATION_KEY, SCHEDULE_KEY, *also)

    def __missing__(self, name: str):
        self.read(name)
        return self[name]

    def read(self, *more: str) -> None:
        """Read every wanted key not yet in hand (and ``more``), in one round trip."""
        missing = [name for name in (*self.wanted, *more) if name not in self]
        values = versions_cache().get_many(missing)
        self.update({name: values.get(name) for name in missing})


def site_versions(request: HttpRequest | None) -> SiteVersions:
    """The request's versions (``SiteVersions``), all of them in hand: whatever
    the page cache or an ad slot read already, the rest together in one round
    trip. Without a request (a management command), read afresh."""
    found = getattr(request, "site_versions", None)
    if found is None:
        found = SiteVersions()
        if request is not None:
            request.site_versions = found
    if any(name not in found for name in found.wanted):
        found.read()
    return found


def _next_change(now, *, due_changes: bool = True):
    """The next moment a published article appears or expires, or a scheduled
    change draft is due, in one query; a change draft's time may be past (it is
    due and not yet applied) unless ``due_changes`` is false."""
    published = Q(status=Article.Status.PUBLISHED)
    scheduled = Q(change_publish_at__isnull=False)
    if not due_changes:
        scheduled &= Q(change_publish_at__gt=now)
    found = Article.objects.filter(published | scheduled).aggregate(
        publish=Min("published_at", filter=published & Q(published_at__gt=now)),
        expire=Min("expires_at", filter=published & Q(expires_at__gt=now)),
        change=Min("change_publish_at", filter=scheduled),
    )
    moments = [moment for moment in found.values() if moment is not None]
    return min(moments) if moments else None


def _apply_due_changes(now):
    """Publish the change drafts whose time has come (``livedrafts``), from the
    first request that finds them due, so their live articles change exactly
    then, as a scheduled article appears, with no job that can miss it. Never
    breaks the page: a failure is logged and retried at the next schedule."""
    try:
        livedrafts.apply_due_changes(now)
    except Exception:  # noqa: BLE001 - a reader's page must still render
        logger.exception("Applying the change drafts due at %s failed", now)
    return _next_change(now, due_changes=False)


def _schedule(now, found: dict):
    schedule = found.get(SCHEDULE_KEY)
    if (
        schedule is None
        or now < schedule[0]
        or (schedule[1] is not None and now >= schedule[1])
    ):
        upcoming = _next_change(now)
        if upcoming is not None and upcoming <= now:
            upcoming = _apply_due_changes(now)
        schedule = (now, upcoming)
        versions_cache().set(SCHEDULE_KEY, schedule, CONTENT_SECONDS)
        found[SCHEDULE_KEY] = schedule
    return schedule[1]


def next_scheduled_change(request: HttpRequest | None = None):
    """When the next published article appears or expires, or a change draft
    lands (None: nothing due)."""
    return _schedule(timezone.now(), site_versions(request))


def content_version(request: HttpRequest | None = None) -> str:
    """The generation plus the next scheduled change: a page cached before an
    article's publish or expiry time is never served after it."""
    found = site_versions(request)
    change = _schedule(timezone.now(), found)
    change = change.timestamp() if change is not None else "none"
    return f"{current_generation(found)}:{change}"


def cached_for_pages(
    name: str, loader, request: HttpRequest | None = None, keep: bool = False
):
    """``loader()``, shared by every page for up to a minute under the content
    version; read straight from the database when the cache fails.

    With ``keep``, for the few fragments every page shows, each process also keeps
    its copy until the shared one's minute is up, so a page reads none of them from
    the cache: the version, read once per request, is what keeps them fresh.
    """
    if isinstance(caches["default"], DummyCache):
        return loader()
    try:
        version = content_version(request)
    except Exception:
        warn_cache_failure(logger, "Page cache unavailable; reading %s", name)
        return loader()
    if not keep:
        return get_or_load(f"pages:fragment:{version}:{name}", loader, CONTENT_SECONDS)
    key = f"{version}:{name}"
    now = timezone.now().timestamp()
    kept = _local_fragments.get(key)
    if kept is not None and now < kept[0]:
        return kept[1]
    kept = get_or_load(
        f"pages:kept-fragment:{key}",
        lambda: (now + CONTENT_SECONDS, loader()),
        CONTENT_SECONDS,
    )
    if now >= kept[0]:  # the cache's clock let it outlive its minute
        kept = (now + CONTENT_SECONDS, loader())
    if len(_local_fragments) >= LOCAL_FRAGMENTS:
        _local_fragments.clear()
    _local_fragments[key] = kept
    return kept[1]


def is_cacheable_request(request: HttpRequest) -> bool:
    """An anonymous read: GET or HEAD and no session (staff and previews have one)."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def public_page(view, page_parameter: str | None = None):
    """Mark ``view``'s pages as the same for every anonymous reader, so the page
    cache (``wayahsinau/pagecache.py``) may store them; a response may set
    ``article_id``, the article whose read the page counts. Staff and anyone with a
    session get ``Cache-Control: private``.

    ``page_parameter`` names the page number of a paginated view (``page`` for
    lists, ``p`` for sitemaps): an address that writes it otherwise, or gives a
    view a page number it does not read, is redirected before the view runs
    (``articles.addresses.canonical_redirect``), so a page has one address.
    """

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        redirect = canonical_redirect(request, page_parameter)
        if redirect is not None:
            return redirect
        # A change draft due now lands before the page is rendered (``_schedule``);
        # the schedule is read with the request's other versions, in one round trip.
        try:
            next_scheduled_change(request)
        except Exception:  # noqa: BLE001 - the cache being down never breaks a page
            warn_cache_failure(logger, "Could not read the publishing schedule")
        response = view(request, *args, **kwargs)
        if hasattr(response, "render"):
            response = response.render()
        patch_vary_headers(response, ["Cookie"])
        if not is_cacheable_request(request):
            patch_cache_control(response, private=True)
        else:
            response.public_page = True
        return response

    return wrapped
