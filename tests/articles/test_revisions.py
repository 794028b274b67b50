from datetime import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.db import DatabaseError
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from articles.models import Article, Figure, Section
from tests.articles.factories import ArticleFactory, FigureFactory, SectionFactory
from tests.articles.test_roles import change_data, change_url

pytestmark = pytest.mark.django_db


def revisions_url(article):
    return reverse("admin:articles_article_revisions", args=[article.pk])


def restore_url(article, version):
    return reverse("admin:articles_article_restore", args=[article.pk, version.pk])


@pytest.fixture
def article():
    article = ArticleFactory(
        title="Resep rendang rumahan", tags=["kuliner", "resep"], version=1
    )
    SectionFactory(
        article=article,
        position=1,
        heading="Bahan",
        body="<p>Daging sapi dan santan.</p>",
        figure=FigureFactory(caption="Bahan rendang", source="arsip redaksi"),
    )
    SectionFactory(article=article, position=2, heading="Cara memasak")
    return article


def save_through_admin(client, article, **fields):
    article.refresh_from_db()
    response = client.post(change_url(article), change_data(article, **fields))
    assert response.status_code == 302, (
        response.context["adminform"].form.errors if response.context else response
    )
    article.refresh_from_db()
    return response


def test_every_admin_save_stores_a_whole_revision(client, editor, article):
    client.force_login(editor)
    save_through_admin(client, article, title="Resep rendang padang")

    version = Version.objects.get_for_object(article).get()
    assert version.revision.user == editor
    stored = {v.content_type.model for v in version.revision.version_set.all()}
    assert {"article", "section", "figure", "taggeditem", "tag"} <= stored
    assert version.field_dict["title"] == "Resep rendang padang"


def test_history_shows_a_readable_diff_between_two_revisions(client, editor, article):
    client.force_login(editor)
    save_through_admin(client, article)
    data = change_data(article, title="Resep rendang padang", tags="kuliner")
    data["sections-0-body"] = "<p>Daging sapi, santan, dan cabai.</p>"
    article.refresh_from_db()
    assert client.post(change_url(article), data).status_code == 302
    newer, older = Version.objects.get_for_object(article)

    page = client.get(revisions_url(article), {"a": older.pk, "b": newer.pk})

    assert page.status_code == 200
    diff = page.context["diff"]
    assert ("remove", "Judul: Resep rendang rumahan") in diff
    assert ("add", "Judul: Resep rendang padang") in diff
    assert ("remove", "Tag: kuliner, resep") in diff
    assert ("add", "Tag: kuliner") in diff
    assert ("add", "Daging sapi, santan, dan cabai.") in diff
    assert ("same", "Status: Terbit") in diff
    html = page.content.decode()
    assert "redaktur" in html and "Pulihkan" in html
    # Nonsense in the query string is ignored, never a 500.
    assert (
        client.get(revisions_url(article), {"a": "x", "b": "9999"}).status_code == 200
    )


def test_restore_is_one_post_and_becomes_a_new_revision(client, editor, article):
    client.force_login(editor)
    save_through_admin(client, article)  # revision 1: the original
    original = Version.objects.get_for_object(article).get()
    data = change_data(article, title="Judul baru", tags="baru")
    data["sections-1-DELETE"] = "on"
    data["sections-0-figure_remove"] = "on"
    for name in ("alt_text", "caption", "source"):
        data[f"sections-0-figure_{name}"] = ""
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.sections.count() == 1 and article.version == 3

    assert client.get(restore_url(article, original)).status_code == 405
    response = client.post(restore_url(article, original))

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Resep rendang rumahan"
    assert sorted(article.tags.names()) == ["kuliner", "resep"]
    sections = list(article.sections.order_by("position"))
    assert [s.heading for s in sections] == ["Bahan", "Cara memasak"]
    assert sections[0].figure.source == "arsip redaksi"
    assert article.version == 4  # a restore is a save: open forms become stale
    assert Version.objects.get_for_object(article).count() == 3
    assert "Dipulihkan" in Version.objects.get_for_object(article)[0].revision.comment
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<h2>2. Cara memasak</h2>" in page


