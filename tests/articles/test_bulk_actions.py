"""Editors' bulk actions on the article list: each article passes the same checks
as a single save, failures are named per article and left unchanged, and writers
do not get the actions (``articles/bulk.py``)."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles import revisions
from articles.models import Article, SearchDocument
from articles.reading import current_page
from tests.articles.factories import (
    ArticleFactory,
    CategoryFactory,
    FigureFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db

LIST_URL = reverse("admin:articles_article_changelist")


def act(client, action: str, articles, **extra):
    """The changelist's action form, as the browser posts it."""
    data = {
        "action": action,
        "index": "0",
        "select_across": "0",
        "_selected_action": [str(article.pk) for article in articles],
        **extra,
    }
    return client.post(LIST_URL, data, follow=True)


def confirm(client, action: str, articles, **fields):
    """The intermediate page's form, as the browser posts it."""
    data = {
        "action": action,
        "_selected_action": [str(article.pk) for article in articles],
        "apply": "Terapkan",
        **fields,
    }
    return client.post(LIST_URL, data, follow=True)


def texts(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def ready(**fields) -> Article:
    """A draft that passes every pre-publish check."""
    article = ArticleFactory(draft=True, **fields)
    SectionFactory(article=article, heading="Bagian", body="<p>Isi.</p>")
    return article


def snapshot(article) -> tuple:
    article = Article.objects.get(pk=article.pk)
    return (
        article.status,
        article.published_at,
        article.category_id,
        article.version,
        article.updated_at,
        sorted(article.tags.names()),
        len(revisions.article_versions(article)),
    )


# --- Publish --------------------------------------------------------------------------


def test_publishing_a_mixed_set_names_each_failure_and_publishes_the_rest(
    client, editor
):
    good = ready(title="Siap Terbit")
    no_intro = ready(title="Tanpa Pembuka", intro="")
    empty = ArticleFactory(draft=True, title="Bagian Kosong")
    SectionFactory(article=empty, heading="Kosong", body="")
    no_credit = ready(title="Gambar Tanpa Sumber")
    section = no_credit.sections.get()
    section.figure = FigureFactory(source="")
    section.save()
    already = ArticleFactory(title="Sudah Terbit")
    refused = {a.pk: snapshot(a) for a in (no_intro, empty, no_credit)}
    client.force_login(editor)

    response = act(
        client, "publish_selected", [good, no_intro, empty, no_credit, already]
    )

    messages = texts(response)
    assert "1 artikel diterbitkan: “Siap Terbit”." in messages
    assert "“Tanpa Pembuka” tidak diterbitkan: Isi paragraf pembuka." in messages
    assert (
        "“Bagian Kosong” tidak diterbitkan: Bagian 1 (“Kosong”): isinya masih kosong."
        in messages
    )
    assert (
        "“Gambar Tanpa Sumber” tidak diterbitkan: Bagian 1 (“Bagian”): gambar belum "
        "punya sumber." in messages
    )
    assert "Tidak berubah: “Sudah Terbit” (sudah terbit)." in messages
    # The failures are exactly as they were: nothing half-published.
    for article in (no_intro, empty, no_credit):
        assert snapshot(article) == refused[article.pk]
    # The published one is like a single save: new version, revision, search
    # document and compiled page, and readers see it.
    good = Article.objects.select_related("compiled_page").get(pk=good.pk)
    assert good.status == Article.Status.PUBLISHED and good.is_visible
    assert good.version == 2
    assert revisions.article_versions(good).first().revision.comment == (
        "Diterbitkan lewat aksi massal"
    )
    assert SearchDocument.objects.get(article=good).title == "Siap Terbit"
    assert current_page(good) is not None
    client.logout()
    assert client.get(good.get_absolute_url()).status_code == 200
    assert client.get(no_intro.get_absolute_url()).status_code == 404


def test_bulk_publish_keeps_a_scheduled_time_and_refuses_a_past_expiry(client, editor):
    later = timezone.now() + timedelta(days=2)
    scheduled = ready(title="Terjadwal", published_at=later)
    expired = ready(
        title="Kedaluwarsa",
        published_at=timezone.now() - timedelta(days=3),
        expires_at=timezone.now() - timedelta(days=1),
    )
    client.force_login(editor)

    response = act(client, "publish_selected", [scheduled, expired])

    scheduled.refresh_from_db()
    assert scheduled.is_scheduled and scheduled.published_at == later
    assert Article.objects.get(pk=expired.pk).status == Article.Status.DRAFT
    assert any(
        m.startswith("“Kedaluwarsa” tidak diterbitkan: Waktu tarik ")
        for m in texts(response)
    )


def test_bulk_change_makes_an_open_form_meet_the_conflict_check(client, editor):
    article = ready(title="Dibuka")
    client.force_login(editor)
    change = reverse("admin:articles_article_change", args=[article.pk])
    opened = client.get(change).context["adminform"].form["opened_version"].value()

    act(client, "publish_selected", [article])

    assert Article.objects.get(pk=article.pk).version == opened + 1


# --- Unpublish ------------------------------------------------------------------------


def test_unpublish_withdraws_published_articles_and_leaves_drafts(client, editor):
    live = ArticleFactory(title="Tayang")
    draft = ready(title="Masih Draf")
    client.force_login(editor)

    response = act(client, "unpublish_selected", [live, draft])

    assert "1 artikel ditarik dari situs: “Tayang”." in texts(response)
    assert "Tidak berubah: “Masih Draf” (belum terbit)." in texts(response)
    assert Article.objects.get(pk=live.pk).status == Article.Status.UNPUBLISHED
    client.logout()
    assert client.get(live.get_absolute_url()).status_code == 404


# --- Writers --------------------------------------------------------------------------


def test_writer_has_no_bulk_actions_even_by_crafted_post(client, writer):
    own = ready(title="Draf Sendiri", author=writer.author)
    client.force_login(writer)

    page = client.get(LIST_URL).content.decode()
    for action in ("publish_selected", "unpublish_selected", "move_selected"):
        assert f'value="{action}"' not in page
    assert 'value="tag_selected"' not in page
    before = snapshot(own)
    for action in ("publish_selected", "move_selected", "tag_selected"):
        act(client, action, [own])
        confirm(client, action, [own], category=CategoryFactory().pk, tag="x")

    assert snapshot(own) == before


def test_sales_cannot_reach_the_actions(client, sales):
    article = ready()
    client.force_login(sales)
    assert act(client, "publish_selected", [article]).status_code == 403
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT


# --- Change category through the intermediate form ------------------------------------


def test_move_to_category_asks_then_moves(client, editor):
    news = CategoryFactory(name="Berita")
    first, second = ArticleFactory(title="Satu"), ready(title="Dua")
    client.force_login(editor)

    page = act(client, "move_selected", [first, second])

    html = page.content.decode()
    assert page.status_code == 200
    assert "Pindahkan artikel ke kategori lain" in html
    assert "csrfmiddlewaretoken" in html
    assert "<li>Dua" in html and "<li>Satu" in html
    assert Article.objects.get(pk=first.pk).category != news

    response = confirm(client, "move_selected", [first, second], category=news.pk)

    assert "2 artikel dipindahkan ke Berita: “Dua”, “Satu”." in texts(response)
    assert set(Article.objects.values_list("category", flat=True)) == {news.pk}
    # The published page's breadcrumb names the new category.
    client.logout()
    assert ">Berita</a>" in client.get(first.get_absolute_url()).content.decode()


def test_move_without_a_category_is_asked_again_and_changes_nothing(client, editor):
    article = ArticleFactory(title="Satu")
    before = snapshot(article)
    client.force_login(editor)

    response = confirm(client, "move_selected", [article], category="")

    assert response.status_code == 200
    assert "Pilih kategori tujuan." in response.content.decode()
    assert snapshot(article) == before


def test_move_refuses_a_published_article_that_fails_the_checks(client, editor):
    broken = ArticleFactory(title="Terbit Tanpa Pembuka", intro="")
    before = snapshot(broken)
    client.force_login(editor)

    response = confirm(client, "move_selected", [broken], category=CategoryFactory().pk)

    assert "“Terbit Tanpa Pembuka” tidak dipindahkan: Isi paragraf pembuka." in texts(
        response
    )
    assert snapshot(broken) == before


def test_intermediate_form_refuses_a_cross_site_post(editor):
    article = ArticleFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)

    response = client.post(
        LIST_URL,
        {
            "action": "move_selected",
            "_selected_action": [str(article.pk)],
            "apply": "1",
            "category": CategoryFactory().pk,
        },
    )

    assert response.status_code == 403
    assert Article.objects.get(pk=article.pk).category == article.category


