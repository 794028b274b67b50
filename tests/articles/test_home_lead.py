"""The front page as an editor wants it: a lead story with a large picture, then
Pilihan Redaksi, Terbaru, Terpopuler and a block per category; and search
results with their thumbnails."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleDailyView
from tests.admin_pages import form_data
from tests.articles.factories import ArticleFactory, CategoryFactory, FigureFactory

pytestmark = pytest.mark.django_db


def home(client) -> str:
    return client.get(reverse("home")).content.decode()


def lead_block(html: str) -> str:
    start = html.index('id="judul-utama"')
    return html[start : html.index("</section>", start)]


def test_the_editors_lead_story_leads_with_a_large_picture(client):
    ArticleFactory(is_featured=True, title="Pilihan terbaru")
    lead = ArticleFactory(
        title="Banjir surut, warga kembali",
        is_lead=True,
        cover=FigureFactory(),
        seo_description="Ringkasan berita utama & <penting>.",
        published_at=timezone.now() - timedelta(days=3),
    )

    html = home(client)

    block = lead_block(html)
    assert ">Berita Utama</h2>" in html
    assert f'<h3 class="lead-title"><a href="{lead.get_absolute_url()}">' in block
    assert "Ringkasan berita utama &amp; &lt;penting&gt;." in block
    # The picture is the page's largest: loaded at once, in a large size.
    picture = block[block.index("<picture>") : block.index("</picture>")]
    assert 'loading="lazy"' not in picture
    assert "42rem" in picture
    # Shown once: not again among the cards.
    assert html.count(f'href="{lead.get_absolute_url()}"') == 2  # picture, title
    featured = html[html.index('id="judul-unggulan"') :]
    assert "Pilihan terbaru" in featured


def test_without_a_choice_the_newest_featured_story_leads(client):
    older = ArticleFactory(
        is_featured=True, published_at=timezone.now() - timedelta(days=2)
    )
    newest = ArticleFactory(is_featured=True, title="Unggulan terbaru")

    html = home(client)

    assert newest.get_absolute_url() in lead_block(html)
    featured = html[
        html.index('id="judul-unggulan"') : html.index('id="judul-terbaru"')
    ]
    assert older.get_absolute_url() in featured
    assert newest.get_absolute_url() not in featured


def test_the_blocks_come_in_the_editors_order(client):
    sport = CategoryFactory(name="Olahraga")
    read = ArticleFactory(category=sport, is_lead=True)
    ArticleFactory(category=sport, is_featured=True)
    for _ in range(16):
        ArticleFactory(category=sport)
    ArticleDailyView.objects.create(article=read, date=timezone.localdate(), views=5)

    html = home(client)

    order = [
        'id="judul-utama"',
        'id="judul-unggulan"',
        'id="judul-terbaru"',
        'id="judul-terpopuler"',
        'id="kategori-olahraga"',
    ]
    assert [html.index(marker) for marker in order] == sorted(
        html.index(marker) for marker in order
    )
    # "Terpopuler" is part of the page now, not a sidebar.
    assert '<aside class="sidebar">' not in html
    assert html.count('<div class="deck">') == 3


def test_only_one_article_leads(client, editor):
    first = ArticleFactory(is_lead=True)
    second = ArticleFactory()
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[second.pk])
    data = form_data(client.get(url).content.decode(), "article_form")
    data["is_lead"] = "on"

    assert client.post(url, data).status_code == 302

    assert list(Article.objects.filter(is_lead=True)) == [second]
    first.refresh_from_db()
    assert not first.is_lead
    client.logout()
    assert second.get_absolute_url() in lead_block(home(client))


def test_a_lead_story_that_is_not_out_yet_does_not_lead(client):
    ArticleFactory(is_lead=True, published_at=timezone.now() + timedelta(hours=1))
    featured = ArticleFactory(is_featured=True)

    assert featured.get_absolute_url() in lead_block(home(client))


def test_search_results_show_their_thumbnail(client):
    pictured = ArticleFactory(title="Kopi pagi di Batu", cover=FigureFactory())
    plain = ArticleFactory(title="Kopi sore tanpa gambar")

    html = client.get(reverse("search"), {"q": "kopi"}).content.decode()

    results = html[html.index('<ol class="search-results">') :]
    items = results.split('<li class="search-result">')[1:]
    [with_picture] = [item for item in items if pictured.get_absolute_url() in item]
    [without] = [item for item in items if plain.get_absolute_url() in item]
    assert 'class="search-thumb" tabindex="-1" aria-hidden="true"' in with_picture
    assert '<img src="' in with_picture and 'alt=""' in with_picture
    assert "search-thumb" not in without


@pytest.mark.parametrize("views", [1, 99])
def test_small_read_counts_stay_private_on_the_home_page(client, settings, views):
    settings.WAYAHSINAU_POPULAR_MIN_VIEWS_SHOWN = 100
    article = ArticleFactory(title="Dibaca sedikit")
    ArticleDailyView.objects.create(article=article, date=date.today(), views=views)

    html = home(client)

    assert "Dibaca sedikit" in html[html.index('id="judul-terpopuler"') :]
    assert "kali dibaca" not in html
