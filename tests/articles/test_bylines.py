"""Bylines: each writer edits their own author profile, and an article credits a
second author or a guest contributor in its credit line and its JSON-LD."""

import html
import io
import json
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article, Author
from tests.articles.admin_forms import article_post_data
from tests.articles.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    SectionFactory,
)
from tests.images import image_bytes, upload

pytestmark = pytest.mark.django_db

PROFILE_URL = reverse("admin:articles_author_own_profile")
ADD_URL = reverse("admin:articles_article_add")
NASTY = 'Budi "Kilat" </script><script>alert(1)</script>'


def json_ld(page: str) -> list[dict]:
    return [
        json.loads(block)
        for block in re.findall(
            r'<script type="application/ld\+json">(.*?)</script>', page, re.S
        )
    ]


def news_article(page: str) -> dict:
    return next(data for data in json_ld(page) if data.get("@type") == "NewsArticle")


def credit_line(page: str) -> str:
    match = re.search(r'<p class="author-credit">(.*?)</p>', page, re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1)))


# --- Profil penulis saya --------------------------------------------------------------


def test_writer_edits_own_name_photo_and_bio(client, writer):
    client.force_login(writer)
    page = client.get(PROFILE_URL)
    assert page.status_code == 200
    assert 'value="Sari Wulan"' in page.content.decode()

    response = client.post(
        PROFILE_URL,
        {
            "name": "Sari  Wulandari",
            "bio": "Menulis tentang sekolah dan keluarga.",
            "photo": upload(image_bytes("PNG", size=(120, 120)), "sari.png"),
        },
        follow=True,
    )

    assert "Profil penulis Anda disimpan." in response.content.decode()
    author = Author.objects.get(user=writer)
    assert author.name == "Sari Wulandari"
    assert author.bio == "Menulis tentang sekolah dan keluarga."
    assert author.photo.name.startswith("authors/") and author.photo_width == 120
    assert Author.objects.count() == 1
    # The photo shows on the page as it is now, with the name as its alt text.
    assert author.photo.url in client.get(PROFILE_URL).content.decode()


def test_profile_page_changes_only_the_signed_in_writers_row(client, writer):
    other = AuthorFactory(name="Rekan Lain", bio="Bio rekan.")
    client.force_login(writer)

    # The page takes no id: whatever is sent, it is the writer's own profile.
    client.post(
        PROFILE_URL + f"?author={other.pk}",
        {"name": "Diganti", "bio": "", "id": other.pk, "user": ""},
    )
    # The author admin stays read-only for writers.
    change = reverse("admin:articles_author_change", args=[other.pk])
    refused = client.post(change, {"name": "Diganti", "slug": other.slug, "bio": ""})

    assert refused.status_code == 403
    other.refresh_from_db()
    assert (other.name, other.bio) == ("Rekan Lain", "Bio rekan.")
    assert Author.objects.get(user=writer).name == "Diganti"


def test_writer_without_profile_creates_it_on_first_save(client, writer):
    Author.objects.filter(user=writer).delete()
    client.force_login(writer)
    assert 'value="Sari Wulan"' in client.get(PROFILE_URL).content.decode()

    client.post(PROFILE_URL, {"name": "Sari Wulan", "bio": ""})

    author = Author.objects.get(user=writer)
    assert author.slug == "sari-wulan"


