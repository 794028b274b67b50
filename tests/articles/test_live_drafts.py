"""Editing a published article as a change draft (articles/livedrafts.py): readers
keep the live version until an editor publishes the draft, now or at a time."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from articles import livedrafts, revisions
from articles.bulk import publish_articles
from articles.models import Article, ArticleNote, Section
from tests.articles.conftest import member
from tests.articles.factories import (
    ArticleFactory,
    AuthorFactory,
    FigureFactory,
    SectionFactory,
)
from tests.articles.test_roles import QUEUE_URL, change_data, change_url

pytestmark = pytest.mark.django_db

OLD_TEXT = "Kapal berangkat pukul tujuh pagi."
NEW_TEXT = "Kapal berangkat pukul delapan pagi."


def start_url(article):
    return reverse("admin:articles_article_start_draft", args=[article.pk])


def changes_url(draft):
    return reverse("admin:articles_article_changes", args=[draft.pk])


def live_article(writer, **kwargs):
    article = ArticleFactory(
        author=writer.author,
        title="Jadwal kapal ke Karimunjawa",
        cover=FigureFactory(),
        tags=["wisata", "jepara"],
        **kwargs,
    )
    SectionFactory(
        article=article,
        position=1,
        heading="Berangkat dari Jepara",
        body=f"<p>{OLD_TEXT}</p>",
        figure=FigureFactory(caption="Dermaga Kartini"),
    )
    SectionFactory(article=article, position=2, heading="Penutup", is_numbered=False)
    return article


def reader_page(client, article) -> str:
    client.logout()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def start_as(client, user, article) -> Article:
    client.force_login(user)
    response = client.post(start_url(article))
    assert response.status_code == 302
    draft = Article.objects.get(draft_of=article)
    assert response["Location"] == change_url(draft)
    return draft


def edit_draft(client, draft, **fields):
    """The writer changes the first section's text and submits the draft."""
    data = change_data(draft, **fields)
    data["sections-0-body"] = f"<p>{NEW_TEXT}</p>"
    response = client.post(change_url(draft), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    draft.refresh_from_db()
    return draft


def test_writer_drafts_a_change_readers_keep_the_live_text(client, writer):
    live = live_article(writer)
    client.force_login(writer)
    page = client.get(change_url(live)).content.decode()
    assert "Sunting sebagai draf" in page and start_url(live) in page
    assert client.get(start_url(live)).status_code == 405  # POST only

    draft = start_as(client, writer, live)
    assert draft.status == Article.Status.DRAFT
    assert draft.base_version == live.version
    assert draft.slug != live.slug and "perubahan" in draft.slug
    assert draft.title == live.title and draft.cover_id == live.cover_id
    assert sorted(draft.tags.names()) == ["jepara", "wisata"]
    copied = list(draft.sections.order_by("position"))
    assert [s.heading for s in copied] == ["Berangkat dari Jepara", "Penutup"]
    assert copied[0].figure.caption == "Dermaga Kartini"
    assert not {s.pk for s in copied} & set(live.sections.values_list("pk", flat=True))
    comment = revisions.last_change(draft).comment
    assert comment.startswith("Draf perubahan dibuat dari versi tayang")

    # The writer's screen says what it is, and has no address or schedule.
    page = client.get(change_url(draft))
    form = page.context["adminform"].form
    assert "slug" not in form.fields and "published_at" not in form.fields
    assert "untuk artikel tayang" in page.content.decode()

    edit_draft(client, draft, title="Jadwal kapal ke Karimunjawa berubah")
    assert draft.title == "Jadwal kapal ke Karimunjawa berubah"
    live.refresh_from_db()
    assert live.title == "Jadwal kapal ke Karimunjawa"
    page = reader_page(client, live)
    assert OLD_TEXT in page and NEW_TEXT not in page
    # The copy has no public page of its own.
    assert client.get(draft.get_absolute_url()).status_code == 404

    # Starting again opens the same draft.
    client.force_login(writer)
    response = client.post(start_url(live), follow=True)
    assert "sudah punya draf perubahan" in response.content.decode()
    assert Article.objects.filter(draft_of=live).count() == 1


def test_who_may_start_a_change_draft(client, writer, editor, sales):
    live = live_article(writer)
    colleague = member("Penulis", "penulis2")
    AuthorFactory(name="Rekan", user=colleague)
    unpublished = ArticleFactory(draft=True, author=writer.author)
    for user, article, expected in (
        (colleague, live, 404),  # not theirs: not even visible
        (writer, unpublished, 403),  # a draft is edited directly
        (sales, live, 403),
    ):
        client.force_login(user)
        assert client.post(start_url(article)).status_code == expected
    assert not Article.objects.filter(draft_of__isnull=False).exists()

    # An editor may draft a change of anyone's article; it stays the writer's.
    draft = start_as(client, editor, live)
    assert draft.author == live.author
    # A draft of a draft is refused.
    assert client.post(start_url(draft)).status_code == 403


def test_editor_reviews_the_diff_and_publishes_into_the_live_article(
    client, writer, editor
):
    live = live_article(writer)
    published_at, slug, pk = live.published_at, live.slug, live.pk
    draft = start_as(client, writer, live)
    edit_draft(client, draft, status="review", tags="wisata, kapal")

    # The writer sees the diff but cannot decide.
    page = client.get(changes_url(draft)).content.decode()
    assert "<del>tujuh</del>" in page and "<ins>delapan</ins>" in page
    assert 'name="publish"' not in page
    assert client.post(changes_url(draft), {"publish": "1"}).status_code == 403

    client.force_login(editor)
    queue = client.get(QUEUE_URL).content.decode()
    assert "Perubahan artikel tayang" in queue and changes_url(draft) in queue
    page = client.get(changes_url(draft)).content.decode()
    assert "<del>tujuh</del>" in page and "<ins>delapan</ins>" in page
    assert "Tag: <del>jepara,</del> wisata" in page
    assert "Tag: <ins>kapal,</ins> wisata" in page

    response = client.post(changes_url(draft), {"publish": "1"})
    assert response.status_code == 302
    assert response["Location"] == change_url(live)
    live.refresh_from_db()
    assert (live.pk, live.slug, live.published_at) == (pk, slug, published_at)
    assert live.status == Article.Status.PUBLISHED
    assert sorted(live.tags.names()) == ["kapal", "wisata"]
    assert not Article.objects.filter(pk=draft.pk).exists()
    sections = list(live.sections.order_by("position"))
    assert [s.heading for s in sections] == ["Berangkat dari Jepara", "Penutup"]
    assert sections[0].figure.caption == "Dermaga Kartini"
    assert revisions.last_change(live).comment == "Perubahan dari draf diterbitkan"
    assert revisions.last_change(live).user == editor
    page = reader_page(client, live)
    assert NEW_TEXT in page and OLD_TEXT not in page
    assert Section.objects.filter(article__isnull=True).count() == 0


def test_a_live_edit_after_the_draft_needs_confirming(client, writer, editor):
    live = live_article(writer)
    draft = start_as(client, writer, live)
    edit_draft(client, draft, status="review")
    # An editor fixes a typo on the live article meanwhile.
    client.force_login(editor)
    response = client.post(change_url(live), change_data(live, title="Jadwal Kapal"))
    assert response.status_code == 302

    page = client.get(changes_url(draft)).content.decode()
    assert "Versi tayang sudah disunting sesudah draf ini dibuat" in page
    response = client.post(changes_url(draft), {"publish": "1"})
    assert response.status_code == 200
    assert "konfirmasi bahwa isi draf menggantikan" in response.content.decode()
    live.refresh_from_db()
    assert live.title == "Jadwal Kapal"  # nothing changed
    assert Article.objects.filter(pk=draft.pk).exists()

    response = client.post(changes_url(draft), {"publish": "1", "overwrite": "on"})
    assert response.status_code == 302
    live.refresh_from_db()
    assert live.title == "Jadwal kapal ke Karimunjawa"
    assert NEW_TEXT in reader_page(client, live)


def test_a_scheduled_change_lands_at_its_time_with_its_note(client, writer, editor):
    live = live_article(writer)
    draft = start_as(client, writer, live)
    edit_draft(client, draft, status="review")
    client.force_login(editor)
    when = timezone.localtime() + timedelta(hours=2)
    data = {
        "schedule": "1",
        "when_0": when.strftime("%Y-%m-%d"),
        "when_1": when.strftime("%H:%M"),
        "note_kind": ArticleNote.Kind.CORRECTION,
        "note_text": "Jam keberangkatan <script>x</script> dibetulkan.",
    }
    # Bad input first: no time, a past time, a note without its text.
    for bad, message in (
        ({"when_0": "", "when_1": ""}, "Isi tanggal dan jam terbitnya."),
        ({"when_0": "2020-01-01", "when_1": "08:00"}, "harus di masa depan"),
        ({"when_0": "besok", "when_1": "08:00"}, "Masukkan"),
        ({"note_text": ""}, "Tulis isi catatannya untuk pembaca."),
    ):
        response = client.post(changes_url(draft), {**data, **bad})
        assert response.status_code == 200
        assert message in response.content.decode()
    draft.refresh_from_db()
    assert draft.change_publish_at is None

    response = client.post(changes_url(draft), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.change_publish_at is not None
    assert draft.status_label() == "Perubahan terjadwal"
    assert list(client.get(QUEUE_URL).context["cl"].result_list) == []
    page = client.get(change_url(live)).content.decode()
    assert "terjadwal terbit" in page

    # Before its time nothing happens; after it, the live article changes.
    assert livedrafts.apply_due_changes(timezone.now()) == []
    assert OLD_TEXT in reader_page(client, live)
    out = io.StringIO()
    later = timezone.now() + timedelta(hours=3)
    results = livedrafts.apply_due_changes(later)
    assert [(article.pk, reasons) for article, reasons in results] == [(live.pk, [])]
    assert NEW_TEXT in reader_page(client, live)
    note = live.notes.get()
    assert note.kind == ArticleNote.Kind.CORRECTION and note.created_by == editor
    page = reader_page(client, live)
    assert "Ralat" in page and "&lt;script&gt;x&lt;/script&gt;" in page
    assert "<script>x</script>" not in page
    call_command("publish_scheduled_changes", stdout=out)
    assert "0 perubahan terjadwal diterbitkan." in out.getvalue()


def test_a_scheduled_change_meets_a_live_edit_and_returns_to_review(
    client, writer, editor
):
    live = live_article(writer)
    draft = start_as(client, writer, live)
    edit_draft(client, draft, status="review")
    when = timezone.now() + timedelta(minutes=30)
    livedrafts.schedule(draft.pk, editor, when)
    Article.objects.filter(pk=live.pk).update(version=live.version + 5)

    out = io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: when + timedelta(minutes=1))
        call_command("publish_scheduled_changes", stdout=out, stderr=out)
    assert "Tidak diterbitkan" in out.getvalue()
    draft.refresh_from_db()
    assert draft.change_publish_at is None and draft.status == Article.Status.REVIEW
    assert "dibatalkan" in draft.review_note
    assert OLD_TEXT in reader_page(client, live)
    client.force_login(editor)
    assert list(client.get(QUEUE_URL).context["cl"].result_list) == [draft]


def test_editor_sends_the_draft_back_and_the_writer_discards_it(client, writer, editor):
    live = live_article(writer)
    draft = start_as(client, writer, live)
    edit_draft(client, draft, status="review")
    client.force_login(editor)
    response = client.post(changes_url(draft), {"reject": "1", "review_note": " "})
    assert "Tulis catatan untuk penulis" in response.content.decode()
    response = client.post(
        changes_url(draft), {"reject": "1", "review_note": "Sebut sumber jadwalnya."}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    assert draft.review_note == "Sebut sumber jadwalnya."

    colleague = member("Penulis", "penulis2")
    AuthorFactory(name="Rekan", user=colleague)
    client.force_login(colleague)
    assert client.post(changes_url(draft), {"discard": "1"}).status_code == 404
    client.force_login(writer)
    page = client.get(change_url(draft)).content.decode()
    assert "Sebut sumber jadwalnya." in page  # theirs to edit again
    response = client.post(changes_url(draft), {"discard": "1"})
    assert response["Location"] == change_url(live)
    assert not Article.objects.filter(pk=draft.pk).exists()
    live.refresh_from_db()
    assert live.status == Article.Status.PUBLISHED and OLD_TEXT in reader_page(
        client, live
    )


def test_a_change_draft_is_never_published_by_itself(client, writer, editor):
    live = live_article(writer)
    draft = start_as(client, writer, live)
    client.force_login(editor)
    form = client.get(change_url(draft)).context["adminform"].form
    assert [value for value, _label in form.fields["status"].choices] == [
        "draft",
        "review",
    ]
    response = client.post(change_url(draft), change_data(draft, status="published"))
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT

    result = publish_articles(Article.objects.filter(pk=draft.pk), editor)
    assert result.refused and not result.changed
    draft.status = Article.Status.PUBLISHED
    draft.published_at = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        draft.save()


def test_publishing_keeps_the_sponsor_sales_recorded(writer, editor):
    live = live_article(writer, is_sponsored=True, sponsor_name="PT Kapal Nusa")
    draft, created = livedrafts.start(live, writer)
    assert created and draft.sponsor_name == "PT Kapal Nusa"
    Article.objects.filter(pk=draft.pk).update(is_sponsored=False)
    live = livedrafts.publish(draft.pk, editor)
    assert live.is_sponsored and live.sponsor_name == "PT Kapal Nusa"


def test_a_draft_with_problems_is_refused_with_reasons(client, writer, editor):
    live = live_article(writer)
    draft = start_as(client, writer, live)
    Section.objects.filter(article=draft, position=1).update(body="<p> </p>")
    client.force_login(editor)
    page = client.get(changes_url(draft)).content.decode()
    assert "Belum bisa terbit" in page
    response = client.post(changes_url(draft), {"publish": "1"})
    assert response.status_code == 200
    assert "isinya masih kosong" in response.content.decode()
    assert OLD_TEXT in reader_page(client, live)


def test_the_changes_page_is_only_for_change_drafts(client, writer, editor):
    live = live_article(writer)
    client.force_login(editor)
    assert client.get(changes_url(live)).status_code == 404
    draft = start_as(client, writer, live)
    colleague = member("Penulis", "penulis2")
    client.force_login(colleague)
    assert client.get(changes_url(draft)).status_code == 404


def test_a_draft_never_changes_a_picture_readers_see(client, writer, editor):
    live = live_article(writer)
    draft = start_as(client, writer, live)
    client.force_login(editor)
    data = change_data(draft)
    data["sections-0-figure_caption"] = "Dermaga baru"
    response = client.post(change_url(draft), data)
    assert response.status_code == 200
    assert "langsung terlihat pembaca" in response.content.decode()
    figure = live.sections.get(position=1).figure
    figure.refresh_from_db()
    assert figure.caption == "Dermaga Kartini"

    # The caption of this use only is the draft's own.
    data = change_data(draft)
    data["sections-0-figure_caption_override"] = "Dermaga baru"
    assert client.post(change_url(draft), data).status_code == 302
    assert "Dermaga Kartini" in reader_page(client, live)
    live = livedrafts.publish(draft.pk, editor)
    assert "Dermaga baru" in reader_page(client, live)


def test_spacing_the_editor_changes_is_no_change(writer):
    live = live_article(writer)
    draft, _created = livedrafts.start(live, writer)
    section = draft.sections.get(position=1)
    section.body = f"\n\n<p>{OLD_TEXT}</p>\n\n\n<p>&nbsp;</p>\n"
    section.save()
    assert livedrafts.changes(draft).rows == []


def test_the_first_reader_after_its_time_sees_the_scheduled_change(
    client, writer, editor, monkeypatch
):
    live = live_article(writer)
    draft = start_as(client, writer, live)
    edit_draft(client, draft, status="review")
    when = timezone.now() + timedelta(minutes=30)
    livedrafts.schedule(draft.pk, editor, when)
    assert OLD_TEXT in reader_page(client, live)  # cached, with the schedule

    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + timedelta(minutes=29))
    assert OLD_TEXT in reader_page(client, live)
    assert Article.objects.filter(pk=draft.pk).exists()
    # No job runs: the first request after the time publishes it, then shows it.
    monkeypatch.setattr(timezone, "now", lambda: real_now() + timedelta(minutes=31))
    page = reader_page(client, live)
    assert NEW_TEXT in page and OLD_TEXT not in page
    assert not Article.objects.filter(pk=draft.pk).exists()
    assert revisions.last_change(live).user == editor


def test_the_article_list_tells_a_change_draft_from_its_live_article(
    client, writer, editor
):
    live = live_article(writer)
    draft = start_as(client, writer, live)
    client.force_login(editor)
    url = reverse("admin:articles_article_changelist")
    page = client.get(url).content.decode()
    assert page.count('class="change-draft-tag">draf perubahan</span>') == 1
    assert change_url(draft) in page and change_url(live) in page
    drafts = client.get(url, {"jenis": "perubahan"}).context["cl"].result_list
    assert list(drafts) == [draft]
    articles = client.get(url, {"jenis": "artikel"}).context["cl"].result_list
    assert list(articles) == [live]
