"""The page cache, HTTP caching and cache-counted impressions, as readers meet them."""

import io
from contextlib import ExitStack, contextmanager
from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.base import BaseCache
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ads.counting import count_impressions
from ads.models import DailyStat
from articles.caching import versions_cache
from articles.models import Article, ArticleDailyView
from tests.ads.factories import UA_BROWSER, SlotFactory, placed
from tests.articles.factories import (
    ArticleFactory,
    CategoryFactory,
    FigureFactory,
    SectionFactory,
)
from wayahsinau.tally import flush_at_exit

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(client):
    client.defaults["HTTP_USER_AGENT"] = UA_BROWSER
    return client


@contextmanager
def at(moment):
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def impressions(block) -> int:
    return sum(
        DailyStat.objects.filter(block=block).values_list("impressions", flat=True)
    )


def flush():
    call_command("flush_counters", stdout=io.StringIO(), stderr=io.StringIO())


def test_cached_article_page_costs_no_query(reader, django_assert_num_queries):
    article = ArticleFactory(tags=["kopi", "pagi"])
    reader.get(article.get_absolute_url())
    with django_assert_num_queries(0):
        response = reader.get(article.get_absolute_url())
    assert response.status_code == 200
    assert article.title in response.content.decode()


def test_edits_new_sections_and_category_names_show_on_the_next_request(reader):
    article = ArticleFactory(title="Judul pertama")
    url = article.get_absolute_url()
    assert "Judul pertama" in reader.get(url).content.decode()

    article.title = "Judul kedua"
    article.save()
    assert "Judul kedua" in reader.get(url).content.decode()

    SectionFactory(article=article, heading="Bagian yang baru ditambah")
    assert "Bagian yang baru ditambah" in reader.get(url).content.decode()

    article.category.name = "Rubrik Berganti Nama"
    article.category.save()
    assert "Rubrik Berganti Nama" in reader.get(url).content.decode()
    assert "Judul kedua" in reader.get(reverse("home")).content.decode()


def test_unpublishing_takes_the_article_off_cached_pages_at_once(reader):
    article = ArticleFactory(title="Segera ditarik")
    url = article.get_absolute_url()
    category_url = article.category.get_absolute_url()
    for address in (url, reverse("home"), category_url):
        assert "Segera ditarik" in reader.get(address).content.decode()

    article.status = Article.Status.UNPUBLISHED
    article.save()

    assert reader.get(url).status_code == 404
    assert "Segera ditarik" not in reader.get(reverse("home")).content.decode()
    assert "Segera ditarik" not in reader.get(category_url).content.decode()


def test_a_cached_listing_shows_a_scheduled_article_the_second_it_is_due(reader):
    due = timezone.now() + timedelta(hours=2)
    ArticleFactory(title="Sudah lama terbit")
    ArticleFactory(title="Terbit terjadwal", published_at=due)
    with at(due - timedelta(seconds=1)):
        html = reader.get(reverse("home")).content.decode()
        assert "Sudah lama terbit" in html and "Terbit terjadwal" not in html
    with at(due):
        assert "Terbit terjadwal" in reader.get(reverse("home")).content.decode()


def test_ads_are_picked_per_request_on_a_cached_page(reader):
    header = SlotFactory(key="header")
    block = placed(header, title="Promo berakhir")
    article = ArticleFactory()
    url = article.get_absolute_url()
    with at(block.ends_at - timedelta(seconds=30)):
        assert "Promo berakhir" in reader.get(url).content.decode()
    with at(block.ends_at):
        html = reader.get(url).content.decode()
    assert "Promo berakhir" not in html
    assert article.title in html


def test_every_cached_view_counts_its_impressions_after_the_flush(reader):
    header = SlotFactory(key="header")
    block = placed(header)
    url = ArticleFactory().get_absolute_url()
    for _ in range(5):
        reader.get(url)
    flush()
    assert impressions(block) == 5

    reader.get(url)
    reader.get(url)
    flush()
    flush()  # nothing new: nothing counted twice
    assert impressions(block) == 7