def test_profile_refuses_a_fake_photo_and_an_empty_name_keeping_the_rest(
    client, writer
):
    client.force_login(writer)
    response = client.post(
        PROFILE_URL,
        {
            "name": "   ",
            "bio": "Bio baru.",
            "photo": upload(b"<html>bukan gambar</html>", "foto.png", "image/png"),
        },
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Bidang ini tidak boleh kosong." in text
    assert "bukan gambar murni" in text
    assert "Bio baru." in text  # what was typed is still in the form
    assert (
        Author.objects.get(user=writer).bio == "Menulis tentang kehidupan sehari-hari."
    )


def test_bio_over_the_limit_is_a_form_error(client, writer):
    client.force_login(writer)
    response = client.post(PROFILE_URL, {"name": "Sari Wulan", "bio": "x" * 1001})
    assert "Biografi paling banyak 1000 karakter" in response.content.decode()


def test_sales_has_no_author_profile_page(client, sales):
    client.force_login(sales)
    assert client.get(PROFILE_URL).status_code == 403
    assert client.post(PROFILE_URL, {"name": "Niaga"}).status_code == 403
    assert not Author.objects.exists()


def test_profile_link_is_in_the_writers_user_tools(client, writer, sales):
    client.force_login(writer)
    assert "Profil penulis saya" in client.get(reverse("admin:index")).content.decode()
    client.force_login(sales)
    assert (
        "Profil penulis saya" not in client.get(reverse("admin:index")).content.decode()
    )


# --- Credits on the page and in JSON-LD --------------------------------------------


def test_credit_line_and_json_ld_name_everyone_credited_escaped(client):
    article = ArticleFactory(
        author=AuthorFactory(name="Sari Wulan"),
        co_author=AuthorFactory(name=NASTY),
        contributor_name="Tamu <b>O'Neil</b>",
    )
    SectionFactory(article=article)

    page = client.get(article.get_absolute_url()).content.decode()

    assert credit_line(page) == (
        f"(Artikel ini ditulis oleh Sari Wulan, {NASTY}, dan kontributor "
        "Tamu <b>O'Neil</b>)"
    )
    # Nothing the names hold became markup: one script per JSON-LD block only.
    assert "<script>alert(1)</script>" not in page
    assert "<b>O" not in page
    authors = news_article(page)["author"]
    assert [person["name"] for person in authors] == [
        "Sari Wulan",
        NASTY,
        "Tamu <b>O'Neil</b>",
    ]
    assert authors[0]["url"].startswith("http") and authors[1]["url"].startswith("http")
    assert "url" not in authors[2]  # a guest has no author page
    # The header's byline links both authors' pages.
    header = page.split('<p class="meta">', 1)[1].split("</p>", 1)[0]
    assert header.count("<a href=") == 2


def test_two_credits_are_joined_with_dan_and_one_stays_an_object(client):
    article = ArticleFactory(
        author=AuthorFactory(name="Sari Wulan"), contributor_name="Dimas Anggara"
    )
    page = client.get(article.get_absolute_url()).content.decode()
    assert credit_line(page) == (
        "(Artikel ini ditulis oleh Sari Wulan dan kontributor Dimas Anggara)"
    )

    single = ArticleFactory(author=AuthorFactory(name="Rina"))
    page = client.get(single.get_absolute_url()).content.decode()
    assert news_article(page)["author"]["name"] == "Rina"


def test_renaming_the_co_author_updates_the_compiled_page(client, writer):
    co_author = Author.objects.get(user=writer)
    article = ArticleFactory(author=AuthorFactory(name="Penulis Utama"))
    article.co_author = co_author
    article.save()
    assert "Sari Wulan" in client.get(article.get_absolute_url()).content.decode()

    client.force_login(writer)
    client.post(PROFILE_URL, {"name": "Sari Wulandari", "bio": ""})
    client.logout()

    page = client.get(article.get_absolute_url()).content.decode()
    assert "Penulis Utama dan Sari Wulandari)" in credit_line(page) + ")"
    assert "Sari Wulandari" in json.dumps(news_article(page)["author"])


def test_editor_credits_a_co_author_and_contributor_in_the_admin(client, editor):
    author, co_author = AuthorFactory(), AuthorFactory(name="Bagas Prasetyo")
    client.force_login(editor)
    data = article_post_data(
        CategoryFactory(),
        author,
        [{"heading": "Bagian", "body": "<p>Isi.</p>"}],
        co_author=co_author.pk,
        contributor_name="Dimas Anggara",
    )
    assert client.post(ADD_URL, data).status_code == 302

    article = Article.objects.get()
    assert (article.co_author, article.contributor_name) == (co_author, "Dimas Anggara")


def test_co_author_same_as_author_is_a_form_error(client, editor):
    author = AuthorFactory()
    client.force_login(editor)
    data = article_post_data(
        CategoryFactory(),
        author,
        [{"heading": "Bagian", "body": "<p>Isi.</p>"}],
        co_author=author.pk,
    )
    response = client.post(ADD_URL, data)
    assert "Penulis kedua harus orang lain dari penulis utama." in (
        response.content.decode()
    )
    assert not Article.objects.exists()


# --- The demo -------------------------------------------------------------------------


def test_demo_links_its_writer_and_editor_to_authors_and_credits_a_co_author(client):
    call_command("seed_demo", stdout=io.StringIO(), stderr=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO(), stderr=io.StringIO())

    writer = Author.objects.get(user__username="penulis")
    editor = Author.objects.get(user__username="editor")
    assert writer.name == "Nindya Puspitasari" and writer.articles.exists()
    assert editor.name == "Rahmi Kusumawardani"
    article = Article.objects.exclude(co_author=None).get()
    page = client.get(article.get_absolute_url()).content.decode()
    assert f"dan {article.co_author.name})" in credit_line(page)


def test_editor_has_a_profile_page_too_and_anonymous_is_sent_to_log_in(client, editor):
    assert client.get(PROFILE_URL).status_code == 302
    client.force_login(editor)
    client.post(PROFILE_URL, {"name": "Bima Sakti", "bio": "Redaktur."})
    assert Author.objects.get(user=editor).bio == "Redaktur."


def test_the_author_page_lists_articles_they_co_wrote(client):
    main, second = AuthorFactory(name="Rina"), AuthorFactory(name="Dimas")
    own = ArticleFactory(author=second, title="Tulisan sendiri Dimas")
    shared = ArticleFactory(author=main, co_author=second, title="Tulisan berdua")
    other = ArticleFactory(author=main, title="Tulisan Rina saja")
    page = client.get(second.get_absolute_url()).content.decode()
    assert own.title in page and shared.title in page
    assert other.title not in page
    page = client.get(main.get_absolute_url()).content.decode()
    assert shared.title in page and other.title in page and own.title not in page
