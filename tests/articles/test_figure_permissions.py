"""A writer's reach over figures: they change their own uploads and their own
drafts' pictures, never a picture that a published or a colleague's article
shows; they may find and reuse (not change) the pictures readers already see on
published articles, and never see a colleague's unpublished picture; through every
door the admin has (list, popup, autocomplete, change form, the article's own
section form)."""

import pytest
from django.urls import reverse

from articles.models import Article, Figure
from tests.articles.factories import ArticleFactory, FigureFactory, SectionFactory
from tests.articles.test_roles import change_data, change_url
from tests.images import image_bytes, upload

pytestmark = pytest.mark.django_db

FIGURES_URL = reverse("admin:articles_figure_changelist")


def figure_url(figure):
    return reverse("admin:articles_figure_change", args=[figure.pk])


def edit_caption(client, figure, caption: str) -> tuple[int, str]:
    """Post a new caption to the figure's change form: the answer's status and the
    caption stored afterwards."""
    response = client.post(
        figure_url(figure),
        {"alt_text": "Teks alternatif", "caption": caption, "source": "redaksi"},
    )
    figure.refresh_from_db()
    return response.status_code, figure.caption


@pytest.fixture
def pictures(writer):
    """A writer's draft picture, their own upload, a published article's cover, and
    a colleague's draft picture."""
    draft = ArticleFactory(draft=True, author=writer.author, title="Draf penulis")
    SectionFactory(
        article=draft, position=1, figure=FigureFactory(caption="Gambar draf saya")
    )
    published = ArticleFactory(title="Artikel terbit rekan")
    published.cover = FigureFactory(caption="Sampul artikel terbit")
    published.save()
    colleague = ArticleFactory(draft=True, title="Draf rekan")
    colleague.cover = FigureFactory(caption="Sampul draf rekan")
    colleague.save()
    return {
        "draft": draft,
        "mine": draft.sections.get().figure,
        "upload": FigureFactory(caption="Unggahan saya", created_by=writer),
        "cover": published.cover,
        "published": published,
    }


def test_writer_lists_and_pops_up_their_own_and_published_figures_only(
    client, writer, pictures
):
    client.force_login(writer)
    for params in ({}, {"_popup": "1", "_to_field": "id"}):
        html = client.get(FIGURES_URL, params).content.decode()
        assert "Gambar draf saya" in html and "Unggahan saya" in html
        assert "Sampul artikel terbit" in html
        assert "Sampul draf rekan" not in html


def test_cover_search_offers_the_writers_and_published_figures(
    client, writer, pictures
):
    client.force_login(writer)
    found = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "articles",
            "model_name": "article",
            "field_name": "cover",
            "term": "",
        },
    ).json()
    shown = {row["text"] for row in found["results"]}
    assert shown == {"Gambar draf saya", "Unggahan saya", "Sampul artikel terbit"}


def test_a_crafted_cover_id_is_refused_and_the_draft_keeps_its_cover(
    client, writer, pictures
):
    draft = pictures["draft"]
    colleagues = Article.objects.get(title="Draf rekan").cover
    client.force_login(writer)
    response = client.post(
        change_url(draft), change_data(draft, cover=str(colleagues.pk))
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["cover"]
    draft.refresh_from_db()
    assert draft.cover_id is None


def test_writer_cannot_replace_a_published_articles_cover(client, writer, pictures):
    """They may look at it in the library (readers see it anyway), not change it."""
    cover = pictures["cover"]
    client.force_login(writer)
    page = client.get(figure_url(cover))
    assert page.status_code == 200
    assert not page.context["has_change_permission"]
    assert edit_caption(client, cover, "Diganti") == (403, "Sampul artikel terbit")


def test_writer_cannot_open_a_colleagues_unpublished_picture(client, writer, pictures):
    hidden = Article.objects.get(title="Draf rekan").cover
    client.force_login(writer)
    assert client.get(figure_url(hidden)).status_code == 404
    assert edit_caption(client, hidden, "Diganti") == (404, "Sampul draf rekan")


def test_a_figure_turns_editor_only_once_a_published_article_uses_it(
    client, writer, editor, pictures
):
    """Reused as a published article's cover, the writer's own upload is locked for
    them (read-only), and still the editor's to change."""
    upload = pictures["upload"]
    published = pictures["published"]
    published.cover = upload
    published.save()
    client.force_login(writer)
    page = client.get(figure_url(upload))
    assert page.status_code == 200
    assert not page.context["has_change_permission"]
    assert edit_caption(client, upload, "Diubah") == (403, "Unggahan saya")

    client.force_login(editor)
    assert edit_caption(client, upload, "Diubah editor") == (302, "Diubah editor")


def test_a_draft_section_cannot_rewrite_a_picture_a_published_article_shows(
    client, writer, pictures
):
    """The section form edits its picture in place; when a published article also
    shows that picture, the writer is told so and nothing is saved."""
    draft = pictures["draft"]
    shared = pictures["mine"]
    published = pictures["published"]
    published.cover = shared
    published.save()
    client.force_login(writer)
    data = change_data(draft, title="Draf diperbarui")
    data["sections-0-figure_caption"] = "Keterangan dari draf"
    response = client.post(change_url(draft), data)
    assert response.status_code == 200
    assert "juga dipakai artikel lain" in response.content.decode()
    shared.refresh_from_db()
    draft.refresh_from_db()
    assert shared.caption == "Gambar draf saya"
    assert draft.title == "Draf penulis"


def test_writer_edits_their_own_drafts_picture_and_upload(client, writer, pictures):
    draft = pictures["draft"]
    client.force_login(writer)
    data = change_data(draft)
    data["sections-0-figure_caption"] = "Keterangan baru"
    assert client.post(change_url(draft), data).status_code == 302
    assert Figure.objects.get(pk=pictures["mine"].pk).caption == "Keterangan baru"

    assert edit_caption(client, pictures["upload"], "Sarapan") == (302, "Sarapan")


def test_submitted_draft_locks_its_pictures_for_the_writer(client, writer, pictures):
    draft = pictures["draft"]
    Article.objects.filter(pk=draft.pk).update(status=Article.Status.REVIEW)
    client.force_login(writer)
    mine = pictures["mine"]
    assert edit_caption(client, mine, "Diubah") == (403, "Gambar draf saya")


def test_an_upload_in_the_figure_admin_is_credited_to_the_writer(client, writer):
    client.force_login(writer)
    response = client.post(
        reverse("admin:articles_figure_add"),
        {
            "alt_text": "Secangkir kopi",
            "caption": "Kopi pagi",
            "source": "redaksi",
            "image": upload(image_bytes("PNG"), "kopi.png", "image/png"),
        },
    )
    assert response.status_code == 302
    assert Figure.objects.get(caption="Kopi pagi").created_by == writer
