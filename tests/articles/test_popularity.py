"""Cookie-free read counting and the "Terpopuler" lists."""

from contextlib import contextmanager
from datetime import date, datetime, timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from articles import popularity
from articles.caching import bump_generation
from articles.models import ArticleDailyView
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

BROWSER = (
    "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Mobile Safari/537.36"
)
MORNING = timezone.make_aware(datetime(2026, 11, 27, 9, 0, 10))
LAST_WEEK = timezone.make_aware(datetime(2026, 11, 20, 8, 0))


@contextmanager
def at(moment):
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def read(client, article, moment=MORNING, **headers):
    headers.setdefault("HTTP_USER_AGENT", BROWSER)
    with at(moment):
        response = client.get(article.get_absolute_url(), **headers)
    assert response.status_code == 200
    return response


def flush(moment=MORNING + timedelta(minutes=5)):
    with at(moment):
        call_command("flush_counters", stdout=None)


def views(article):
    return {
        row.date: row.views for row in ArticleDailyView.objects.filter(article=article)
    }


@pytest.fixture
def article():
    return ArticleFactory(title="Tips tidur nyenyak", published_at=LAST_WEEK)


def test_reader_views_reach_the_daily_counter_after_a_flush(client, article):
    for _ in range(3):
        read(client, article)
    assert views(article) == {}

    flush()

    assert views(article) == {date(2026, 11, 27): 3}


def test_flushing_adds_to_existing_counts_and_never_counts_twice(client, article):
    ArticleDailyView.objects.create(article=article, date=date(2026, 11, 27), views=5)
    read(client, article)
    read(client, article)

    flush()
    flush(MORNING + timedelta(minutes=10))

    assert views(article) == {date(2026, 11, 27): 7}


def test_views_still_in_the_current_minute_wait_for_the_next_flush(client, article):
    read(client, article, MORNING)

    flush(MORNING + timedelta(seconds=20))  # same minute: not finished yet
    assert views(article) == {}

    flush(MORNING + timedelta(hours=6))  # late, but nothing is lost
    assert views(article) == {date(2026, 11, 27): 1}


def test_views_around_midnight_go_to_their_own_day_in_jakarta(client, article):
    before = timezone.make_aware(datetime(2026, 11, 27, 23, 59, 50))
    read(client, article, before)
    read(client, article, before + timedelta(seconds=40))

    flush(before + timedelta(minutes=5))

    assert views(article) == {date(2026, 11, 27): 1, date(2026, 11, 28): 1}


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_USER_AGENT": ""},
        {"HTTP_USER_AGENT": "Googlebot/2.1 (+http://www.google.com/bot.html)"},
        {"HTTP_USER_AGENT": "facebookexternalhit/1.1"},
        {"HTTP_USER_AGENT": "Mozilla/5.0 (compatible; bingbot/2.0)"},
        {"HTTP_USER_AGENT": "curl/8.5.0"},
        {"HTTP_USER_AGENT": "python-requests/2.32"},
        {"HTTP_SEC_PURPOSE": "prefetch"},
        {"HTTP_PURPOSE": "prefetch"},
    ],
)
def test_bots_and_prefetches_are_not_counted(client, article, headers):
    read(client, article, **headers)
    flush()

    assert views(article) == {}


def test_head_requests_are_not_counted(client, article):
    with at(MORNING):
        assert (
            client.head(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER).status_code
            == 200
        )
    flush()

    assert views(article) == {}


def test_staff_previews_of_drafts_are_not_counted(client, staff_editor):
    draft = ArticleFactory(draft=True)
    client.force_login(staff_editor)

    read(client, draft)
    flush()

    assert views(draft) == {}


def test_counting_sets_no_cookie_and_stores_nothing_about_the_reader(client, article):
    response = read(client, article, REMOTE_ADDR="203.0.113.9")
    flush()

    assert response.cookies == {}
    assert "Set-Cookie" not in response.headers
    assert [field.name for field in ArticleDailyView._meta.get_fields()] == [
        "id",
        "article",
        "date",
        "views",
    ]


def test_a_counted_view_costs_no_extra_query(
    client, article, django_assert_num_queries
):
    read(client, article)  # warm the navigation cache, flush slot taken

    # Served from the page cache and counted in the cache: not one query.
    with django_assert_num_queries(0):
        read(client, article, MORNING + timedelta(seconds=30))
    bump_generation()
    # Rendered again: the page's own queries and the next scheduled change only.
    with django_assert_num_queries(4):
        read(client, article, MORNING + timedelta(seconds=40))


