import io
import logging
from datetime import datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import DatabaseError
from django.test import Client
from django.urls import reverse

from ads import slots
from ads.models import DailyStat
from tests.ads.factories import UA_BROWSER, SlotFactory, placed
from tests.articles.factories import ArticleFactory
from tests.test_visitors import EMBEDDED_REQUESTS

pytestmark = pytest.mark.django_db

WIB = ZoneInfo("Asia/Jakarta")
BOTS = [
    "Googlebot/2.1 (+http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "facebookexternalhit/1.1",
    "curl/8.5.0",
    "",
]


@pytest.fixture
def header():
    return SlotFactory(key="header")


def counts(block, slot=None):
    stats = DailyStat.objects.filter(block=block)
    if slot is not None:
        stats = stats.filter(slot=slot)
    return (
        sum(stats.values_list("impressions", flat=True)),
        sum(stats.values_list("clicks", flat=True)),
    )


def test_click_redirects_to_the_stored_target_uncached_and_counts_once(client, header):
    block = placed(
        header,
        target_url="https://batiksekar.example/promo?src=ws",
        starts_at=datetime(2026, 11, 1, tzinfo=WIB),
        ends_at=datetime(2026, 12, 31, tzinfo=WIB),
    )
    moment = datetime(2026, 11, 27, 23, 30, tzinfo=WIB)  # 16:30 UTC, same WIB day

    with mock.patch("django.utils.timezone.now", return_value=moment):
        response = client.get(
            slots.click_url(block.pk, header.pk), HTTP_USER_AGENT=UA_BROWSER
        )

    assert response.status_code == 302
    assert response["Location"] == "https://batiksekar.example/promo?src=ws"
    assert "no-store" in response["Cache-Control"]
    stat = DailyStat.objects.get(block=block, slot=header)
    assert (stat.date.isoformat(), stat.clicks, stat.impressions) == (
        "2026-11-27",
        1,
        0,
    )


def test_click_ignores_every_redirect_parameter(client, header):
    block = placed(header)
    url = slots.click_url(block.pk, header.pk)

    response = client.get(
        url + "?url=https://evil.example&next=//evil.example&target=javascript:x",
        HTTP_USER_AGENT=UA_BROWSER,
    )

    assert response["Location"] == block.target_url


def test_house_block_click_goes_to_our_listing_page(client, header):
    block = placed(header, house=True)
    response = client.get(
        slots.click_url(block.pk, header.pk), HTTP_USER_AGENT=UA_BROWSER
    )
    assert response["Location"] == block.service_listing.get_absolute_url()


def test_malformed_tampered_and_unknown_tokens_are_404_and_count_nothing(
    client, header
):
    block = placed(header)
    other_slot = SlotFactory(key="footer")
    good = slots.click_token(block.pk, header.pk)
    value, signature = good.split(".", 1)
    tokens = [
        "abc",
        "1-1",
        f"{block.pk}-{header.pk}.{'A' * len(signature)}",
        f"{block.pk + 1}-{header.pk}.{signature}",  # enumerating ids breaks the sig
        slots.click_token(block.pk + 999, header.pk),  # signed, but no such block
        slots.click_token(block.pk, other_slot.pk),  # not placed in that slot
        slots.click_token(block.pk, 10**12),
        good + "x",
    ]
    for token in tokens:
        response = client.get(
            reverse("ads:click", kwargs={"token": token}), HTTP_USER_AGENT=UA_BROWSER
        )
        assert response.status_code == 404, token
    assert not DailyStat.objects.exists()


@pytest.mark.parametrize("state", ["expired", "scheduled", "paused"])
def test_clicks_on_blocks_not_running_are_404(client, header, state):
    block = placed(header, **{state: True})
    response = client.get(
        slots.click_url(block.pk, header.pk), HTTP_USER_AGENT=UA_BROWSER
    )
    assert response.status_code == 404
    assert not DailyStat.objects.exists()


def test_click_on_a_deactivated_listing_house_block_is_404(client, header):
    block = placed(header, house=True)
    block.service_listing.is_active = False
    block.service_listing.save()
    response = client.get(
        slots.click_url(block.pk, header.pk), HTTP_USER_AGENT=UA_BROWSER
    )
    assert response.status_code == 404


@pytest.mark.parametrize("user_agent", BOTS)
def test_bots_are_redirected_but_not_counted(client, header, user_agent):
    block = placed(header)
    response = client.get(
        slots.click_url(block.pk, header.pk), HTTP_USER_AGENT=user_agent
    )
    assert response.status_code == 302
    assert counts(block) == (0, 0)


