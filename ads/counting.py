"""Which requests count as a reader seeing or clicking a block, and the flush.

Impressions cost no database write and no cache round trip per page: each rendered
``(block, slot)`` is added to the process's tally (``wayahsinau.tally``), which a
background thread pushes every second into per-day cache counters (Redis
``INCRBY`` in one pipeline, or the local-memory cache of one process).
``flush_impressions`` adds the counters to ``DailyStat`` with the same atomic upsert
as before and then *subtracts* what it wrote with ``decr``, so increments that
arrive during a flush are kept for the next one and nothing is counted twice. It
runs from ``manage.py flush_counters``, from the tally's thread at most once every
``FLUSH_SECONDS`` (no cron needed), and when the process exits (after a last push),
so counts reach ``DailyStat`` within a minute and a stopped worker loses nothing.
If the cache fails, the push writes the impressions straight to the database.
Clicks are rare and stay direct atomic upserts.
"""

import functools
import logging
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

from wayahsinau.cache import add_to_counters
from wayahsinau.tally import tally

from . import services

logger = logging.getLogger(__name__)

# Crawlers, link unfurlers, monitors and scripted clients. A missing user agent is
# never a real browser either.
BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|"
    r"headless|lighthouse|pingdom|monitor|curl|wget|python-|httpclient|"
    r"java/|go-http|okhttp|axios|scrapy|feedfetcher|mediapartners",
    re.IGNORECASE,
)
PREFETCH_HEADERS = ("HTTP_PURPOSE", "HTTP_SEC_PURPOSE", "HTTP_X_PURPOSE", "HTTP_X_MOZ")


@functools.lru_cache(maxsize=4096)
def _is_bot(user_agent: str) -> bool:
    # Readers share a few hundred user agents: each is matched once per process.
    return not user_agent.strip() or bool(BOT_PATTERN.search(user_agent))


def is_countable(request: HttpRequest) -> bool:
    """True for a GET from what looks like a person's browser, not a prefetch, of
    a page readers can see (not an article preview)."""
    if request.method != "GET" or getattr(request, "is_article_preview", False):
        return False
    if _is_bot(request.META.get("HTTP_USER_AGENT", "")):
        return False
    return not any(
        "prefetch" in request.META.get(header, "").lower()
        or "preview" in request.META.get(header, "").lower()
        for header in PREFETCH_HEADERS
    )


def note_impression(request: HttpRequest | None, block_id: int, slot_id: int) -> None:
    """Remember a rendered block; ``ImpressionMiddleware`` writes them once."""
    if request is None:
        return
    if not hasattr(request, "ad_impressions"):
        request.ad_impressions = []
    request.ad_impressions.append((block_id, slot_id))


FLUSH_SECONDS = 60
# Counters (and their registry) outlive a missed flush by days.
COUNTER_TTL = 3 * 24 * 3600
COUNTER_DAYS = 3
_LOCK_KEY = "ads:impressions:flush-lock"
_THROTTLE_KEY = "ads:impressions:flush-throttle"
_last_window: int | None = None


def _counter_key(day: date, block_id: int, slot_id: int) -> str:
    return f"ads:impressions:{day.isoformat()}:{block_id}:{slot_id}"


def _seq_key(day: date) -> str:
    return f"ads:impressions:{day.isoformat()}:seq"


def _entry_key(day: date, number: int) -> str:
    return f"ads:impressions:{day.isoformat()}:entry:{number}"


def count_impressions(pairs: Iterable[tuple[int, int]]) -> None:
    """Add one impression per ``(block_id, slot_id)`` to today's cache counters."""
    count_impression_totals(Counter(pairs))


def count_impression_totals(totals: Mapping[tuple[int, int], int]) -> None:
    """Add ``totals`` ({(block_id, slot_id): impressions}) to today's cache
    counters (``wayahsinau.cache.add_to_counters``)."""
    day = timezone.localdate()
    add_to_counters(
        {_counter_key(day, *pair): (pair, count) for pair, count in totals.items()},
        _seq_key(day),
        lambda number: _entry_key(day, number),
        COUNTER_TTL,
    )


def flush_impressions(progress=None) -> int:
    """Move the impression counters of the last days into ``DailyStat`` and return
    how many impressions were written. Only one flush runs at a time.

    ``progress`` optionally wraps the list of days (tqdm).
    """
    if not cache.add(_LOCK_KEY, 1, 300):
        return 0
    try:
        today = timezone.localdate()
        days = [today - timedelta(days=offset) for offset in range(COUNTER_DAYS)]
        if progress is not None:
            days = progress(days)
        return sum(_flush_day(day) for day in days)
    finally:
        cache.delete(_LOCK_KEY)


def _flush_day(day: date) -> int:
    count = cache.get(_seq_key(day)) or 0
    if not count:
        return 0
    entries = cache.get_many([_entry_key(day, n) for n in range(1, count + 1)])
    keys = {_counter_key(day, *entry): entry for entry in entries.values() if entry}
    values = {key: int(value) for key, value in cache.get_many(list(keys)).items()}
    rows = {keys[key]: (value, 0) for key, value in values.items() if value > 0}
    if not rows:
        return 0
    services.add_counts(rows, day)
    # Subtract only what was written: increments made meanwhile stay counted.
    for key, value in values.items():
        if value > 0:
            cache.decr(key, value)
    return sum(impressions for impressions, _clicks in rows.values())


def maybe_flush() -> None:
    """Flush at most once every ``FLUSH_SECONDS`` from a page view, so impressions
    reach ``DailyStat`` even where no scheduler runs ``flush_counters``."""
    global _last_window
    window = int(timezone.now().timestamp()) // FLUSH_SECONDS
    if window == _last_window:
        return  # this process already tried in this window: no round trip
    _last_window = window
    try:
        if cache.add(f"{_THROTTLE_KEY}:{window}", 1, FLUSH_SECONDS * 2):
            flush_impressions()
    except Exception:
        logger.exception("Opportunistic impression flush failed")


def record_page_impressions(pairs: list[tuple[int, int]]) -> None:
    """Count a page's impressions: into this process's tally, which reaches the
    cache counters within ``WAYAHSINAU_COUNTER_PUSH_SECONDS`` (wayahsinau/tally.py)."""
    tally.add(impressions=pairs)


def record_impression_totals(totals: Mapping[tuple[int, int], int]) -> None:
    """Add totals to the cache counters; straight into the database when the cache
    is down; only logged if both fail."""
    try:
        count_impression_totals(totals)
    except Exception:
        logger.warning("Impression cache unavailable; writing to the database")
        try:
            services.record_impressions(Counter(totals).elements())
        except Exception:
            logger.exception("Could not count %d ad impression(s)", totals.total())


class ImpressionMiddleware:
    """Counts the blocks a page rendered, in the cache, after it is rendered.

    Counting must never break a page: a failing write is logged and the page is
    served anyway.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        pairs = getattr(request, "ad_impressions", None)
        if pairs and response.status_code == 200 and is_countable(request):
            record_page_impressions(pairs)
        return response
