"""A first visit to an article on a phone stays light (issue 6: under 500 KB)."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command

from articles import demo_content
from articles.caching import bump_generation
from articles.models import Article, Figure
from tests.pages import load_demo
from wayahsinau.page_weight import first_visit_weight, pick_from_srcset

pytestmark = pytest.mark.django_db

BUDGET_BYTES = 500_000


def test_every_demo_figure_has_renditions():
    load_demo()

    figures = list(Figure.objects.all())
    assert figures
    for figure in figures:
        assert figure.picture is not None, figure.alt_text
        for item in figure.renditions["items"]:
            assert default_storage.exists(item["name"])


@pytest.mark.parametrize("index", [0, 1], ids=["seed-like", "every-block"])
def test_article_first_visit_on_a_phone_stays_under_500_kb(client, index):
    load_demo()
    article = Article.objects.get(slug=demo_content.ARTICLES[index]["slug"])

    response = client.get(article.get_absolute_url(), HTTP_USER_AGENT="Mozilla/5.0")
    weight = first_visit_weight(response.content, viewport_px=480)

    print(f"\n{article.slug}: first visit at 480 px = {weight.summary()}")
    assert weight.css > 0 and weight.html > 10_000
    # The cover and the section figures come as 480 px WebP copies, not originals;
    # so do the covers of the related articles.
    own = [article.cover] + [s.figure for s in article.sections.all() if s.figure]
    for figure in own:
        small = next(
            item["name"]
            for item in figure.renditions["items"]
            if (item["width"], item["format"]) == (480, "webp")
        )
        assert default_storage.url(small) in weight.image_urls
    figure_urls = [url for url in weight.image_urls if "/figures/" in url]
    assert all(url.endswith("-480w.webp") for url in figure_urls)
    assert weight.total < BUDGET_BYTES, weight.summary()


def test_originals_would_cost_more_than_the_renditions(client):
    load_demo()
    article = Article.objects.get(slug=demo_content.ARTICLES[0]["slug"])
    html = client.get(article.get_absolute_url()).content

    def figure_bytes(weight):
        return sum(
            default_storage.size(url.removeprefix("/media/"))
            for url in weight.image_urls
            if "/figures/" in url
        )

    served = figure_bytes(first_visit_weight(html))
    Figure.objects.update(renditions={})  # as before renditions: the originals
    # A raw update sends no signal: make cached pages stale and compile the
    # articles' pages again by hand.
    bump_generation()
    call_command("compile_articles", "--all", stdout=io.StringIO())
    original = figure_bytes(
        first_visit_weight(client.get(article.get_absolute_url()).content)
    )

    print(f"\nfigures: {served} bytes as renditions, {original} as originals")
    assert served < original / 2


def test_srcset_pick_is_the_smallest_candidate_wide_enough():
    srcset = "/a-480w.webp 480w, /a-800w.webp 800w, /a-1200w.webp 1200w"
    assert pick_from_srcset(srcset, 480) == "/a-480w.webp"
    assert pick_from_srcset(srcset, 700) == "/a-800w.webp"
    assert pick_from_srcset(srcset, 2000) == "/a-1200w.webp"
    assert pick_from_srcset("/kecil-300w.webp 300w", 480) == "/kecil-300w.webp"
