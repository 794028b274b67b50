"""The media library: every picture once, in a grid of thumbnails that an editor or
a writer searches by caption, credit, uploader and date; where each picture is
used; a warning listing the articles before a used picture is deleted; a
section that reuses a picture from the library, with its own caption."""

from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Figure, Section
from articles.pictures import thumbnail_url
from tests.articles.admin_forms import article_post_data
from tests.articles.factories import (
    ArticleFactory,
    CategoryFactory,
    FigureFactory,
    SectionFactory,
    UserFactory,
)
from tests.articles.test_roles import change_data, change_url

pytestmark = pytest.mark.django_db

LIBRARY_URL = reverse("admin:articles_figure_changelist")
ADD_URL = reverse("admin:articles_article_add")


def figure_url(figure, action="change"):
    return reverse(f"admin:articles_figure_{action}", args=[figure.pk])


def captions(response) -> set[str]:
    return {str(figure) for figure in response.context["cl"].result_list}


@pytest.fixture
def library(editor, writer):
    """Three pictures: a cover of a published article, one in two sections of a
    draft, and an unused one the writer uploaded long ago."""
    photographer = UserFactory(
        username="fotografer", first_name="Rina", last_name="Lensa"
    )
    cover = FigureFactory(
        caption="Pasar terapung Lok Baintan",
        source="Antara",
        created_by=photographer,
    )
    published = ArticleFactory(title="Pagi di pasar terapung", cover=cover)
    shared = FigureFactory(
        caption="Sawah bertingkat", source="redaksi", created_by=editor
    )
    draft = ArticleFactory(draft=True, title="Draf sawah")
    SectionFactory(article=draft, position=1, figure=shared)
    SectionFactory(article=draft, position=2, figure=shared)
    old = FigureFactory(caption="Kopi tubruk", source="arsip", created_by=writer)
    Figure.objects.filter(pk=old.pk).update(
        created_at=timezone.make_aware(datetime(2025, 3, 14, 9, 0))
    )
    return {
        "cover": cover,
        "published": published,
        "shared": shared,
        "draft": draft,
        "old": Figure.objects.get(pk=old.pk),
    }


def test_library_is_a_grid_of_thumbnails_with_credit_uploader_and_uses(
    client, editor, library
):
    client.force_login(editor)
    response = client.get(LIBRARY_URL)
    html = response.content.decode()

    assert response.status_code == 200
    assert "admin/css/library.css" in html
    cover = library["cover"]
    assert f'src="{thumbnail_url(cover.image)}" alt="{cover.alt_text}"' in html
    assert "Pasar terapung Lok Baintan" in html
    assert "(sumber: Antara)" in html
    assert "Rina Lensa" in html
    assert "sampul 1" in html
    assert "gambar bagian 2" in html
    assert "Belum dipakai" in html
    assert captions(response) == {
        "Pasar terapung Lok Baintan",
        "Sawah bertingkat",
        "Kopi tubruk",
    }


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ({"q": "terapung"}, {"Pasar terapung Lok Baintan"}),
        ({"q": "antara"}, {"Pasar terapung Lok Baintan"}),
        ({"q": "Lensa"}, {"Pasar terapung Lok Baintan"}),
        ({"q": "fotografer"}, {"Pasar terapung Lok Baintan"}),
        ({"created_at__year": "2025"}, {"Kopi tubruk"}),
        ({"dipakai": "tidak"}, {"Kopi tubruk"}),
        ({"dipakai": "ya"}, {"Pasar terapung Lok Baintan", "Sawah bertingkat"}),
        ({"q": "100%_\\'"}, set()),
    ],
)
def test_library_is_searched_by_caption_credit_uploader_and_date(
    client, editor, library, query, found
):
    client.force_login(editor)
    response = client.get(LIBRARY_URL, query)
    assert response.status_code == 200
    assert captions(response) == found


def test_uploader_filter_lists_who_uploaded(client, editor, library):
    client.force_login(editor)
    photographer = library["cover"].created_by
    response = client.get(LIBRARY_URL, {"created_by__id__exact": photographer.pk})
    assert captions(response) == {"Pasar terapung Lok Baintan"}


