"""Whole-page caching for anonymous readers that keeps the ads honest.

A cacheable page is rendered once with a placeholder where each ad slot goes
(``<!--ad-slot:…-->``; rich text and escaped titles can never contain one, because
the sanitiser strips comments and auto-escaping turns ``<`` into ``&lt;``). That
HTML is cached under the *content generation*, a number every save of an article,
section, figure, category, author, tag or redirect changes (``bump_generation``),
for at most ``PAGE_SECONDS``, so scheduled articles appear and expire within a
minute without any save. Every request, cached or not, then fills the placeholders
with a fresh pick from the cached eligible set of each slot, so rotation, schedules
and impression counts stay exact.

Only anonymous GET/HEAD requests are cached: a session cookie (staff, previews)
bypasses the cache and gets ``Cache-Control: private``. A dead cache only costs
speed: every failure is logged and the page is rendered as if nothing was cached.

HTTP caching: pages where ads were filled are ``private, no-cache`` without a
validator, so no browser or CDN freezes the rotation or hides an impression; pages
without ads (feeds and sitemaps too) carry an ``ETag``, a ``Last-Modified`` and
``public, max-age=60, s-maxage=60`` and answer conditional requests with 304.

``DJANGO_PAGE_CACHE=off`` renders every page (the benchmark's cold run); the small
site-wide caches and the counters stay on.
"""

import functools
import hashlib
import logging
import re
import time
import uuid

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.db.models import Min, Q
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date

from .cache import get_or_load

logger = logging.getLogger(__name__)

PAGE_SECONDS = 60
GENERATION_KEY = "pages:generation"
SCHEDULE_KEY = "pages:next-change"
KEYED_PARAMETERS = ("page", "p")
PLACEHOLDER = re.compile(r"<!--ad-slot:([a-z0-9_-]+):(\d*):(\d*)-->")
PUBLIC_CACHE_CONTROL = {"public": True, "max_age": PAGE_SECONDS, "s_maxage": 60}


def bump_generation(**kwargs) -> None:
    """Make every cached page stale (signal receiver: content changed)."""
    try:
        cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
        cache.delete(SCHEDULE_KEY)
    except Exception:
        logger.warning("Could not bump the page cache generation", exc_info=True)


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


def ad_placeholder(key: str, category_id: int | None, after: int | None) -> str:
    """What ``{% ad_slot %}`` writes while a cacheable page renders."""
    category = "" if category_id is None else str(int(category_id))
    position = "" if after is None else str(int(after))
    return f"<!--ad-slot:{key}:{category}:{position}-->"


def fill_ad_slots(request: HttpRequest, html: str) -> tuple[str, bool]:
    """Replace each placeholder with a fresh pick; True when any block was shown."""
    from ads.templatetags.ad_tags import slot_cards

    shown = False

    def fill(match: re.Match) -> str:
        nonlocal shown
        key, category, after = match.groups()
        cards = slot_cards(
            request,
            key,
            int(category) if category else None,
            int(after) if after else None,
        )
        if not cards:
            return ""
        shown = True
        return render_to_string(
            "ads/slot.html", {"cards": cards, "slot_key": key}, request=None
        )

    if "<!--ad-slot:" not in html:
        return html, False
    return PLACEHOLDER.sub(fill, html), shown


def _next_change(now):
    """The next moment a published article appears or expires (one query)."""
    from articles.models import Article

    found = Article.objects.filter(status=Article.Status.PUBLISHED).aggregate(
        publish=Min("published_at", filter=Q(published_at__gt=now)),
        expire=Min("expires_at", filter=Q(expires_at__gt=now)),
    )
    moments = [moment for moment in found.values() if moment is not None]
    return min(moments) if moments else None


def content_version() -> str:
    """The generation plus the next scheduled change: a page cached before an
    article's publish or expiry time is never served after it."""
    now = timezone.now()
    found = cache.get_many([GENERATION_KEY, SCHEDULE_KEY])
    schedule = found.get(SCHEDULE_KEY)
    if (
        schedule is None
        or now < schedule[0]
        or (schedule[1] is not None and now >= schedule[1])
    ):
        schedule = (now, _next_change(now))
        cache.set(SCHEDULE_KEY, schedule, PAGE_SECONDS)
    change = schedule[1].timestamp() if schedule[1] is not None else "none"
    return f"{found.get(GENERATION_KEY) or '0'}:{change}"


def cached_for_pages(name: str, loader):
    """``loader()``, shared by every page for up to a minute under the content
    version; read straight from the database when the cache fails."""
    if isinstance(caches["default"], DummyCache):
        return loader()
    try:
        version = content_version()
    except Exception:
        logger.warning("Page cache unavailable; reading %s", name, exc_info=True)
        return loader()
    return get_or_load(f"pages:fragment:{version}:{name}", loader, PAGE_SECONDS)


def _page_key(request: HttpRequest, generation: str) -> str:
    # Only the parameters the cached views read: ``?utm_source=…`` and other noise
    # share one entry and cannot flood the cache.
    params = [(name, request.GET.get(name)) for name in KEYED_PARAMETERS]
    address = f"{request.method == 'HEAD'}:{request.path}:{params}"
    return f"pages:{generation}:{hashlib.sha256(address.encode()).hexdigest()}"


def _finish(request, entry: dict, html: str, status: int = 200) -> HttpResponse:
    html, shown = fill_ad_slots(request, html)
    response = HttpResponse(html, content_type=entry["content_type"], status=status)
    patch_vary_headers(response, ["Cookie"])
    if shown:
        # Ads are chosen per request: nobody may keep or revalidate this copy.
        patch_cache_control(response, private=True, no_cache=True, max_age=0)
        return response
    response["ETag"] = entry["etag"]
    response["Last-Modified"] = http_date(entry["stored_at"])
    patch_cache_control(response, **PUBLIC_CACHE_CONTROL)
    return get_conditional_response(
        request,
        etag=entry["etag"],
        last_modified=entry["stored_at"],
        response=response,
    )


def cache_public_page(view, on_hit=None):
    """Serve ``view`` from the page cache to anonymous readers (see module doc).

    ``on_hit(request, entry)`` runs for cached answers, so work that must happen on
    every read (the read counter) still happens. A response may set
    ``article_id``; it is kept in the entry for ``on_hit``.
    """

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_cacheable_request(request):
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response = response.render()
            patch_cache_control(response, private=True)
            patch_vary_headers(response, ["Cookie"])
            return response

        try:
            key, entry = None, None
            if not cache_disabled():
                key = _page_key(request, content_version())
                entry = cache.get(key)
        except Exception:
            logger.warning("Page cache unavailable; rendering", exc_info=True)
            key, entry = None, None
        if entry is not None:
            if on_hit is not None:
                on_hit(request, entry)
            return _finish(request, entry, entry["html"])

        request.defer_ad_slots = True
        try:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response = response.render()
        finally:
            request.defer_ad_slots = False
        personal = response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        if response.status_code != 200 or personal:
            html, _shown = fill_ad_slots(request, response.content.decode())
            response.content = html
            return response
        html = response.content.decode()
        entry = {
            "html": html,
            "content_type": response["Content-Type"],
            "etag": '"' + hashlib.md5(html.encode()).hexdigest() + '"',
            "stored_at": int(time.time()),
            "article_id": getattr(response, "article_id", None),
        }
        if key is not None:
            try:
                cache.set(key, entry, PAGE_SECONDS)
            except Exception:
                logger.warning("Could not cache %s", request.path, exc_info=True)
        return _finish(request, entry, html)

    return wrapped
