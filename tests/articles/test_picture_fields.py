"""Every picture field of an edit form shows what is saved, as a thumbnail, with a
way to replace it or remove it: a section's picture, a figure's image, an author's
photo, and the cover chosen by autocomplete."""

import pytest
from django.urls import reverse

from articles.models import Author, Figure
from articles.pictures import thumbnail_url
from tests.articles.factories import (
    ArticleFactory,
    AuthorFactory,
    FigureFactory,
    SectionFactory,
)
from tests.articles.test_roles import change_data, change_url
from tests.images import image_bytes, jpeg_upload, upload

pytestmark = pytest.mark.django_db


def writer_draft_with_picture(writer):
    article = ArticleFactory(draft=True, author=writer.author, title="Draf bergambar")
    figure = FigureFactory(
        created_by=writer,
        alt_text="Celengan ayam",
        caption="Celengan di rak",
        source="arsip",
    )
    SectionFactory(article=article, position=1, heading="Mulai", figure=figure)
    return article, figure


def test_section_edit_form_shows_the_saved_picture(client, writer):
    article, figure = writer_draft_with_picture(writer)
    client.force_login(writer)

    response = client.get(change_url(article))

    html = response.content.decode()
    saved = html.split('name="sections-0-figure_image"')[0].rsplit(
        'class="picture-input"', 1
    )[1]
    assert f'src="{thumbnail_url(figure.image)}"' in saved
    assert "Tersimpan" in saved and "Ganti dengan:" in saved
    # Removing is the section's own checkbox, not a second one in the widget.
    assert 'name="sections-0-figure_remove"' in html
    assert "sections-0-figure_image-clear" not in html
    assert "admin/css/pictures.css" in html
    # The extra, empty section has an input and no thumbnail.
    empty = html.split('name="sections-1-figure_image"')[0].rsplit(
        'class="picture-input"', 1
    )[1]
    assert "<img" not in empty


def test_section_picture_is_replaced_or_removed_from_the_edit_form(client, writer):
    article, figure = writer_draft_with_picture(writer)
    client.force_login(writer)

    data = change_data(article)
    data["sections-0-figure_image"] = jpeg_upload(size=(80, 40))
    assert client.post(change_url(article), data).status_code == 302
    replaced = article.sections.get().figure
    assert replaced.pk != figure.pk and replaced.width == 80
    assert replaced.caption == "Celengan di rak"

    article.refresh_from_db()
    data = change_data(article, **{"sections-0-figure_remove": "on"})
    assert client.post(change_url(article), data).status_code == 302
    assert article.sections.get().figure is None


def test_figure_change_form_shows_its_image_and_replaces_it(client, editor):
    figure = FigureFactory(alt_text="Meja belajar")
    client.force_login(editor)
    url = reverse("admin:articles_figure_change", args=[figure.pk])

    html = client.get(url).content.decode()

    assert f'src="{thumbnail_url(figure.image)}"' in html
    assert 'name="image"' in html and "Ganti dengan:" in html
    assert "image-clear" not in html  # a figure is its image: replace, not remove
    assert "Ukuran" in html and "Width" not in html

    response = client.post(
        url,
        {
            "image": upload(image_bytes("PNG", size=(30, 20)), "baru.png"),
            "alt_text": "Meja belajar",
            "caption": "",
            "source": "",
        },
    )
    assert response.status_code == 302
    figure.refresh_from_db()
    assert (figure.width, figure.height) == (30, 20)


def test_author_photo_shows_and_can_be_removed(client, editor):
    author = AuthorFactory(name="Dewi Lestari")
    author.photo.save("dewi.png", upload(image_bytes("PNG"), "dewi.png"))
    client.force_login(editor)
    url = reverse("admin:articles_author_change", args=[author.pk])

    html = client.get(url).content.decode()

    assert f'src="{author.photo.url}"' in html
    assert 'name="photo-clear"' in html and "Hapus gambar ini" in html

    response = client.post(
        url,
        {
            "name": author.name,
            "slug": author.slug,
            "bio": author.bio,
            "photo-clear": "on",
            "user": "",
        },
    )
    assert response.status_code == 302
    assert not Author.objects.get(pk=author.pk).photo


def test_cover_autocomplete_shows_the_chosen_cover(client, writer):
    article, figure = writer_draft_with_picture(writer)
    cover = FigureFactory(created_by=writer, caption="Sampul", source="redaksi")
    article.cover = cover
    article.save()
    client.force_login(writer)

    html = client.get(change_url(article)).content.decode()

    preview = html.split('data-figure-preview="id_cover"')[1].split("</div>")[0]
    assert f'src="{thumbnail_url(cover.image)}"' in preview
    assert "Sampul (sumber: redaksi)" in preview
    assert 'data-figure-preview-template="id_cover"' in html
    assert "admin/js/figure-select.js" in html


def test_cover_search_answers_carry_a_thumbnail(client, writer):
    article, figure = writer_draft_with_picture(writer)
    FigureFactory(caption="Bukan milik penulis")
    client.force_login(writer)

    found = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "articles",
            "model_name": "article",
            "field_name": "cover",
            "term": "",
        },
    ).json()["results"]

    assert found == [
        {
            "id": str(figure.pk),
            "text": "Celengan di rak",
            "thumbnail": thumbnail_url(figure.image),
            "caption": "Celengan di rak",
            "source": "arsip",
        }
    ]
    assert Figure.objects.count() == 2
