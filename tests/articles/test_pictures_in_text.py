"""Pictures of the media library inside a section's text: the allow-list keeps only
a valid reference, the page renders it with the section figure's template, a
deleted picture renders nothing (and the checklist says so), the form refuses a
reference the writer may not use, and the editor's picker answers only with
pictures the user may use."""

import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from articles.models import Article, Figure, Section
from articles.pictures import thumbnail_url
from articles.reading import current_page
from articles.richtext import figure_ids, sanitize_html, split_references
from tests.articles.admin_forms import article_post_data
from tests.articles.factories import (
    ArticleFactory,
    CategoryFactory,
    FigureFactory,
    SectionFactory,
)
from tests.articles.test_roles import change_data, change_url

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:articles_article_add")
PICKER_URL = reverse("admin:articles_figure_library")


def reference(pk, caption=None) -> str:
    extra = f' data-caption="{caption}"' if caption else ""
    return f'<figure data-figure="{pk}"{extra}></figure>'


# --- The allow-list ---------------------------------------------------------------


def test_a_valid_reference_is_kept_in_a_section_body_only():
    html = f"<p>Sebelum.</p>{reference(12, 'Di tepi sungai')}<p>Sesudah.</p>"
    assert sanitize_html(html, references=True) == html
    assert sanitize_html(html) == "<p>Sebelum.</p><p>Sesudah.</p>"
    section = SectionFactory(body=html)
    section.refresh_from_db()
    assert section.body == html
    article = ArticleFactory(intro=html)
    article.refresh_from_db()
    assert "<figure" not in article.intro


@pytest.mark.parametrize(
    ("payload", "kept"),
    [
        ('<figure data-figure="abc"></figure>', ""),
        ('<figure data-figure="12abc"></figure>', ""),
        ('<figure data-figure="-3"></figure>', ""),
        ('<figure data-figure="0"></figure>', ""),
        ('<figure data-figure="1e3"></figure>', ""),
        ('<figure data-figure="99999999999999999999"></figure>', ""),
        ('<figure data-figure="12" onerror="alert(1)"></figure>', reference(12)),
        ('<figure data-figure="12" src="javascript:alert(1)"></figure>', reference(12)),
        (
            '<figure data-figure="12"><img src=x onerror=alert(1)></figure>',
            reference(12),
        ),
        ('<figure data-figure="12">teks <b>tebal</b></figure>', "teks <b>tebal</b>"),
        ('<figure data-src="https://evil.test/x.jpg"></figure>', ""),
        ('<div data-figure="12"></div>', ""),
        # The HTML parser closes the paragraph first: the reference stands alone.
        (
            "<p>a<strong><figure data-figure=12></figure></strong></p>",
            f"<p>a<strong></strong></p>{reference(12)}",
        ),
        ('<a href="https://x.test"><figure data-figure=12></figure></a>', ""),
        (
            "<figure><figure data-figure=12></figure></figure>",
            reference(12),
        ),
        (
            "<ul><li><figure data-figure=12></figure></li></ul>",
            f"<ul><li>{reference(12)}</li></ul>",
        ),
    ],
)
def test_the_allow_list_keeps_only_valid_references(payload, kept):
    clean = sanitize_html(payload, references=True)
    clean = clean.replace('<a href="https://x.test" rel="noopener noreferrer"></a>', "")
    assert clean.replace("<p></p>", "") == kept
    for bad in ("onerror", "javascript:", "<img", "evil.test", "data-src"):
        assert bad not in clean


def test_a_hostile_caption_of_a_use_is_plain_text():
    html = sanitize_html(
        '<figure data-figure="5" data-caption="&quot;><script>alert(1)</script>">'
        "</figure>",
        references=True,
    )
    [piece] = split_references(html)
    assert piece.attributes["data-caption"] == '"><script>alert(1)</script>'
    assert "<script" not in html


def test_split_and_ids_follow_the_body():
    body = f"<p>a</p>{reference(3)}<p>b</p>{reference(4)}{reference(3)}"
    pieces = split_references(body)
    assert pieces[0] == "<p>a</p>" and pieces[2] == "<p>b</p>"
    assert [p.figure_id for p in pieces if not isinstance(p, str)] == [3, 4, 3]
    assert figure_ids(body) == [3, 4]


# --- The page ----------------------------------------------------------------------


def test_the_page_renders_the_reference_as_a_section_figure_is_rendered(client):
    figure = FigureFactory(caption="Perahu di Lok Baintan", source="Antara")
    article = ArticleFactory()
    body = f"<p>Pagi itu.</p>{reference(figure.pk)}<p>Pasar ramai.</p>"
    SectionFactory(article=article, position=1, body=body)

    html = client.get(article.get_absolute_url()).content.decode()

    expected = render_to_string(
        "includes/figure.html", {"figure": figure, "caption": "", "lazy": True}
    )
    assert expected in html
    assert "Perahu di Lok Baintan (sumber: Antara)" in html
    assert "<p>Pagi itu.</p><figure" in html.replace("\n", "")
    assert "data-figure" not in html


