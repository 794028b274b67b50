import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article, Author, ChangeProposal
from articles.roles import EDITOR, SALES, WRITER
from tests.articles.admin_forms import article_post_data
from tests.articles.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:articles_article_add")
CHANGELIST_URL = reverse("admin:articles_article_changelist")
QUEUE_URL = reverse("admin:articles_articleinreview_changelist")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def change_data(article, **fields):
    """What the change form posts back for ``article`` and its sections."""
    sections = [
        {
            "id": str(section.pk),
            "article": str(article.pk),
            "heading": section.heading,
            "body": section.body,
            "position": str(section.position),
            "is_numbered": "on" if section.is_numbered else "",
            "figure_alt_text": section.figure.alt_text if section.figure else "",
            "figure_caption": section.figure.caption if section.figure else "",
            "figure_source": section.figure.source if section.figure else "",
        }
        for section in article.sections.select_related("figure").order_by("position")
    ]
    data = article_post_data(
        article.category,
        article.author,
        sections,
        title=article.title,
        slug=article.slug,
        intro=article.intro,
        tags=", ".join(article.tags.names()),
        status=article.status,
        opened_version=str(article.version),
        **{"sections-INITIAL_FORMS": str(len(sections))},
    )
    data.update(fields)
    return data


def writer_draft(writer, **kwargs):
    article = ArticleFactory(draft=True, author=writer.author, **kwargs)
    SectionFactory(article=article, position=1, heading="Bagian pertama")
    return article


def test_migration_creates_the_three_roles_and_setup_roles_is_idempotent():
    writer = Group.objects.get(name=WRITER)
    editor = Group.objects.get(name=EDITOR)
    sales = Group.objects.get(name=SALES)
    assert writer.permissions.filter(codename="add_article").exists()
    assert not writer.permissions.filter(codename="publish_article").exists()
    assert not writer.permissions.filter(codename="delete_article").exists()
    assert editor.permissions.filter(codename="publish_article").exists()
    assert not sales.permissions.filter(content_type__app_label="articles").exists()
    assert set(sales.permissions.all()) == set(
        Permission.objects.filter(content_type__app_label="ads")
    )

    # Someone tampers with a group; the command puts it back, twice without harm.
    writer.permissions.add(Permission.objects.get(codename="publish_article"))
    out = io.StringIO()
    call_command("setup_roles", stdout=out)
    call_command("setup_roles", stdout=out)
    assert not writer.permissions.filter(codename="publish_article").exists()
    assert Group.objects.filter(name__in=[WRITER, EDITOR, SALES]).count() == 3
    assert "Penulis:" in out.getvalue()


def test_writer_creates_a_draft_credited_to_themselves(client, writer):
    client.force_login(writer)
    other = AuthorFactory(name="Orang Lain")
    data = article_post_data(
        CategoryFactory(),
        other,  # a crafted author is ignored: writers are credited themselves
        [{"heading": "Mulai", "body": "<p>Isi.</p>"}],
        status="draft",
    )
    response = client.post(ADD_URL, data)
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.author == writer.author
    assert article.status == Article.Status.DRAFT


def test_writer_without_author_profile_gets_one_created(client, writer):
    Author.objects.filter(user=writer).delete()
    client.force_login(writer)
    data = article_post_data(CategoryFactory(), AuthorFactory(), [], status="review")
    response = client.post(ADD_URL, data, follow=True)
    author = Author.objects.get(user=writer)
    assert author.name == "Sari Wulan"
    assert Article.objects.get().author == author
    assert "Profil penulis “Sari Wulan” dibuat" in response.content.decode()


def test_writer_status_choices_are_draft_and_review_only(client, writer):
    client.force_login(writer)
    form = client.get(ADD_URL).context["adminform"].form
    assert [value for value, _label in form.fields["status"].choices] == [
        "draft",
        "review",
    ]
    assert "published_at" not in form.fields
    assert "expires_at" not in form.fields
    for name in ("author", "is_featured", "is_sponsored", "review_note"):
        assert name not in form.fields


