"""The archives: a working month menu, 404 for empty periods, linked pages."""

from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def on(year, month, day=10):
    return timezone.make_aware(datetime(year, month, day, 9, 0))


@pytest.fixture
def archive():
    for day in (3, 12, 25):
        ArticleFactory(published_at=on(2025, 12, day))
    ArticleFactory(published_at=on(2025, 3))
    ArticleFactory(published_at=on(2024, 7))
    ArticleFactory(published_at=on(2025, 5), draft=True)


def month_links(html):
    menu = html[html.index('class="archive-months"') :]
    menu = menu[: menu.index("</nav>")]
    return [part.split('"', 1)[0] for part in menu.split('href="')[1:]]


def test_month_menu_names_each_month_once_linking_to_that_month(client, archive):
    html = client.get("/arsip/2025/12/").content.decode()
    # December had three articles on three days: one "Desember", not three.
    assert month_links(html) == ["/arsip/2025/3/", "/arsip/2025/12/"]
    assert 'href="/arsip/2025/12/" aria-current="page">Desember<' in html
    assert ">Maret<" in html


def test_year_page_lists_its_months(client, archive):
    html = client.get("/arsip/2025/").content.decode()
    assert month_links(html) == ["/arsip/2025/3/", "/arsip/2025/12/"]


@pytest.mark.parametrize(
    "path", ["/arsip/1900/", "/arsip/2999/", "/arsip/2025/5/", "/arsip/2025/1/"]
)
def test_periods_without_published_articles_are_404(client, archive, path):
    # 2025/5 has only a draft.
    assert client.get(path).status_code == 404


def test_archive_index_lists_years_and_months_and_is_linked_from_every_page(
    client, archive
):
    html = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("articles:archive")}"' in html

    html = client.get(reverse("articles:archive")).content.decode()
    assert html.index('href="/arsip/2025/"') < html.index('href="/arsip/2024/"')
    assert 'href="/arsip/2025/12/">Desember<' in html
    assert 'href="/arsip/2024/7/">Juli<' in html
    assert "/arsip/2025/5/" not in html