def test_a_use_may_give_its_own_caption_and_keeps_the_credit(client):
    figure = FigureFactory(caption="Keterangan pustaka", source="redaksi")
    article = ArticleFactory()
    SectionFactory(article=article, body=reference(figure.pk, "Keterangan di sini"))
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Keterangan di sini (sumber: redaksi)" in html
    assert "Keterangan pustaka" not in html


def test_a_reference_to_a_deleted_picture_renders_nothing(client):
    figure = FigureFactory(caption="Akan dihapus")
    article = ArticleFactory()
    SectionFactory(
        article=article, body=f"<p>Awal.</p>{reference(figure.pk)}<p>Akhir.</p>"
    )
    assert "Akan dihapus" in client.get(article.get_absolute_url()).content.decode()

    figure.delete()

    article.refresh_from_db()
    page = current_page(
        Article.objects.select_related("compiled_page").get(pk=article.pk)
    )
    assert page is not None and "Akan dihapus" not in page.body  # compiled again
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Akan dihapus" not in html
    assert "<p>Awal.</p><p>Akhir.</p>" in html.replace("\n", "")
    assert 'class="figure"' not in html


def test_changing_a_picture_compiles_the_articles_showing_it_in_text_again(client):
    figure = FigureFactory(caption="Lama")
    article = ArticleFactory()
    SectionFactory(article=article, body=reference(figure.pk))
    assert "Lama" in client.get(article.get_absolute_url()).content.decode()

    figure.caption = "Baru"
    figure.save()

    stored = Article.objects.select_related("compiled_page").get(pk=article.pk)
    assert "Baru" in current_page(stored).body


def test_a_section_knows_its_pictures_in_text_and_the_library_counts_them(
    client, editor
):
    kept, gone = FigureFactory(caption="Tetap"), FigureFactory(caption="Hilang")
    article = ArticleFactory(title="Artikel bergambar")
    section = SectionFactory(
        article=article, position=1, body=reference(kept.pk) + reference(gone.pk)
    )
    assert set(section.figures_in_text.all()) == {kept, gone}
    gone.delete()
    section.save()
    assert list(section.figures_in_text.all()) == [kept]

    client.force_login(editor)
    listing = client.get(reverse("admin:articles_figure_changelist")).content.decode()
    assert "di dalam teks 1" in listing
    html = client.get(
        reverse("admin:articles_figure_change", args=[kept.pk])
    ).content.decode()
    assert "Di dalam teks bagian 1" in html and "Artikel bergambar" in html


def test_a_writers_upload_shown_in_a_published_articles_text_is_locked(client, writer):
    upload = FigureFactory(caption="Unggahan saya", created_by=writer)
    published = ArticleFactory()
    SectionFactory(article=published, body=reference(upload.pk))
    client.force_login(writer)
    response = client.post(
        reverse("admin:articles_figure_change", args=[upload.pk]),
        {"alt_text": "x", "caption": "Diubah", "source": "y"},
    )
    assert response.status_code == 403
    upload.refresh_from_db()
    assert upload.caption == "Unggahan saya"


def test_the_checklist_warns_about_a_deleted_picture_in_the_text(client, editor):
    figure = FigureFactory()
    article = ArticleFactory(draft=True)
    SectionFactory(
        article=article, position=1, heading="Pasar", body=reference(figure.pk)
    )
    figure.delete()
    client.force_login(editor)
    html = client.get(change_url(article)).content.decode()
    assert (
        "Bagian 1 (“Pasar”): 1 gambar di dalam teks sudah dihapus dari pustaka" in html
    )


def test_the_read_only_screen_shows_pictures_in_the_text(client, writer):
    figure = FigureFactory(caption="Meja kayu", source="arsip", created_by=writer)
    article = ArticleFactory(author=writer.author, status=Article.Status.REVIEW)
    SectionFactory(
        article=article, body=f"<p>Teks.</p>{reference(figure.pk)}<p>Lagi.</p>"
    )
    client.force_login(writer)
    html = client.get(change_url(article)).content.decode()
    assert f'src="{thumbnail_url(figure.image)}"' in html
    assert "Meja kayu (sumber: arsip)" in html
    assert "data-figure" not in html.split('id="content-main"')[1].split("<script")[0]


# --- The form ----------------------------------------------------------------------


def post_section(client, author, body: str, **fields):
    data = article_post_data(
        CategoryFactory(),
        author,
        [{"heading": "Bagian", "body": body}],
        status="draft",
        title="Artikel uji rujukan",
        **fields,
    )
    return client.post(ADD_URL, data)


def body_errors(response) -> list[str]:
    formset = response.context["inline_admin_formsets"][0].formset
    return formset.forms[0].errors.get("body", [])


