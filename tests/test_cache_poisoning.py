"""Nobody can change what the page cache gives the next reader through a query string,
or fill the cache with copies of one page (issue 16, point 4)."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from articles.addresses import canonical_redirect
from articles.localcache import reset_local_caches
from tests.ads.factories import UA_BROWSER
from tests.articles.factories import ArticleFactory, AuthorFactory, CategoryFactory
from wayahsinau import pagecache

pytestmark = pytest.mark.django_db

ATTACKER = "utm_source=penyerang-x7&ref=jebakan-q9&zz=sampah-k3"
ATTACKER_VALUES = ("penyerang-x7", "jebakan-q9", "sampah-k3", "utm_source", "zz=")


@pytest.fixture
def reader(client):
    client.defaults["HTTP_USER_AGENT"] = UA_BROWSER
    return client


@pytest.fixture
def listing():
    """A category, a tag and an author with two pages of articles each."""
    category = CategoryFactory(name="Pendidikan", slug="pendidikan")
    author = AuthorFactory(name="Sri Lestari", slug="sri-lestari")
    ArticleFactory.create_batch(14, category=category, author=author, tags=["kopi"])
    return {
        "category": category.get_absolute_url(),
        "tag": reverse("articles:tag", args=["kopi"]),
        "author": author.get_absolute_url(),
    }


def cold():
    cache.clear()
    reset_local_caches()


@pytest.mark.parametrize("kind", ["category", "tag", "author"])
@pytest.mark.parametrize("page", ["", "page=2&"])
def test_a_poisoned_first_request_changes_nothing_the_next_reader_gets(
    reader, listing, kind, page
):
    url = listing[kind] + "?" + page.rstrip("&")
    clean = reader.get(url).content.decode()
    cold()

    # The attacker is first while the cache is cold, and is answered normally.
    assert reader.get(listing[kind] + "?" + page + ATTACKER).status_code == 200
    served = reader.get(url)

    assert served.status_code == 200
    html = served.content.decode()
    for value in ATTACKER_VALUES:
        assert value not in html
    assert html == clean


def test_pagination_links_carry_only_the_page_number(reader, listing):
    url = listing["category"]
    first = reader.get(url + "?" + ATTACKER).content.decode()
    assert 'rel="next" href="?page=2"' in first
    second = reader.get(url + "?page=2&" + ATTACKER).content.decode()
    # Page 1 has no parameter at all: its one address.
    assert f'rel="prev" href="{url}"' in second


def test_search_links_carry_the_query_and_the_page_only(client):
    ArticleFactory.create_batch(12, title="Tips hemat belanja")
    first = client.get(reverse("search"), {"q": "hemat", "zz": "sampah-k3"})
    html = first.content.decode()
    assert 'rel="next" href="?q=hemat&amp;page=2"' in html
    assert "sampah-k3" not in html
    second = client.get(reverse("search"), {"q": "hemat", "page": "2", "zz": "x"})
    assert 'rel="prev" href="/cari/?q=hemat"' in second.content.decode()


NON_CANONICAL = {
    "02": "?page=2",
    "002": "?page=2",
    "+2": "?page=2",
    " 2": "?page=2",
    "2 ": "?page=2",
    "٢": "?page=2",  # Arabic-Indic two
    "２": "?page=2",  # fullwidth two
    "0_2": "?page=2",
    "1": "",
    "01": "",
    "": "",
}


@pytest.mark.parametrize(("page", "target"), NON_CANONICAL.items())
def test_a_page_number_written_otherwise_is_a_301_to_the_canonical_address(
    reader, listing, page, target
):
    for url in (*listing.values(), reverse("articles:archive-year", args=[2026])):
        response = reader.get(url, {"page": page, "utm_source": "penyerang-x7"})
        assert response.status_code == 301, (url, page)
        # The same path, and nothing the request brought but the page number.
        assert response["Location"] == url + target


def test_search_redirects_to_its_canonical_page_keeping_the_query(client):
    response = client.get(reverse("search"), {"q": "kopi", "page": "٢", "zz": "x"})
    assert response.status_code == 301
    assert response["Location"] == "/cari/?q=kopi&page=2"


@pytest.mark.parametrize("page", ["abc", "2.5", "-1", "0", "00", "1e3", "last"])
def test_what_names_no_page_is_a_404(reader, listing, page):
    response = reader.get(listing["category"], {"page": page})
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_a_huge_page_number_is_a_404(reader, listing):
    for page in ("9" * 30, "0" * 5000 + "2", "9" * 5000):
        assert reader.get(listing["category"], {"page": page}).status_code == 404


def test_sitemap_pages_have_one_address_each(reader, listing):
    url = reverse("sitemap-section", args=["artikel"])
    assert reader.get(url).status_code == 200
    response = reader.get(url, {"p": "01"})
    assert response.status_code == 301
    assert response["Location"] == url
    assert reader.get(url, {"p": "abc"}).status_code == 404


@pytest.mark.parametrize("query", ["page=2", "p=3", "page=abc", "page=1&p=1"])
def test_pages_without_pages_drop_a_page_number(reader, query):
    article = ArticleFactory()
    for url in (reverse("home"), article.get_absolute_url(), reverse("articles:feed")):
        response = reader.get(url + "?" + query + "&utm_source=x")
        assert response.status_code == 301, url
        assert response["Location"] == url


def test_a_redirect_never_leaves_the_site():
    for path in ("//jahat.example/", "/\\jahat.example/", "///jahat.example/"):
        request = RequestFactory().get(path, {"page": "02"})
        response = canonical_redirect(request, "page")
        location = response["Location"]
        assert location.startswith("/") and location[1] not in "/\\", location


def test_one_path_keeps_a_bounded_number_of_copies(reader, listing):
    url = listing["category"]
    stored = set()
    keep = pagecache.cache.set

    def counting_set(key, *args, **kwargs):
        if key.startswith("pages:page:"):
            stored.add(key)
        return keep(key, *args, **kwargs)

    kinds = [
        "utm_source=x{n}&ref=r{n}",  # ignored: the clean page's own copy
        "page={zeros}2&n={n}",  # 301
        "page=+2&t={n}",  # 301
        "p={n}",  # not a list's parameter: 301
        "page=x{n}",  # 404
        "page={past}",  # past the last page: 404
    ]
    junk = [
        kinds[n % len(kinds)].format(n=n, zeros="0" * (n % 40 + 1), past=n + 3)
        for n in range(1000)
    ]
    with mock.patch.object(pagecache.cache, "set", counting_set):
        for query in junk:
            assert reader.get(url + "?" + query).status_code in (200, 301, 404)
        assert reader.get(url + "?page=2").status_code == 200

    # Page 1 and page 2, whatever came before them.
    assert len(stored) == 2
    assert len(pagecache._local_pages) == 2
