"""Whole-page caching for anonymous readers that keeps the ads honest.

A cacheable page is rendered once with a placeholder where each ad slot goes
(their format is owned by ``ads.placeholders``). That
HTML is cached with the *content generation* it was rendered under, a number every
save of an article, section, figure, category, author, tag or redirect changes
(``bump_generation``), for at most ``PAGE_SECONDS`` and never past the next
scheduled publish or expiry, so scheduled articles appear and expire on time
without any save. Every request, cached or not, then fills the placeholders with a
fresh pick from the cached eligible set of each slot (``ads.slots.fill_pieces``),
so rotation, schedules and impression counts stay exact.

``PageCacheMiddleware`` answers a hit in one cache round trip (page, generation
and ads version read together), before sessions, auth, CSRF and URL resolution.
Each process also keeps the pages it served last (``LOCAL_PAGES``): a hit on one of
those reads only the generation and the ads version, two short keys, instead of
the whole page again, and is just as fresh, because the generation and the expiry
are checked on every request all the same;
reads and impressions go to the process tally (``wayahsinau.tally``), not to the
cache, on the way out. Only anonymous GET/HEAD requests are cached: a session
cookie (staff, previews) bypasses the cache and gets ``Cache-Control: private``.
A dead cache only costs speed: every failure is logged and the page is rendered
as if nothing was cached.

HTTP caching: pages where ads were filled are ``private, no-cache`` without a
validator, so no browser or CDN freezes the rotation or hides an impression; pages
without ads (feeds and sitemaps too) carry an ``ETag``, a ``Last-Modified`` and
``public, max-age=60, s-maxage=60`` and answer conditional requests with 304.

The page's text is stored gzip-compressed too, in pieces that a hit joins around
its freshly compressed slots (``wayahsinau.gzipparts``), so a hit does not
compress the whole page again.

``DJANGO_PAGE_CACHE=off`` renders every page (the benchmark's cold run); the small
site-wide caches and the counters stay on.
"""

import functools
import hashlib
import logging
import time
import uuid

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.exceptions import DisallowedHost
from django.db.models import Min, Q
from django.http import (
    HttpRequest,
    HttpResponse,
)
from django.utils import timezone
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date

from ads.placeholders import PLACEHOLDER
from ads.placeholders import VERSION_KEY as ADS_VERSION_KEY
from ads.slots import fill_ad_slots, fill_parts, fill_pieces
from articles.addresses import KEYED_PARAMETERS, canonical_redirect
from articles.caching import get_or_load, warn_cache_failure
from articles.localcache import local_cache
from articles.models import Article
from articles.visitors import is_counted_visit

from .gzipparts import deflate_segment, mark_gzipped, page_body
from .tally import tally

logger = logging.getLogger(__name__)

PAGE_SECONDS = 60
GENERATION_KEY = "pages:generation"
SCHEDULE_KEY = "pages:next-change"
_NO_PARAMETERS = [(name, None) for name in KEYED_PARAMETERS]
PUBLIC_CACHE_CONTROL = {"public": True, "max_age": PAGE_SECONDS, "s_maxage": 60}
LOCAL_PAGES = 64
_local_pages: dict[str, dict] = local_cache({})
# What every page shows the same (the category menu, "Terpopuler"), kept by each
# process under the content version: see ``cached_for_pages``.
LOCAL_FRAGMENTS = 32
_local_fragments: dict[str, tuple[float, object]] = local_cache({})
VERSION_KEYS = (GENERATION_KEY, SCHEDULE_KEY, ADS_VERSION_KEY)


def bump_generation(**kwargs) -> None:
    """Make every cached page stale (signal receiver: content changed)."""
    try:
        cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
        cache.delete(SCHEDULE_KEY)
    except Exception:
        logger.warning("Could not bump the page cache generation", exc_info=True)


def current_generation(found: dict) -> str:
    """The content generation in ``found`` (a ``get_many`` that asked for it). A
    cleared or restarted cache has none: a fresh one is started, so that no page
    kept from before, here or in another process, can pass for current."""
    generation = found.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        if not cache.add(GENERATION_KEY, generation, None):
            generation = cache.get(GENERATION_KEY) or generation
        found[GENERATION_KEY] = generation
    return generation


class SiteVersions(dict):
    """The content generation, the publishing schedule and the ads version of one
    request (``request.site_versions``), read from the cache together, in one round
    trip, the first time one of them is asked for. A missing key reads as None.
    ``ads`` reads its version from the request through it, without importing this
    module."""

    def __missing__(self, name: str):
        if name not in VERSION_KEYS:
            raise KeyError(name)
        self.read()
        return self[name]

    def read(self) -> None:
        """Read every version key not yet in hand, in one round trip."""
        missing = [name for name in VERSION_KEYS if name not in self]
        values = cache.get_many(missing)
        self.update({name: values.get(name) for name in missing})