def test_writer_places_their_own_and_a_published_picture_in_the_text(client, writer):
    own = FigureFactory(created_by=writer)
    public = FigureFactory(caption="Terbit")
    ArticleFactory(cover=public)
    client.force_login(writer)
    body = f"<p>a</p>{reference(own.pk)}<p>b</p>{reference(public.pk, 'Pakai ini')}"
    response = post_section(client, writer.author, body)
    assert response.status_code == 302
    section = Section.objects.get(article__title="Artikel uji rujukan")
    assert section.body == body
    assert set(section.figures_in_text.all()) == {own, public}


@pytest.mark.parametrize(
    "whose", ["colleague_draft", "missing", "colleague_upload"], ids=str
)
def test_a_reference_the_writer_may_not_use_is_refused_and_the_text_kept(
    client, writer, whose
):
    if whose == "missing":
        pk = 987654
    elif whose == "colleague_upload":
        pk = FigureFactory(caption="Unggahan rekan").pk
    else:
        hidden = FigureFactory(caption="Gambar draf rekan")
        ArticleFactory(draft=True, cover=hidden)
        pk = hidden.pk
    client.force_login(writer)
    body = f"<p>Teks penulis yang tidak boleh hilang.</p>{reference(pk)}"
    response = post_section(client, writer.author, body)
    assert response.status_code == 200
    [error] = body_errors(response)
    assert f"Gambar #{pk} tidak ada di pustaka yang boleh Anda pakai" in error
    assert "Teks penulis yang tidak boleh hilang." in response.content.decode()
    assert not Article.objects.filter(title="Artikel uji rujukan").exists()


@pytest.mark.parametrize(
    "payload",
    [
        '<figure data-figure="abc"></figure>',
        '<figure data-figure="javascript:alert(1)"></figure>',
        '<div data-figure="12"></div>',
        '<ul><figure data-figure="{pk}"></figure></ul>',
    ],
)
def test_a_malformed_reference_is_a_form_error(client, writer, payload):
    own = FigureFactory(created_by=writer)
    client.force_login(writer)
    response = post_section(
        client, writer.author, "<p>Tetap ada.</p>" + payload.format(pk=own.pk)
    )
    assert response.status_code == 200
    assert body_errors(response)
    assert "Tetap ada." in response.content.decode()


def test_an_editors_picture_already_in_a_writers_draft_stays_on_their_save(
    client, writer
):
    """Only new references are checked: the writer may save a draft in which an
    editor placed a picture the writer could not pick themselves, or one that was
    deleted since."""
    editors = FigureFactory(caption="Pilihan editor")
    gone = FigureFactory()
    article = ArticleFactory(draft=True, author=writer.author)
    body = f"<p>x</p>{reference(editors.pk)}{reference(gone.pk)}"
    SectionFactory(article=article, position=1, body=body)
    Figure.objects.filter(pk=gone.pk).delete()
    client.force_login(writer)
    data = change_data(article, title="Judul baru")
    response = client.post(change_url(article), data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Judul baru"
    assert article.sections.get().body == body


# --- The editor's picker -----------------------------------------------------------


def picked(response) -> set[str]:
    return {row["caption"] for row in response.json()["results"]}


def test_picker_lists_what_the_writer_may_use(client, writer):
    FigureFactory(caption="Unggahan saya", created_by=writer)
    public = FigureFactory(caption="Sampul terbit")
    ArticleFactory(cover=public)
    hidden = FigureFactory(caption="Draf rekan")
    ArticleFactory(draft=True, cover=hidden)
    client.force_login(writer)

    response = client.get(PICKER_URL)
    assert response.status_code == 200
    assert picked(response) == {"Unggahan saya", "Sampul terbit"}
    row = response.json()["results"][0]
    assert set(row) == {"id", "thumbnail", "alt", "caption", "source"}
    assert picked(client.get(PICKER_URL, {"q": "terbit"})) == {"Sampul terbit"}
    assert picked(client.get(PICKER_URL, {"q": "%_'\\\x00"})) == set()

    assert client.get(PICKER_URL, {"id": public.pk}).status_code == 200
    for wanted in (hidden.pk, 987654, "abc", "1" * 5000, ""):
        answer = client.get(PICKER_URL, {"id": wanted})
        assert answer.status_code == 404
        assert "Draf rekan" not in answer.content.decode()


def test_picker_is_for_staff_with_the_library_only(client, sales):
    response = client.get(PICKER_URL)
    assert response.status_code == 302  # to the login
    client.force_login(sales)
    assert client.get(PICKER_URL).status_code == 403


def test_the_section_editor_loads_the_picker_plugin(client, writer):
    client.force_login(writer)
    html = client.get(ADD_URL).content.decode()
    assert "admin/ckeditor/libraryfigure/" in html
    assert re.search(
        r"libraryUrl&quot;: &quot;/admin/articles/figure/pustaka.json", html
    )
    assert "LibraryFigure" in html
