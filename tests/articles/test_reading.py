"""What keeps a reader on the article page: related articles, reading time, the table
of contents; and the date archives."""

import re
from datetime import UTC, datetime, timedelta
from html import unescape
from unittest import mock

import pytest
from django.test import SimpleTestCase
from django.utils import timezone

from articles import reading
from articles.caching import bump_generation
from articles.models import Article
from tests.articles.factories import (
    ArticleFactory,
    CategoryFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db


def related_titles(response):
    """The card titles under "Artikel terkait", in the order readers see them."""
    html = response.content.decode()
    if 'class="related"' not in html:
        return []
    section = html.split('class="related"', 1)[1].split("</section>", 1)[0]
    return [
        unescape(title)
        for title in re.findall(
            r'class="card-title"><a href="[^"]*">([^<]*)</a>', section
        )
    ]


def test_related_articles_share_tags_first_then_the_category(client):
    category = CategoryFactory()
    article = ArticleFactory(category=category, tags=["kopi", "pagi", "kantor"])
    two_tags = ArticleFactory(
        title="Dua tag sama",
        tags=["kopi", "pagi"],
        published_at=timezone.now() - timedelta(days=9),
    )
    one_tag = ArticleFactory(title="Satu tag sama", tags=["kantor"])
    one_tag_same_category = ArticleFactory(
        title="Satu tag, kategori sama",
        tags=["kopi"],
        category=category,
        published_at=timezone.now() - timedelta(days=5),
    )
    same_category = ArticleFactory(title="Kategori sama", category=category)
    ArticleFactory(title="Tak berhubungan", tags=["sepeda"])

    response = client.get(article.get_absolute_url())

    assert related_titles(response) == [
        two_tags.title,
        one_tag_same_category.title,
        one_tag.title,
        same_category.title,
    ]
    assert "Artikel terkait" in response.content.decode()


@pytest.mark.parametrize(
    "state", [{"draft": True}, {"scheduled": True}, {"status": "review"}]
)
def test_related_articles_are_published_only_and_never_the_article_itself(
    client, state
):
    category = CategoryFactory()
    article = ArticleFactory(category=category, tags=["kopi"])
    ArticleFactory(title="Tersembunyi", category=category, tags=["kopi"], **state)

    response = client.get(article.get_absolute_url())

    assert related_titles(response) == []
    assert "Tersembunyi" not in response.content.decode()
    assert "Artikel terkait" not in response.content.decode()


def test_at_most_four_related_articles(client):
    category = CategoryFactory()
    article = ArticleFactory(category=category)
    ArticleFactory.create_batch(7, category=category)

    assert len(related_titles(client.get(article.get_absolute_url()))) == 4


def test_the_related_articles_sql_ranks_exactly_as_the_orm_rule_does():
    """The article page's one hand-written query (``reading.related_rows``) gives
    the articles, in the order, that the ORM's ``ranked_related`` gives: tags
    shared first, then the category, newest first; never the article itself, a
    draft, a scheduled or an expired article."""
    from articles.models import Article
    from articles.reading import ranked_related, related_rows

    now = timezone.now()
    kuliner, wisata = CategoryFactory(), CategoryFactory()
    tags = ["soto", "pagi", "jalan", "kopi"]
    for index in range(30):
        ArticleFactory(
            category=(kuliner, wisata, None)[index % 3],
            tags=tags[index % 4 : index % 4 + 1 + index % 3],
            published_at=now - timedelta(hours=index),
        )
    ArticleFactory(category=kuliner, tags=tags, draft=True)
    ArticleFactory(category=kuliner, tags=tags, scheduled=True)
    ArticleFactory(category=kuliner, tags=tags, expires_at=now - timedelta(minutes=1))
    articles = [
        ArticleFactory(category=kuliner, tags=["soto", "pagi"]),
        ArticleFactory(category=None, tags=["kopi"]),
        ArticleFactory(category=wisata, tags=[]),
        ArticleFactory(category=None, tags=[]),
    ]

    for article in articles:
        article = Article.objects.for_page().get(pk=article.pk)
        tag_ids = [tag.pk for tag in article.tag_list()]
        expected = [found.pk for found in ranked_related(article, tag_ids, 4)]
        ranked = [row[0] for row in related_rows(article, tag_ids, 4)]
        assert ranked == expected
        assert article.pk not in ranked
    assert len(expected) == 0  # the last has neither category nor tags


@pytest.mark.parametrize("size", [2, 20])
def test_related_articles_cost_a_fixed_number_of_queries(
    client, django_assert_num_queries, size
):
    category = CategoryFactory()
    tags = [f"tag{index}" for index in range(size)]
    article = ArticleFactory(category=category, tags=tags)
    for index in range(size):
        ArticleFactory(category=category, tags=tags[: index + 1])
    client.get(article.get_absolute_url())  # warm the navigation cache
    bump_generation()  # render the page again

    # article with tags and sections, related, "Terpopuler", next scheduled change
    with django_assert_num_queries(4):
        response = client.get(article.get_absolute_url())
    assert len(related_titles(response)) == min(size, 4)


def test_related_articles_are_the_newest_of_a_popular_tag(client):
    article = ArticleFactory(category=None, tags=["kopi"])
    now = timezone.now()
    for days in range(40, 0, -1):  # more than are ranked per tag, oldest first
        ArticleFactory(
            title=f"Kopi {days} hari lalu",
            category=None,
            tags=["kopi"],
            published_at=now - timedelta(days=days),
        )

    response = client.get(article.get_absolute_url())

    assert related_titles(response) == [
        f"Kopi {days} hari lalu" for days in (1, 2, 3, 4)
    ]


def test_an_article_sharing_more_tags_beats_newer_ones_sharing_one(client):
    article = ArticleFactory(category=None, tags=["kopi", "pagi"])
    both = ArticleFactory(
        title="Kopi pagi",
        category=None,
        tags=["kopi", "pagi"],
        published_at=timezone.now() - timedelta(days=30),
    )
    ArticleFactory.create_batch(10, category=None, tags=["kopi"])
    ArticleFactory.create_batch(10, category=None, tags=["pagi"])

    assert related_titles(client.get(article.get_absolute_url()))[0] == both.title


def test_expired_articles_are_never_related(client):
    category = CategoryFactory()
    article = ArticleFactory(category=category, tags=["kopi"])
    ArticleFactory(
        title="Sudah ditarik",
        category=category,
        tags=["kopi"],
        published_at=timezone.now() - timedelta(days=2),
        expires_at=timezone.now() - timedelta(days=1),
    )

    assert related_titles(client.get(article.get_absolute_url())) == []


def test_article_without_category_or_tags_has_no_related_articles(client):
    article = ArticleFactory(category=None)
    ArticleFactory(category=None)

    assert related_titles(client.get(article.get_absolute_url())) == []


def test_reading_time_counts_intro_and_sections(client):
    article = ArticleFactory(intro="<p>" + "kata " * 150 + "</p>")
    SectionFactory(article=article, body="<p>" + "kata " * 300 + "</p>")

    html = client.get(article.get_absolute_url()).content.decode()

    assert "3 menit baca" in html


def test_short_article_reads_in_one_minute(client):
    article = ArticleFactory(intro="<p>Singkat saja.</p>")

    assert "1 menit baca" in client.get(article.get_absolute_url()).content.decode()


def test_table_of_contents_lists_numbered_sections_with_anchors(client):
    article = ArticleFactory()
    SectionFactory(article=article, position=1, heading="Awal")
    SectionFactory(article=article, position=2, heading="Catatan", is_numbered=False)
    SectionFactory(article=article, position=3, heading="Tengah")
    SectionFactory(article=article, position=4, heading='Akhir <b>"tebal"</b>')

    response = client.get(article.get_absolute_url())

    toc = (
        '<nav class="toc" aria-labelledby="judul-daftar-isi">'
        '<h2 id="judul-daftar-isi">Daftar isi</h2><ol>'
        '<li><a href="#bagian-1">Awal</a></li>'
        '<li><a href="#bagian-3">Tengah</a></li>'
        '<li><a href="#bagian-4">Akhir &lt;b&gt;&quot;tebal&quot;&lt;/b&gt;</a></li>'
        "</ol></nav>"
    )
    assert response.status_code == 200
    SimpleTestCase().assertInHTML(toc, response.content.decode())
    assert 'id="bagian-3"' in response.content.decode()


def test_no_table_of_contents_below_three_numbered_sections(client):
    article = ArticleFactory()
    SectionFactory(article=article, position=1)
    SectionFactory(article=article, position=2)
    SectionFactory(article=article, position=3, is_numbered=False)

    html = client.get(article.get_absolute_url()).content.decode()

    assert "Daftar isi" not in html


def test_article_time_is_shown_in_wib(client):
    article = ArticleFactory(
        published_at=timezone.make_aware(datetime(2026, 11, 27, 9, 30))
    )

    html = client.get(article.get_absolute_url()).content.decode()

    assert "27 November 2026, 09.30 WIB" in html


def make_archive():
    def when(*args):
        return timezone.make_aware(datetime(*args))

    return {
        "november": ArticleFactory(
            title="Kabar November", published_at=when(2026, 11, 2, 10)
        ),
        "maret": ArticleFactory(title="Kabar Maret", published_at=when(2026, 3, 15)),
        # 23.30 WIB on 31 December 2025 is still 2025 for readers in Jakarta.
        "malam_tahun_baru": ArticleFactory(
            title="Malam tahun baru", published_at=when(2025, 12, 31, 23, 30)
        ),
        "draft": ArticleFactory(title="Draf arsip", draft=True),
        "review": ArticleFactory(
            title="Tinjauan arsip",
            status="review",
            published_at=when(2026, 11, 3),
        ),
    }


def titles(response):
    return [article.title for article in response.context["articles"]]


def test_year_archive_lists_the_published_articles_of_that_year(client):
    make_archive()

    response = client.get("/arsip/2026/")

    assert response.status_code == 200
    assert titles(response) == ["Kabar November", "Kabar Maret"]
    html = response.content.decode()
    assert "<h1>Arsip 2026</h1>" in html
    assert '<a href="/arsip/2026/3/">Maret</a>' in html
    assert '<a href="/arsip/2026/11/">November</a>' in html
    assert titles(client.get("/arsip/2025/")) == ["Malam tahun baru"]


def test_month_archive_lists_that_month_only(client):
    make_archive()

    response = client.get("/arsip/2026/11/")

    assert titles(response) == ["Kabar November"]
    assert "<h1>Arsip November 2026</h1>" in response.content.decode()
    assert "Tinjauan arsip" not in response.content.decode()


def test_scheduled_articles_stay_out_of_the_archive_until_their_time(client):
    ArticleFactory(title="Besok terbit", scheduled=True)
    tomorrow = timezone.localtime() + timedelta(days=1)

    response = client.get(f"/arsip/{tomorrow.year}/{tomorrow.month}/")

    # Its month has nothing published yet: no page (and no hint of the title).
    assert response.status_code == 404
    assert "Besok terbit" not in response.content.decode()


def test_empty_archive_is_not_found_in_the_site_style(client):
    response = client.get("/arsip/2019/")

    assert response.status_code == 404
    assert 'href="/arsip/"' in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/arsip/0/",
        "/arsip/1/",
        "/arsip/9999/",
        "/arsip/99999999999999999999/",
        "/arsip/2026/0/",
        "/arsip/2026/13/",
        "/arsip/2026/99999999999/",
        "/arsip/1/1/",
        "/arsip/9999/12/",
        "/arsip/abc/",
        "/arsip/2026/11/?page=abc",
        "/arsip/2026/?page=99",
    ],
)
def test_impossible_archive_dates_are_404_never_500(client, url):
    make_archive()

    assert client.get(url).status_code == 404