@pytest.mark.parametrize("status", ["published", "unpublished"])
def test_writer_crafted_publish_post_is_a_form_error(client, writer, status):
    client.force_login(writer)
    data = article_post_data(CategoryFactory(), AuthorFactory(), [], status=status)
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["status"]
    assert not Article.objects.exists()

    draft = writer_draft(writer)
    response = client.post(change_url(draft), change_data(draft, status=status))
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_writer_cannot_edit_published_or_submitted_articles(client, writer):
    client.force_login(writer)
    for status in ("published", "review"):
        article = ArticleFactory(author=writer.author, status=status)
        SectionFactory(article=article, position=1)
        page = client.get(change_url(article))
        assert page.status_code == 200  # read-only view of their own work
        assert 'name="title"' not in page.content.decode()
        response = client.post(
            change_url(article), change_data(article, title="Diubah diam-diam")
        )
        assert response.status_code == 403
        article.refresh_from_db()
        assert article.title != "Diubah diam-diam"


def test_writer_sees_only_their_own_articles(client, writer):
    mine = writer_draft(writer, title="Draf saya")
    theirs = ArticleFactory(draft=True, title="Draf rekan")
    client.force_login(writer)
    listing = client.get(CHANGELIST_URL).content.decode()
    assert "Draf saya" in listing and "Draf rekan" not in listing
    assert client.get(change_url(mine)).status_code == 200
    # Another writer's article is as good as missing, also for crafted POSTs.
    assert client.get(change_url(theirs)).status_code == 404
    response = client.post(change_url(theirs), change_data(theirs, title="Diambil"))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.title == "Draf rekan"


def test_writer_cannot_reach_the_review_queue(client, writer):
    client.force_login(writer)
    assert client.get(QUEUE_URL).status_code == 403


def test_writer_makes_preview_links_only_for_their_own_drafts(client, writer):
    mine = writer_draft(writer, title="Draf saya")
    submitted = writer_draft(writer, title="Sudah dikirim")
    Article.objects.filter(pk=submitted.pk).update(status=Article.Status.REVIEW)
    theirs = ArticleFactory(draft=True, title="Draf rekan")
    client.force_login(writer)
    add_url = reverse("admin:articles_previewlink_add")
    assert client.get(add_url).status_code == 200
    found = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "articles",
            "model_name": "previewlink",
            "field_name": "article",
            "term": "Dra",
        },
    ).json()
    assert [row["text"] for row in found["results"]] == ["Draf saya"]

    response = client.post(add_url, {"article": theirs.pk, "duration": 24})
    assert response.status_code == 200
    assert "Masukkan pilihan yang valid" in response.content.decode()
    assert not theirs.preview_links.exists()

    response = client.post(add_url, {"article": mine.pk, "duration": 24})
    assert response.status_code == 302
    assert mine.preview_links.count() == 1


def test_editor_review_queue_lists_submitted_articles(client, editor, writer):
    waiting = writer_draft(writer, title="Menunggu keputusan")
    Article.objects.filter(pk=waiting.pk).update(status=Article.Status.REVIEW)
    ArticleFactory(draft=True, title="Masih draf penulis")
    ArticleFactory(title="Sudah tayang")
    client.force_login(editor)
    html = client.get(QUEUE_URL).content.decode()
    assert "Menunggu keputusan" in html
    assert "Masih draf penulis" not in html and "Sudah tayang" not in html
    assert change_url(waiting) in html


