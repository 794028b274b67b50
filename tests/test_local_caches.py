"""Per-process caches register with ``articles.localcache``; one call resets them
all, as ``tests/conftest.py`` does before each test."""

import pytest

from articles.localcache import local_cache, reset_local_caches
from tests.ads.factories import UA_BROWSER
from tests.articles.factories import ArticleFactory
from tests.test_page_cache import shared_cache_calls
from wayahsinau import pagecache


def test_a_registered_cache_is_emptied_by_the_one_reset():
    kept = local_cache({"halaman": "lama"})
    reset_local_caches()
    assert kept == {}


@pytest.mark.django_db
def test_after_the_reset_a_process_reads_its_pages_from_the_shared_cache(client):
    """The page cache's kept pages are registered: once reset, a hit reads the
    page from the shared cache again instead of this process's copy."""
    client.defaults["HTTP_USER_AGENT"] = UA_BROWSER
    url = ArticleFactory(title="Disimpan lalu dilupakan").get_absolute_url()
    client.get(url)  # stored, and kept by this process

    reset_local_caches()
    with shared_cache_calls() as calls:
        html = client.get(url).content.decode()
    assert "Disimpan lalu dilupakan" in html
    keys = [
        key
        for name, (names, *_rest), _kw in calls
        if name == "get_many"
        for key in names
    ]
    # The page itself, the generation and the ads version, together.
    assert len(keys) == 3
    assert {pagecache.GENERATION_KEY, pagecache.ADS_VERSION_KEY} < set(keys)
    assert any(key.startswith("pages:page:") for key in keys)