def test_restore_keeps_the_current_publication_state(client, editor, article):
    client.force_login(editor)
    save_through_admin(client, article)
    published = Version.objects.get_for_object(article).get()
    save_through_admin(client, article, status="unpublished")
    client.post(restore_url(article, published))
    article.refresh_from_db()
    assert article.status == Article.Status.UNPUBLISHED


def test_restore_needs_csrf_and_change_permission(editor, writer, article):
    client = Client()
    client.force_login(editor)
    save_through_admin(client, article)
    version = Version.objects.get_for_object(article).get()
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(editor)
    assert csrf_client.post(restore_url(article, version)).status_code == 403

    client.force_login(writer)  # not their article
    assert client.post(restore_url(article, version)).status_code == 404


def test_two_editors_a_saves_then_b_is_refused_with_text_kept(
    client, editor, writer, article
):
    # A (the editor) and B (a second editor) open the same article.
    b_user = type(editor).objects.create_user(
        "redaktur2", password="rahasia-uji-123", is_staff=True
    )
    b_user.groups.set(editor.groups.all())
    form_a = change_data(article)
    form_b = change_data(article)
    a_moment = datetime(2026, 11, 27, 14, 5, tzinfo=ZoneInfo("Asia/Jakarta"))

    client.force_login(editor)
    form_a["title"] = "Versi A"
    with mock.patch("django.utils.timezone.now", return_value=a_moment):
        assert client.post(change_url(article), form_a).status_code == 302

    b = Client()
    b.force_login(b_user)
    form_b["title"] = "Versi B yang diketik panjang"
    form_b["sections-1-body"] = "<p>Tulisan B yang tidak boleh hilang.</p>"
    response = b.post(change_url(article), form_b)

    assert response.status_code == 200
    html = response.content.decode()
    assert "sudah diubah oleh Bima Sakti pada 27 November 2026 14:05" in html
    form = response.context["adminform"].form
    assert form["title"].value() == "Versi B yang diketik panjang"
    inline = response.context["inline_admin_formsets"][0].formset
    assert (
        inline.forms[1]["body"].value() == "<p>Tulisan B yang tidak boleh hilang.</p>"
    )
    article.refresh_from_db()
    assert article.title == "Versi A"
    assert article.version == 2

    # Having seen the warning, B may save on purpose: the form now carries v2.
    assert form["opened_version"].value() == "2"
    form_b["opened_version"] = "2"
    assert b.post(change_url(article), form_b).status_code == 302
    article.refresh_from_db()
    assert article.title == "Versi B yang diketik panjang"


def test_a_database_error_mid_save_leaves_the_previous_version_intact(
    client, editor, article
):
    client.force_login(editor)
    before = (
        article.title,
        sorted(article.tags.names()),
        list(article.sections.values_list("heading", "body", "figure_id")),
        Figure.objects.count(),
    )
    data = change_data(article, title="Setengah tersimpan", tags="lain")
    data["sections-0-heading"] = "Bahan baru"
    data["sections-1-heading"] = "Cara baru"
    real_save = Section.save
    calls = []

    def failing_save(self, *args, **kwargs):
        calls.append(self.heading)
        if len(calls) == 2:
            raise DatabaseError("server closed the connection unexpectedly")
        return real_save(self, *args, **kwargs)

    with mock.patch.object(Section, "save", failing_save):
        response = client.post(change_url(article), data)

    assert len(calls) >= 2
    assert response.status_code == 200
    html = response.content.decode()
    assert "Penyimpanan gagal" in html and "versi sebelumnya tetap utuh" in html
    assert response.context["adminform"].form["title"].value() == "Setengah tersimpan"
    article.refresh_from_db()
    after = (
        article.title,
        sorted(article.tags.names()),
        list(article.sections.values_list("heading", "body", "figure_id")),
        Figure.objects.count(),
    )
    assert after == before
    assert article.version == 1
    assert not Version.objects.get_for_object(article).exists()

    # The next save works, so nothing is stuck.
    assert client.post(change_url(article), data).status_code == 302


def test_diff_shows_hostile_titles_literally(client, editor, article):
    client.force_login(editor)
    save_through_admin(client, article)
    save_through_admin(
        client, article, title='"><script>alert(1)</script>{{ request }}'
    )
    newer, older = Version.objects.get_for_object(article)
    html = client.get(revisions_url(article), {"a": older.pk, "b": newer.pk})
    html = html.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;{{ request }}" in html
