from datetime import datetime, timedelta
from unittest import mock

import pytest
from django.test import SimpleTestCase
from django.urls import reverse
from django.utils import timezone

from articles.caching import bump_generation
from articles.models import Article
from tests.articles.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    FigureFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db


def public_urls(article):
    return [
        reverse("home"),
        article.category.get_absolute_url(),
        article.author.get_absolute_url(),
        reverse("articles:tag", args=["rahasia"]),
    ]


def test_article_page_follows_the_seed_structure(client):
    author = AuthorFactory(name="Jenia")
    article = ArticleFactory(
        title="Mengapa Hobi Bersama Membuat Persahabatan Awet",
        intro="<p>Persahabatan tumbuh dari kebiasaan kecil.</p><p>Paragraf kedua.</p>",
        author=author,
        tags=["persahabatan"],
        published_at=timezone.make_aware(timezone.datetime(2026, 11, 27, 9, 30)),
    )
    figure = FigureFactory(caption="Dua sahabat bersepeda", source="arsip redaksi")
    SectionFactory(article=article, position=1, heading="Awal yang sederhana")
    SectionFactory(article=article, position=2, heading="Waktu yang konsisten")
    SectionFactory(
        article=article, position=3, heading="Ruang untuk berbeda", figure=figure
    )
    SectionFactory(
        article=article,
        position=4,
        heading="Cara memulai",
        body=(
            "<p>Cobalah:</p>"
            "<ul><li><strong>Ajak.</strong> Mulai dari satu orang.</li></ul>"
        ),
    )
    SectionFactory(
        article=article, position=5, heading="Tumbuh Bersama", is_numbered=False
    )

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert '<html lang="id">' in html
    order = [
        article.category.name,
        "<h1>Mengapa Hobi Bersama Membuat Persahabatan Awet</h1>",
        "27 November 2026",
        '<strong class="dateline">Wayah Sinau -</strong> Persahabatan tumbuh',
        "<h2>1. Awal yang sederhana</h2>",
        "<h2>2. Waktu yang konsisten</h2>",
        "<h2>3. Ruang untuk berbeda</h2>",
        "<figcaption>Dua sahabat bersepeda (sumber: arsip redaksi)</figcaption>",
        "<h2>4. Cara memulai</h2>",
        "<li><strong>Ajak.</strong> Mulai dari satu orang.</li>",
        "<h2>Tumbuh Bersama</h2>",
        "#persahabatan",
        "(Artikel ini ditulis oleh Jenia)",
    ]
    positions = [html.index(fragment) for fragment in order]
    assert positions == sorted(positions)
    assert '<time datetime="2026-11-27T09:30:00+07:00">' in html
    assert f'alt="{figure.alt_text}"' in html


def test_numbering_follows_order_and_skips_unnumbered_sections(client):
    article = ArticleFactory()
    SectionFactory(article=article, position=10, heading="Pertama")
    SectionFactory(article=article, position=20, heading="Selingan", is_numbered=False)
    SectionFactory(article=article, position=30, heading="Kedua")
    inserted = SectionFactory(article=article, position=5, heading="Sisipan")

    html = client.get(article.get_absolute_url()).content.decode()
    assert "<h2>1. Sisipan</h2>" in html
    assert "<h2>2. Pertama</h2>" in html
    assert "<h2>Selingan</h2>" in html
    assert "<h2>3. Kedua</h2>" in html

    inserted.is_numbered = False
    inserted.save()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<h2>Sisipan</h2>" in html
    assert "<h2>1. Pertama</h2>" in html
    assert "<h2>2. Kedua</h2>" in html


def test_titles_captions_and_alt_text_are_escaped_not_rendered(client):
    payload = '"><script>alert(1)</script>{{ request }}{% debug %}'
    article = ArticleFactory(title=f"Judul {payload}")
    figure = FigureFactory(alt_text=payload, caption=payload, source=payload)
    SectionFactory(article=article, heading=payload, figure=figure)

    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;{{ request }}{% debug %}" in html
    assert "WSGIRequest" not in html


@pytest.mark.parametrize("state", ["draft", "review", "scheduled"])
def test_unpublished_articles_are_hidden_from_every_public_page(client, state):
    if state == "draft":
        hidden = ArticleFactory(draft=True, title="Artikel rahasia", tags=["rahasia"])
    elif state == "review":
        hidden = ArticleFactory(
            status=Article.Status.REVIEW,
            published_at=None,
            title="Artikel rahasia",
            tags=["rahasia"],
        )
    else:
        hidden = ArticleFactory(
            scheduled=True, title="Artikel rahasia", tags=["rahasia"]
        )
    visible = ArticleFactory(
        category=hidden.category, author=hidden.author, tags=["rahasia"]
    )

    assert client.get(hidden.get_absolute_url()).status_code == 404
    for url in public_urls(hidden):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Artikel rahasia" not in response.content.decode(), url
        assert visible.title in response.content.decode(), url