@pytest.mark.parametrize(
    "headers",
    [{"HTTP_PURPOSE": "prefetch"}, {"HTTP_SEC_PURPOSE": "prefetch;prerender"}],
)
def test_prefetches_and_head_requests_are_not_counted(client, header, headers):
    block = placed(header)
    url = slots.click_url(block.pk, header.pk)

    prefetch = client.get(url, HTTP_USER_AGENT=UA_BROWSER, **headers)
    head = client.head(url, HTTP_USER_AGENT=UA_BROWSER)

    assert prefetch.status_code == head.status_code == 302
    assert counts(block) == (0, 0)
    assert client.post(url, HTTP_USER_AGENT=UA_BROWSER).status_code == 405


def test_a_failing_click_count_is_logged_and_still_redirects(client, header, caplog):
    block = placed(header)
    with (
        mock.patch("ads.services._increment", side_effect=DatabaseError("down")),
        caplog.at_level(logging.ERROR, logger="ads.views"),
    ):
        response = client.get(
            slots.click_url(block.pk, header.pk), HTTP_USER_AGENT=UA_BROWSER
        )
    assert response.status_code == 302
    assert "Could not count a click" in caplog.text


def test_impressions_count_each_rendered_block_per_slot_per_day(client, header):
    footer = SlotFactory(key="footer")
    block = placed(header)
    placed(footer, house=True)
    url = ArticleFactory().get_absolute_url()

    for _ in range(3):
        assert client.get(url, HTTP_USER_AGENT=UA_BROWSER).status_code == 200
    call_command("flush_counters", stdout=io.StringIO(), stderr=io.StringIO())

    assert counts(block, header) == (3, 0)
    assert DailyStat.objects.filter(slot=footer).get().impressions == 3


def test_bots_head_and_prefetch_renders_count_no_impressions(client, header):
    block = placed(header)
    url = ArticleFactory().get_absolute_url()

    client.get(url, HTTP_USER_AGENT=BOTS[0])
    client.get(url)  # no user agent at all
    client.head(url, HTTP_USER_AGENT=UA_BROWSER)
    client.get(url, HTTP_USER_AGENT=UA_BROWSER, HTTP_SEC_PURPOSE="prefetch")
    call_command("flush_counters", stdout=io.StringIO(), stderr=io.StringIO())

    assert counts(block) == (0, 0)


def test_a_failing_impression_flush_never_breaks_the_page_and_loses_nothing(
    client, header, caplog
):
    block = placed(header, title="Tetap tampil")
    url = ArticleFactory().get_absolute_url()
    with (
        mock.patch("ads.services._increment", side_effect=DatabaseError("down")),
        caplog.at_level(logging.ERROR, logger="ads.counting"),
    ):
        response = client.get(url, HTTP_USER_AGENT=UA_BROWSER)
    assert response.status_code == 200
    assert "Tetap tampil" in response.content.decode()
    assert "impression flush failed" in caplog.text
    assert counts(block) == (0, 0)

    # The count stayed in the cache and reaches the database with the next flush.
    call_command("flush_counters", stdout=io.StringIO(), stderr=io.StringIO())
    assert counts(block, header) == (1, 0)


def test_with_cache_and_database_down_the_page_still_renders_and_logs(
    client, header, caplog
):
    placed(header, title="Tetap tampil")
    url = ArticleFactory().get_absolute_url()
    client.get(url)  # cache the page and the slot
    with (
        mock.patch("ads.counting.cache.incr", side_effect=ConnectionError("down")),
        mock.patch("ads.services._increment", side_effect=DatabaseError("down")),
        caplog.at_level(logging.ERROR, logger="ads.counting"),
    ):
        response = client.get(url, HTTP_USER_AGENT=UA_BROWSER)
    assert response.status_code == 200
    assert "Tetap tampil" in response.content.decode()
    assert "Could not count 1 ad impression(s)" in caplog.text


def test_missing_pages_count_no_impressions(client, header):
    block = placed(header)
    response = client.get("/artikel/tidak-ada/", HTTP_USER_AGENT=UA_BROWSER)
    assert response.status_code == 404
    assert counts(block) == (0, 0)


def test_article_previews_show_blocks_but_count_no_impressions(
    client, header, staff_editor
):
    """Sales reports count what readers saw: an editor's preview of a draft and a
    source reading a preview link see the blocks, and neither is counted."""
    from articles.models import PreviewLink

    block = placed(header, title="Paket rilis pers UMKM")
    draft = ArticleFactory(draft=True, title="Draf yang belum terbit")
    published = ArticleFactory(title="Sudah terbit")

    client.force_login(staff_editor)
    preview = client.get(draft.get_absolute_url(), HTTP_USER_AGENT=UA_BROWSER)
    client.logout()
    link = PreviewLink.objects.create(article=draft, created_by=staff_editor)
    shared = client.get(link.get_absolute_url(), HTTP_USER_AGENT=UA_BROWSER)
    for response in (preview, shared):
        html = response.content.decode()
        assert "Draf yang belum terbit" in html and "Paket rilis pers UMKM" in html
    call_command("flush_counters", stdout=io.StringIO(), stderr=io.StringIO())
    assert counts(block) == (0, 0)

    # A reader on a published article is counted, as always.
    client.get(published.get_absolute_url(), HTTP_USER_AGENT=UA_BROWSER)
    call_command("flush_counters", stdout=io.StringIO(), stderr=io.StringIO())
    assert counts(block) == (1, 0)


