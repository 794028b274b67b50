"""A screen someone may only look at reads like the page: the writer's own article
after submitting it, a figure a submitted article shows, an author's profile."""

import re

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Figure
from articles.pictures import thumbnail_url
from tests.articles.admin_forms import article_post_data
from tests.articles.factories import AuthorFactory, CategoryFactory, FigureFactory
from tests.images import image_bytes, jpeg_upload, upload

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:articles_article_add")
INTRO = "<p>Menabung itu <strong>kebiasaan</strong>.</p><ul><li>Mulai kecil</li></ul>"


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def submit_for_review(client, writer) -> Article:
    """The writer writes an article with a captioned section picture and submits
    it ("Menunggu tinjauan"), as in the admin."""
    cover = FigureFactory(created_by=writer, caption="Sampul celengan", source="")
    data = article_post_data(
        CategoryFactory(name="Keuangan"),
        writer.author,
        [
            {
                "heading": "Catat pengeluaran",
                "body": "<p>Pakai <em>buku kecil</em>.</p><ol><li>Tanggal</li></ol>",
                "figure_image": jpeg_upload(),
                "figure_alt_text": "Buku catatan di meja",
                "figure_caption": "Buku catatan keuangan",
                "figure_source": "dokumentasi Wayah Sinau",
            },
            {"heading": "Penutup", "body": "", "is_numbered": ""},
        ],
        intro=INTRO,
        cover=str(cover.pk),
        status="review",
    )
    response = client.post(ADD_URL, data)
    assert response.status_code == 302, response.context["errors"]
    return Article.objects.get()


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_writers_submitted_article_reads_like_the_page(client, writer):
    client.force_login(writer)
    article = submit_for_review(client, writer)
    assert article.status == Article.Status.REVIEW

    response = client.get(change_url(article))

    assert response.status_code == 200
    html = response.content.decode()
    # Rich text is rendered, not shown as markup.
    assert "&lt;p&gt;" not in html and "&lt;strong&gt;" not in html
    assert "&lt;li&gt;" not in html
    assert '<div class="page-text">' + INTRO + "</div>" in html
    assert "<p>Pakai <em>buku kecil</em>.</p><ol><li>Tanggal</li></ol>" in html
    # The section's picture: thumbnail, caption with its credit, alt text.
    figure = article.sections.get(heading="Catat pengeluaran").figure
    assert f'src="{thumbnail_url(figure.image)}" alt="Buku catatan di meja"' in html
    assert "<figcaption>Buku catatan keuangan (sumber: dokumentasi Wayah Sinau)" in (
        html
    )
    assert "Teks alternatif: Buku catatan di meja" in text_of(html)
    # The cover as a picture too, not a link to a file name.
    assert f'src="{thumbnail_url(article.cover.image)}"' in html
    assert "<figcaption>Sampul celengan</figcaption>" in html
    # Indonesian labels and words, a dash for what is empty, never "None".
    shown = text_of(html)
    assert "None" not in html
    for english in ("Figure image", "Figure alt", "Figure caption", "Opened version"):
        assert english not in shown
    assert "Bernomor: Ya" in shown and "Bernomor: Tidak" in shown
    assert "Gambar: -" in shown  # the closing section has no picture
    assert "Deskripsi SEO: -" in shown and "Tag: keluarga, keuangan" in shown
    # Nothing to type into.
    assert 'name="title"' not in html and 'type="file"' not in html


def test_writers_published_article_reads_like_the_page_too(client, writer, editor):
    client.force_login(writer)
    article = submit_for_review(client, writer)
    Article.objects.filter(pk=article.pk).update(
        status=Article.Status.PUBLISHED, published_at=timezone.now()
    )

    article.tags.clear()

    html = client.get(change_url(article)).content.decode()

    assert "Terbit" in text_of(html) and "Tag: -" in text_of(html)
    assert "&lt;p&gt;" not in html and "None" not in html
    assert "(sumber: dokumentasi Wayah Sinau)" in html


def test_editor_still_edits_the_submitted_article(client, writer, editor):
    client.force_login(writer)
    article = submit_for_review(client, writer)
    client.force_login(editor)

    html = client.get(change_url(article)).content.decode()

    assert 'name="title"' in html and 'name="sections-0-figure_image"' in html
    assert '<div class="page-text">' not in html


def test_writer_views_a_locked_figure_as_a_picture_with_its_credit(client, writer):
    client.force_login(writer)
    article = submit_for_review(client, writer)
    figure = article.sections.get(heading="Catat pengeluaran").figure

    response = client.get(reverse("admin:articles_figure_change", args=[figure.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    shown = text_of(html)
    assert f'src="{thumbnail_url(figure.image)}"' in html
    assert "Buku catatan keuangan (sumber: dokumentasi Wayah Sinau)" in shown
    assert "Ukuran: 64 × 48 piksel" in shown
    assert "None" not in html and "Width" not in shown
    assert 'type="file"' not in html


def test_writer_views_an_authors_profile_with_the_photo(client, writer):
    colleague = AuthorFactory(name="Dewi Lestari", bio="")
    colleague.photo.save("dewi.png", upload(image_bytes("PNG"), "dewi.png"))
    client.force_login(writer)

    response = client.get(reverse("admin:articles_author_change", args=[colleague.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    shown = text_of(html)
    assert f'src="{colleague.photo.url}" alt="Dewi Lestari"' in html
    assert "Biografi: -" in shown and "Akun pengguna: -" in shown
    assert "None" not in html and 'type="file"' not in html


def test_a_stored_script_is_not_run_on_the_read_only_screen(client, writer):
    """Rich text is cleaned on save; the screen cleans it again before showing it,
    so a row written past the model (a raw import) cannot inject a script."""
    client.force_login(writer)
    article = submit_for_review(client, writer)
    bad = '<p>Aman<script>alert(1)</script><img src=x onerror="alert(2)"></p>'
    # Past the field's own cleaning: a raw UPDATE, as an importer might do.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE articles_article SET intro = %s WHERE id = %s", [bad, article.pk]
        )

    html = client.get(change_url(article)).content.decode()

    assert "<p>Aman" in html
    assert "alert(1)" not in html and "onerror" not in html


def test_figure_list_shows_thumbnails_from_templates(client, editor):
    figure = FigureFactory(alt_text="Celengan ayam")
    client.force_login(editor)

    html = client.get(reverse("admin:articles_figure_changelist")).content.decode()

    assert f'src="{thumbnail_url(figure.image)}" alt="Celengan ayam"' in html
    assert Figure.objects.count() == 1