def test_a_flush_keeps_impressions_counted_while_it_runs(reader):
    header = SlotFactory(key="header")
    block = placed(header)
    from ads import services

    original = services.add_counts

    def add_counts_while_a_page_renders(rows, day):
        original(rows, day)
        count_impressions([(block.pk, header.pk)])  # arrives mid-flush

    count_impressions([(block.pk, header.pk)] * 3)
    with mock.patch("ads.services.add_counts", add_counts_while_a_page_renders):
        flush()
    assert impressions(block) == 3
    flush()
    assert impressions(block) == 4


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "worker-exit",
        }
    }
)
def test_a_stopping_worker_writes_its_counters(reader):
    # With the local-memory cache the counters die with the process: it writes
    # them all, the running minute included (Redis keeps them for the others).
    header = SlotFactory(key="header")
    block = placed(header)
    article = ArticleFactory()
    reader.get(article.get_absolute_url())  # the opportunistic flush of this minute
    reader.get(article.get_absolute_url())

    flush_at_exit()

    assert impressions(block) == 2
    assert sum(ArticleDailyView.objects.values_list("views", flat=True)) == 2


class BrokenCache(BaseCache):
    """A cache server that is down: every call raises."""

    def __init__(self, location, params):
        super().__init__(params)

    def _down(self, *args, **kwargs):
        raise ConnectionError("cache down")

    get = set = add = delete = incr = get_many = set_many = delete_many = _down
    has_key = clear = touch = _down


def test_pages_render_and_count_with_the_cache_down(reader):
    header = SlotFactory(key="header")
    block = placed(header, title="Iklan saat cache mati")
    article = ArticleFactory(title="Tetap terbaca", tags=["kopi"])
    addresses = [
        article.get_absolute_url(),
        reverse("home"),
        article.category.get_absolute_url() + "?utm_source=buletin",
        reverse("articles:tag", args=["kopi"]),
    ]
    broken = {"default": {"BACKEND": f"{__name__}.BrokenCache"}}
    with override_settings(CACHES=broken):
        for address in addresses:
            response = reader.get(address)
            assert response.status_code == 200, address
            html = response.content.decode()
            assert "Tetap terbaca" in html and "Iklan saat cache mati" in html

    # Impressions went straight to the database instead, one per page.
    assert impressions(block) == len(addresses)


def test_pages_without_ads_can_be_revalidated_and_shared_briefly(reader):
    article = ArticleFactory()
    url = article.get_absolute_url()
    response = reader.get(url)
    assert "public" in response["Cache-Control"]
    assert "s-maxage=60" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    etag, modified = response["ETag"], response["Last-Modified"]

    assert reader.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert reader.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    article.title = "Judul diperbarui"
    article.save()
    changed = reader.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert "Judul diperbarui" in changed.content.decode()


def test_pages_with_ads_are_never_shared_or_revalidated(reader):
    placed(SlotFactory(key="header"))
    url = ArticleFactory().get_absolute_url()
    response = reader.get(url)
    assert "private" in response["Cache-Control"]
    assert "no-cache" in response["Cache-Control"]
    assert "s-maxage" not in response["Cache-Control"]
    assert not response.has_header("ETag")
    assert reader.get(url, HTTP_IF_NONE_MATCH="*").status_code == 200


def test_staff_pages_are_private_and_never_served_to_readers(
    client, reader, staff_editor
):
    article = ArticleFactory(title="Dibaca redaksi")
    draft = ArticleFactory(draft=True, title="Draf rahasia redaksi")
    client.force_login(staff_editor)

    staff = client.get(article.get_absolute_url())
    assert "private" in staff["Cache-Control"]
    assert "public" not in staff["Cache-Control"]
    preview = client.get(draft.get_absolute_url())
    assert "no-store" in preview["Cache-Control"]

    reader.cookies.clear()
    assert reader.get(draft.get_absolute_url()).status_code == 404
    html = reader.get(article.get_absolute_url()).content.decode()
    assert "preview-banner" not in html


