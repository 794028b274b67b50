"""The article desk: a refused save lists everything at once, the live checklist,
the order of sections, and the tag field."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article, Section
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
NEW_CHECKLIST_URL = reverse("admin:articles_article_checklist_new")


def checklist_url(article):
    return reverse("admin:articles_article_checklist", args=[article.pk])


def summary(response) -> list[tuple[str, str]]:
    return [(line.message, line.field) for line in response.context["error_summary"]]


def test_a_refused_publish_lists_every_problem_at_once_each_with_its_field(
    client, editor
):
    client.force_login(editor)
    data = article_post_data(
        CategoryFactory(),
        AuthorFactory(),
        [
            {
                # A form error of its own (no alt text) and a publishing problem
                # (no source): both are listed on the first refusal.
                "heading": "Bergambar",
                "body": "<p>Isi.</p>",
                "figure_image": jpeg_upload(),
                "figure_alt_text": "",
                "figure_source": "",
            },
            {"heading": "Kosong", "body": ""},
        ],
        title="",
        intro="",
    )
    data.update(category="")

    response = client.post(ADD_URL, data)

    assert response.status_code == 200
    assert not Article.objects.exists()
    # In the order of the screen: the category is below the sections.
    assert summary(response) == [
        ("Judul: Bidang ini tidak boleh kosong.", "id_title"),
        ("Isi paragraf pembuka.", "id_intro"),
        (
            "Bagian 1 (“Bergambar”), Teks alternatif gambar: Isi teks alternatif "
            "untuk gambar di bagian ini.",
            "id_sections-0-figure_alt_text",
        ),
        (
            "Bagian 1 (“Bergambar”): gambar belum punya sumber.",
            "id_sections-0-figure_source",
        ),
        ("Bagian 2 (“Kosong”): isinya masih kosong.", "id_sections-1-body"),
        ("Pilih kategori.", "id_category"),
    ]
    html = response.content.decode()
    # At the top, before the first field, each line a link to its field.
    assert html.index('id="desk-summary"') < html.index('id="id_title"')
    assert '<a href="#id_sections-1-body">' in html
    assert '<a href="#id_category">Pilih kategori.</a>' in html


def test_the_list_follows_the_order_the_sections_will_have(client, editor):
    client.force_login(editor)
    data = article_post_data(
        CategoryFactory(),
        AuthorFactory(),
        [
            {"heading": "Kedua", "body": "", "position": "2"},
            {"heading": "Pertama", "body": "", "position": "1"},
        ],
    )
    response = client.post(ADD_URL, data)
    assert summary(response) == [
        ("Bagian 1 (“Pertama”): isinya masih kosong.", "id_sections-1-body"),
        ("Bagian 2 (“Kedua”): isinya masih kosong.", "id_sections-0-body"),
    ]


def test_a_draft_with_a_field_error_lists_it_without_publishing_checks(client, editor):
    client.force_login(editor)
    data = article_post_data(
        CategoryFactory(), AuthorFactory(), [{"heading": "", "body": "<p>Isi.</p>"}]
    )
    data.update(status="draft", intro="")
    response = client.post(ADD_URL, data)
    assert summary(response) == [
        (
            "Bagian 1 (“”), Judul bagian: Bidang ini tidak boleh kosong.",
            "id_sections-0-heading",
        )
    ]


def test_the_checklist_of_a_saved_article_links_to_its_fields(client, writer):
    article = ArticleFactory(draft=True, author=writer.author, intro="")
    SectionFactory(article=article, position=1, heading="Awal", body="")
    client.force_login(writer)
    html = client.get(change_url(article)).content.decode()
    assert '<a href="#id_intro">Isi paragraf pembuka.</a>' in html
    assert (
        '<a href="#id_sections-0-body">Bagian 1 (“Awal”): isinya masih kosong.</a>'
    ) in html


# The live checklist


def test_the_live_checklist_reads_the_form_as_typed_and_saves_nothing(client, editor):
    article = ArticleFactory(draft=True, cover=FigureFactory(source="Arsip"))
    first = SectionFactory(article=article, position=1, heading="Satu")
    SectionFactory(article=article, position=2, heading="Dua")
    client.force_login(editor)
    data = change_data(article, intro="<p>&nbsp;</p>", cover="")
    data["sections-1-body"] = ""
    # A picture chosen for the first section, sent as an empty file: the
    # checklist asks for its alt text and source without the upload.
    data["sections-0-figure_image"] = jpeg_upload(name="dipilih")
    data["sections-0-position"] = "3"

    response = client.post(checklist_url(article), data)

    assert response.status_code == 200
    html = response.json()["html"]
    assert "Isi paragraf pembuka." in html
    # The first section moved below the second: numbered as it will be saved.
    assert "Bagian 1 (“Dua”): isinya masih kosong." in html
    assert "Bagian 2 (“Satu”): gambar belum punya teks alternatif." in html
    assert 'href="#id_sections-0-figure_source"' in html
    assert "Gambar sampul" not in html
    assert response.json()["errors"] == 4
    article.refresh_from_db()
    assert article.intro == "<p>Paragraf pembuka yang ringkas.</p>"
    first.refresh_from_db()
    assert first.position == 1 and first.figure is None


def test_the_live_checklist_of_a_new_article_and_a_ready_one(client, editor, writer):
    client.force_login(writer)
    data = article_post_data(
        CategoryFactory(), AuthorFactory(), [{"heading": "Satu", "body": "<p>A</p>"}]
    )
    del data["author"]  # a writer's form has no author: it is their own
    html = client.post(NEW_CHECKLIST_URL, data).json()["html"]
    assert "Siap terbit." in html

    client.force_login(editor)
    data = article_post_data(CategoryFactory(), AuthorFactory(), [])
    data["author"] = ""
    html = client.post(NEW_CHECKLIST_URL, data).json()["html"]
    assert '<a href="#id_author">Pilih penulis.</a>' in html


@pytest.mark.parametrize(
    "who, article_kind, status",
    [
        ("anonymous", "own_draft", 302),
        ("sales", "own_draft", 403),
        ("writer", "others_draft", 404),
        ("writer", "own_published", 403),
        ("writer", "own_draft", 200),
        ("editor", "others_draft", 200),
    ],
)
def test_the_live_checklist_follows_the_article_rule(
    client, writer, editor, sales, who, article_kind, status
):
    articles = {
        "own_draft": ArticleFactory(draft=True, author=writer.author),
        "own_published": ArticleFactory(author=writer.author),
        "others_draft": ArticleFactory(draft=True),
    }
    article = articles[article_kind]
    users = {"writer": writer, "editor": editor, "sales": sales}
    if who in users:
        client.force_login(users[who])
    response = client.post(checklist_url(article), change_data(article))
    assert response.status_code == status
    if status == 200:
        assert "checklist" in response.json()["html"]


def test_the_live_checklist_needs_post_csrf_and_the_add_permission(
    client, writer, sales
):
    article = ArticleFactory(draft=True, author=writer.author)
    client.force_login(writer)
    assert client.get(checklist_url(article)).status_code == 405

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(writer)
    assert strict.post(checklist_url(article), change_data(article)).status_code == 403

    client.force_login(sales)
    assert client.post(NEW_CHECKLIST_URL, {}).status_code == 403


# The order of sections


def test_a_blank_new_section_numbered_by_the_reorder_script_is_not_saved(
    client, editor
):
    client.force_login(editor)
    data = article_post_data(
        CategoryFactory(),
        AuthorFactory(),
        [
            {"heading": "Kedua", "body": "<p>B</p>", "position": "2"},
            {"heading": "Pertama", "body": "<p>A</p>", "position": "1"},
            # The empty form the page always offers, numbered like the others.
            {"heading": "", "body": "", "position": "3"},
        ],
    )
    assert client.post(ADD_URL, data).status_code == 302
    article = Article.objects.get()
    assert list(
        article.sections.order_by("position").values_list("heading", "position")
    ) == [("Pertama", 1), ("Kedua", 2)]


def test_deleting_and_reordering_sections_in_one_save(client, editor):
    article = ArticleFactory()
    for position, heading in enumerate(["A", "B", "C"], start=1):
        SectionFactory(article=article, position=position, heading=heading)
    client.force_login(editor)
    data = change_data(article)
    data.update(
        {
            "sections-0-position": "3",  # A goes last
            "sections-1-DELETE": "on",  # B goes
            "sections-2-position": "1",  # C comes first
        }
    )
    assert client.post(change_url(article), data).status_code == 302
    assert list(
        Section.objects.filter(article=article)
        .order_by("position")
        .values_list("heading", "position")
    ) == [("C", 1), ("A", 2)]