# --- Add a tag through the intermediate form ------------------------------------------


def test_add_tag_reuses_the_existing_spelling_and_reports_each_article(client, editor):
    Tag.objects.create(name="kafe", slug="kafe")
    plain = ArticleFactory(title="Polos")
    tagged = ArticleFactory(title="Sudah Bertag", tags=["kafe"])
    full = ArticleFactory(title="Penuh", tags=[f"tag {n}" for n in range(20)])
    client.force_login(editor)

    assert (
        "Tambahkan tag ke artikel"
        in act(client, "tag_selected", [plain]).content.decode()
    )
    response = confirm(client, "tag_selected", [plain, tagged, full], tag=" Kafé ")

    messages = texts(response)
    assert "1 artikel diberi tag kafe: “Polos”." in messages
    assert "“Penuh” tidak diberi tag: sudah punya 20 tag, batas terbanyak" in messages
    assert "Tidak berubah: “Sudah Bertag” (sudah punya tag ini)." in messages
    assert Tag.objects.filter(slug="kafe").count() == 1
    assert list(Article.objects.get(pk=plain.pk).tags.names()) == ["kafe"]
    assert "kafe" in SearchDocument.objects.get(article=plain).tags
    assert len(Article.objects.get(pk=full.pk).tags.names()) == 20
    client.logout()
    tag_page = client.get(reverse("articles:tag", args=["kafe"])).content.decode()
    assert "Polos" in tag_page


def test_add_tag_refuses_a_tag_without_letters(client, editor):
    article = ArticleFactory()
    client.force_login(editor)

    response = confirm(client, "tag_selected", [article], tag="!!!")

    assert "harus memuat huruf atau angka" in response.content.decode()
    assert list(Article.objects.get(pk=article.pk).tags.names()) == []
