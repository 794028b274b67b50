import random
from collections import Counter
from datetime import datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from ads import slots
from ads.models import Placement
from ads.placeholders import PageSlot
from articles.caching import bump_generation
from tests.ads.factories import (
    UA_BROWSER,
    ServiceListingFactory,
    SlotFactory,
    SponsoredBlockFactory,
    placed,
)
from tests.articles.factories import ArticleFactory, CategoryFactory, SectionFactory

pytestmark = pytest.mark.django_db

WIB = ZoneInfo("Asia/Jakarta")

# Article with its tags and sections, related articles and "Terpopuler", no ads.
ARTICLE_PAGE_QUERIES = 3


@pytest.fixture
def reader(client):
    client.defaults["HTTP_USER_AGENT"] = UA_BROWSER
    return client


def slot_html(html: str, key: str) -> str:
    start = html.find(f'<aside class="ad-slot ad-slot-{key}"')
    if start == -1:
        return ""
    return html[start : html.index("</aside>", start)]


def test_running_block_renders_labelled_with_sponsored_link_and_sized_image(reader):
    header = SlotFactory(key="header")
    block = placed(header, with_image=True, title="Batik Tulis Sekar", label="Sponsor")
    article = ArticleFactory()

    html = reader.get(article.get_absolute_url()).content.decode()
    aside = slot_html(html, "header")

    assert 'aria-label="Iklan"' in aside
    assert '<p class="ad-label">Sponsor</p>' in aside
    assert '<span class="ad-title">Batik Tulis Sekar</span>' in aside
    assert 'rel="sponsored noopener"' in aside
    assert block.target_url not in aside  # links go through our click URL
    assert f'href="{slots.click_url(block.pk, header.pk)}"' in aside
    assert f'alt="{block.image_alt}"' in aside
    assert 'width="120" height="60"' in aside
    assert html.index("ad-slot-header") < html.index("<h1>")


@pytest.mark.parametrize("state", ["expired", "scheduled", "paused"])
def test_blocks_outside_their_run_are_not_rendered_and_house_block_fills(reader, state):
    header = SlotFactory(key="header")
    placed(header, title="Promo yang tidak boleh tampil", **{state: True})
    house = placed(header, house=True, title="Jasa Press Release Portal Berita")

    html = reader.get(ArticleFactory().get_absolute_url()).content.decode()
    aside = slot_html(html, "header")

    assert "Promo yang tidak boleh tampil" not in html
    assert "Jasa Press Release Portal Berita" in aside
    assert house.service_listing.get_absolute_url() not in aside  # via click URL
    assert "sponsored-block-house" in aside


def test_inactive_advertiser_stops_all_of_its_blocks(reader):
    header = SlotFactory(key="header")
    block = placed(header, title="Promo pengiklan nonaktif")
    block.advertiser.is_active = False
    block.advertiser.save()

    html = reader.get(ArticleFactory().get_absolute_url()).content.decode()
    assert "Promo pengiklan nonaktif" not in html


def test_schedule_is_exact_to_the_minute_in_jakarta_even_while_cached(reader):
    header = SlotFactory(key="header")
    placed(
        header,
        title="Promo Harbolnas",
        starts_at=datetime(2026, 12, 12, 9, 0, tzinfo=WIB),
        ends_at=datetime(2026, 12, 12, 21, 0, tzinfo=WIB),
    )
    article = ArticleFactory(published_at=datetime(2026, 12, 1, tzinfo=WIB))
    url = article.get_absolute_url()

    def shown_at(hour, minute, second=0):
        moment = datetime(2026, 12, 12, hour, minute, second, tzinfo=WIB)
        with mock.patch("django.utils.timezone.now", return_value=moment):
            return "Promo Harbolnas" in reader.get(url).content.decode()

    assert not shown_at(8, 59, 59)
    assert shown_at(9, 0)
    assert shown_at(20, 59, 59)
    assert not shown_at(21, 0)


def test_category_targeted_block_shows_only_on_its_category(reader):
    header = SlotFactory(key="header")
    gaya, bisnis = CategoryFactory(name="Gaya Hidup"), CategoryFactory(name="Bisnis")
    placed(header, title="Promo khusus gaya hidup", category=gaya)

    in_gaya = reader.get(ArticleFactory(category=gaya).get_absolute_url())
    in_bisnis = reader.get(ArticleFactory(category=bisnis).get_absolute_url())
    gaya_page = reader.get(gaya.get_absolute_url())
    home = reader.get(reverse("home"))

    assert "Promo khusus gaya hidup" in in_gaya.content.decode()
    assert "Promo khusus gaya hidup" in gaya_page.content.decode()
    assert "Promo khusus gaya hidup" not in in_bisnis.content.decode()
    assert "Promo khusus gaya hidup" not in home.content.decode()


def test_slot_shows_up_to_its_maximum_paid_first_then_house_blocks(reader):
    header = SlotFactory(key="header", max_blocks=2)
    placed(header, title="Satu-satunya promo berbayar")
    placed(header, house=True, title="Promosi layanan kita A")
    placed(header, house=True, title="Promosi layanan kita B")

    for _ in range(5):
        aside = slot_html(
            reader.get(ArticleFactory().get_absolute_url()).content.decode(), "header"
        )
        assert aside.count('class="sponsored-block') == 2
        assert "Satu-satunya promo berbayar" in aside
        assert ("Promosi layanan kita A" in aside) != (
            "Promosi layanan kita B" in aside
        )


def test_weighted_pick_follows_the_weights():
    header = SlotFactory(key="header")
    heavy = placed(header, weight=9, title="Berat")
    placed(header, weight=1, title="Ringan")
    plan = slots.build_plans()["header"]
    now = timezone.now()

    page = [PageSlot("header", None, None)]
    plans = {"header": plan}

    with mock.patch.object(slots, "_random", random.Random(2026)):
        picks = Counter(
            slots.pick_page(plans, page, now)[0].offers[0].block_id for _ in range(2000)
        )

    share = picks[heavy.pk] / 2000
    assert 0.85 < share < 0.95


