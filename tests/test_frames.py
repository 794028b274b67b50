"""Article pages joined into a kept frame (wayahsinau/frames.py): each reader gets
their article's own parts, the category's own ads, a fresh menu, and nothing of
anybody else's page."""

import io
from unittest import mock

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.test.signals import template_rendered

from ads.models import DailyStat
from tests.ads.factories import UA_BROWSER, SlotFactory, placed
from tests.articles.factories import ArticleFactory, CategoryFactory, SectionFactory
from wayahsinau import frames

pytestmark = [
    pytest.mark.django_db,
    # Every request renders its page, as in the benchmark's cold run.
    pytest.mark.usefixtures("no_page_cache"),
]


@pytest.fixture
def no_page_cache():
    with override_settings(WAYAHSINAU_PAGE_CACHE=False):
        yield


@pytest.fixture
def reader(client):
    client.defaults["HTTP_USER_AGENT"] = UA_BROWSER
    return client


@pytest.fixture
def renders():
    """The templates rendered, by name, while the test runs."""
    names = []

    def note(sender, template, context, **kwargs):
        names.append(template.name)

    template_rendered.connect(note)
    yield names
    template_rendered.disconnect(note)


def test_articles_of_a_category_share_one_frame_but_show_only_their_own_parts(
    reader, renders
):
    category = CategoryFactory(name="Kuliner")
    first = ArticleFactory(
        title="Soto & <b>sambal</b>",
        intro="<p>Kuah bening dari Lamongan.</p>",
        category=category,
    )
    SectionFactory(article=first, heading="Bahan utama")
    second = ArticleFactory(
        title="Rawon hitam", intro="<p>Kluwek yang legam.</p>", category=category
    )

    first_html = reader.get(first.get_absolute_url()).content.decode()
    second_html = reader.get(second.get_absolute_url()).content.decode()
    again = reader.get(first.get_absolute_url()).content.decode()

    # The layout was rendered once; later pages only joined their parts into it.
    assert renders.count("articles/article_detail.html") == 1
    assert "<title>Soto &amp; &lt;b&gt;sambal&lt;/b&gt; – Wayah Sinau</title>" in (
        first_html
    )
    assert "<title>Rawon hitam – Wayah Sinau</title>" in second_html
    assert "Kuah bening dari Lamongan." in first_html
    assert "Kuah bening dari Lamongan." not in second_html
    assert "Bahan utama" not in second_html
    assert 'content="Rawon hitam' in second_html  # its own metadata
    assert "Kuliner" in second_html  # the menu, from the frame
    assert again == first_html


def test_a_page_from_a_frame_has_no_marker_left(reader):
    SlotFactory(key="header")
    html = reader.get(ArticleFactory().get_absolute_url()).content.decode()
    assert "<!--frame:" not in html and "<!--ad-slot:" not in html


def test_each_category_gets_its_own_ads_and_each_request_its_own_count(reader):
    sidebar = SlotFactory(key="sidebar")
    gaya, bisnis = CategoryFactory(name="Gaya Hidup"), CategoryFactory(name="Bisnis")
    block = placed(sidebar, title="Promo khusus gaya hidup", category=gaya)

    in_gaya = ArticleFactory(category=gaya).get_absolute_url()
    in_bisnis = ArticleFactory(category=bisnis).get_absolute_url()
    for _ in range(3):
        assert "Promo khusus gaya hidup" in reader.get(in_gaya).content.decode()
        assert "Promo khusus gaya hidup" not in reader.get(in_bisnis).content.decode()

    call_command("flush_counters", stdout=io.StringIO(), stderr=io.StringIO())
    # One per page that showed it; rendering the frame counted none.
    assert DailyStat.objects.get(block=block).impressions == 3


def test_a_renamed_category_reaches_the_menu_on_the_next_article_page(reader):
    category = CategoryFactory(name="Wisata Lama")
    article = ArticleFactory(category=category)
    assert "Wisata Lama" in reader.get(article.get_absolute_url()).content.decode()

    category.name = "Wisata Baru"
    category.save()

    html = reader.get(article.get_absolute_url()).content.decode()
    assert "Wisata Baru" in html and "Wisata Lama" not in html


def test_a_staff_preview_never_leaves_its_banner_in_a_readers_frame(
    client, reader, staff_editor
):
    category = CategoryFactory()
    draft = ArticleFactory(draft=True, title="Draf rahasia", category=category)
    published = ArticleFactory(title="Sudah terbit", category=category)

    client.force_login(staff_editor)
    preview = client.get(draft.get_absolute_url()).content.decode()
    assert "Pratinjau" in preview and "noindex" in preview

    html = reader.get(published.get_absolute_url()).content.decode()
    assert "Pratinjau" not in html and "noindex" not in html
    assert "Draf rahasia" not in html


def test_a_frame_is_rendered_again_after_a_minute(reader, renders):
    article = ArticleFactory()
    reader.get(article.get_absolute_url())
    reader.get(article.get_absolute_url())
    assert renders.count("articles/article_detail.html") == 1

    later = frames.time.monotonic() + frames.PAGE_SECONDS + 1
    with mock.patch.object(frames.time, "monotonic", return_value=later):
        reader.get(article.get_absolute_url())
    assert renders.count("articles/article_detail.html") == 2


def test_a_template_that_loses_a_hole_is_refused():
    html = "<title>SOTO</title><main><!--frame:article_html--></main>"
    with pytest.raises(frames.FrameError, match="page_title"):
        frames._tokens(html, ("page_title", "article_html"))
    with pytest.raises(frames.FrameError, match="unknown"):
        frames._tokens("<!--frame:unknown-->", ("page_title",))


def test_a_form_with_a_csrf_token_cannot_be_shared_in_a_frame():
    html = (
        '<form method="post"><input type="hidden" name="csrfmiddlewaretoken" '
        'value="abc"></form><!--frame:article_html-->'
    )
    with pytest.raises(frames.FrameError, match="CSRF"):
        frames._tokens(html, ("article_html",))


def test_an_unrelated_article_has_no_related_section(reader):
    lonely = ArticleFactory(category=None, title="Sendirian")
    html = reader.get(lonely.get_absolute_url()).content.decode()
    assert 'class="related"' not in html
    assert "<title>Sendirian – Wayah Sinau</title>" in html


def test_frames_are_kept_for_a_bounded_number_of_layouts(reader):
    for _ in range(frames.LOCAL_FRAMES + 3):
        reader.get(ArticleFactory(category=CategoryFactory()).get_absolute_url())
    assert len(frames._frames) <= frames.LOCAL_FRAMES
