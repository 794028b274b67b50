"""One sweep over every surface this branch added: an unpublished article's title,
address and tags appear on none of them."""

from datetime import datetime

import pytest
from django.utils import timezone

from articles.models import ArticleDailyView
from tests.articles.factories import ArticleFactory, CategoryFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "state", [{"draft": True}, {"scheduled": True}, {"status": "review"}]
)
def test_unpublished_articles_appear_on_no_new_surface(client, state):
    category = CategoryFactory(name="Umum")
    visible = ArticleFactory(title="Terbit biasa", category=category, tags=["bocor"])
    secret = ArticleFactory(
        title="Naskah rahasia bocor",
        slug="naskah-rahasia-bocor",
        category=category,
        tags=["bocor", "tag-rahasia-sekali"],
        **state,
    )
    SectionFactory(article=secret, heading="Bagian rahasia bocor")
    ArticleDailyView.objects.create(
        article=secret, date=timezone.localdate(), views=999
    )
    when = secret.published_at or timezone.now()
    year, month = timezone.localtime(when).year, timezone.localtime(when).month

    urls = [
        "/",
        visible.get_absolute_url(),
        "/cari/?q=bocor",
        "/cari/?q=naskah",
        "/feed/",
        "/feed/atom/",
        f"/kategori/{category.slug}/feed/",
        f"/kategori/{category.slug}/feed/atom/",
        "/sitemap.xml",
        "/sitemap-artikel.xml",
        "/sitemap-tag.xml",
        "/sitemap-news.xml",
        f"/arsip/{year}/",
        f"/arsip/{year}/{month}/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        for leak in ["rahasia", "naskah-rahasia-bocor", "tag-rahasia-sekali"]:
            assert leak not in content.lower(), (url, leak)


def test_old_address_of_an_article_taken_offline_ends_in_a_404(
    client,
):
    article = ArticleFactory(
        slug="lama", published_at=timezone.make_aware(datetime(2026, 1, 5))
    )
    article.slug = "baru"
    article.save()
    article.status = "draft"
    article.save()

    response = client.get("/artikel/lama/", follow=True)

    assert response.status_code == 404