def test_slots_without_any_block_promote_each_active_listing_once(reader):
    SlotFactory(key="footer")
    names = ["Jasa Press Release", "Jasa Digital Marketing", "Paket Outbound"]
    for position, name in enumerate(names):
        ServiceListingFactory(name=name, position=position)
    ServiceListingFactory(name="Layanan yang disembunyikan", is_active=False)

    html = reader.get(ArticleFactory().get_absolute_url()).content.decode()

    # Header, sidebar and footer in page order, each with the next listing.
    for key, name in zip(["header", "sidebar", "footer"], names, strict=True):
        assert name in slot_html(html, key)
        assert html.count(f'<span class="ad-title">{name}</span>') == 1
    assert "Iklan" in slot_html(html, "footer")
    assert "Layanan yang disembunyikan" not in html


def test_a_listing_is_promoted_once_and_later_empty_slots_stay_empty(reader):
    SlotFactory(key="footer")
    ServiceListingFactory(name="Paket Outbound Perusahaan di Batu Malang")

    html = reader.get(ArticleFactory().get_absolute_url()).content.decode()

    assert html.count("Paket Outbound Perusahaan di Batu Malang") == 1
    assert "Paket Outbound Perusahaan di Batu Malang" in slot_html(html, "header")
    assert slot_html(html, "footer") == ""


def test_block_title_and_text_are_escaped(reader):
    header = SlotFactory(key="header")
    payload = '"><script>alert(1)</script>{{ request }}'
    placed(header, title=f"Promo {payload}"[:120], text=payload, label="Iklan<b>")

    html = reader.get(ArticleFactory().get_absolute_url()).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;{{ request }}" in html
    assert "Iklan&lt;b&gt;" in html


def test_in_article_slot_renders_once_after_the_configured_section(reader):
    slot = SlotFactory(key="in-article", after_section=2)
    placed(slot, title="Promo di tengah artikel")
    article = ArticleFactory()
    for heading in ("Bagian satu", "Bagian dua", "Bagian tiga"):
        SectionFactory(article=article, heading=heading)

    html = reader.get(article.get_absolute_url()).content.decode()

    assert html.count("Promo di tengah artikel") == 1
    position = html.index("ad-slot-in-article")
    # The table of contents lists the headings first; look at the sections.
    assert html.index("<h2>2. Bagian dua") < position < html.index("<h2>3. Bagian tiga")

    short = ArticleFactory()
    SectionFactory(article=short, heading="Hanya satu bagian")
    assert (
        "Promo di tengah artikel"
        not in reader.get(short.get_absolute_url()).content.decode()
    )


def test_changes_in_the_admin_show_at_once_despite_the_cache(reader):
    header = SlotFactory(key="header")
    block = placed(header, title="Judul lama")
    url = ArticleFactory().get_absolute_url()
    assert "Judul lama" in reader.get(url).content.decode()

    block.title = "Judul baru"
    block.save()
    assert "Judul baru" in reader.get(url).content.decode()

    Placement.objects.filter(block=block).delete()
    assert "Judul baru" not in reader.get(url).content.decode()


def test_pages_render_when_the_cache_is_down(reader):
    header = SlotFactory(key="header")
    placed(header, title="Promo tanpa cache")
    broken = mock.Mock(**{"get.side_effect": ConnectionError("down")})
    with mock.patch("ads.slots.versions_cache", lambda: broken):
        response = reader.get(ArticleFactory().get_absolute_url())
    assert response.status_code == 200
    assert "Promo tanpa cache" in response.content.decode()


@pytest.mark.parametrize("per_slot", [2, 12])
def test_page_with_four_slots_has_a_flat_query_budget(
    reader, django_assert_num_queries, per_slot
):
    keys = ["header", "sidebar", "in-article", "footer"]
    for key in keys:
        slot = SlotFactory(key=key, max_blocks=2, after_section=1)
        for index in range(per_slot):
            placed(
                slot,
                with_image=index % 2 == 0,
                house=index % 3 == 0,
                category=None,
            )
    article = ArticleFactory()
    SectionFactory.create_batch(3, article=article)
    url = article.get_absolute_url()
    reader.get(url)  # warms the navigation menu and the slots
    slots.forget_cached_slots()
    bump_generation()

    # The article page's own queries, the next scheduled change, and one query
    # for every slot together; impressions are counted in the cache.
    with django_assert_num_queries(ARTICLE_PAGE_QUERIES + 2):
        html = reader.get(url).content.decode()
    assert html.count('class="sponsored-block') == 2 * len(keys)

    # Page and slots cached: fresh picks, counted in the cache, no query.
    with django_assert_num_queries(0):
        html = reader.get(url).content.decode()
    assert html.count('class="sponsored-block') == 2 * len(keys)


def test_demo_style_article_without_blocks_pays_no_extra_queries(
    reader, django_assert_num_queries
):
    SlotFactory(key="header")
    article = ArticleFactory()
    reader.get(article.get_absolute_url())
    bump_generation()
    with django_assert_num_queries(ARTICLE_PAGE_QUERIES + 1):  # + next change
        reader.get(article.get_absolute_url())


def test_blocks_end_when_their_time_passes(reader):
    header = SlotFactory(key="header")
    SponsoredBlockFactory()  # not placed anywhere: never shown
    block = placed(header, title="Promo singkat")
    url = ArticleFactory().get_absolute_url()
    later = block.ends_at + timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert "Promo singkat" not in reader.get(url).content.decode()