def test_archive_pages_paginate(client):
    for day in range(1, 15):
        ArticleFactory(
            published_at=timezone.make_aware(datetime(2026, 10, day, 8)),
            category=None,
        )

    first = client.get("/arsip/2026/10/")
    second = client.get("/arsip/2026/10/", {"page": 2})

    assert len(titles(first)) == 12
    assert len(titles(second)) == 2
    assert 'rel="next"' in first.content.decode()


def test_a_stale_compiled_page_is_rendered_once_then_stored(
    client, django_assert_max_num_queries
):
    """An article whose compiled page is missing (a deploy changed its templates,
    a category was renamed) is rendered from the same templates, with everything
    its page shows, and stored: the next reader's page reads it back."""
    from articles.models import Article, CompiledArticle
    from articles.reading import current_page
    from tests.articles.factories import FigureFactory

    article = ArticleFactory(
        cover=FigureFactory(caption="Sampul <b>tebal</b>"),
        tags=["kopi", "pagi"],
        is_sponsored=True,
        expires_at=timezone.now() + timedelta(days=3),
    )
    SectionFactory(article=article, figure=FigureFactory(), heading="Bagian bergambar")
    SectionFactory(article=article, is_numbered=False, heading="Penutup")
    CompiledArticle.objects.filter(article=article).delete()

    html = client.get(article.get_absolute_url()).content.decode()

    assert "Sampul &lt;b&gt;tebal&lt;/b&gt;" in html
    assert "1. Bagian bergambar" in html and "Penutup" in html
    assert "#kopi" in html and "#pagi" in html
    assert article.category.name in html and article.author.name in html
    loaded = Article.objects.select_related("compiled_page").get(pk=article.pk)
    assert current_page(loaded) is not None
    with django_assert_max_num_queries(2):
        assert client.get(article.get_absolute_url()).content.decode() == html


