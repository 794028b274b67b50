"""Counting readers seeing and clicking blocks, and the flush. Which requests
count is ``articles.visitors.is_counted_visit``, the rule reads share.

Impressions cost no database write and no cache round trip per page: each rendered
``(block, slot)`` is noted on the request (``note_impression``); the site's tally
(``wayahsinau.tally``) collects them and pushes them every second into per-day
cache counters through ``record_impression_totals`` (Redis ``INCRBY`` in one
pipeline, or the local-memory cache of one process).
``flush_impressions`` adds the counters to ``DailyStat`` with the same atomic upsert
as before and then *subtracts* what it wrote with ``decr``, so increments that
arrive during a flush are kept for the next one and nothing is counted twice. It
runs from ``manage.py flush_counters``, from the tally's thread at most once every
``FLUSH_SECONDS`` (no cron needed), and when the process exits (after a last push),
so counts reach ``DailyStat`` within a minute and a stopped worker loses nothing.
A report brings them up to date when it is opened (``bring_up_to_date``).
If the cache fails, the push writes the impressions straight to the database.
Clicks are rare and stay direct atomic upserts.
"""

import logging
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.dispatch import Signal
from django.http import HttpRequest
from django.utils import timezone

from articles.caching import add_to_counters, warn_cache_failure
from articles.localcache import on_reset
from articles.visitors import is_counted_visit, visitor_key

from . import services

logger = logging.getLogger(__name__)


def is_counted_click(request: HttpRequest, block_id: int) -> bool:
    """Whether a request to the click URL counts as a click on the block: a counted
    visit (``articles.visitors.is_counted_visit``: a person's top-level navigation,
    not a bot, a prefetch, another site's ``<img>`` or staff), and the visitor's
    first on this block in the current period of ``WAYAHSINAU_CLICK_WINDOW``
    seconds. A visitor is a keyed hash of address and user agent; no cookie."""
    if not is_counted_visit(request):
        return False
    window = settings.WAYAHSINAU_CLICK_WINDOW
    # Periods of the clock (10:00-10:29, 10:30-10:59…) rather than a sliding
    # window: the rule follows ``timezone.now()`` alone, the same on every cache
    # backend. The price: two clicks either side of a period's edge both count.
    period = int(timezone.now().timestamp()) // window
    key = f"ads:click:{block_id}:{period}:{visitor_key(request)}"
    try:
        return bool(cache.add(key, 1, window))
    except Exception:
        # Advertisers are billed per click: a click that cannot be de-duplicated is
        # not counted, rather than counted twice. Readers are redirected anyway.
        warn_cache_failure(logger, "Click cache unavailable; click not counted")
        return False


def note_impression(request: HttpRequest | None, block_id: int, slot_id: int) -> None:
    """Remember a rendered block on the request (``request.ad_impressions``); the
    page cache middleware adds a page's impressions to the site's tally once."""
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


@on_reset
def _forget_window() -> None:
    global _last_window
    _last_window = None


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
    counters (``articles.caching.add_to_counters``)."""
    day = timezone.localdate()
    add_to_counters(
        {_counter_key(day, *pair): (pair, count) for pair, count in totals.items()},
        _seq_key(day),
        lambda number: _entry_key(day, number),
        COUNTER_TTL,
    )


def _take_lock(wait: float) -> bool:
    deadline = time.monotonic() + wait
    while not cache.add(_LOCK_KEY, 1, 300):
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)  # another flush is writing: it takes milliseconds
    return True


def flush_impressions(progress=None, wait: float = 0) -> int | None:
    """Move the impression counters of the last days into ``DailyStat`` and return
    how many impressions were written. Only one flush runs at a time: while
    another one runs, wait up to ``wait`` seconds for it to end, then return None
    (what it wrote and what came in meanwhile stay where they are, counted once).

    ``progress`` optionally wraps the list of days (tqdm).
    """
    if not _take_lock(wait):
        return None
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


# Sent before a report reads ``DailyStat``: whoever holds counts that are not
# yet in the shared counters (the process tally of ``wayahsinau.tally``, which
# this app may not import) hands them over.
counts_requested = Signal()
REPORT_FLUSH_WAIT = 2.0


def bring_up_to_date(wait: float | None = None) -> tuple[datetime, bool]:
    """Write every impression counted so far into ``DailyStat``: this process's
    tally (``counts_requested``), then the shared counters (a flush, waiting up to
    ``wait`` seconds, ``REPORT_FLUSH_WAIT`` by default, for one already running).

    Returns the moment the stats are current as of, and whether they are
    complete: False when the counters could not be flushed (the cache is down, or
    another flush ran too long), so the report can say that the last minute may
    be missing.

    Other worker processes push their own tally every second
    (``WAYAHSINAU_COUNTER_PUSH_SECONDS``), so their counts are at most that late.
    """
    complete = True
    for _receiver, result in counts_requested.send_robust(sender=None):
        if isinstance(result, Exception):
            logger.warning("Could not hand over pending counts: %s", result)
            complete = False
    try:
        wait = REPORT_FLUSH_WAIT if wait is None else wait
        if flush_impressions(wait=wait) is None:
            complete = False
    except Exception:
        warn_cache_failure(logger, "Impression counters unavailable for a report")
        complete = False
    return timezone.now(), complete


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
