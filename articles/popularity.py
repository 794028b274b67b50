"""Cookie-free read counting for "Terpopuler".

A counted page view (``articles.visitors.is_counted_visit``) only adds to the
process's tally (``wayahsinau.tally``), pushed every second as one atomic ``incr``
per article on a cache counter, so readers wait for nothing. Counters live in time
buckets of ``BUCKET_SECONDS``: a reader's view lands in the bucket of the current
minute, and ``flush_counters`` moves every finished bucket into ``ArticleDailyView``
with an ``F()`` upsert. Nothing about the reader is kept: no cookie, no IP address,
no user agent; only (article, day, count).

If the cache is unreachable, the view is written straight to the database instead,
so no read is lost and no page fails.
"""

import logging
from collections import Counter
from datetime import date, timedelta

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .caching import add_to_counters
from .localcache import on_reset
from .models import Article, ArticleDailyView

logger = logging.getLogger(__name__)

BUCKET_SECONDS = 60
# A view is counted a moment after its bucket is chosen; wait this long before
# flushing a finished bucket so such late increments are never left behind.
GRACE_SECONDS = 5
# Counters survive this long in the cache, so a flush may be late by hours.
COUNTER_TTL = 3 * 24 * 3600
MAX_BUCKETS_PER_FLUSH = COUNTER_TTL // BUCKET_SECONDS
OPPORTUNISTIC_FLUSH_SECONDS = 120
POPULAR_DAYS = 7

_FLUSHED_KEY = "views:flushed-upto"
_LOCK_KEY = "views:flush-lock"
_THROTTLE_KEY = "views:flush-throttle"
_last_window: int | None = None


@on_reset
def _forget_window() -> None:
    global _last_window
    _last_window = None


def _bucket(moment) -> int:
    return int(moment.timestamp()) // BUCKET_SECONDS


def _counter_key(bucket: int, article_id: int, day: date) -> str:
    return f"views:{bucket}:{article_id}:{day.isoformat()}"


def _seq_key(bucket: int) -> str:
    return f"views:{bucket}:seq"


def _entry_key(bucket: int, number: int) -> str:
    return f"views:{bucket}:entry:{number}"


def record_view(article_id: int) -> None:
    """Count one read of the article (see ``record_views``)."""
    record_views({article_id: 1})


def record_views(counts: dict[int, int]) -> None:
    """Add ``counts`` ({article id: reads}) to the counters of the current bucket
    (``articles.caching.add_to_counters``)."""
    now = timezone.now()
    bucket, day = _bucket(now), timezone.localdate(now)
    try:
        add_to_counters(
            {
                _counter_key(bucket, article_id, day): ((article_id, day), views)
                for article_id, views in counts.items()
            },
            _seq_key(bucket),
            lambda number: _entry_key(bucket, number),
            COUNTER_TTL,
        )
    except Exception:  # noqa: BLE001 - the cache is down: count in the database.
        logger.warning("View counter cache unavailable; writing to the database.")
        add_views({(article_id, day): views for article_id, views in counts.items()})


def add_views(totals: dict[tuple[int, date], int]) -> None:
    """Add ``totals`` ({(article id, day): views}) to the daily rows: an update with
    ``F()`` where the row exists, an insert where it does not."""
    existing = set(
        Article.objects.filter(
            pk__in={article_id for article_id, _day in totals}
        ).values_list("pk", flat=True)
    )
    with transaction.atomic():
        for (article_id, day), views in sorted(totals.items()):
            if article_id not in existing or views <= 0:
                continue
            rows = ArticleDailyView.objects.filter(article_id=article_id, date=day)
            if rows.update(views=F("views") + views):
                continue
            try:
                with transaction.atomic():
                    ArticleDailyView.objects.create(
                        article_id=article_id, date=day, views=views
                    )
            except IntegrityError:
                # Another flush inserted the row between our update and insert.
                rows.update(views=F("views") + views)


def flush_counters(progress=None, include_current: bool = False) -> int:
    """Move every finished bucket from the cache into ``ArticleDailyView`` and
    return how many views were written. Only one flush runs at a time.

    ``progress`` is an optional callable wrapping the bucket iterable (tqdm).
    ``include_current`` also takes the running bucket: only for a process that is
    exiting and counts nothing more.
    """
    if not cache.add(_LOCK_KEY, 1, 300):
        return 0
    try:
        now = timezone.now()
        last_done = _bucket(now - timedelta(seconds=GRACE_SECONDS)) - 1
        if include_current:
            last_done = _bucket(now)
        flushed_upto = cache.get(_FLUSHED_KEY)
        if flushed_upto is None:
            flushed_upto = last_done - MAX_BUCKETS_PER_FLUSH
        first = max(flushed_upto + 1, last_done - MAX_BUCKETS_PER_FLUSH + 1)
        sequences = cache.get_many(
            [_seq_key(bucket) for bucket in range(first, last_done + 1)]
        )
        pending = sorted(
            (int(key.split(":")[1]), count) for key, count in sequences.items() if count
        )
        if progress is not None:
            pending = progress(pending)
        written = 0
        for bucket, count in pending:
            written += _flush_bucket(bucket, count)
        if last_done > flushed_upto:
            cache.set(_FLUSHED_KEY, last_done, COUNTER_TTL)
        return written
    finally:
        cache.delete(_LOCK_KEY)


def _flush_bucket(bucket: int, count: int) -> int:
    entry_keys = [_entry_key(bucket, number) for number in range(1, count + 1)]
    entries = [entry for entry in cache.get_many(entry_keys).values() if entry]
    counter_keys = {_counter_key(bucket, *entry): entry for entry in entries}
    values = cache.get_many(list(counter_keys))
    totals = Counter()
    for key, entry in counter_keys.items():
        totals[entry] += int(values.get(key) or 0)
    add_views(dict(totals))
    # Delete only after the rows are written: a failed write is retried next time.
    cache.delete_many([*entry_keys, *counter_keys, _seq_key(bucket)])
    return sum(totals.values())


def maybe_flush() -> None:
    """Flush at most once every ``OPPORTUNISTIC_FLUSH_SECONDS``, from a request, so
    counts reach the database even where no scheduler runs ``flush_counters``."""
    global _last_window
    window = int(timezone.now().timestamp()) // OPPORTUNISTIC_FLUSH_SECONDS
    if window == _last_window:
        return  # this process already tried in this window: no round trip
    _last_window = window
    try:
        # The first request of each window wins the ``add`` and flushes.
        if cache.add(f"{_THROTTLE_KEY}:{window}", 1, OPPORTUNISTIC_FLUSH_SECONDS * 2):
            flush_counters()
    except Exception:  # noqa: BLE001 - never let counting break a page.
        logger.exception("Opportunistic view counter flush failed.")


def popular_since() -> date:
    """The first day of the "Terpopuler" window (today and the six days before)."""
    return timezone.localdate() - timedelta(days=POPULAR_DAYS - 1)
