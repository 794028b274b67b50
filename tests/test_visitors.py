"""Who a visitor is behind the proxy, and the one rule for a counted visit: reads,
ad impressions and ad clicks count the same requests."""

import io
from contextlib import contextmanager
from datetime import datetime, timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from ads import slots
from ads.models import DailyStat, Enquiry
from articles.models import ArticleDailyView
from tests.ads.factories import UA_BROWSER, ServiceListingFactory, SlotFactory, placed
from tests.articles.factories import ArticleFactory
from tests.test_settings import run_manage

pytestmark = pytest.mark.django_db

PROXY = "127.0.0.1"  # nginx on the same machine, as docs/deploy.md sets it up
MORNING = timezone.make_aware(datetime(2026, 11, 27, 9, 0, 10))
# What a browser sends when a reader opens a page or follows a link.
NAVIGATION = {
    "HTTP_USER_AGENT": UA_BROWSER,
    "HTTP_SEC_FETCH_DEST": "document",
    "HTTP_SEC_FETCH_MODE": "navigate",
    "HTTP_SEC_FETCH_SITE": "same-origin",
    "HTTP_SEC_FETCH_USER": "?1",
}


@contextmanager
def at(moment):
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


# The client's address behind the proxy.


def enquire(listing, **headers):
    data = {
        "name": "Siti Rahmawati",
        "company": "Keripik Tempe Bu Siti",
        "phone": "0812-3456-7890",
        "email": "siti@keripiktempe.example",
        "message": "Kami ingin promosi produk baru bulan depan.",
        "website": "",
    }
    return Client().post(listing.get_absolute_url(), data, **headers).status_code


@pytest.fixture
def listing(settings):
    settings.WAYAHSINAU_ENQUIRY_RATE_LIMIT = 2
    return ServiceListingFactory(name="Jasa Digital Marketing UMKM")


def test_behind_the_proxy_each_reader_has_their_own_enquiry_limit(listing, settings):
    settings.WAYAHSINAU_TRUSTED_PROXY_COUNT = 1
    spammer = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    reader = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.20"}

    assert [enquire(listing, **spammer) for _ in range(3)] == [302, 302, 429]
    assert enquire(listing, **reader) == 302
    assert Enquiry.objects.count() == 3


def test_a_forged_forwarded_for_entry_does_not_free_a_spammer_from_the_limit(
    listing, settings
):
    settings.WAYAHSINAU_TRUSTED_PROXY_COUNT = 1
    # The spammer writes a new address each time; nginx appends the real one.
    statuses = [
        enquire(
            listing,
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=f"10.0.0.{attempt}, 198.51.100.7",
        )
        for attempt in range(4)
    ]

    assert statuses == [302, 302, 429, 429]
    reader = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.20"}
    assert enquire(listing, **reader) == 302


def test_with_two_proxies_the_address_the_first_one_saw_is_the_client(
    listing, settings
):
    settings.WAYAHSINAU_TRUSTED_PROXY_COUNT = 2  # a CDN, then nginx
    cdn = "192.0.2.50"
    statuses = [
        enquire(
            listing,
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=f"10.9.9.{attempt}, 198.51.100.7, {cdn}",
        )
        for attempt in range(3)
    ]

    assert statuses == [302, 302, 429]
    other = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"203.0.113.20, {cdn}"}
    assert enquire(listing, **other) == 302


def test_directly_exposed_a_forged_forwarded_for_header_is_ignored(listing, settings):
    settings.WAYAHSINAU_TRUSTED_PROXY_COUNT = 0
    statuses = [
        enquire(
            listing,
            REMOTE_ADDR="198.51.100.7",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}",
        )
        for attempt in range(3)
    ]

    assert statuses == [302, 302, 429]


def test_the_proxy_count_comes_from_the_environment_and_must_be_a_number():
    script = (
        "from django.conf import settings; "
        "print(settings.WAYAHSINAU_TRUSTED_PROXY_COUNT)"
    )
    test_settings = {"DJANGO_SETTINGS_MODULE": "wayahsinau.settings.test"}
    default = run_manage(
        "shell", "--no-imports", "-c", script, env_overrides=test_settings
    )
    behind_nginx = run_manage(
        "shell",
        "--no-imports",
        "-c",
        script,
        env_overrides={**test_settings, "DJANGO_TRUSTED_PROXY_COUNT": "1"},
    )
    wrong = run_manage(
        "check", env_overrides={**test_settings, "DJANGO_TRUSTED_PROXY_COUNT": "nginx"}
    )

    assert default.stdout.strip() == "0", default.stderr
    assert behind_nginx.stdout.strip() == "1", behind_nginx.stderr
    assert wrong.returncode != 0
    assert "DJANGO_TRUSTED_PROXY_COUNT must be a whole number" in wrong.stderr


# One rule for a counted visit: reads, impressions and clicks.


@pytest.fixture
def page():
    """A published article whose page shows one paid block in its header."""
    header = SlotFactory(key="header")
    block = placed(
        header,
        target_url="https://batiksekar.example/promo",
        starts_at=MORNING - timedelta(days=7),
        ends_at=MORNING + timedelta(days=7),
    )
    article = ArticleFactory(
        title="Tips tidur nyenyak", published_at=MORNING - timedelta(days=7)
    )
    return article, block, slots.click_url(block.pk, header.pk)