def test_editor_rejects_with_a_note_the_writer_then_reads(client, editor, writer):
    article = writer_draft(writer, title="Perlu perbaikan")
    Article.objects.filter(pk=article.pk).update(status=Article.Status.REVIEW)
    article.refresh_from_db()
    client.force_login(editor)

    without_note = client.post(
        change_url(article), change_data(article, status="draft")
    )
    assert without_note.status_code == 200
    assert "Tulis catatan untuk penulis" in without_note.content.decode()

    note = "Tambahkan sumber untuk data survei di bagian pertama."
    response = client.post(
        change_url(article), change_data(article, status="draft", review_note=note)
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT

    client.force_login(writer)
    page = client.get(change_url(article)).content.decode()
    assert note in page


def test_editor_publishes_schedules_and_unpublishes(client, editor, writer):
    article = writer_draft(writer)
    Article.objects.filter(pk=article.pk).update(status=Article.Status.REVIEW)
    article.refresh_from_db()
    client.force_login(editor)
    response = client.post(
        change_url(article), change_data(article, status="published")
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.is_visible

    response = client.post(
        change_url(article), change_data(article, status="unpublished")
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert not article.is_visible
    assert client.get(article.get_absolute_url()).status_code == 200  # staff preview
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_sales_cannot_reach_article_editing(client, sales):
    article = ArticleFactory()
    client.force_login(sales)
    assert client.get(CHANGELIST_URL).status_code == 403
    assert client.get(ADD_URL).status_code == 403
    assert client.get(change_url(article)).status_code in (403, 404)
    response = client.post(change_url(article), change_data(article, title="Iklan"))
    assert response.status_code in (403, 404)
    article.refresh_from_db()
    assert article.title != "Iklan"
    index = client.get(reverse("admin:index")).content.decode()
    assert CHANGELIST_URL not in index


def test_writer_previews_own_drafts_but_not_a_colleagues(client, writer):
    mine = writer_draft(writer, title="Draf saya sendiri")
    theirs = ArticleFactory(draft=True, title="Draf milik rekan")
    client.force_login(writer)
    page = client.get(mine.get_absolute_url())
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert client.get(theirs.get_absolute_url()).status_code == 404
    assert client.get(ArticleFactory().get_absolute_url()).status_code == 200


def test_garbage_version_in_a_crafted_post_is_a_form_error_not_a_500(client, editor):
    article = ArticleFactory(draft=True, title="Versi aneh")
    client.force_login(editor)
    for bad in ("abc", "-1", "99999999999999999999"):
        response = client.post(
            change_url(article),
            change_data(article, title="Tertimpa", opened_version=bad),
        )
        assert response.status_code == 200
    article.refresh_from_db()
    assert article.title == "Versi aneh"


def test_stored_proposals_stay_readable_and_resolvable(client, writer, editor):
    """Change drafts replaced the free-text proposal: writers get no new form, and
    what they sent before stays readable to them and to the editor."""
    article = ArticleFactory(author=writer.author, title="Sudah tayang")
    SectionFactory(article=article, position=1)
    ChangeProposal.objects.create(
        article=article,
        created_by=writer,
        text="Angka di bagian pertama salah: 40%, bukan 14%. <b>Mohon</b> diperbaiki.",
    )
    client.force_login(writer)
    page = client.get(change_url(article)).content.decode()
    assert "Usulan perubahan Anda sebelumnya" in page
    assert "40%, bukan 14%. &lt;b&gt;Mohon&lt;/b&gt;" in page
    assert "Kirim usulan" not in page and "Sunting sebagai draf" in page

    client.force_login(editor)
    queue = client.get(QUEUE_URL).content.decode()
    assert "Sudah tayang" in queue and "Usulan perubahan" in queue
    page = client.get(change_url(article)).content.decode()
    assert "40%, bukan 14%. &lt;b&gt;Mohon&lt;/b&gt;" in page
    response = client.post(
        change_url(article),
        change_data(article, title="Sudah tayang (diperbaiki)", resolve_proposals="on"),
    )
    assert response.status_code == 302
    assert not article.change_proposals.open().exists()
    assert list(client.get(QUEUE_URL).context["cl"].result_list) == []
