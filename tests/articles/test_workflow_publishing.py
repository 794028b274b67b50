from datetime import datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.articles.admin_forms import article_post_data
from tests.articles.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    FigureFactory,
    SectionFactory,
)
from tests.articles.test_roles import change_data, change_url
from tests.images import jpeg_upload

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:articles_article_add")
JAKARTA = ZoneInfo("Asia/Jakarta")


def surfaces(article):
    return [
        reverse("home"),
        article.category.get_absolute_url(),
        article.author.get_absolute_url(),
        reverse("articles:tag", args=["jadwal"]),
    ]


def visible_everywhere(client, article) -> list[bool]:
    found = [client.get(article.get_absolute_url()).status_code == 200]
    for url in surfaces(article):
        response = client.get(url)
        assert response.status_code == 200, url
        found.append(article.title in response.content.decode())
    return found


def test_scheduled_and_expiring_article_comes_and_goes_exactly_on_time(client):
    # Entered in Jakarta time, as editors do.
    starts = datetime(2026, 12, 1, 7, 0, tzinfo=JAKARTA)
    ends = datetime(2026, 12, 8, 7, 0, tzinfo=JAKARTA)
    article = ArticleFactory(
        title="Liputan khusus sepekan",
        published_at=starts,
        expires_at=ends,
        tags=["jadwal"],
    )
    second = timedelta(seconds=1)
    moments = {
        starts - second: False,
        starts: True,
        ends - second: True,
        ends: False,
        ends + timedelta(days=30): False,
    }
    for moment, expected in moments.items():
        with mock.patch("django.utils.timezone.now", return_value=moment):
            assert visible_everywhere(client, article) == [expected] * 5, moment
            assert Article.objects.get(pk=article.pk).is_visible is expected


@pytest.mark.parametrize("status", ["unpublished", "review"])
def test_unpublished_and_in_review_articles_stay_off_every_surface(client, status):
    article = ArticleFactory(title="Sudah ditarik", status=status, tags=["jadwal"])
    assert visible_everywhere(client, article) == [False] * 5


def test_unpublish_time_before_publish_time_is_a_form_error(client, editor):
    client.force_login(editor)
    data = article_post_data(
        CategoryFactory(),
        AuthorFactory(),
        [{"heading": "Satu", "body": "<p>Isi.</p>"}],
        expires_at_0="2020-01-01",
        expires_at_1="08:00:00",
    )
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "Waktu tarik harus setelah waktu terbit." in response.content.decode()
    assert not Article.objects.exists()


def test_publishing_lists_every_problem_and_saves_nothing(client, editor):
    client.force_login(editor)
    data = article_post_data(
        CategoryFactory(),
        AuthorFactory(),
        [
            {"heading": "Kosong", "body": "<p>&nbsp;</p>"},
            {
                "heading": "Bergambar",
                "body": "<p>Isi.</p>",
                "figure_image": jpeg_upload(),
                "figure_alt_text": "Ilustrasi pasar pagi",
                "figure_caption": "Pasar pagi",
                "figure_source": "",
            },
        ],
        intro="",
        status="published",
    )
    data.update(category="", author="")
    response = client.post(ADD_URL, data)

    assert response.status_code == 200
    html = response.content.decode()
    for problem in (
        "Artikel belum bisa terbit:",
        "Pilih kategori.",
        "Pilih penulis.",
        "Isi paragraf pembuka.",
        "Bagian 1 (“Kosong”): isinya masih kosong.",
        "Bagian 2 (“Bergambar”): gambar belum punya sumber.",
    ):
        assert problem in html
    assert not Article.objects.exists()
    # What the editor typed is still there.
    assert response.context["adminform"].form["title"].value() == data["title"]


def test_the_same_article_saves_as_a_draft(client, editor):
    client.force_login(editor)
    data = article_post_data(
        CategoryFactory(),
        AuthorFactory(),
        [{"heading": "Kosong", "body": ""}],
        intro="",
        status="draft",
    )
    data.update(category="")
    assert client.post(ADD_URL, data).status_code == 302
    assert Article.objects.get().status == Article.Status.DRAFT


def test_cover_without_source_blocks_publishing(client, editor):
    article = ArticleFactory(draft=True, cover=FigureFactory(source=""))
    SectionFactory(article=article, position=1)
    client.force_login(editor)
    data = change_data(article, status="published", cover=str(article.cover_id))
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    assert "Gambar sampul: gambar belum punya sumber." in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_long_title_is_a_warning_not_a_refusal(client, editor):
    client.force_login(editor)
    title = "Panduan lengkap memilih sekolah dasar yang cocok untuk anak di kota besar"
    data = article_post_data(
        CategoryFactory(),
        AuthorFactory(),
        [{"heading": "Satu", "body": "<p>Isi.</p>"}],
        title=title,
    )
    response = client.post(ADD_URL, data, follow=True)
    assert Article.objects.get().is_visible
    assert "hasil pencarian akan memotongnya" in response.content.decode()


def test_writer_sees_the_checklist_on_their_draft(client, writer):
    article = ArticleFactory(draft=True, author=writer.author, intro="")
    SectionFactory(article=article, position=1, heading="Awal", body="")
    client.force_login(writer)
    html = client.get(change_url(article)).content.decode()
    assert "Daftar periksa sebelum terbit" in html
    assert "Isi paragraf pembuka." in html
    assert "Bagian 1 (“Awal”): isinya masih kosong." in html

    article.intro = "<p>Pembuka.</p>"
    article.save()
    article.sections.update(body="<p>Isi.</p>")
    assert "Siap terbit." in client.get(change_url(article)).content.decode()


def test_publishing_in_the_past_shows_at_once_and_future_is_scheduled(client, editor):
    client.force_login(editor)
    future = timezone.localtime() + timedelta(days=2)
    data = article_post_data(
        CategoryFactory(),
        AuthorFactory(),
        [{"heading": "Satu", "body": "<p>Isi.</p>"}],
        title="Terbit lusa",
        published_at_0=future.strftime("%Y-%m-%d"),
        published_at_1=future.strftime("%H:%M:%S"),
    )
    assert client.post(ADD_URL, data).status_code == 302
    article = Article.objects.get()
    assert article.is_scheduled and not article.is_visible
    listing = client.get(reverse("admin:articles_article_changelist"))
    assert "Terjadwal" in listing.content.decode()


def test_publishing_without_a_time_publishes_now(client, editor):
    client.force_login(editor)
    moment = timezone.now()
    data = article_post_data(
        CategoryFactory(),
        AuthorFactory(),
        [{"heading": "Satu", "body": "<p>Isi.</p>"}],
        published_at_0="",
        published_at_1="",
    )
    with mock.patch("django.utils.timezone.now", return_value=moment):
        assert client.post(ADD_URL, data).status_code == 302
    article = Article.objects.get()
    assert article.published_at == moment and article.is_visible
