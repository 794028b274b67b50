"""Without Redis each process keeps its pages in its own memory; the version keys
live where every process reads them (``settings.CACHES["versions"]``: files),
so a change saved by another process shows on this one's next request."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

from articles.models import Article
from tests.ads.factories import UA_BROWSER
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def in_another_process(code: str) -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "wayahsinau.settings.test"}
    if "LOCATION" in settings.CACHES["versions"] and not os.environ.get("REDIS_URL"):
        env["DJANGO_VERSIONS_DIR"] = settings.CACHES["versions"]["LOCATION"]
    subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
    )


def test_an_article_unpublished_by_another_process_is_gone_on_the_next_request(
    client,
):
    client.defaults["HTTP_USER_AGENT"] = UA_BROWSER
    article = ArticleFactory(title="Tampil di semua proses")
    url = article.get_absolute_url()
    assert client.get(url).status_code == 200  # rendered, kept by this process
    # The row changes with no signal in this process: the other process's save.
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
    assert client.get(url).status_code == 200  # nothing told this process yet

    # That process's signal moves the shared generation on.
    in_another_process(
        "from articles.caching import bump_generation; bump_generation()"
    )

    assert client.get(url).status_code == 404


def test_the_site_without_redis_keeps_its_versions_in_files():
    """``make run`` and a plain deploy without ``REDIS_URL``: dev and prod."""
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL",)}
    env.update(
        DJANGO_SECRET_KEY="x" * 50, DJANGO_ALLOWED_HOSTS="localhost", DATABASE_URL=""
    )
    for module in ("wayahsinau.settings.dev", "wayahsinau.settings.prod"):
        out = subprocess.run(
            [
                sys.executable,
                "-c",
                "from django.conf import settings; "
                "print(settings.CACHES['versions']['BACKEND'])",
            ],
            cwd=settings.BASE_DIR,
            env={**env, "DJANGO_SETTINGS_MODULE": module},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        assert out == "django.core.cache.backends.filebased.FileBasedCache", module
