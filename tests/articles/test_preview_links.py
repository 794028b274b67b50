from datetime import timedelta
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import PreviewLink
from tests.articles.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:articles_previewlink_add")


@pytest.fixture
def draft():
    article = ArticleFactory(draft=True, title="Draf untuk narasumber")
    SectionFactory(article=article, position=1, heading="Hasil wawancara")
    return article


def test_editor_creates_a_link_that_shows_the_draft_without_an_account(
    client, editor, draft
):
    client.force_login(editor)
    form = client.get(ADD_URL, {"article": draft.pk})
    assert form.status_code == 200
    response = client.post(ADD_URL, {"article": draft.pk, "duration": "24"})
    assert response.status_code == 302
    link = PreviewLink.objects.get()
    assert link.created_by == editor
    assert timedelta(hours=23) < link.expires_at - timezone.now() <= timedelta(hours=24)

    reader = Client()
    page = reader.get(link.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert "Draf untuk narasumber" in html and "1. Hasil wawancara" in html
    assert '<meta name="robots" content="noindex' in html
    assert "Pratinjau" in html
    assert "noindex" in page["X-Robots-Tag"]
    assert "no-store" in page["Cache-Control"] and "private" in page["Cache-Control"]
    # The draft itself stays hidden at its public address.
    assert reader.get(draft.get_absolute_url()).status_code == 404


def test_expired_and_revoked_links_are_404(client, editor, draft):
    link = PreviewLink.objects.create(
        article=draft, expires_at=timezone.now() + timedelta(hours=1)
    )
    url = link.get_absolute_url()
    assert client.get(url).status_code == 200
    later = link.expires_at
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert client.get(url).status_code == 404

    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_previewlink_changelist"),
        {"action": "revoke", "_selected_action": [link.pk]},
    )
    assert response.status_code == 302
    client.logout()
    link.refresh_from_db()
    assert link.revoked_at is not None
    assert client.get(url).status_code == 404


def test_a_link_opens_only_its_own_article(client, draft):
    other = ArticleFactory(draft=True, title="Draf lain yang rahasia")
    link = PreviewLink.objects.create(
        article=draft, expires_at=timezone.now() + timedelta(hours=1)
    )
    html = client.get(link.get_absolute_url()).content.decode()
    assert "Draf lain yang rahasia" not in html
    # Guessing or tampering with tokens leads nowhere.
    token = link.token
    for bad in (
        token[:-1] + ("A" if token[-1] != "A" else "B"),
        link.key,
        f"{other.pk}:{token.split(':')[1]}",
        "x" * 300,
    ):
        assert client.get(reverse("articles:preview", args=[bad])).status_code == 404


def test_writers_cannot_create_preview_links_for_others_drafts(client, writer, draft):
    client.force_login(writer)
    response = client.post(ADD_URL, {"article": draft.pk, "duration": "24"})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["article"]
    assert not PreviewLink.objects.exists()


def test_unknown_duration_is_a_form_error(client, editor, draft):
    client.force_login(editor)
    response = client.post(ADD_URL, {"article": draft.pk, "duration": "99999"})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["duration"]
    assert not PreviewLink.objects.exists()
