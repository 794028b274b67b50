"""Writes that touch counters: impressions and clicks into ``DailyStat``.

Every increment is one atomic ``INSERT … ON CONFLICT … DO UPDATE SET n = n + x``
(SQLite and PostgreSQL speak the same syntax), so parallel requests never lose a
count and nothing is read-modified-written in Python.
"""

import datetime
import logging
from collections import Counter
from collections.abc import Iterable

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from .models import DailyStat, Slot, SponsoredBlock

logger = logging.getLogger(__name__)


def _upsert_sql(row_count: int) -> str:
    quote = connection.ops.quote_name
    table = quote(DailyStat._meta.db_table)
    columns = ", ".join(
        quote(name) for name in ("block_id", "slot_id", "date", "impressions", "clicks")
    )
    values = ", ".join(["(%s, %s, %s, %s, %s)"] * row_count)
    impressions, clicks = quote("impressions"), quote("clicks")
    return (
        f"INSERT INTO {table} ({columns}) VALUES {values} "
        f"ON CONFLICT ({quote('block_id')}, {quote('slot_id')}, {quote('date')}) "
        f"DO UPDATE SET "
        f"{impressions} = {table}.{impressions} + excluded.{impressions}, "
        f"{clicks} = {table}.{clicks} + excluded.{clicks}"
    )


def _increment(rows: dict[tuple[int, int], tuple[int, int]], day: datetime.date):
    if connection.vendor in {"postgresql", "sqlite"}:
        params: list = []
        for (block_id, slot_id), (impressions, clicks) in sorted(rows.items()):
            params += [block_id, slot_id, day, impressions, clicks]
        with connection.cursor() as cursor:
            cursor.execute(_upsert_sql(len(rows)), params)
        return
    # Other databases: an atomic UPDATE, and an INSERT only for a day's first count.
    with transaction.atomic():
        _update_or_insert(rows, day)


def _update_or_insert(rows, day) -> None:
    for (block_id, slot_id), (impressions, clicks) in rows.items():
        stats = DailyStat.objects.filter(block_id=block_id, slot_id=slot_id, date=day)
        changed = stats.update(
            impressions=F("impressions") + impressions, clicks=F("clicks") + clicks
        )
        if not changed:
            try:
                with transaction.atomic():
                    DailyStat.objects.create(
                        block_id=block_id,
                        slot_id=slot_id,
                        date=day,
                        impressions=impressions,
                        clicks=clicks,
                    )
            except IntegrityError:
                stats.update(
                    impressions=F("impressions") + impressions,
                    clicks=F("clicks") + clicks,
                )


def record_impressions(
    pairs: Iterable[tuple[int, int]], day: datetime.date | None = None
) -> None:
    """Add one impression per ``(block_id, slot_id)`` pair, in a single statement."""
    counts = Counter(pairs)
    if not counts:
        return
    rows = {pair: (count, 0) for pair, count in counts.items()}
    _increment(rows, day or timezone.localdate())


def add_counts(
    rows: dict[tuple[int, int], tuple[int, int]], day: datetime.date
) -> None:
    """Add ``rows`` ({(block_id, slot_id): (impressions, clicks)}) to ``day``'s
    stats in one statement; rows whose block or slot was deleted are dropped."""
    blocks = set(
        SponsoredBlock.objects.filter(pk__in={b for b, _s in rows}).values_list(
            "pk", flat=True
        )
    )
    slot_ids = set(
        Slot.objects.filter(pk__in={s for _b, s in rows}).values_list("pk", flat=True)
    )
    kept = {
        (block, slot): counts
        for (block, slot), counts in rows.items()
        if block in blocks and slot in slot_ids
    }
    if kept:
        _increment(kept, day)


def record_click(block_id: int, slot_id: int, day: datetime.date | None = None) -> None:
    """Add one click for ``block_id`` shown in ``slot_id`` on ``day`` (WIB)."""
    _increment({(block_id, slot_id): (0, 1)}, day or timezone.localdate())
