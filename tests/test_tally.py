"""Reads and impressions are tallied in the process and pushed to the shared
counters every ``WAYAHSINAU_COUNTER_PUSH_SECONDS``; a stopping process loses none."""

import time
from unittest import mock

import pytest
from django.apps import apps
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from ads.counting import flush_impressions
from ads.models import DailyStat
from articles import popularity
from articles.models import ArticleDailyView
from articles.popularity import flush_counters
from tests.ads.factories import UA_BROWSER, SlotFactory, placed
from tests.articles.factories import ArticleFactory
from wayahsinau.tally import flush_at_exit, tally

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(client):
    client.defaults["HTTP_USER_AGENT"] = UA_BROWSER
    return client


def impressions(block) -> int:
    return sum(
        DailyStat.objects.filter(block=block).values_list("impressions", flat=True)
    )


def views() -> int:
    return sum(ArticleDailyView.objects.values_list("views", flat=True))


@override_settings(WAYAHSINAU_COUNTER_PUSH_SECONDS=3600)
def test_pages_only_add_to_the_tally_and_a_stopping_worker_writes_it(reader):
    block = placed(SlotFactory(key="header"))
    url = ArticleFactory().get_absolute_url()
    for _ in range(3):
        assert reader.get(url).status_code == 200

    # Nothing reached the shared counters yet: no cache write per page.
    assert flush_impressions() == 0
    assert cache.get(popularity._seq_key(popularity._bucket(timezone.now()))) is None
    pending_views, pending_impressions = tally.pending()
    assert sum(pending_views.values()) == 3
    assert sum(pending_impressions.values()) == 3

    flush_at_exit()  # the worker stops
    # With Redis the running minute stays there for the other workers' next flush.
    flush_counters(include_current=True)

    assert impressions(block) == 3
    assert views() == 3
    assert tally.pending() == ({}, {})


@override_settings(WAYAHSINAU_COUNTER_PUSH_SECONDS=0.05)
def test_the_tally_reaches_the_shared_counters_within_the_interval(reader):
    block = placed(SlotFactory(key="header"))
    url = ArticleFactory().get_absolute_url()
    # The database flush is left to this thread, as ``flush_counters`` would do.
    with mock.patch("wayahsinau.tally.flush_opportunistically"):
        for _ in range(4):
            reader.get(url)
        deadline = time.monotonic() + 5
        while any(tally.pending()) and time.monotonic() < deadline:
            time.sleep(0.02)
    assert tally.pending() == ({}, {})

    assert flush_impressions() == 4
    assert flush_counters(include_current=True) == 4
    assert impressions(block) == 4
    assert views() == 4


@pytest.mark.parametrize("enabled", [True, False])
def test_the_site_app_has_every_stopping_process_flush_its_tally(settings, enabled):
    """Gunicorn workers run ``flush_at_exit`` when they stop, unless turned off (the
    tests turn it off: each test flushes what it counted itself)."""
    settings.WAYAHSINAU_FLUSH_AT_EXIT = enabled
    with mock.patch("wayahsinau.apps.atexit.register") as register:
        apps.get_app_config("wayahsinau").ready()
    assert register.call_args_list == ([mock.call(flush_at_exit)] if enabled else [])
