"""Counting reads and ad impressions without a cache round trip per page.

A page view only adds to this process's tally (a ``Counter`` under a lock). A
background thread pushes the tally to the shared cache counters every
``WAYAHSINAU_COUNTER_PUSH_SECONDS`` (default 1 s) in one pipeline per kind, and
runs the opportunistic database flush of those counters (``flush_counters``), so
no reader waits for either. A stopping process pushes what it holds before its
counters are flushed (``flush_at_exit``), so nothing is lost when a
worker stops; only a process killed outright (``SIGKILL``, a crash) loses its last
second. With the setting at 0 every page pushes at once, as the tests do.

The apps only say what a page counted (``request.ad_impressions``, the
response's ``article_id``: see the page cache middleware) and how to store totals
(``ads.counting``, ``articles.popularity``); this module, the glue, hands the
totals over.

If the cache is down, a push writes straight to the database instead (the
fallbacks of ``record_views`` and ``record_impressions``).
"""

import logging
import os
import threading
import time
from collections import Counter
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connections

from ads import counting
from articles import popularity

logger = logging.getLogger(__name__)


def push_seconds() -> float:
    return float(getattr(settings, "WAYAHSINAU_COUNTER_PUSH_SECONDS", 1))


class Tally:
    def __init__(self):
        self._lock = threading.Lock()
        self._push_lock = threading.Lock()
        self._in_flight: tuple[Counter, Counter] = (Counter(), Counter())
        self._views: Counter = Counter()
        self._impressions: Counter = Counter()
        self._thread: threading.Thread | None = None
        self._pid: int | None = None

    def add(
        self,
        views: Iterable[int] = (),
        impressions: Iterable[tuple[int, int]] = (),
    ) -> None:
        """Count article reads (ids) and ad impressions (``(block, slot)``)."""
        with self._lock:
            self._views.update(views)
            self._impressions.update(impressions)
        if push_seconds() <= 0:
            self.push()
            flush_opportunistically()
        else:
            self._ensure_pusher()

    def pending(self) -> tuple[Counter, Counter]:
        """What this process has counted that is not yet in the shared counters
        (views, impressions), a push under way included."""
        with self._lock:
            return (
                self._views + self._in_flight[0],
                self._impressions + self._in_flight[1],
            )

    def push(self) -> bool:
        """Hand everything counted so far to the shared counters; False when there
        was nothing to hand over."""
        with self._push_lock:  # one push at a time (the thread, an exit, a flush)
            with self._lock:
                views, impressions = self._views, self._impressions
                self._views, self._impressions = Counter(), Counter()
                self._in_flight = (views, impressions)
            try:
                if views:
                    popularity.record_views(views)
                if impressions:
                    counting.record_impression_totals(impressions)
            finally:
                with self._lock:
                    self._in_flight = (Counter(), Counter())
        return bool(views or impressions)

    def _ensure_pusher(self) -> None:
        # One thread per process, started after a fork (gunicorn workers) too.
        if self._pid == os.getpid() and self._thread and self._thread.is_alive():
            return
        with self._lock:
            if self._pid == os.getpid() and self._thread and self._thread.is_alive():
                return
            self._pid = os.getpid()
            self._thread = threading.Thread(
                target=self._run, name="wayahsinau-tally", daemon=True
            )
            self._thread.start()

    def _run(self) -> None:
        pushed_at = time.monotonic()
        while (interval := push_seconds()) > 0:
            # Wake at least once a second, so a changed interval takes effect.
            time.sleep(min(interval, 1.0))
            if time.monotonic() - pushed_at < interval:
                continue
            pushed_at = time.monotonic()
            try:
                if self.push():
                    flush_opportunistically()
            except Exception:
                logger.exception("Could not push the counters")
            finally:
                # The database fallback and the flush opened this thread's own
                # connection; do not keep it between pushes.
                connections.close_all()


def flush_opportunistically() -> None:
    """Move the shared counters into the database now and then, without cron."""
    popularity.maybe_flush()
    counting.maybe_flush()


tally = Tally()


def flush_at_exit() -> None:
    """A stopping worker writes what its cache still counts (with the local-memory
    cache those counters die with the process). Registered with ``atexit`` by
    ``wayahsinau.apps.WayahsinauConfig`` unless ``WAYAHSINAU_FLUSH_AT_EXIT`` is off."""
    try:
        tally.push()  # what this process counted in its last second
        counting.flush_impressions()
        # A shared cache (Redis) keeps the running minute for the other workers.
        popularity.flush_counters(
            include_current=isinstance(caches["default"], LocMemCache)
        )
    except Exception:
        logger.exception("Could not flush the counters at exit")