def test_pages_flush_on_their_own_at_most_once_a_window(client, article):
    read(client, article, MORNING)
    read(client, article, MORNING + timedelta(seconds=30))
    assert views(article) == {}

    # The next window's first page view flushes the finished minutes.
    read(client, article, MORNING + timedelta(minutes=3))

    assert views(article) == {date(2026, 11, 27): 2}


def test_views_are_written_to_the_database_when_the_cache_is_down(client, article):
    broken = mock.Mock(
        **{
            name: mock.Mock(side_effect=ConnectionError("redis down"))
            for name in ["incr", "add", "set", "get", "get_many", "delete"]
        }
    )
    with (
        mock.patch.object(popularity, "cache", broken),
        mock.patch("articles.caching.cache", broken),
    ):
        response = read(client, article)

    assert response.status_code == 200
    assert views(article) == {date(2026, 11, 27): 1}


def test_many_views_are_counted_exactly(article):
    with at(MORNING):
        for _ in range(250):
            popularity.record_view(article.pk)
    flush()

    assert views(article) == {date(2026, 11, 27): 250}


def test_views_of_a_deleted_article_are_dropped_quietly(client):
    gone = ArticleFactory(published_at=LAST_WEEK)
    read(client, gone)
    gone.delete()

    flush()

    assert ArticleDailyView.objects.count() == 0


def popular_titles(html):
    start = html.index('id="judul-terpopuler"')
    section = html[start : html.index("</section>", start)]
    return section


def test_home_and_article_sidebar_show_the_most_read_of_the_last_seven_days(
    client, settings
):
    settings.WAYAHSINAU_POPULAR_MIN_VIEWS_SHOWN = 90  # counts from 90 up show
    today = date(2026, 11, 27)
    first = ArticleFactory(title="Paling laris", published_at=LAST_WEEK)
    second = ArticleFactory(title="Kedua", published_at=LAST_WEEK)
    old_hit = ArticleFactory(title="Laris bulan lalu", published_at=LAST_WEEK)
    draft = ArticleFactory(title="Draf populer", draft=True)
    ArticleDailyView.objects.bulk_create(
        [
            ArticleDailyView(article=first, date=today, views=1000),
            ArticleDailyView(article=first, date=today - timedelta(days=6), views=234),
            ArticleDailyView(article=second, date=today - timedelta(days=1), views=90),
            ArticleDailyView(
                article=old_hit, date=today - timedelta(days=7), views=9999
            ),
            ArticleDailyView(article=draft, date=today, views=5000),
        ]
    )

    for url in [reverse("home"), second.get_absolute_url()]:
        with at(MORNING):
            html = client.get(url).content.decode()
        section = popular_titles(html)
        assert section.index("Paling laris") < section.index("Kedua"), url
        assert "1.234 kali dibaca" in section
        assert "90 kali dibaca" in section
        assert "Laris bulan lalu" not in section
        assert "Draf populer" not in html


def test_counts_below_the_threshold_are_not_shown_to_readers(client, settings):
    settings.WAYAHSINAU_POPULAR_MIN_VIEWS_SHOWN = 100
    today = date(2026, 11, 27)
    busy = ArticleFactory(title="Banyak dibaca", published_at=LAST_WEEK)
    quiet = ArticleFactory(title="Jarang dibuka", published_at=LAST_WEEK)
    ArticleDailyView.objects.bulk_create(
        [
            ArticleDailyView(article=busy, date=today, views=100),
            ArticleDailyView(article=quiet, date=today, views=1),
        ]
    )

    for url in [reverse("home"), quiet.get_absolute_url()]:
        with at(MORNING):
            section = popular_titles(client.get(url).content.decode())
        # Both are listed, most read first; only the count that says something
        # shows.
        assert section.index("Banyak dibaca") < section.index("Jarang dibuka")
        assert "100 kali dibaca" in section
        assert "1 kali dibaca" not in section
        assert section.count("kali dibaca") == 1


def test_no_popular_list_without_reads(client):
    ArticleFactory(published_at=LAST_WEEK)

    with at(MORNING):
        html = client.get(reverse("home")).content.decode()

    assert "Terpopuler" not in html


def test_editors_read_daily_counts_in_the_admin_but_cannot_forge_them(
    client, staff_editor, article
):
    ArticleDailyView.objects.create(article=article, date=date(2026, 11, 27), views=42)
    client.force_login(staff_editor)

    listing = client.get(reverse("admin:articles_articledailyview_changelist"))

    assert listing.status_code == 200
    assert "Tips tidur nyenyak" in listing.content.decode()
    assert client.get(reverse("admin:articles_articledailyview_add")).status_code == 403
