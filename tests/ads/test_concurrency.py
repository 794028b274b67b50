from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.test import Client

from ads import slots
from ads.models import DailyStat
from tests.ads.factories import UA_BROWSER, SlotFactory, placed

CLICKS = 200
WORKERS = 20  # parallel connections; the shared server has a connection limit


def _in_memory_sqlite() -> bool:
    return connection.vendor == "sqlite" and connection.is_in_memory_db()


@pytest.mark.django_db(transaction=True)
def test_two_hundred_parallel_clicks_count_exactly_two_hundred():
    if _in_memory_sqlite():
        pytest.skip(
            "in-memory SQLite shares one connection between threads; this runs "
            "against PostgreSQL (DATABASE_URL) in CI"
        )
    header = SlotFactory(key="header")
    block = placed(header)
    url = slots.click_url(block.pk, header.pk)

    def click(index: int) -> int:
        # Two hundred readers: one reader's clicks count once per half hour.
        address = f"203.0.{index // 100}.{index % 100 + 1}"
        try:
            return (
                Client(REMOTE_ADDR=address)
                .get(url, HTTP_USER_AGENT=UA_BROWSER)
                .status_code
            )
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        statuses = list(pool.map(click, range(CLICKS)))

    assert statuses == [302] * CLICKS
    stat = DailyStat.objects.get(block=block, slot=header)
    assert stat.clicks == CLICKS
    assert stat.impressions == 0


@pytest.mark.django_db(transaction=True)
def test_one_readers_parallel_clicks_count_once():
    if _in_memory_sqlite():
        pytest.skip(
            "in-memory SQLite shares one connection between threads; this runs "
            "against PostgreSQL (DATABASE_URL) in CI"
        )
    header = SlotFactory(key="header")
    block = placed(header)
    url = slots.click_url(block.pk, header.pk)

    def click(_index: int) -> int:
        try:
            return Client().get(url, HTTP_USER_AGENT=UA_BROWSER).status_code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        statuses = list(pool.map(click, range(WORKERS * 2)))

    assert statuses == [302] * WORKERS * 2
    assert DailyStat.objects.get(block=block, slot=header).clicks == 1