def test_scheduled_article_appears_exactly_at_its_publish_time(client):
    publish_at = timezone.now() + timedelta(hours=3)
    article = ArticleFactory(published_at=publish_at, title="Terbit nanti sore")

    with mock.patch(
        "django.utils.timezone.now", return_value=publish_at - timedelta(seconds=1)
    ):
        assert client.get(article.get_absolute_url()).status_code == 404
        assert "Terbit nanti sore" not in client.get(reverse("home")).content.decode()
    with mock.patch("django.utils.timezone.now", return_value=publish_at):
        assert client.get(article.get_absolute_url()).status_code == 200
        assert "Terbit nanti sore" in client.get(reverse("home")).content.decode()
        assert (
            "Terbit nanti sore"
            in client.get(article.category.get_absolute_url()).content.decode()
        )


def test_staff_preview_of_a_draft_is_marked_noindex_and_never_stored(
    client, staff_editor
):
    article = ArticleFactory(draft=True, title="Draf yang sedang ditulis")
    client.force_login(staff_editor)

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert (
        "Pratinjau: halaman ini belum terlihat oleh pembaca."
        in response.content.decode()
    )
    assert (
        '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
    )
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_published_article_for_staff_is_not_marked_as_preview(client, staff_editor):
    article = ArticleFactory()
    client.force_login(staff_editor)
    response = client.get(article.get_absolute_url())
    assert "Pratinjau" not in response.content.decode()
    assert "noindex" not in response.content.decode()


def test_non_staff_users_cannot_preview_drafts(client, django_user_model):
    user = django_user_model.objects.create_user("pembaca", password="rahasia-uji-123")
    client.force_login(user)
    assert client.get(ArticleFactory(draft=True).get_absolute_url()).status_code == 404


def test_home_lists_featured_first_then_latest_and_category_blocks(client):
    sport = CategoryFactory(name="Olahraga")
    old_featured = ArticleFactory(
        title="Unggulan lama",
        is_featured=True,
        published_at=timezone.now() - timedelta(days=5),
    )
    older_sport = ArticleFactory(
        title="Kabar olahraga kemarin",
        category=sport,
        published_at=timezone.now() - timedelta(days=1),
    )
    for _ in range(12):  # fill "Terbaru"
        ArticleFactory(category=sport)
    newest = ArticleFactory(title="Kabar paling baru", category=sport)

    html = client.get(reverse("home")).content.decode()
    assert html.index("Unggulan lama") < html.index("Kabar paling baru")
    assert html.index("Kabar paling baru") < html.index('id="kategori-olahraga"')
    block = html[html.index('id="kategori-olahraga"') :]
    assert older_sport.get_absolute_url() in block
    assert old_featured.category.name in html
    assert newest.get_absolute_url() in html


def test_home_shows_each_article_once(client):
    sport = CategoryFactory(name="Olahraga")
    articles = [ArticleFactory(category=sport) for _ in range(20)]
    ArticleFactory(category=sport, is_featured=True)

    html = client.get(reverse("home")).content.decode()
    for article in articles:
        assert html.count(f'href="{article.get_absolute_url()}"') <= 1
    # 3 featured at most, 12 latest, then the next 4 of the category.
    assert sum(a.get_absolute_url() in html for a in articles) == 16


@pytest.mark.parametrize("page", ["abc", "0", "-1", "2.5", "99999", "1e3", ""])
def test_bad_page_numbers_are_404_never_500(client, page):
    category = CategoryFactory()
    ArticleFactory.create_batch(3, category=category)
    response = client.get(category.get_absolute_url(), {"page": page})
    # An empty number names page 1 otherwise: its one address is the bare path.
    expected = 301 if page == "" else 404
    assert response.status_code == expected


def test_listing_pages_paginate_with_links(client):
    category = CategoryFactory()
    ArticleFactory.create_batch(14, category=category)
    first = client.get(category.get_absolute_url())
    assert 'rel="next" href="?page=2"' in first.content.decode()
    second = client.get(category.get_absolute_url(), {"page": ["1", "2"]})
    assert second.status_code == 200
    assert "Halaman 2 dari 2" in second.content.decode()


def test_unknown_category_tag_and_author_are_404_in_site_style(client):
    for url in [
        "/kategori/tidak-ada/",
        "/tag/tidak-ada/",
        "/penulis/tidak-ada/",
        "/x/",
    ]:
        response = client.get(url)
        assert response.status_code == 404
        assert "Halaman tidak ditemukan" in response.content.decode()


def test_sponsored_article_shows_advertorial_label(client):
    article = ArticleFactory(is_sponsored=True)
    assert "Advertorial" in client.get(article.get_absolute_url()).content.decode()
    assert "Advertorial" in client.get(reverse("home")).content.decode()


def test_emoji_and_right_to_left_titles_round_trip(client):
    article = ArticleFactory(title="Kopi ☕ dan مرحبا di pagi hari 🌅")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Kopi ☕ dan مرحبا di pagi hari 🌅" in html


