"""Structured data and feeds as their consumers read them: extruct and feedparser."""

import extruct
import feedparser
import pytest
from django.urls import reverse

from articles.models import Category
from tests.pages import load_demo, public_pages

pytestmark = pytest.mark.django_db


def test_article_page_has_exactly_one_complete_news_article(client):
    load_demo()
    path = public_pages()["article-seed-like"]
    html = client.get(path).content.decode()

    data = extruct.extract(
        html, base_url="http://testserver" + path, syntaxes=["json-ld"]
    )
    news = [item for item in data["json-ld"] if "NewsArticle" in str(item.get("@type"))]

    assert len(news) == 1
    article = news[0]
    assert article["headline"]
    assert article["image"]
    assert article["datePublished"] and article["dateModified"]
    author = article["author"]
    author = author[0] if isinstance(author, list) else author
    assert author["name"] and author["url"].startswith("http")


def test_every_feed_parses_without_a_bozo_flag(client):
    load_demo()
    feeds = [reverse("articles:feed"), reverse("articles:feed-atom")]
    for category in Category.objects.all():
        feeds += [
            reverse("articles:category-feed", args=[category.slug]),
            reverse("articles:category-feed-atom", args=[category.slug]),
        ]
    for url in feeds:
        response = client.get(url)
        assert response.status_code == 200, url
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo, (url, parsed.get("bozo_exception"))
        assert parsed.entries or "kategori" in url, url