MORNING = datetime(2026, 11, 27, 9, 0, 10, tzinfo=WIB)


@pytest.fixture
def running(header):
    """A block in the header slot, running all of November and December."""
    return placed(
        header,
        target_url="https://batiksekar.example/promo",
        starts_at=datetime(2026, 11, 1, tzinfo=WIB),
        ends_at=datetime(2026, 12, 31, tzinfo=WIB),
    )


def click(block, slot, moment=MORNING, **headers):
    """A reader following the block's link at ``moment``; every click must still
    reach the advertiser's page, uncached."""
    headers.setdefault("HTTP_USER_AGENT", UA_BROWSER)
    with mock.patch("django.utils.timezone.now", return_value=moment):
        response = Client().get(slots.click_url(block.pk, slot.pk), **headers)
    assert response.status_code == 302
    assert response["Location"] == block.target_url
    assert "no-store" in response["Cache-Control"]
    return response


def test_a_readers_repeated_clicks_count_once_per_half_hour(header, running):
    for minutes in (0, 0.1, 14, 29.8):  # 09:00:10 to 09:29:58
        click(running, header, MORNING + timedelta(minutes=minutes))
    assert counts(running) == (0, 1)

    click(running, header, datetime(2026, 11, 27, 9, 30, 5, tzinfo=WIB))
    assert counts(running) == (0, 2)
    click(running, header, datetime(2026, 11, 27, 10, 5, tzinfo=WIB))
    assert counts(running) == (0, 3)


def test_each_reader_and_each_block_count_their_own_clicks(header, running, settings):
    settings.WAYAHSINAU_TRUSTED_PROXY_COUNT = 1  # behind nginx
    other_block = placed(
        header,
        starts_at=datetime(2026, 11, 1, tzinfo=WIB),
        ends_at=datetime(2026, 12, 31, tzinfo=WIB),
    )
    siti = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    budi = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.20"}
    # Siti again, pretending to be someone else: nginx appends her real address.
    forged = {**siti, "HTTP_X_FORWARDED_FOR": "10.1.2.3, 198.51.100.7"}
    # Another device on Siti's home network.
    tablet = {
        **siti,
        "HTTP_USER_AGENT": "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) "
        "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 "
        "Safari/604.1",
    }

    for reader in (siti, budi, forged, tablet, siti):
        click(running, header, **reader)
    click(other_block, header, **siti)

    assert counts(running) == (0, 3)
    assert counts(other_block) == (0, 1)


@pytest.mark.parametrize("embedded", EMBEDDED_REQUESTS)
def test_another_sites_image_or_script_on_the_click_url_is_not_a_click(
    header, running, embedded
):
    """``<img src="…/iklan/klik/…">`` on another site: the browser follows the
    redirect like any other, and nothing is counted, not even as the reader's
    one click of the half hour."""
    click(running, header, HTTP_SEC_FETCH_SITE="cross-site", **embedded)
    assert counts(running) == (0, 0)

    # The same reader following the link from an article: counted.
    click(
        running,
        header,
        HTTP_SEC_FETCH_SITE="same-origin",
        HTTP_SEC_FETCH_DEST="document",
        HTTP_SEC_FETCH_MODE="navigate",
    )
    assert counts(running) == (0, 1)


def test_a_link_to_the_click_url_from_another_site_counts(header, running):
    click(
        running,
        header,
        HTTP_SEC_FETCH_SITE="cross-site",
        HTTP_SEC_FETCH_DEST="document",
        HTTP_SEC_FETCH_MODE="navigate",
        HTTP_SEC_FETCH_USER="?1",
    )
    assert counts(running) == (0, 1)


def test_with_the_cache_down_clicks_redirect_but_are_not_counted(
    header, running, caplog
):
    """Advertisers are billed per click: one that cannot be checked against the
    reader's earlier clicks is left out rather than perhaps counted twice."""
    with (
        mock.patch("ads.counting.cache.add", side_effect=ConnectionError("down")),
        caplog.at_level(logging.WARNING, logger="ads.counting"),
    ):
        click(running, header)
        click(running, header)
    assert counts(running) == (0, 0)
    assert "Click cache unavailable; click not counted" in caplog.text

    click(running, header)  # the cache is back
    assert counts(running) == (0, 1)