def test_a_lost_image_file_never_takes_the_article_page_down(client):
    """A figure whose file went missing from storage (and whose size was never
    recorded) still leaves a readable page: reading the page does not open image
    files, so the caption and the rest of the article show."""
    from articles.models import Figure
    from tests.articles.factories import FigureFactory

    figure = FigureFactory(caption="Foto yang hilang dari penyimpanan")
    article = ArticleFactory(title="Halaman tetap terbaca", cover=FigureFactory())
    SectionFactory(article=article, figure=figure)
    related = ArticleFactory(category=article.category, cover=figure)
    figure.image.storage.delete(figure.image.name)
    Figure.objects.filter(pk=figure.pk).update(width=None, height=None, renditions={})

    response = client.get(article.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "Halaman tetap terbaca" in html
    assert "Foto yang hilang dari penyimpanan" in html
    assert related.title in html


def test_an_article_without_sections_shows_its_intro_and_tags(client):
    """The article and its sections come in one query, a row per section: an
    article with none still has its one row, and a page."""
    article = ArticleFactory(
        title="Kabar singkat tanpa bagian",
        intro="Hanya paragraf pembuka.",
        tags=["singkat", "kabar"],
    )
    assert not article.sections.exists()

    response = client.get(article.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "Kabar singkat tanpa bagian" in html and "Hanya paragraf pembuka." in html
    assert "/tag/singkat/" in html and "/tag/kabar/" in html
    assert 'class="article-section' not in html


@pytest.mark.parametrize(
    "state",
    [
        {"draft": True},
        {"scheduled": True},
        {"status": "review"},
        {"expires_at": timezone.now() - timedelta(minutes=1)},
    ],
)
def test_readers_never_load_an_article_they_may_not_see(client, state):
    article = ArticleFactory(**state)

    assert client.get(article.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("month", range(1, 13))
def test_card_dates_read_as_django_formats_them_in_wib(month):
    from django.utils.formats import date_format

    from articles.rendering import long_date

    # 20:00 UTC is already the next day in Jakarta.
    moment = datetime(2026, month, 27, 20, 0, tzinfo=UTC)
    expected = date_format(timezone.localtime(moment), "j F Y")
    assert long_date(moment) == expected
    assert long_date(moment).startswith("28 ")


def test_pages_show_wib_even_when_another_zone_is_active():
    from articles.rendering import iso_datetime, local_time, long_date

    moment = datetime(2026, 11, 27, 20, 0, tzinfo=UTC)
    with timezone.override("Europe/London"):
        assert long_date(moment) == "28 November 2026"
        assert local_time(moment) == "03.00"
        assert iso_datetime(moment) == "2026-11-28T03:00:00+07:00"


@pytest.mark.parametrize("page", ["home", "category", "tag", "author", "feed"])
def test_a_lost_image_file_never_takes_a_listing_page_down(client, page):
    """The same lost file (no size recorded) on a cover shown in lists: the home
    page, the category, tag and author pages and the feed still answer, and show
    the article."""
    from django.urls import reverse

    from articles.models import Figure
    from tests.articles.factories import FigureFactory

    figure = FigureFactory()
    article = ArticleFactory(title="Sampul yang hilang", cover=figure, tags=["kopi"])
    figure.image.storage.delete(figure.image.name)
    Figure.objects.filter(pk=figure.pk).update(width=None, height=None, renditions={})
    url = {
        "home": reverse("home"),
        "category": article.category.get_absolute_url(),
        "tag": reverse("articles:tag", args=["kopi"]),
        "author": article.author.get_absolute_url(),
        "feed": reverse("articles:feed"),
    }[page]

    response = client.get(url)

    assert response.status_code == 200
    assert "Sampul yang hilang" in response.content.decode()


def test_the_article_pages_queryset_built_once_reads_the_time_of_each_query():
    """``reading.published_pages()`` is built once per process: it must still
    apply ``published()`` at the moment each query runs, as a fresh
    ``Article.objects.published()`` would."""
    start = timezone.now()
    ArticleFactory(
        title="Terbit nanti",
        published_at=start + timedelta(hours=1),
        expires_at=start + timedelta(hours=2),
    )
    reading.published_pages()  # built before the moments below
    for moment, seen in [
        (start, []),
        (start + timedelta(hours=1), ["Terbit nanti"]),
        (start + timedelta(hours=2) - timedelta(microseconds=1), ["Terbit nanti"]),
        (start + timedelta(hours=2), []),
    ]:
        with mock.patch("django.utils.timezone.now", return_value=moment):
            titles = [article.title for article in reading.published_pages()]
            expected = [a.title for a in Article.objects.published()]
        assert titles == expected == seen, moment