def site_versions(request: HttpRequest | None) -> SiteVersions:
    """The request's versions (``SiteVersions``), all of them in hand: whatever
    ``PageCacheMiddleware`` or a slot read already, the rest together in one round
    trip. Without a request (a management command), read afresh."""
    found = getattr(request, "site_versions", None)
    if found is None:
        found = SiteVersions()
        if request is not None:
            request.site_versions = found
    if any(name not in found for name in VERSION_KEYS):
        found.read()
    return found


def is_cacheable_request(request: HttpRequest) -> bool:
    """An anonymous read: GET or HEAD and no session (staff and previews have one)."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def cache_disabled() -> bool:
    # Turned off, or the dummy cache: a cache key would be pure cost.
    return not getattr(settings, "WAYAHSINAU_PAGE_CACHE", True) or isinstance(
        caches["default"], DummyCache
    )


def _next_change(now):
    """The next moment a published article appears or expires (one query)."""
    found = Article.objects.filter(status=Article.Status.PUBLISHED).aggregate(
        publish=Min("published_at", filter=Q(published_at__gt=now)),
        expire=Min("expires_at", filter=Q(expires_at__gt=now)),
    )
    moments = [moment for moment in found.values() if moment is not None]
    return min(moments) if moments else None


def _schedule(now, found: dict):
    schedule = found.get(SCHEDULE_KEY)
    if (
        schedule is None
        or now < schedule[0]
        or (schedule[1] is not None and now >= schedule[1])
    ):
        schedule = (now, _next_change(now))
        cache.set(SCHEDULE_KEY, schedule, PAGE_SECONDS)
        found[SCHEDULE_KEY] = schedule
    return schedule[1]


def next_scheduled_change(request: HttpRequest | None = None):
    """When the next published article appears or expires (None: nothing due)."""
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
        return get_or_load(f"pages:fragment:{version}:{name}", loader, PAGE_SECONDS)
    key = f"{version}:{name}"
    now = timezone.now().timestamp()
    kept = _local_fragments.get(key)
    if kept is not None and now < kept[0]:
        return kept[1]
    kept = get_or_load(
        f"pages:kept-fragment:{key}",
        lambda: (now + PAGE_SECONDS, loader()),
        PAGE_SECONDS,
    )
    if now >= kept[0]:  # the cache's clock let it outlive its minute
        kept = (now + PAGE_SECONDS, loader())
    if len(_local_fragments) >= LOCAL_FRAGMENTS:
        _local_fragments.clear()
    _local_fragments[key] = kept
    return kept[1]


def _page_key(request: HttpRequest) -> str:
    # Only the parameters the cached views read: ``?utm_source=…`` and other noise
    # share one entry and cannot flood the cache. A page number reaches a stored
    # page only when canonical and in range (``canonical_redirect``), so one path
    # has at most one copy per page of its own.
    params = _NO_PARAMETERS
    if request.META.get("QUERY_STRING"):  # most reads have none: skip parsing
        params = [(name, request.GET.get(name)) for name in KEYED_PARAMETERS]
    address = f"{request.method == 'HEAD'}:{request.path}:{params}"
    return f"pages:page:{hashlib.sha256(address.encode()).hexdigest()}"


def is_page_cached(request: HttpRequest) -> bool:
    """Whether the page cache handles this request (and so counts its read)."""
    return getattr(request, "page_cache_generation", None) is not None


# Headers the page cache sets itself on every answer, or must never replay.
_OWN_HEADERS = {
    "content-length",
    "set-cookie",
    "cache-control",
    "etag",
    "last-modified",
    "expires",
}


class PageCacheMiddleware:
    """Serves cached pages to anonymous readers before sessions, auth, CSRF and the
    URL resolver run, in one cache round trip (the page, the content generation
    and the ads version together), and stores the pages that ``cache_public_page``
    views render. Goes after ``GZipMiddleware`` and before ``SessionMiddleware``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Read on first need, by the page or its ad slots, all in one round trip.
        request.site_versions = SiteVersions()
        if not is_cacheable_request(request) or cache_disabled():
            return self.get_response(request)
        try:
            request.get_host()  # what CommonMiddleware would check further in
        except DisallowedHost:
            return self.get_response(request)  # answered there with a 400
        key = _page_key(request)
        now = timezone.now().timestamp()
        kept = _local_pages.get(key)
        if kept is not None and now >= kept["valid_until"]:
            kept = None
        names = [GENERATION_KEY, ADS_VERSION_KEY]
        try:
            found = cache.get_many(names if kept is not None else [key, *names])
            generation = current_generation(found)
        except Exception:
            warn_cache_failure(logger, "Page cache unavailable; rendering")
            return self.get_response(request)
        request.site_versions = SiteVersions(
            {GENERATION_KEY: generation, ADS_VERSION_KEY: found.get(ADS_VERSION_KEY)}
        )
        entry = kept if kept is not None else found.get(key)
        if (
            entry is not None
            and entry["generation"] == generation
            and now < entry["valid_until"]
        ):
            if kept is None:
                _keep(key, entry)
            return _answer(request, entry)

        request.page_cache_generation = generation
        response = self.get_response(request)
        page = getattr(response, "cacheable_page", None)
        if page is None:
            return response
        entry = _entry(request, response, page, generation)
        if response.cookies:
            # Somebody's own cookie (CSRF): fill this copy, keep it out of the cache.
            response.content, _shown = fill_parts(request, entry["parts"])
            patch_cache_control(response, private=True)
            _count(request, response, entry)
            return response
        try:
            cache.set(key, entry, PAGE_SECONDS)
        except Exception:
            warn_cache_failure(logger, "Could not cache %s", request.path)
        _keep(key, entry)
        return _answer(request, entry)


