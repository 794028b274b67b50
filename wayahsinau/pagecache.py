"""Whole-page caching for anonymous readers that keeps the ads honest.

Every page is rendered with a placeholder where each ad slot goes (their format
is owned by ``ads.placeholders``). A page a ``public_page`` view
(``articles.caching``) rendered for an anonymous reader is cached with the
*content generation* it was rendered under (``articles.caching.bump_generation``
gives it a new value on every change readers could see), for at most
``PAGE_SECONDS`` and never past the next scheduled publish or expiry, so scheduled
articles appear and expire on time without any save. Every HTML page on its way
out, cached or not, then has its placeholders filled with a fresh pick from the
cached eligible set of each slot, picked for all the slots of the page together
(``ads.slots.fill_pieces``), so rotation, schedules and impression counts stay
exact and no block shows twice on a page, and its read counted.

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
its freshly compressed slots (``wayahsinau.middleware``), so a hit does not
compress the whole page again.

``DJANGO_PAGE_CACHE=off`` renders every page (the benchmark's cold run); the small
site-wide caches and the counters stay on.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date

from ads.placeholders import (
    PLACEHOLDER,
    PLACEHOLDER_BYTES,
    PLACEHOLDER_FORMAT,
    PLACEHOLDER_START,
)
from ads.placeholders import VERSION_KEY as ADS_VERSION_KEY
from ads.slots import fill_pieces, page_slots
from articles.addresses import KEYED_PARAMETERS
from articles.caching import (
    CONTENT_SECONDS,
    GENERATION_KEY,
    SCHEDULE_KEY,
    SiteVersions,
    current_generation,
    get_with_versions,
    is_cacheable_request,
    next_scheduled_change,
    warn_cache_failure,
)
from articles.localcache import local_cache
from articles.visitors import is_counted_visit

from .middleware import deflate_segment, mark_gzipped, page_body
from .tally import tally

logger = logging.getLogger(__name__)

PAGE_SECONDS = CONTENT_SECONDS
_NO_PARAMETERS = [(name, None) for name in KEYED_PARAMETERS]
PUBLIC_CACHE_CONTROL = {"public": True, "max_age": PAGE_SECONDS, "s_maxage": 60}
LOCAL_PAGES = 64
# What a request reads of the cache's versions, together, in one round trip.
VERSION_KEYS = (GENERATION_KEY, SCHEDULE_KEY, ADS_VERSION_KEY)
_local_pages: dict[str, dict] = local_cache({})


def cache_disabled() -> bool:
    # Turned off, or the dummy cache: a cache key would be pure cost.
    return not getattr(settings, "WAYAHSINAU_PAGE_CACHE", True) or isinstance(
        caches["default"], DummyCache
    )


def _page_key(request: HttpRequest) -> str:
    # Only the parameters the cached views read: ``?utm_source=…`` and other noise
    # share one entry and cannot flood the cache. A page number reaches a stored
    # page only when canonical and in range (``canonical_redirect``), so one path
    # has at most one copy per page of its own.
    params = _NO_PARAMETERS
    if request.META.get("QUERY_STRING"):  # most reads have none: skip parsing
        params = [(name, request.GET.get(name)) for name in KEYED_PARAMETERS]
    address = f"{PLACEHOLDER_FORMAT}:{request.method == 'HEAD'}:{request.path}:{params}"
    return f"pages:page:{hashlib.sha256(address.encode()).hexdigest()}"


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
    and the ads version together); stores the pages that ``public_page`` views
    (``articles.caching``) render; and, on every page it did not answer from the
    cache, fills the ad slots and counts the read. Goes after ``GZipMiddleware``
    and before ``SessionMiddleware``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Read on first need, by the page or its ad slots, all in one round trip.
        request.site_versions = SiteVersions(also=(ADS_VERSION_KEY,))
        key = self.key(request)
        if key is None:
            return finish(request, self.get_response(request))
        now = timezone.now().timestamp()
        kept = _local_pages.get(key)
        if kept is not None and now >= kept["valid_until"]:
            kept = None
        names = [GENERATION_KEY, ADS_VERSION_KEY]
        try:
            found = get_with_versions([] if kept is not None else [key], names)
            generation = current_generation(found)
        except Exception:
            warn_cache_failure(logger, "Page cache unavailable; rendering")
            return finish(request, self.get_response(request))
        request.site_versions.update(
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

        response = self.get_response(request)
        if (
            not getattr(response, "public_page", False)
            or response.status_code != 200
            or response.cookies  # somebody's own cookie (CSRF)
            or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        ):
            return finish(request, response)
        entry = _entry(request, response, generation)
        try:
            cache.set(key, entry, PAGE_SECONDS)
        except Exception:
            warn_cache_failure(logger, "Could not cache %s", request.path)
        _keep(key, entry)
        return _answer(request, entry)

    @staticmethod
    def key(request) -> str | None:
        """The request's page-cache key; None when the cache is off or the request
        is not an anonymous read of an allowed host."""
        if not is_cacheable_request(request) or cache_disabled():
            return None
        try:
            request.get_host()  # what CommonMiddleware would check further in
        except DisallowedHost:
            return None  # answered further in with a 400
        return _page_key(request)


def finish(request, response: HttpResponse) -> HttpResponse:
    """A page the cache did not answer: its ad slots filled with this request's
    picks, and its read and impressions counted."""
    content_type = response.get("Content-Type", "")
    if (
        not response.streaming
        and content_type.startswith("text/html")
        and PLACEHOLDER_START.encode() in response.content
    ):
        # Split as bytes: only the placeholders' own parts are read as text, and
        # the page's text is joined back as it is, not decoded and encoded again
        # (a rendered article page spent 4% of its instructions on that).
        step = PLACEHOLDER.groups + 1
        parts = [
            part if index % step == 0 or part is None else part.decode()
            for index, part in enumerate(PLACEHOLDER_BYTES.split(response.content))
        ]
        pieces, shown = fill_pieces(request, parts)
        response.content = b"".join(
            piece if isinstance(piece, bytes) else piece.encode() for piece in pieces
        )
        if shown:
            _keep_private(response)
    _count(request, response, getattr(response, "article_id", None))
    return response


def _keep_private(response: HttpResponse) -> None:
    """A page that shows ads: they are chosen per request, so nobody may keep or
    revalidate this copy."""
    patch_cache_control(response, private=True, no_cache=True, max_age=0)


def _keep(key: str, entry: dict) -> None:
    """Keep ``entry`` in this process; the whole set is dropped when full (cheap,
    and safe with threads: a page read again is fetched from the cache once)."""
    if len(_local_pages) >= LOCAL_PAGES:
        _local_pages.clear()
    _local_pages[key] = entry


def _entry(request, response: HttpResponse, generation: str) -> dict:
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
    # Every answer from this entry varies by cookie: said once, when stored.
    patch_vary_headers(response, ["Cookie"])
    return {
        # Split once here, so a hit fills its slots without scanning the page,
        # and its slots read once (missing from an entry stored before).
        "parts": parts,
        "slots": page_slots(parts),
        # Its text compressed once here, with its checksums, so a hit compresses
        # only its slots and never encodes the page again.
        "gzip": [deflate_segment(text) for text in parts[:: PLACEHOLDER.groups + 1]],
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
        "article_id": getattr(response, "article_id", None),
    }


def _answer(request, entry: dict) -> HttpResponse:
    pieces, shown = fill_pieces(request, entry["parts"], entry.get("slots"))
    # "gzip" is missing from an entry stored before its segments had checksums.
    body, gzipped = page_body(request, pieces, entry.get("gzip"))
    response = HttpResponse(body, content_type=entry["content_type"])
    for name, value in entry["headers"]:
        response[name] = value
    if shown:
        _keep_private(response)
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
    _count(request, response, entry["article_id"])
    return response


def _count(request, response, article_id: int | None) -> None:
    """Add a page's read and the blocks it showed (``request.ad_impressions``,
    noted by ``ads.slots``) to the process's tally (``wayahsinau.tally``): only a
    counted visit (``articles.visitors.is_counted_visit``) of a page that
    rendered (200) counts."""
    if response.status_code != 200:
        return
    impressions = getattr(request, "ad_impressions", None) or []
    views = [article_id] if article_id else []
    if (views or impressions) and is_counted_visit(request):
        request.ad_impressions = []  # counted once
        tally.add(views=views, impressions=impressions)