def test_feeds_carry_a_validator_and_answer_304(reader):
    ArticleFactory()
    response = reader.get(reverse("articles:feed"))
    assert "s-maxage=60" in response["Cache-Control"]
    again = reader.get(reverse("articles:feed"), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_html_and_feeds_are_gzipped(reader):
    ArticleFactory()
    for address in (reverse("home"), reverse("articles:feed")):
        response = reader.get(address, HTTP_ACCEPT_ENCODING="gzip")
        assert response["Content-Encoding"] == "gzip"


@pytest.mark.parametrize("size", [1, 8])
def test_article_page_query_budget_is_flat(reader, django_assert_max_num_queries, size):
    for key in ("header", "sidebar", "in-article", "footer"):
        slot = SlotFactory(key=key, max_blocks=2)
        for _ in range(size):
            placed(slot, category=None)
    article = ArticleFactory(
        tags=[f"tag{n}" for n in range(size)], cover=FigureFactory()
    )
    for _ in range(size):
        SectionFactory(article=article, figure=FigureFactory())
    for _ in range(size):
        ArticleFactory(category=article.category, tags=["tag0"])
    reader.get(reverse("home"))  # the site-wide menu, slots and "Terpopuler"

    # Cold page: article with tags and sections, related, the next scheduled change.
    with django_assert_max_num_queries(3):
        assert reader.get(article.get_absolute_url()).status_code == 200
    # Warm page: nothing.
    with django_assert_max_num_queries(2):
        html = reader.get(article.get_absolute_url()).content.decode()
    assert html.count('class="sponsored-block') >= 3


@pytest.mark.parametrize("count", [3, 30])
def test_listing_pages_and_feed_have_flat_budgets(
    reader, django_assert_max_num_queries, count
):
    category = CategoryFactory()
    for _ in range(count):
        ArticleFactory(category=category, tags=["jalan"], cover=FigureFactory())
    addresses = [
        reverse("home"),
        category.get_absolute_url(),
        reverse("articles:tag", args=["jalan"]),
        reverse("articles:feed"),
    ]
    reader.get(reverse("home"))
    for address in addresses:
        with django_assert_max_num_queries(7):
            assert reader.get(address).status_code == 200
        with django_assert_max_num_queries(2):
            assert reader.get(address).status_code == 200


def test_deep_pages_read_ids_first_and_count_once(reader):
    category = CategoryFactory()
    for _ in range(30):
        ArticleFactory(category=category)
    url = category.get_absolute_url()
    # A session cookie skips the page cache, so the count cache shows alone.
    reader.cookies[settings.SESSION_COOKIE_NAME] = "tanpa-sesi"

    with CaptureQueriesContext(connection) as first:
        assert reader.get(url + "?page=3").status_code == 200
    with CaptureQueriesContext(connection) as second:
        assert reader.get(url + "?page=2").status_code == 200

    def counts(queries):
        return [q for q in queries if "COUNT(" in q["sql"].upper()]

    assert len(counts(first.captured_queries)) == 1
    assert counts(second.captured_queries) == []
    offset = [q["sql"] for q in second.captured_queries if "OFFSET" in q["sql"]]
    assert len(offset) == 1
    # The offset walks ids only; whole rows are read for the 12 ids of the page.
    columns = offset[0].split(" FROM ")[0]
    assert '"id"' in columns and "," not in columns
    for page in ("4", "0", "-1", "abc", "2.5", "999999999999"):
        assert reader.get(url + "?page=" + page).status_code == 404


@override_settings(
    CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
)
@pytest.mark.parametrize("size", [1, 8])
def test_without_any_cache_the_article_page_stays_within_six_queries(
    client, django_assert_max_num_queries, size
):
    for key in ("header", "sidebar", "in-article", "footer"):
        slot = SlotFactory(key=key, max_blocks=2)
        for _ in range(size):
            placed(slot, category=None)
    article = ArticleFactory(tags=[f"tag{n}" for n in range(size)])
    for _ in range(size):
        SectionFactory(article=article, figure=FigureFactory())

    # menu, ad slots, "Terpopuler", article with tags, sections, related. (Without
    # a cache, a reader's visit also writes its counts straight to the database;
    # this client is not counted, so only the page's reads are measured.)
    with django_assert_max_num_queries(6):
        html = client.get(article.get_absolute_url()).content.decode()
    assert html.count('class="sponsored-block') >= 3
    for n in range(size):
        assert f"#tag{n}" in html


def test_the_first_article_page_after_the_cache_is_cleared_stays_within_seven_queries(
    reader, django_assert_max_num_queries
):
    """Redis restarted empty: the next reader's page reads the menu, the footer,
    the ads, the schedule and "Terpopuler" again, and the article, within the
    budget. (A slot with no block of its own shows one of our service listings
    instead, read once per ads version: one query more on that first page.)"""
    for key in ("sidebar", "in-article", "footer"):
        placed(SlotFactory(key=key))
    placed(SlotFactory(key="header"), title="Iklan setelah Redis kosong")
    article = ArticleFactory(tags=["kopi", "pagi"])
    SectionFactory(article=article, figure=FigureFactory())
    reader.get(article.get_absolute_url())
    cache.clear()
    versions_cache().clear()  # the same Redis in production

    with django_assert_max_num_queries(7):
        html = reader.get(article.get_absolute_url()).content.decode()
    assert "Iklan setelah Redis kosong" in html and "#kopi" in html


def test_tracking_parameters_share_one_cached_page(reader, django_assert_num_queries):
    article = ArticleFactory()
    reader.get(article.get_absolute_url())
    with django_assert_num_queries(0):
        for noise in ("?utm_source=wa", "?fbclid=abc&x=1", "?utm_medium=x"):
            assert reader.get(article.get_absolute_url() + noise).status_code == 200


def test_a_missing_article_shows_the_404_page_with_real_ads(reader):
    placed(SlotFactory(key="header"), title="Iklan di halaman 404")
    response = reader.get("/artikel/tidak-pernah-ada/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Iklan di halaman 404" in html
    assert "<!--ad-slot:" not in html


class CountingCache:
    """Wraps the real cache and counts the calls a request makes to it."""

    def __init__(self, real):
        self.real, self.calls = real, []

    def __getattr__(self, name):
        attribute = getattr(self.real, name)
        if not callable(attribute):
            return attribute

        def call(*args, **kwargs):
            self.calls.append(name)
            return attribute(*args, **kwargs)

        return call


@contextmanager
def shared_cache_calls():
    """The reads (``get``, ``get_many``) made of the shared caches while the block
    runs: the default cache and the versions cache
    (``articles.caching.versions_cache``; the same Redis in production, files
    without it), as ``mock`` calls. The counters' writes are the tally's."""
    from articles import caching

    default = mock.Mock(wraps=caching.cache)
    versions = mock.Mock(wraps=caching.versions_cache())
    with (
        mock.patch.object(caching, "cache", default),
        mock.patch.object(caching, "versions_cache", lambda: versions),
    ):
        calls = []
        yield calls
        calls += [
            call
            for call in default.method_calls + versions.method_calls
            if call[0] in ("get", "get_many")
        ]


def test_a_cached_page_costs_one_cache_round_trip(reader):
    placed(SlotFactory(key="header"), title="Iklan sekali jalan")
    article = ArticleFactory()
    reader.get(article.get_absolute_url())

    with shared_cache_calls() as calls:
        html = reader.get(article.get_absolute_url()).content.decode()
    assert "Iklan sekali jalan" in html
    assert [name for name, _args, _kwargs in calls] == ["get_many"]


def test_a_page_this_process_served_reads_only_two_short_keys(reader):
    """The page itself stays in the process: a hit reads the generation and the ads
    version, not the whole page again."""
    from wayahsinau import pagecache

    placed(SlotFactory(key="header"), title="Iklan dari proses ini")
    article = ArticleFactory(title="Halaman yang disimpan proses")
    reader.get(article.get_absolute_url())
    with shared_cache_calls() as calls:
        html = reader.get(article.get_absolute_url()).content.decode()
    assert "Halaman yang disimpan proses" in html and "Iklan dari proses ini" in html
    assert calls == [
        mock.call.get_many([pagecache.GENERATION_KEY, pagecache.ADS_VERSION_KEY])
    ]


def test_a_change_made_by_another_server_shows_despite_the_kept_page(reader):
    """Another app server's edit reaches this process through the shared
    generation, even though this process keeps the page itself."""
    from wayahsinau import pagecache

    article = ArticleFactory(title="Judul lama di server ini")
    url = article.get_absolute_url()
    assert "Judul lama di server ini" in reader.get(url).content.decode()
    # The other server's save: the row changes and the generation moves on, with
    # no signal in this process.
    Article.objects.filter(pk=article.pk).update(title="Judul dari server lain")
    versions_cache().set(pagecache.GENERATION_KEY, "generasi-server-lain", None)

    html = reader.get(url).content.decode()
    assert "Judul dari server lain" in html and "Judul lama" not in html


def test_a_restarted_cache_never_revives_a_page_kept_from_before(reader):
    """Redis keeps nothing across a restart, so the generation is lost with the
    pages: the next request starts a fresh generation instead of trusting what
    this process kept."""
    article = ArticleFactory(title="Sebelum Redis dimulai ulang")
    url = article.get_absolute_url()
    # A restart: the page is rendered and kept with no generation set.
    cache.clear()
    versions_cache().clear()
    assert "Sebelum Redis" in reader.get(url).content.decode()
    # The edit's new generation is lost with the next restart.
    Article.objects.filter(pk=article.pk).update(title="Sesudah Redis dimulai ulang")
    cache.clear()
    versions_cache().clear()

    assert "Sesudah Redis" in reader.get(url).content.decode()


def test_a_kept_page_expires_like_the_shared_one(reader):
    article = ArticleFactory(title="Judul pagi")
    url = article.get_absolute_url()
    assert "Judul pagi" in reader.get(url).content.decode()
    Article.objects.filter(pk=article.pk).update(title="Judul siang")
    later = timezone.now() + timedelta(seconds=61)
    with at(later):
        assert "Judul siang" in reader.get(url).content.decode()


def test_cached_pages_keep_every_security_and_language_header(reader):
    url = ArticleFactory().get_absolute_url()
    rendered = reader.get(url)
    cached = reader.get(url)
    for header in (
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "Content-Language",
        "Content-Type",
    ):
        assert cached[header] == rendered[header], header
    assert cached["X-Frame-Options"] == "DENY"
    assert "Cookie" in cached["Vary"]
    assert not cached.cookies


def test_a_reader_with_a_session_never_gets_the_cached_copy(reader, client):
    article = ArticleFactory(title="Versi pembaca")
    reader.get(article.get_absolute_url())  # cached for anonymous readers
    Article.objects.filter(pk=article.pk).update(title="Versi terbaru")

    client.cookies[settings.SESSION_COOKIE_NAME] = "some-session"
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Versi terbaru" in html


def test_a_cached_page_is_never_served_to_a_forged_host(reader):
    url = ArticleFactory().get_absolute_url()
    assert reader.get(url).status_code == 200  # now cached
    assert reader.get(url, HTTP_HOST="evil.example").status_code == 400


def test_a_dead_cache_logs_one_traceback_a_minute_not_one_per_page(reader, caplog):
    url = ArticleFactory().get_absolute_url()
    broken = {"default": {"BACKEND": f"{__name__}.BrokenCache"}}
    with override_settings(CACHES=broken), caplog.at_level("DEBUG"):
        for _ in range(5):
            assert reader.get(url).status_code == 200
    told = [
        record
        for record in caplog.records
        if record.getMessage() == "Page cache unavailable; rendering"
    ]
    assert len(told) == 5
    assert [record.levelname for record in told] == ["WARNING"] + ["DEBUG"] * 4
    assert told[0].exc_info is not None


def test_a_cached_page_is_gzipped_from_stored_pieces_and_reads_like_the_page(reader):
    """A hit joins the page's text, compressed when it was stored, with its ad
    slots compressed on the spot: the body must decompress, with any gzip reader,
    to exactly the page a reader without gzip gets, ads and all."""
    import gzip
    import zlib

    for key in ("header", "sidebar", "in-article", "footer"):
        placed(SlotFactory(key=key), title=f"Promo {key} & <teman>")
    article = ArticleFactory(title="Kopi “pagi” & <teh> — édisi ñ")
    SectionFactory(article=article)
    url = article.get_absolute_url()
    reader.get(url)  # stores the page

    plain = reader.get(url).content.decode()
    from wayahsinau import middleware

    with mock.patch.object(
        middleware, "gzip_pieces", wraps=middleware.gzip_pieces
    ) as stitched:
        bodies = [reader.get(url, HTTP_ACCEPT_ENCODING="gzip, br") for _ in range(6)]
    assert stitched.call_count == 6  # not compressed whole by GZipMiddleware

    for response in bodies:
        assert response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response["Vary"]
        assert int(response["Content-Length"]) == len(response.content)
        html = gzip.decompress(response.content).decode()
        # zlib checks the CRC-32 and length in the trailer, too.
        assert zlib.decompress(response.content, 31) == html.encode()
        assert html == plain
        assert "Promo in-article &amp; &lt;teman&gt;" in html
        assert "Kopi “pagi” &amp; &lt;teh&gt; — édisi ñ" in html
        # Well compressed, whatever the random padding (up to 100 bytes) adds.
        assert len(response.content) < len(plain.encode()) * 0.6
    # As with Django's GZipMiddleware, a random-length name guards against BREACH.
    assert len({len(response.content) for response in bodies}) > 1


def test_a_gzipped_cached_page_keeps_its_validator_weak(reader):
    article = ArticleFactory()
    url = article.get_absolute_url()
    reader.get(url)
    response = reader.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert response["ETag"].startswith('W/"')
    again = reader.get(
        url, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=response["ETag"]
    )
    assert again.status_code == 304
    assert again.content == b""
    assert not reader.get(url).has_header("Content-Encoding")


@pytest.mark.skipif(not settings.REDIS_URL, reason="Redis only (REDIS_URL in CI)")
def test_pages_and_the_cache_recover_when_redis_drops_the_connection(reader, caplog):
    """When Redis drops the connections a process keeps (a restart, an idle
    timeout), the next request reconnects instead of failing."""
    import redis

    article = ArticleFactory(title="Tetap tampil")
    url = article.get_absolute_url()
    assert reader.get(url).status_code == 200
    admin = redis.Redis.from_url(settings.REDIS_URL)
    database, own = admin.connection_pool.connection_kwargs["db"], admin.client_id()
    kept = [
        client["id"]
        for client in admin.client_list()
        if int(client["db"]) == database and int(client["id"]) != own
    ]
    assert kept
    for client_id in kept:
        admin.client_kill_filter(_id=client_id)

    response = reader.get(url)

    assert response.status_code == 200 and "Tetap tampil" in response.content.decode()
    cache.set("uji:tersambung-lagi", "ya")
    assert cache.get("uji:tersambung-lagi") == "ya"
    assert "unavailable" not in caplog.text


@pytest.mark.skipif(not settings.REDIS_URL, reason="Redis only (REDIS_URL in CI)")
def test_a_forked_worker_gets_its_own_redis_connection():
    """A gunicorn worker forked from a master that already used the cache must not
    talk over its parent's socket: both would read each other's replies."""
    import os

    cache.set("uji:induk", "dari induk")
    child = os.fork()
    if child == 0:  # the worker
        ok = False
        try:
            for number in range(200):
                cache.set("uji:anak", number)
                ok = cache.get("uji:anak") == number
                if not ok:
                    break
        finally:
            os._exit(0 if ok else 1)
    for _ in range(200):
        assert cache.get("uji:induk") == "dari induk"
    _pid, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0


CACHE_NAMES = ("default", "versions")


@contextmanager
def cache_reads():
    """The reads every module makes of the shared cache (``get`` and ``get_many``,
    with their keys) while the block runs."""
    from django.core.cache import caches

    reads, inside = [], []

    def spy(backend, name):
        real = getattr(backend, name)

        def call(keys, *args, **kwargs):
            if not inside:  # not the ``get`` calls of the local cache's ``get_many``
                reads.append((name, keys))
            inside.append(name)
            try:
                return real(keys, *args, **kwargs)
            finally:
                inside.pop()

        return call

    with ExitStack() as stack:
        backends = {id(caches[name]): caches[name] for name in CACHE_NAMES}
        for backend in backends.values():
            for method in ("get", "get_many"):
                stack.enter_context(
                    mock.patch.object(backend, method, spy(backend, method))
                )
        yield reads


@override_settings(WAYAHSINAU_PAGE_CACHE=False)
def test_a_rendered_page_reads_its_versions_once_and_keeps_menu_and_popular(reader):
    """With the page itself rendered (page cache off, or a miss), the ads, the
    category menu and "Terpopuler" cost one cache read of the versions together,
    and still show what readers expect."""
    from wayahsinau import pagecache

    placed(SlotFactory(key="header"), title="Iklan tiap render")
    CategoryFactory(name="Kuliner Nusantara")
    article = ArticleFactory(title="Dibaca banyak orang")
    url = article.get_absolute_url()
    ArticleDailyView.objects.create(
        article=article, date=timezone.localdate(), views=40
    )
    reader.get(url)  # this process keeps the menu and "Terpopuler" now
    with cache_reads() as reads:
        html = reader.get(url).content.decode()
    assert "Iklan tiap render" in html
    assert "Kuliner Nusantara" in html
    assert 'class="popular' in html and html.count("Dibaca banyak orang") >= 2
    assert reads == [("get_many", list(pagecache.VERSION_KEYS))]


def test_kept_fragments_follow_the_content_version_and_the_minute():
    from articles import caching

    values = iter(["pertama", "kedua", "ketiga"])

    def loader():
        return next(values)

    assert caching.cached_for_pages("uji", loader, keep=True) == "pertama"
    with cache_reads() as reads:
        assert caching.cached_for_pages("uji", loader, keep=True) == "pertama"
    assert [name for name, _keys in reads] == ["get_many"]  # the versions only

    # Another server's change: a new generation, so the kept copy is not used.
    caching.versions_cache().set(caching.GENERATION_KEY, "generasi-baru", None)
    assert caching.cached_for_pages("uji", loader, keep=True) == "kedua"

    # A minute later the copy is built afresh, as the shared one would be.
    with at(timezone.now() + timedelta(seconds=61)):
        assert caching.cached_for_pages("uji", loader, keep=True) == "ketiga"


def test_a_renamed_category_leaves_the_menu_kept_by_this_process(reader):
    category = CategoryFactory(name="Wisata Lama")
    ArticleFactory(category=category)
    assert "Wisata Lama" in reader.get("/").content.decode()
    category.name = "Wisata Baru"
    category.save()
    html = reader.get("/").content.decode()
    assert "Wisata Baru" in html and "Wisata Lama" not in html


@override_settings(WAYAHSINAU_PAGE_CACHE=False)
def test_a_page_rendered_for_one_response_is_gzipped_whole(reader):
    import gzip

    article = ArticleFactory(title="Dikompres sekali jalan")
    url = article.get_absolute_url()
    plain = reader.get(url)
    assert "Content-Encoding" not in plain  # the reader's client did not ask
    lengths = set()
    for _ in range(6):
        response = reader.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        assert response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response["Vary"]
        assert int(response["Content-Length"]) == len(response.content)
        assert len(response.content) < len(plain.content) / 2
        assert "Dikompres sekali jalan" in gzip.decompress(response.content).decode()
        lengths.add(len(response.content))
    assert len(lengths) > 1  # a file name of random length, against BREACH


@override_settings(WAYAHSINAU_PAGE_CACHE=False)
def test_the_sitemap_index_reads_the_versions_once_for_all_its_sections(reader):
    """Each section's count is cached under the request's versions: the index
    reads them once, not once more per section."""
    from wayahsinau import pagecache

    ArticleFactory(tags=["kopi"])
    reader.get("/sitemap.xml")  # the counts are cached now
    with cache_reads() as reads:
        response = reader.get("/sitemap.xml")
    assert response.status_code == 200
    assert b"sitemap-artikel.xml" in response.content
    assert [name for name, _keys in reads if name == "get_many"] == ["get_many"]
    assert reads[0] == ("get_many", list(pagecache.VERSION_KEYS))