def _keep(key: str, entry: dict) -> None:
    """Keep ``entry`` in this process; the whole set is dropped when full (cheap,
    and safe with threads: a page read again is fetched from the cache once)."""
    if len(_local_pages) >= LOCAL_PAGES:
        _local_pages.clear()
    _local_pages[key] = entry


def _entry(request, response: HttpResponse, page: dict, generation: str) -> dict:
    html = response.content.decode()
    stored_at = int(time.time())
    valid_until = timezone.now().timestamp() + PAGE_SECONDS
    try:
        change = next_scheduled_change(request)
    except Exception:
        warn_cache_failure(logger, "Could not read the publishing schedule")
        change = None
    if change is not None:
        valid_until = min(valid_until, change.timestamp())
    parts = PLACEHOLDER.split(html)
    return {
        # Split once here, so a hit fills its slots without scanning the page.
        "parts": parts,
        # Its text compressed once here, so a hit compresses only its slots.
        "segments": [deflate_segment(text) for text in parts[::4]],
        "content_type": response["Content-Type"],
        "headers": [
            (name, value)
            for name, value in response.items()
            if name.lower() not in _OWN_HEADERS
        ],
        "etag": '"' + hashlib.md5(html.encode()).hexdigest() + '"',
        "stored_at": stored_at,
        "valid_until": valid_until,
        "generation": generation,
        "article_id": page.get("article_id"),
    }


def _answer(request, entry: dict) -> HttpResponse:
    pieces, shown = fill_pieces(request, entry["parts"])
    # "segments" is missing from an entry stored before they were.
    body, gzipped = page_body(request, pieces, entry.get("segments"))
    response = HttpResponse(body, content_type=entry["content_type"])
    for name, value in entry["headers"]:
        response[name] = value
    patch_vary_headers(response, ["Cookie"])
    if shown:
        # Ads are chosen per request: nobody may keep or revalidate this copy.
        patch_cache_control(response, private=True, no_cache=True, max_age=0)
    else:
        response["ETag"] = entry["etag"]
        response["Last-Modified"] = http_date(entry["stored_at"])
        patch_cache_control(response, **PUBLIC_CACHE_CONTROL)
    if gzipped:
        mark_gzipped(response)
    if not shown:
        response = get_conditional_response(
            request,
            etag=entry["etag"],
            last_modified=entry["stored_at"],
            response=response,
        )
    _count(request, response, entry)
    return response


def _count(request, response, entry: dict) -> None:
    """The reads and impressions of a page the cache answered or stored."""
    if response.status_code != 200:
        return
    impressions = getattr(request, "ad_impressions", None)
    views = [entry["article_id"]] if entry["article_id"] else []
    if impressions and is_counted_visit(request):
        request.ad_impressions = []  # counted here, not again further out
    else:
        impressions = []
    if views and not is_counted_visit(request):
        views = []
    if views or impressions:
        tally.add(views=views, impressions=impressions)


def cache_public_page(view, page_parameter: str | None = None):
    """Let ``PageCacheMiddleware`` cache ``view`` for anonymous readers (see the
    module doc): the view renders with ad placeholders and the middleware stores
    the page and fills the slots. A response may set ``article_id``, whose reads
    the cache counts. Staff and anyone with a session get a private page.

    ``page_parameter`` names the page number of a paginated view (``page`` for
    lists, ``p`` for sitemaps): an address that writes it otherwise, or gives a
    view a page number it does not read, is redirected before the view runs
    (``articles.addresses.canonical_redirect``), so only a page's one address is
    ever stored.
    """

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        redirect = canonical_redirect(request, page_parameter)
        if redirect is not None:
            return redirect
        cached = is_page_cached(request)
        request.defer_ad_slots = cached
        try:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response = response.render()
        finally:
            request.defer_ad_slots = False
        patch_vary_headers(response, ["Cookie"])
        if not is_cacheable_request(request):
            patch_cache_control(response, private=True)
            return response
        if not cached:
            return response
        personal = request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        if response.status_code != 200 or personal:
            response.content, _shown = fill_ad_slots(request, response.content.decode())
            return response
        response.cacheable_page = {"article_id": getattr(response, "article_id", None)}
        return response

    return wrapped
