"""Public reads go to the read replica; writes, the admin and staff use the primary.

Runs where DATABASE_REPLICA_URL is set (CI sets it to a second alias on the same
PostgreSQL server); elsewhere it skips, saying why.
"""

import pytest
from django.conf import settings
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.articles.factories import ArticleFactory

pytestmark = [
    pytest.mark.skipif(
        "replica" not in settings.DATABASES, reason="DATABASE_REPLICA_URL not set"
    ),
    pytest.mark.django_db(transaction=True, databases=["default", "replica"]),
]


@pytest.fixture(autouse=True)
def replica_reads(settings):
    settings.MIDDLEWARE = [
        settings.MIDDLEWARE[0],
        "wayahsinau.db_router.ReplicaReadsMiddleware",
        *settings.MIDDLEWARE[1:],
    ]


def queries_per_alias(client_call):
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        response = client_call()
    return response, len(primary.captured_queries), len(replica.captured_queries)


def test_anonymous_article_page_reads_from_the_replica(client):
    article = ArticleFactory()
    response, primary, replica = queries_per_alias(
        lambda: client.get(article.get_absolute_url())
    )
    assert response.status_code == 200
    assert replica > 0 and primary == 0


def test_admin_and_logged_in_staff_read_from_the_primary(client, staff_editor):
    article = ArticleFactory(draft=True)
    client.force_login(staff_editor)
    response, primary, replica = queries_per_alias(
        lambda: client.get(reverse("admin:articles_article_changelist"))
    )
    assert response.status_code == 200 and primary > 0 and replica == 0
    response, primary, replica = queries_per_alias(
        lambda: client.get(article.get_absolute_url())
    )
    assert response.status_code == 200 and primary > 0 and replica == 0


def test_writes_always_go_to_the_primary(client):
    with CaptureQueriesContext(connections["replica"]) as replica:
        ArticleFactory()
    assert not any("INSERT" in q["sql"] for q in replica.captured_queries)