def test_writer_finds_own_and_published_pictures_in_the_library(
    client, writer, library
):
    client.force_login(writer)
    response = client.get(LIBRARY_URL)
    # The draft is not theirs and not published: its picture stays hidden.
    assert captions(response) == {"Pasar terapung Lok Baintan", "Kopi tubruk"}


def test_change_screen_lists_where_the_picture_is_used(client, editor, library):
    client.force_login(editor)
    html = client.get(figure_url(library["shared"])).content.decode()
    draft = library["draft"]
    link = reverse("admin:articles_article_change", args=[draft.pk])
    assert "Dipakai di" in html
    assert html.count(f'<a href="{link}">Draf sawah</a>') == 2
    assert "Gambar bagian 1" in html and "Gambar bagian 2" in html

    html = client.get(figure_url(library["old"])).content.decode()
    assert "Belum dipakai artikel mana pun." in html


def test_writer_sees_published_uses_by_title_and_others_by_count(
    client, writer, library
):
    cover = library["cover"]
    hidden = ArticleFactory(draft=True, title="Draf rahasia rekan", cover=cover)
    client.force_login(writer)
    html = client.get(figure_url(cover)).content.decode()
    published = library["published"]
    assert f'<a href="{published.get_absolute_url()}">' in html
    assert "Sampul" in html
    assert hidden.title not in html
    assert "1 pemakaian lain di artikel yang tidak bisa Anda buka" in html


def test_deleting_a_used_picture_first_warns_with_the_articles(client, editor, library):
    cover = library["cover"]
    published = library["published"]
    client.force_login(editor)
    url = figure_url(cover, "delete")

    html = client.get(url).content.decode()
    assert "Gambar ini masih dipakai." in html
    assert "Pagi di pasar terapung" in html

    before = client.get(published.get_absolute_url()).content.decode()
    assert "Pasar terapung Lok Baintan" in before
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Figure.objects.filter(pk=cover.pk).exists()
    after = client.get(published.get_absolute_url()).content.decode()
    assert "Pasar terapung Lok Baintan" not in after


def test_deleting_an_unused_picture_has_no_warning(client, editor, library):
    client.force_login(editor)
    html = client.get(figure_url(library["old"], "delete")).content.decode()
    assert "masih dipakai" not in html


