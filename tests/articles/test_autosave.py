"""Autosave of unpublished articles: who may autosave what, what is kept, and
how the next visit offers it back (``articles/autosave.py``)."""

import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article, ArticleAutosave
from tests.admin_pages import form_data
from tests.articles.factories import ArticleFactory, AuthorFactory, SectionFactory
from tests.test_content_security_policy import (
    assert_no_inline_script_runs_without_the_nonce,
)

pytestmark = pytest.mark.django_db

XSS = '<p onmouseover="alert(1)">Halo<script>alert(2)</script></p><img src=x onerror=y>'


def autosave_url(article=None) -> str:
    if article is None:
        return reverse("admin:articles_article_autosave")
    return reverse("admin:articles_article_autosave", args=[article.pk])


def change_url(article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def signed_in(user) -> Client:
    """A browser-like client: CSRF is checked, as for a real script."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def csrf(client, url) -> str:
    page = client.get(url)
    assert page.status_code == 200
    return client.cookies["csrftoken"].value


def payload(token: str, article=None, **fields) -> dict:
    """What the form's script posts: the text fields and each section's text."""
    sections = list(article.sections.order_by("position")) if article else []
    data = {
        "csrfmiddlewaretoken": token,
        "title": "Judul yang sedang diketik",
        "dateline": "Malang",
        "intro": "<p>Pembuka baru.</p>",
        "seo_description": "Ringkasan.",
        "opened_version": str(article.version) if article else "",
        "sections-TOTAL_FORMS": str(len(sections)),
        "sections-INITIAL_FORMS": "0",
    }
    for index, section in enumerate(sections):
        data[f"sections-{index}-id"] = str(section.pk)
        data[f"sections-{index}-heading"] = section.heading + " (diubah)"
        data[f"sections-{index}-body"] = "<p>Isi yang belum disimpan.</p>"
    data.update(fields)
    return data


def offered_data(page: str) -> dict:
    match = re.search(
        r'<script id="autosave-data" type="application/json">(.*?)</script>', page
    )
    return json.loads(match.group(1))


@pytest.fixture
def draft(writer):
    article = ArticleFactory(draft=True, author=writer.author, title="Draf Sari")
    SectionFactory(article=article, heading="Bagian satu", position=1)
    return article


# --- Storing --------------------------------------------------------------------------


def test_writer_autosaves_own_draft_with_rich_text_cleaned(writer, draft):
    client = signed_in(writer)
    token = csrf(client, change_url(draft))

    response = client.post(
        autosave_url(draft),
        payload(token, draft, intro=XSS, **{"sections-0-body": XSS}),
    )

    assert response.status_code == 200
    assert response.json()["message"].startswith("Tersimpan otomatis pukul ")
    autosave = ArticleAutosave.objects.get(article=draft, user=writer)
    assert autosave.base_version == draft.version
    assert autosave.data["title"] == "Judul yang sedang diketik"
    assert autosave.data["intro"] == "<p>Halo</p>"
    for html in (autosave.data["intro"], autosave.data["sections"][0]["body"]):
        assert "<script" not in html and "onmouseover" not in html
        assert "onerror" not in html and "alert" not in html
    assert autosave.data["sections"][0]["id"] == draft.sections.get().pk
    # The article itself is untouched.
    draft.refresh_from_db()
    assert draft.title == "Draf Sari" and draft.version == 1


def test_autosave_overwrites_the_users_one_row(writer, draft):
    client = signed_in(writer)
    token = csrf(client, change_url(draft))
    client.post(autosave_url(draft), payload(token, draft, title="Pertama"))
    client.post(autosave_url(draft), payload(token, draft, title="Kedua"))

    assert ArticleAutosave.objects.get().data["title"] == "Kedua"


def test_autosave_without_csrf_token_is_refused(writer, draft):
    client = signed_in(writer)
    csrf(client, change_url(draft))

    response = client.post(autosave_url(draft), payload("", draft))

    assert response.status_code == 403
    assert not ArticleAutosave.objects.exists()


def test_autosave_answers_only_post(writer, draft):
    client = signed_in(writer)
    assert client.get(autosave_url(draft)).status_code == 405


# --- Who may autosave what ------------------------------------------------------------


def test_writer_cannot_autosave_another_writers_draft(writer, draft):
    others = ArticleFactory(draft=True, author=AuthorFactory(name="Rekan"))
    client = signed_in(writer)
    token = csrf(client, change_url(draft))

    response = client.post(autosave_url(others), payload(token, others))

    assert response.status_code == 404
    assert not ArticleAutosave.objects.exists()


def test_writer_cannot_autosave_own_article_in_review(writer, draft):
    draft.status = Article.Status.REVIEW
    draft.save()
    client = signed_in(writer)
    token = csrf(client, reverse("admin:articles_article_changelist"))

    response = client.post(autosave_url(draft), payload(token, draft))

    assert response.status_code == 403
    assert not ArticleAutosave.objects.exists()
    # Nor is the script on the page the writer can only read.
    assert 'id="autosave"' not in client.get(change_url(draft)).content.decode()


def test_published_article_is_not_autosaved(editor):
    article = ArticleFactory()
    client = signed_in(editor)
    token = csrf(client, change_url(article))

    response = client.post(autosave_url(article), payload(token, article))

    assert response.status_code == 409
    assert "tidak disimpan otomatis" in response.json()["error"]
    assert not ArticleAutosave.objects.exists()
    assert 'id="autosave"' not in client.get(change_url(article)).content.decode()


def test_editor_autosaves_an_article_in_review(editor, writer, draft):
    draft.status = Article.Status.REVIEW
    draft.save()
    client = signed_in(editor)
    token = csrf(client, change_url(draft))

    assert client.post(autosave_url(draft), payload(token, draft)).status_code == 200
    assert ArticleAutosave.objects.get().user == editor


def test_sales_cannot_autosave(sales, draft):
    client = signed_in(sales)
    token = csrf(client, reverse("admin:index"))
    assert client.post(autosave_url(draft), payload(token, draft)).status_code == 403
    assert client.post(autosave_url(), payload(token)).status_code == 403
    assert not ArticleAutosave.objects.exists()


# --- Bad input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        {"title": "x" * 201},
        {"title": "Judul\x00"},
        {"sections-TOTAL_FORMS": "abc"},
        {"sections-TOTAL_FORMS": "5000"},
        {"opened_version": "-1"},
    ],
)
def test_bad_autosave_is_a_clear_400_and_keeps_the_previous_one(writer, draft, fields):
    client = signed_in(writer)
    token = csrf(client, change_url(draft))
    client.post(autosave_url(draft), payload(token, draft, title="Aman"))

    response = client.post(autosave_url(draft), payload(token, draft, **fields))

    assert response.status_code == 400
    assert response.json()["error"]
    assert ArticleAutosave.objects.get().data["title"] == "Aman"


# --- The offer on the next visit ------------------------------------------------------


def test_next_visit_offers_to_restore_what_was_not_saved(writer, draft):
    client = signed_in(writer)
    token = csrf(client, change_url(draft))
    client.post(autosave_url(draft), payload(token, draft))

    page = client.get(change_url(draft)).content.decode()

    assert "Ada perubahan yang belum disimpan dari " in page
    assert "Pulihkan" in page and "Buang" in page
    assert "Perhatian" not in page
    data = offered_data(page)
    assert data["title"] == "Judul yang sedang diketik"
    assert data["sections"][0]["heading"] == "Bagian satu (diubah)"
    # The form itself still shows what is saved: restoring is the user's choice.
    assert 'value="Draf Sari"' in page


def test_autosave_older_than_the_saved_version_is_offered_with_a_warning(
    client, writer, editor, draft
):
    writer_client = signed_in(writer)
    token = csrf(writer_client, change_url(draft))
    writer_client.post(autosave_url(draft), payload(token, draft))
    # Meanwhile an editor saves the draft: the article's version moves on.
    client.force_login(editor)
    page = client.get(change_url(draft))
    data = form_data(page.content.decode(), "article_form")
    data["title"] = "Judul dari editor"
    assert client.post(change_url(draft), data).status_code == 302
    draft.refresh_from_db()
    assert draft.version == 2

    page = writer_client.get(change_url(draft)).content.decode()

    assert "Ada perubahan yang belum disimpan dari " in page
    assert "Perhatian:" in page
    assert "sudah disimpan lagi oleh Bima Sakti pada " in page
    # Restoring puts the old version into the form, so the save is checked.
    assert 'data-base-version="1"' in page


def test_saving_from_a_stale_autosave_meets_the_conflict_check(
    client, writer, editor, draft
):
    client.force_login(editor)
    data = form_data(client.get(change_url(draft)).content.decode(), "article_form")
    data["title"] = "Judul dari editor"
    client.post(change_url(draft), data)
    # The writer restored an autosave typed on version 1: the script set
    # opened_version back to 1.
    client.force_login(writer)
    data = form_data(client.get(change_url(draft)).content.decode(), "article_form")
    assert data["opened_version"] == "2"
    data["opened_version"] = "1"
    data["title"] = "Judul dari simpanan otomatis"

    response = client.post(change_url(draft), data)

    assert response.status_code == 200
    assert "sudah diubah oleh" in response.content.decode()
    draft.refresh_from_db()
    assert draft.title == "Judul dari editor"


def test_autosave_equal_to_the_saved_article_is_not_offered(writer, draft):
    section = draft.sections.get()
    client = signed_in(writer)
    token = csrf(client, change_url(draft))
    client.post(
        autosave_url(draft),
        payload(
            token,
            draft,
            title=draft.title,
            dateline=draft.dateline,
            intro=draft.intro,
            seo_description=draft.seo_description,
            **{
                "sections-0-heading": section.heading,
                "sections-0-body": section.body,
            },
        ),
    )

    page = client.get(change_url(draft)).content.decode()

    assert "Ada perubahan yang belum disimpan" not in page
    assert not ArticleAutosave.objects.exists()


def test_discard_forgets_the_autosave(writer, draft):
    client = signed_in(writer)
    token = csrf(client, change_url(draft))
    client.post(autosave_url(draft), payload(token, draft))

    discard = reverse("admin:articles_article_autosave_discard", args=[draft.pk])
    response = client.post(discard, {"csrfmiddlewaretoken": token})

    assert response.status_code == 200
    assert not ArticleAutosave.objects.exists()
    assert (
        "Ada perubahan yang belum" not in client.get(change_url(draft)).content.decode()
    )


def test_successful_save_deletes_only_the_savers_autosave(
    client, writer, editor, draft
):
    ArticleAutosave.objects.create(
        article=draft, user=editor, data={"title": "x"}, saved_at=draft.created_at
    )
    ArticleAutosave.objects.create(
        article=draft, user=writer, data={"title": "y"}, saved_at=draft.created_at
    )
    client.force_login(writer)
    data = form_data(client.get(change_url(draft)).content.decode(), "article_form")
    data["title"] = "Disimpan"

    assert client.post(change_url(draft), data).status_code == 302
    assert list(ArticleAutosave.objects.values_list("user", flat=True)) == [editor.pk]


def test_refused_save_keeps_the_autosave(client, writer, draft):
    ArticleAutosave.objects.create(
        article=draft, user=writer, data={"title": "y"}, saved_at=draft.created_at
    )
    client.force_login(writer)
    data = form_data(client.get(change_url(draft)).content.decode(), "article_form")
    data["title"] = ""

    response = client.post(change_url(draft), data)

    assert response.status_code == 200
    assert ArticleAutosave.objects.filter(user=writer).exists()
    # The refused form keeps autosaving what was sent, without offering the old one.
    page = response.content.decode()
    assert 'data-dirty="1"' in page and "Ada perubahan yang belum" not in page


# --- A new article --------------------------------------------------------------------


def test_new_article_autosave_is_offered_on_the_add_form_until_saved(client, writer):
    browser = signed_in(writer)
    add = reverse("admin:articles_article_add")
    token = csrf(browser, add)

    assert browser.post(autosave_url(), payload(token)).status_code == 200
    autosave = ArticleAutosave.objects.get()
    assert autosave.article is None and autosave.base_version == 0

    page = browser.get(add).content.decode()
    assert "Ada perubahan yang belum disimpan dari " in page
    assert offered_data(page)["title"] == "Judul yang sedang diketik"

    client.force_login(writer)
    data = form_data(client.get(add).content.decode(), "article_form")
    data.update({"title": "Artikel baru", "intro": "<p>Isi.</p>"})
    assert client.post(add, data).status_code == 302
    assert not ArticleAutosave.objects.exists()


def test_anonymous_and_unknown_articles_get_no_autosave(client, writer, draft):
    token = csrf(signed_in(writer), change_url(draft))
    anonymous = Client()
    response = anonymous.post(autosave_url(draft), payload(token, draft))
    assert response.status_code == 302 and "/login/" in response["Location"]

    browser = signed_in(writer)
    token = csrf(browser, change_url(draft))
    missing = reverse("admin:articles_article_autosave", args=[draft.pk + 100])
    assert browser.post(missing, payload(token, draft)).status_code == 404
    assert not ArticleAutosave.objects.exists()


def test_writer_cannot_discard_another_users_autosave(writer, editor, draft):
    others = ArticleFactory(draft=True, author=AuthorFactory(name="Rekan"))
    ArticleAutosave.objects.create(
        article=others, user=editor, data={}, saved_at=others.created_at
    )
    ArticleAutosave.objects.create(
        article=draft, user=editor, data={}, saved_at=draft.created_at
    )
    client = signed_in(writer)
    token = csrf(client, change_url(draft))

    for article, status in ((others, 404), (draft, 200)):
        discard = reverse("admin:articles_article_autosave_discard", args=[article.pk])
        response = client.post(discard, {"csrfmiddlewaretoken": token})
        assert response.status_code == status
    # Discarding deletes only one's own autosave, never the editor's.
    assert ArticleAutosave.objects.count() == 2


def test_offer_runs_no_inline_script(writer, draft):
    client = signed_in(writer)
    token = csrf(client, change_url(draft))
    client.post(autosave_url(draft), payload(token, draft, title="</script><b>x"))

    response = client.get(change_url(draft))

    assert "Ada perubahan yang belum disimpan" in response.content.decode()
    assert_no_inline_script_runs_without_the_nonce(response)
    assert offered_data(response.content.decode())["title"] == "</script><b>x"
