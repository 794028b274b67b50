"""The home page's picks (``articles/frontpage.py``) are the rule, whatever the
scan holds: its fallbacks give what the full queries give."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import frontpage
from articles.models import Article, Category
from tests.articles.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


def reference(featured, latest, per_category):
    """The home page's rule, one plain query per part."""
    published = Article.objects.published().order_by("-published_at", "-pk")
    top = list(published.filter(is_featured=True).values_list("pk", flat=True))
    lead = published.filter(is_lead=True).values_list("pk", flat=True).first()
    if lead is None and top:
        lead = top[0]
    top = [pk for pk in top if pk != lead][:featured]
    lead_ids = [lead] if lead else []
    newest = list(published.exclude(pk__in=top + lead_ids).values_list("pk", flat=True))
    newest = newest[:latest]
    shown = lead_ids + top + newest
    blocks = []
    for category in Category.objects.all():
        ids = list(
            published.filter(category=category)
            .exclude(pk__in=shown)
            .values_list("pk", flat=True)[:per_category]
        )
        if ids:
            blocks.append((category.pk, ids))
    return lead, top, newest, blocks


def picked(page):
    return (
        page.lead.pk if page.lead else None,
        [card.pk for card in page.featured],
        [card.pk for card in page.latest],
        [
            (category.pk, [c.pk for c in cards])
            for category, cards in page.category_blocks
        ],
    )


@pytest.fixture
def newsroom():
    """A busy category, two old featured stories and a quiet category whose newest
    articles are older than the busy one's."""
    now = timezone.now()
    busy, quiet, empty = CategoryFactory.create_batch(3)
    old_featured = ArticleFactory(
        category=busy, is_featured=True, published_at=now - timedelta(days=30)
    )
    ArticleFactory(
        category=busy, is_featured=True, published_at=now - timedelta(days=10)
    )
    quiet_ones = [
        ArticleFactory(category=quiet, published_at=now - timedelta(days=20 + n))
        for n in range(3)
    ]
    for hours in range(1, 16):
        ArticleFactory(category=busy, published_at=now - timedelta(hours=hours))
    ArticleFactory(category=empty, draft=True)
    ArticleFactory(category=empty, published_at=now + timedelta(days=1))
    return old_featured, quiet, quiet_ones, empty


@pytest.mark.parametrize("scan", [1, 4, 18, 200])
def test_home_picks_match_the_rule_whatever_the_scan_holds(newsroom, monkeypatch, scan):
    monkeypatch.setattr(frontpage, "SCAN", scan)
    page = frontpage.front_page(featured=3, latest=6, per_category=4)
    assert picked(page) == reference(3, 6, 4)


@pytest.mark.parametrize("scan", [1, 4, 18, 200])
@pytest.mark.parametrize("lead_age", [timedelta(hours=2), timedelta(days=60)])
def test_the_editors_lead_story_leads_whatever_the_scan_holds(
    newsroom, monkeypatch, scan, lead_age
):
    lead = ArticleFactory(is_lead=True, published_at=timezone.now() - lead_age)
    monkeypatch.setattr(frontpage, "SCAN", scan)
    page = frontpage.front_page(featured=3, latest=6, per_category=4)
    assert page.lead.pk == lead.pk
    assert picked(page) == reference(3, 6, 4)


@pytest.mark.parametrize("scan", [1, 200])
def test_without_featured_articles_there_is_no_lead_story(monkeypatch, scan):
    ArticleFactory.create_batch(3)
    ArticleFactory(is_lead=True, draft=True)  # the editor's choice is not out yet
    monkeypatch.setattr(frontpage, "SCAN", scan)
    page = frontpage.front_page(featured=3, latest=6, per_category=4)
    assert page.lead is None
    assert picked(page) == reference(3, 6, 4)


def test_old_featured_story_and_quiet_category_reach_the_home_page(
    client, newsroom, monkeypatch
):
    old_featured, quiet, quiet_ones, empty = newsroom
    monkeypatch.setattr(frontpage, "SCAN", 5)  # neither is among the newest rows

    html = client.get(reverse("home")).content.decode()
    featured = html[
        html.index('id="judul-unggulan"') : html.index('id="judul-terbaru"')
    ]
    assert old_featured.get_absolute_url() in featured
    block = html[html.index(f'id="kategori-{quiet.slug}"') :]
    for article in quiet_ones:
        assert html.count(f'href="{article.get_absolute_url()}"') == 1
        assert article.get_absolute_url() in block
    # Drafts and scheduled stories give their category no block.
    assert f'id="kategori-{empty.slug}"' not in html


def test_a_stale_card_is_rendered_from_its_template(client, newsroom):
    old_featured = newsroom[0]
    Article.objects.filter(pk=old_featured.pk).update(title="Judul diganti diam-diam")

    html = client.get(reverse("home")).content.decode()
    assert "Judul diganti diam-diam" in html