def test_bulk_delete_lists_the_articles_of_each_used_picture(client, editor, library):
    client.force_login(editor)
    chosen = [library["cover"].pk, library["old"].pk]
    response = client.post(
        LIBRARY_URL, {"action": "delete_selected", "_selected_action": chosen}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sebagian gambar terpilih masih dipakai." in html
    assert "Pagi di pasar terapung" in html
    assert Figure.objects.filter(pk__in=chosen).count() == 2

    response = client.post(
        LIBRARY_URL,
        {"action": "delete_selected", "_selected_action": chosen, "post": "yes"},
    )
    assert response.status_code == 302
    assert not Figure.objects.filter(pk__in=chosen).exists()


def test_writer_deletes_their_own_unused_picture(client, writer, library):
    """As WordPress lets an author delete their own uploads: the library offers the
    writer's own unused picture for deletion, without a warning, and deletes it."""
    client.force_login(writer)
    old = library["old"]
    html = client.get(figure_url(old, "delete")).content.decode()
    assert "masih dipakai" not in html
    assert client.post(figure_url(old, "delete"), {"post": "yes"}).status_code == 302
    assert not Figure.objects.filter(pk=old.pk).exists()


def test_writer_may_not_delete_a_picture_readers_see_or_a_colleagues(
    client, writer, library
):
    client.force_login(writer)
    # The cover of a published article: the writer may reuse it, not delete it.
    cover = library["cover"]
    assert client.get(figure_url(cover, "change")).status_code == 200
    response = client.post(figure_url(cover, "delete"), {"post": "yes"})
    assert response.status_code == 403
    # A colleague's upload that only the writer's own draft shows stays in the
    # library too: it is theirs to delete.
    colleagues = FigureFactory(caption="Foto rekan", created_by=UserFactory())
    ArticleFactory(
        draft=True, title="Draf milik penulis", cover=colleagues, author=writer.author
    )
    assert client.get(figure_url(colleagues, "change")).status_code == 200
    response = client.post(figure_url(colleagues, "delete"), {"post": "yes"})
    assert response.status_code == 403
    assert Figure.objects.filter(pk__in=[cover.pk, colleagues.pk]).count() == 2


def test_writer_bulk_delete_is_refused_whole_when_one_picture_is_not_theirs(
    client, writer, library
):
    client.force_login(writer)
    chosen = [library["cover"].pk, library["old"].pk]
    response = client.post(
        LIBRARY_URL,
        {"action": "delete_selected", "_selected_action": chosen, "post": "yes"},
    )
    assert response.status_code == 403
    assert Figure.objects.filter(pk__in=chosen).count() == 2

    response = client.post(
        LIBRARY_URL,
        {
            "action": "delete_selected",
            "_selected_action": [library["old"].pk],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert not Figure.objects.filter(pk=library["old"].pk).exists()


def test_section_reuses_a_library_picture_with_its_own_caption(client, writer, library):
    cover = library["cover"]  # a published picture: reusable, not changeable
    client.force_login(writer)
    data = article_post_data(
        CategoryFactory(),
        writer.author,
        [
            {
                "heading": "Perahu sayur",
                "body": "<p>Pedagang mendayung sejak subuh.</p>",
                "figure": str(cover.pk),
                "figure_caption_override": "Perahu sayur menjelang subuh",
            }
        ],
        status="draft",
        title="Belanja di atas air",
    )
    response = client.post(ADD_URL, data)
    assert response.status_code == 302, response.context["errors"]

    section = Section.objects.get(heading="Perahu sayur")
    assert section.figure == cover
    assert Figure.objects.count() == 3  # reused, not uploaded again
    cover.refresh_from_db()
    assert cover.caption == "Pasar terapung Lok Baintan"

    page = client.get(section.article.get_absolute_url())  # the writer's preview
    html = page.content.decode()
    assert "Perahu sayur menjelang subuh (sumber: Antara)" in html
    assert "Pasar terapung Lok Baintan" not in html


def test_a_crafted_id_of_a_colleagues_unpublished_picture_is_refused(
    client, writer, library
):
    client.force_login(writer)
    data = article_post_data(
        CategoryFactory(),
        writer.author,
        [
            {
                "heading": "Sawah",
                "body": "<p>Isi.</p>",
                "figure": str(library["shared"].pk),
            }
        ],
        status="draft",
        title="Mencuri gambar",
    )
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.forms[0].errors["figure"]
    assert not Article.objects.filter(title="Mencuri gambar").exists()


def test_picking_another_picture_keeps_the_old_one_in_the_library(
    client, writer, library
):
    article = ArticleFactory(draft=True, author=writer.author, title="Draf kopi")
    SectionFactory(article=article, position=1, figure=library["old"])
    client.force_login(writer)
    data = change_data(article)
    data["sections-0-figure"] = str(library["cover"].pk)
    data["sections-0-figure_caption"] = "diabaikan: milik gambar lama"
    assert client.post(change_url(article), data).status_code == 302

    section = article.sections.get()
    assert section.figure == library["cover"]
    library["old"].refresh_from_db()
    assert library["old"].caption == "Kopi tubruk"
    library["cover"].refresh_from_db()
    assert library["cover"].caption == "Pasar terapung Lok Baintan"


def test_a_form_without_the_picker_keeps_the_saved_picture(client, writer, library):
    """Older pages and scripts post no ``figure``: that is no removal."""
    article = ArticleFactory(draft=True, author=writer.author)
    SectionFactory(article=article, position=1, figure=library["old"])
    client.force_login(writer)
    data = change_data(article, title="Judul baru")
    assert "sections-0-figure" not in data
    assert client.post(change_url(article), data).status_code == 302
    assert article.sections.get().figure == library["old"]


def test_cover_caption_can_be_overridden_for_one_article(client, editor, library):
    published = library["published"]
    Article.objects.filter(pk=published.pk).update(
        cover_caption_override="Pedagang di Lok Baintan"
    )
    html = client.get(published.get_absolute_url()).content.decode()
    assert "Pedagang di Lok Baintan (sumber: Antara)" in html