def visit(client, page, method="get", **headers):
    """Open the article twice (the page cache stores it, then serves it) and
    follow the block's link once; return the (reads, impressions, clicks) counted
    after the flush."""
    article, block, click_url = page
    send = getattr(client, method)
    with at(MORNING):
        for _ in range(2):
            assert send(article.get_absolute_url(), **headers).status_code == 200
        click = send(click_url, **headers)
    assert click.status_code == 302
    assert click["Location"] == "https://batiksekar.example/promo"
    with at(MORNING + timedelta(minutes=5)):
        call_command("flush_counters", stdout=io.StringIO(), stderr=io.StringIO())
    stats = DailyStat.objects.filter(block=block)
    return (
        sum(ArticleDailyView.objects.values_list("views", flat=True)),
        sum(stats.values_list("impressions", flat=True)),
        sum(stats.values_list("clicks", flat=True)),
    )


@pytest.mark.parametrize("headers", [NAVIGATION, {"HTTP_USER_AGENT": UA_BROWSER}])
def test_a_reader_in_a_browser_counts_reads_impressions_and_a_click(
    client, page, headers
):
    assert visit(client, page, **headers) == (2, 2, 1)


@pytest.mark.parametrize(
    "user_agent",
    [
        "Uptime-Kuma/1.23.11",
        "axios/1.7.2",
        "curl/8.5.0",
        "python-requests/2.32.3",
        "Go-http-client/1.1",
        "Go-http-client/2.0",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "WhatsApp/2.23.20.0",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "HeadlessChrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)",
        "Wget/1.21.4",
        "okhttp/4.12.0",
        "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)",
        # Scripted clients crawlerdetect lets through, listed in articles/visitors.py.
        "Deno/1.40.0",
        "Bun/1.0.25",
        "Dalvik/2.1.0 (Linux; U; Android 14; SM-A546E Build/UP1A.231005.007)",
        "Blackbox Exporter/0.24.0",
        "Consul Health Check",
        "Prometheus/2.49.1",
        "",
        "   ",
    ],
)
def test_bots_monitors_and_scripts_count_nothing(client, page, user_agent):
    assert visit(client, page, HTTP_USER_AGENT=user_agent) == (0, 0, 0)


def test_requests_without_any_user_agent_count_nothing(client, page):
    assert visit(client, page) == (0, 0, 0)


def test_head_requests_count_nothing(client, page):
    assert visit(client, page, method="head", **NAVIGATION) == (0, 0, 0)


@pytest.mark.parametrize(
    "speculation",
    [
        {"HTTP_PURPOSE": "prefetch"},
        {"HTTP_SEC_PURPOSE": "prefetch"},
        {"HTTP_SEC_PURPOSE": "prefetch;prerender"},
        {"HTTP_SEC_PURPOSE": "prerender"},
        {"HTTP_PURPOSE": "prerender"},
        {"HTTP_X_MOZ": "prefetch"},
        {"HTTP_X_PURPOSE": "preview"},
        {"HTTP_X_PURPOSE": "prefetch"},
    ],
)
def test_prefetches_and_prerenders_count_nothing(client, page, speculation):
    assert visit(client, page, **NAVIGATION, **speculation) == (0, 0, 0)


# What another site's page fetches of ours, as the browser labels it: never a
# reader opening the page (Sec-Fetch-Dest and Sec-Fetch-Mode).
EMBEDDED_REQUESTS = [
    {"HTTP_SEC_FETCH_DEST": "image", "HTTP_SEC_FETCH_MODE": "no-cors"},
    {"HTTP_SEC_FETCH_DEST": "script", "HTTP_SEC_FETCH_MODE": "no-cors"},
    {"HTTP_SEC_FETCH_DEST": "iframe", "HTTP_SEC_FETCH_MODE": "navigate"},
    {"HTTP_SEC_FETCH_DEST": "empty", "HTTP_SEC_FETCH_MODE": "cors"},
    {"HTTP_SEC_FETCH_DEST": "document", "HTTP_SEC_FETCH_MODE": "no-cors"},
]


@pytest.mark.parametrize("embedded", EMBEDDED_REQUESTS)
def test_another_sites_image_script_frame_or_fetch_counts_nothing(
    client, page, embedded
):
    headers = {
        "HTTP_USER_AGENT": UA_BROWSER,
        "HTTP_SEC_FETCH_SITE": "cross-site",
        **embedded,
    }
    assert visit(client, page, **headers) == (0, 0, 0)


def test_staff_reading_the_site_count_nothing(client, page, staff_editor):
    client.force_login(staff_editor)
    assert visit(client, page, **NAVIGATION) == (0, 0, 0)


def test_a_reader_with_a_session_who_is_not_staff_is_counted(
    client, page, django_user_model
):
    reader = django_user_model.objects.create_user("pembaca", password="x-12345-y")
    client.force_login(reader)
    assert visit(client, page, **NAVIGATION) == (2, 2, 1)