def test_article_page_query_count_does_not_grow_with_sections(
    client, django_assert_num_queries
):
    small = ArticleFactory(tags=["a", "b"])
    SectionFactory.create_batch(2, article=small, figure=FigureFactory())
    large = ArticleFactory(tags=["a", "b", "c", "d", "e"])
    for _ in range(30):
        SectionFactory(article=large, figure=FigureFactory())
    client.get(small.get_absolute_url())  # warm the navigation cache
    bump_generation()

    # article with its tags and sections, related, "Terpopuler", next scheduled change
    with django_assert_num_queries(4):
        client.get(small.get_absolute_url())
    # Schedule and "Terpopuler" are shared: article with tags and sections, related.
    with django_assert_num_queries(2):
        client.get(large.get_absolute_url())
    # Both pages cached: nothing at all.
    with django_assert_num_queries(0):
        client.get(small.get_absolute_url())
        client.get(large.get_absolute_url())


@pytest.mark.parametrize("count", [5, 50])
def test_home_page_query_count_is_constant(client, django_assert_num_queries, count):
    categories = CategoryFactory.create_batch(4)
    for index in range(count):
        ArticleFactory(
            category=categories[index % 4],
            cover=FigureFactory(),
            is_featured=index % 3 == 0,
        )
    ArticleFactory(category=categories[0], cover=FigureFactory(), is_lead=True)
    client.get(reverse("home"))
    bump_generation()

    # newest rows, the lead story, categories, cards, "Terpopuler", next
    # scheduled change
    with django_assert_num_queries(6):
        client.get(reverse("home"))
    with django_assert_num_queries(0):
        client.get(reverse("home"))


def test_slugs_equal_to_site_routes_cannot_shadow_them(client):
    article = ArticleFactory(title="admin", slug="admin")
    assert client.get("/artikel/admin/").status_code == 200
    assert client.get("/admin/", follow=False).status_code == 302
    assert article.get_absolute_url() == "/artikel/admin/"


def test_server_error_page_is_in_the_site_style(client, monkeypatch):
    def broken(self):
        raise RuntimeError("database went away")

    monkeypatch.setattr("articles.models.ArticleQuerySet.published", broken)
    client.raise_request_exception = False
    response = client.get(reverse("home"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Terjadi gangguan" in html and 'lang="id"' in html
    assert "database went away" not in html


def test_author_page_shows_photo_and_bio_escaped(client):
    from articles.images import process_image
    from tests.images import jpeg_upload

    author = AuthorFactory(
        name='Rina "<b>"', bio="Menulis tentang <script>x</script> kopi."
    )
    author.photo.save("foto.jpg", process_image(jpeg_upload()).content)
    ArticleFactory(author=author)
    html = client.get(author.get_absolute_url()).content.decode()
    assert f'src="{author.photo.url}"' in html
    assert 'alt="Rina &quot;&lt;b&gt;&quot;"' in html
    assert "Menulis tentang &lt;script&gt;x&lt;/script&gt; kopi." in html


def test_cards_escape_titles_category_and_author_names(client):
    payload = '"><script>alert(1)</script>{{ request }}'
    category = CategoryFactory(name=f"Rubrik {payload}")
    ArticleFactory(
        title=f"Judul {payload}",
        category=category,
        author=AuthorFactory(name=f"Penulis {payload}"),
        cover=FigureFactory(),
    )

    for address in (reverse("home"), category.get_absolute_url()):
        html = client.get(address).content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "WSGIRequest" not in html
        escaped = "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;{{ request }}"
        assert f"Judul {escaped}</a>" in html
        assert f"Penulis {escaped} · " in html
        assert f"Rubrik {escaped}</a>" in html


def test_a_card_shows_cover_category_label_title_author_and_date(client):
    category = CategoryFactory(name="Gaya Hidup")
    article = ArticleFactory(
        title="Kopi & senja",
        category=category,
        author=AuthorFactory(name="Rina"),
        is_sponsored=True,
        published_at=timezone.make_aware(datetime(2026, 11, 2, 9, 30)),
    )

    html = client.get(reverse("home")).content.decode()

    card_body = (
        '<div class="card-body">'
        f'<p class="kicker"><a href="{category.get_absolute_url()}">Gaya Hidup</a></p>'
        '<p class="sponsor-note"><span class="label label-sponsored">Advertorial</span>'
        "</p>"
        f'<h3 class="card-title"><a href="{article.get_absolute_url()}">'
        "Kopi &amp; senja</a></h3>"
        '<p class="meta">Rina · <time datetime="2026-11-02T09:30:00+07:00">'
        "2 November 2026</time></p></div>"
    )
    SimpleTestCase().assertInHTML(card_body, html)


def test_category_menu_follows_renames_and_escapes_names(client):
    category = CategoryFactory(name="Kuliner")
    ArticleFactory(category=category)
    assert "Kuliner</a></li>" in client.get(reverse("home")).content.decode()

    category.name = "Jajan <script>alert(1)</script>"
    category.save()
    bump_generation()
    page = client.get(reverse("home")).content.decode()

    assert "Kuliner</a></li>" not in page
    assert "Jajan &lt;script&gt;alert(1)&lt;/script&gt;</a></li>" in page
    assert "<script>alert(1)" not in page
