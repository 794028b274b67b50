"""Kept PostgreSQL connections: reused between requests, and replaced when the
server has dropped them (Django's ``CONN_HEALTH_CHECKS``)."""

import select
import time

import psycopg
import pytest
from django.db import connection

from articles.models import Article
from tests.articles.factories import ArticleFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="PostgreSQL only (DATABASE_URL)"
    ),
]


def start_of_a_request():
    # What Django runs (close_old_connections) when a request starts.
    connection.close_if_unusable_or_obsolete()


def test_a_healthy_kept_connection_serves_the_next_request():
    connection.settings_dict["CONN_MAX_AGE"] = 60  # kept between requests
    connection.close()
    connection.ensure_connection()
    kept = connection.connection
    backend = kept.info.backend_pid

    start_of_a_request()

    assert Article.objects.count() == 0
    assert connection.connection is kept
    assert connection.connection.info.backend_pid == backend


def test_a_connection_the_server_dropped_is_replaced_before_the_next_page():
    ArticleFactory(title="Masih terbaca")
    connection.settings_dict["CONN_MAX_AGE"] = 60  # kept between requests
    connection.close()
    connection.ensure_connection()
    dropped = connection.connection
    with psycopg.connect(
        **connection.get_connection_params(), autocommit=True
    ) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [dropped.info.backend_pid])
    poller = select.poll()
    poller.register(dropped.fileno(), select.POLLIN)
    deadline = time.monotonic() + 5
    while not poller.poll(50) and time.monotonic() < deadline:
        pass  # the server's goodbye arrives

    start_of_a_request()
    titles = list(Article.objects.values_list("title", flat=True))

    assert titles == ["Masih terbaca"]
    assert connection.connection is not dropped
