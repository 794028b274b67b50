"""Feeds, sitemaps, the Google News sitemap and robots.txt, read the way feed
readers and crawlers read them."""

import html
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from html.parser import HTMLParser
from unittest import mock

import feedparser
import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from articles.seo import summarize
from tests.articles.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    FigureFactory,
)

pytestmark = pytest.mark.django_db

SITE = "https://wayahsinau.example"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def parse_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append(tag)


def elements(detail) -> list[str]:
    """The elements a feed reader builds from a title or summary as feedparser
    reads it (``text/plain`` values are never markup)."""
    if detail.type == "text/plain":
        return []
    parser = _Elements()
    parser.feed(detail.value)
    parser.close()
    return parser.found


def shown(detail) -> str:
    """The text a reader shows for a title or summary without elements."""
    return detail.value if detail.type == "text/plain" else html.unescape(detail.value)


def locations(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    return [loc.text for loc in root.iter(f"{SM}loc")]


@pytest.fixture
def hidden_articles():
    """A draft, a scheduled and an in-review article, each with its own category,
    author and tag, so any leak shows up in every surface."""
    return [
        ArticleFactory(
            title=f"Rahasia {index}",
            category=CategoryFactory(name=f"Kategori rahasia {index}"),
            author=AuthorFactory(name=f"Penulis rahasia {index}"),
            tags=[f"tag-rahasia-{index}"],
            **state,
        )
        for index, state in enumerate(
            [{"draft": True}, {"scheduled": True}, {"status": "review"}]
        )
    ]


@pytest.mark.parametrize("url", ["/feed/", "/feed/atom/"])
def test_site_feeds_carry_title_summary_author_category_time_and_cover(client, url):
    published = timezone.make_aware(datetime(2026, 11, 27, 9, 30))
    article = ArticleFactory(
        title="Menabung Emas untuk Pemula",
        seo_description="Panduan singkat menabung emas.",
        category=CategoryFactory(name="Bisnis"),
        author=AuthorFactory(name="Rara"),
        cover=FigureFactory(),
        published_at=published,
    )

    feed = parse_feed(client, url)

    assert feed.feed.title == "Wayah Sinau: Artikel terbaru"
    assert feed.feed.language == "id"
    [entry] = feed.entries
    assert entry.title == "Menabung Emas untuk Pemula"
    assert entry.link == f"{SITE}/artikel/{article.slug}/"
    assert entry.summary == "Panduan singkat menabung emas."
    assert entry.author == "Rara"
    assert [tag.term for tag in entry.tags] == ["Bisnis"]
    assert entry.published_parsed[:5] == (2026, 11, 27, 2, 30)  # 09.30 WIB in UTC
    [enclosure] = entry.enclosures
    assert enclosure.href.startswith(f"{SITE}/media/figures/")
    assert enclosure.type == "image/png"
    assert int(enclosure.length) == article.cover.image.size > 0


def test_feed_lists_the_latest_twenty_newest_first(client):
    for hours in range(25):
        ArticleFactory(
            title=f"Kabar {hours}",
            published_at=timezone.now() - timedelta(hours=hours + 1),
        )

    feed = parse_feed(client, "/feed/")

    assert [entry.title for entry in feed.entries] == [f"Kabar {n}" for n in range(20)]


@pytest.mark.parametrize("suffix", ["feed/", "feed/atom/"])
def test_category_feed_lists_only_its_category(client, suffix):
    education = CategoryFactory(name="Pendidikan")
    ArticleFactory(title="Sekolah ramah anak", category=education)
    ArticleFactory(title="Harga cabai naik", category=CategoryFactory(name="Bisnis"))

    feed = parse_feed(client, f"/kategori/{education.slug}/{suffix}")

    assert feed.feed.title == "Wayah Sinau: Pendidikan"
    assert [entry.title for entry in feed.entries] == ["Sekolah ramah anak"]


def test_unknown_category_feed_is_404(client):
    assert client.get("/kategori/tidak-ada/feed/").status_code == 404


def test_feed_titles_with_markup_stay_text(client):
    ArticleFactory(title='<script>alert("x")</script> & "kutip"', cover=None)

    response = client.get("/feed/")
    feed = feedparser.parse(response.content)

    assert not feed.bozo
    assert b"<script>" not in response.content
    assert (
        shown(feed.entries[0].title_detail) == '<script>alert("x")</script> & "kutip"'
    )


HOSTILE = [
    '"><img src=x onerror=alert(1)>',
    "<script>alert(1)</script>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<b>tebal</b>",
    "]]>",
    "{{ request }}",
]


@pytest.mark.parametrize("hostile", HOSTILE)
@pytest.mark.parametrize(
    "url", ["/feed/", "/feed/atom/", "/kategori/{}/feed/", "/kategori/{}/feed/atom/"]
)
def test_plain_text_reaches_feed_readers_as_text_never_as_markup(client, url, hostile):
    category = CategoryFactory(
        name=f"Kategori {hostile}", description=f"Tentang {hostile}"
    )
    author = AuthorFactory(name=f"Penulis {hostile}")
    described = ArticleFactory(
        title=f"Judul {hostile}",
        seo_description=f"Ringkas {hostile}",
        category=category,
        author=author,
        tags=[f"tag {hostile}"],
    )
    summarised = ArticleFactory(
        title=f"Pembuka {hostile}",
        intro=f"<p>Pembuka <em>miring</em> {hostile}</p>",
        category=category,
        author=author,
        published_at=described.published_at - timedelta(minutes=1),
    )

    response = client.get(url.format(category.slug))
    feed = feedparser.parse(response.content, sanitize_html=False)

    assert not feed.bozo, feed.get("bozo_exception")
    channel = [feed.feed.title_detail, feed.feed.subtitle_detail]
    entries = [(e.title_detail, e.summary_detail) for e in feed.entries]
    for detail in channel + [detail for pair in entries for detail in pair]:
        assert elements(detail) == [], detail
    if "kategori" in url:
        assert shown(channel[0]) == f"Wayah Sinau: {category.name}"
        assert shown(channel[1]) == category.description
    assert [(shown(title), shown(summary)) for title, summary in entries] == [
        (described.title, described.seo_description),
        (summarised.title, summarize(summarised.intro, 500)),
    ]
    assert {entry.author for entry in feed.entries} == {author.name}


def test_feeds_never_show_unpublished_articles(client, hidden_articles):
    ArticleFactory(title="Terbit", category=hidden_articles[0].category)
    urls = ["/feed/", "/feed/atom/"] + [
        f"/kategori/{article.category.slug}/feed/" for article in hidden_articles
    ]
    for url in urls:
        response = client.get(url)
        assert b"Rahasia" not in response.content, url


def test_sitemap_index_points_at_every_section_on_the_public_site(client):
    assert locations(client, "/sitemap.xml") == [
        f"{SITE}/sitemap-artikel.xml",
        f"{SITE}/sitemap-kategori.xml",
        f"{SITE}/sitemap-tag.xml",
        f"{SITE}/sitemap-penulis.xml",
        f"{SITE}/sitemap-halaman.xml",
    ]


def test_article_sitemap_uses_updated_at_as_lastmod(client):
    updated = timezone.make_aware(datetime(2026, 11, 20, 8, 0))
    with mock.patch("django.utils.timezone.now", return_value=updated):
        article = ArticleFactory(published_at=updated - timedelta(days=2))

    root = ET.fromstring(client.get("/sitemap-artikel.xml").content)
    [url] = root.findall(f"{SM}url")

    assert url.find(f"{SM}loc").text == f"{SITE}/artikel/{article.slug}/"
    assert url.find(f"{SM}lastmod").text == "2026-11-20"


def test_sitemaps_list_categories_tags_and_authors_with_published_articles(client):
    article = ArticleFactory(
        category=CategoryFactory(name="Gaya Hidup"),
        author=AuthorFactory(name="Sekar"),
        tags=["Kopi Pagi"],
    )
    CategoryFactory(name="Kosong")
    AuthorFactory(name="Belum Menulis")

    assert locations(client, "/sitemap-kategori.xml") == [
        f"{SITE}/kategori/gaya-hidup/"
    ]
    assert locations(client, "/sitemap-penulis.xml") == [f"{SITE}/penulis/sekar/"]
    assert locations(client, "/sitemap-tag.xml") == [f"{SITE}/tag/kopi-pagi/"]
    assert locations(client, "/sitemap-artikel.xml") == [
        f"{SITE}{article.get_absolute_url()}"
    ]


def test_sitemaps_never_list_unpublished_articles_or_their_taxonomy(
    client, hidden_articles
):
    for section in ["artikel", "kategori", "tag", "penulis"]:
        assert locations(client, f"/sitemap-{section}.xml") == [], section
    assert locations(client, "/sitemap-news.xml") == []


def test_unknown_sitemap_section_and_bad_page_are_404(client):
    ArticleFactory()
    assert client.get("/sitemap-rahasia.xml").status_code == 404
    assert client.get("/sitemap-artikel.xml", {"p": "abc"}).status_code == 404
    assert client.get("/sitemap-artikel.xml", {"p": "9"}).status_code == 404


def test_news_sitemap_lists_the_last_48_hours_with_publication_details(client):
    now = timezone.make_aware(datetime(2026, 11, 27, 12, 0))
    fresh = ArticleFactory(
        title="Banjir surut & warga pulang", published_at=now - timedelta(hours=47)
    )
    ArticleFactory(title="Kabar lama", published_at=now - timedelta(hours=49))

    with mock.patch("django.utils.timezone.now", return_value=now):
        response = client.get("/sitemap-news.xml")
    root = ET.fromstring(response.content)
    [url] = root.findall(f"{SM}url")

    assert url.find(f"{SM}loc").text == f"{SITE}{fresh.get_absolute_url()}"
    news = url.find(f"{NEWS}news")
    assert news.find(f"{NEWS}publication/{NEWS}name").text == "Wayah Sinau"
    assert news.find(f"{NEWS}publication/{NEWS}language").text == "id"
    assert news.find(f"{NEWS}publication_date").text == "2026-11-25T13:00:00+07:00"
    assert news.find(f"{NEWS}title").text == "Banjir surut & warga pulang"


def test_robots_txt_points_at_the_sitemaps(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /cari/" in lines
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    assert f"Sitemap: {SITE}/sitemap-news.xml" in lines


@pytest.mark.parametrize("count", [3, 30])
def test_feed_and_sitemap_query_counts_do_not_grow_with_articles(
    client, django_assert_num_queries, count
):
    for _ in range(count):
        ArticleFactory(cover=FigureFactory(), tags=["a", "b"])

    # Each renders with its own queries plus the next scheduled change once ...
    with django_assert_num_queries(2):
        client.get("/feed/")
    with django_assert_num_queries(2):
        client.get("/sitemap-artikel.xml")
    with django_assert_num_queries(1):
        client.get("/sitemap-news.xml")
    # ... and then comes from the page cache.
    for address in ("/feed/", "/sitemap-artikel.xml", "/sitemap-news.xml"):
        with django_assert_num_queries(0):
            assert client.get(address).status_code == 200


def test_deleted_cover_file_does_not_break_the_feed(client):
    article = ArticleFactory(cover=FigureFactory())
    article.cover.image.storage.delete(article.cover.image.name)

    feed = parse_feed(client, "/feed/")

    assert feed.entries[0].enclosures == []
    assert Article.objects.count() == 1


@override_settings(WAYAHSINAU_PAGE_CACHE=False)
def test_sitemap_index_counts_its_sections_once_a_minute(client):
    for _ in range(3):
        ArticleFactory(tags=["kopi"])
    client.get("/sitemap.xml")
    with CaptureQueriesContext(connection) as context:
        response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert b"sitemap-artikel.xml" in response.content
    counts = [q["sql"] for q in context.captured_queries if "COUNT(" in q["sql"]]
    assert counts == []
