"""Where a block shows: category targeting on every page type, and a service's
own pages never promoting that service."""

import pytest
from django.urls import reverse

from tests.ads.factories import (
    UA_BROWSER,
    ServiceListingFactory,
    SlotFactory,
    placed,
)
from tests.articles.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db

RENDERS = 20


@pytest.fixture
def reader(client):
    client.defaults["HTTP_USER_AGENT"] = UA_BROWSER
    return client


def slot_html(html: str, key: str) -> str:
    start = html.find(f'<aside class="ad-slot ad-slot-{key}"')
    if start == -1:
        return ""
    return html[start : html.index("</aside>", start)]


def test_a_sidebar_block_for_a_category_shows_on_its_page_and_articles_only(reader):
    sidebar = SlotFactory(key="sidebar", max_blocks=2)
    gaya, bisnis = CategoryFactory(name="Gaya Hidup"), CategoryFactory(name="Bisnis")
    placed(sidebar, title="Promo khusus gaya hidup", category=gaya)
    placed(sidebar, title="Promo untuk semua halaman")
    in_gaya = ArticleFactory(category=gaya, tags=["kopi"])
    in_bisnis = ArticleFactory(category=bisnis, tags=["kopi"])

    def sidebar_of(url):
        response = reader.get(url)
        assert response.status_code == 200
        return slot_html(response.content.decode(), "sidebar")

    for _ in range(RENDERS):
        assert "Promo khusus gaya hidup" in sidebar_of(gaya.get_absolute_url())
        assert "Promo khusus gaya hidup" in sidebar_of(in_gaya.get_absolute_url())
    elsewhere = [
        bisnis.get_absolute_url(),
        in_bisnis.get_absolute_url(),
        reverse("articles:tag", args=["kopi"]),
        in_gaya.author.get_absolute_url(),
    ]
    for url in elsewhere:
        for _ in range(RENDERS):
            html = sidebar_of(url)
            assert "Promo untuk semua halaman" in html  # the page has a sidebar
            assert "Promo khusus gaya hidup" not in html


def test_a_category_page_has_the_slots_an_article_has_but_the_in_article_one(reader):
    category = CategoryFactory()
    ArticleFactory(category=category)
    for key in ("header", "sidebar", "footer"):
        placed(SlotFactory(key=key), title=f"Promo di {key}", category=category)

    html = reader.get(category.get_absolute_url()).content.decode()

    for key in ("header", "sidebar", "footer"):
        assert f"Promo di {key}" in slot_html(html, key)
    assert html.index("ad-slot-header") < html.index("<h1")


def test_a_service_page_never_promotes_that_service(reader):
    footer = SlotFactory(key="footer")
    header = SlotFactory(key="header", max_blocks=2)
    press = ServiceListingFactory(name="Jasa Press Release", position=0)
    outbound = ServiceListingFactory(name="Paket Outbound", position=1)
    for listing in (press, outbound):
        for slot in (footer, header):
            placed(slot, house=True, service_listing=listing, title=listing.name)

    pages = {
        press: [press.get_absolute_url(), reverse("ads:thanks", args=[press.slug])],
        outbound: [outbound.get_absolute_url()],
    }
    for listing, urls in pages.items():
        other = outbound if listing == press else press
        for url in urls:
            for _ in range(RENDERS):
                html = reader.get(url).content.decode()
                shown = slot_html(html, "footer") + slot_html(html, "header")
                assert f'<span class="ad-title">{listing.name}</span>' not in shown
                assert f'<span class="ad-title">{other.name}</span>' in shown
    # Elsewhere both services are promoted.
    html = reader.get(ArticleFactory().get_absolute_url()).content.decode()
    for listing in (press, outbound):
        assert f'<span class="ad-title">{listing.name}</span>' in html


def test_a_service_page_falls_back_to_another_service_never_its_own(reader):
    press = ServiceListingFactory(name="Jasa Press Release", position=0)
    ServiceListingFactory(name="Paket Outbound", position=1)
    placed(SlotFactory(key="footer"), house=True, service_listing=press)

    for _ in range(RENDERS):
        footer = slot_html(
            reader.get(press.get_absolute_url()).content.decode(), "footer"
        )
        assert '<span class="ad-title">Paket Outbound</span>' in footer
        assert "Jasa Press Release" not in footer
