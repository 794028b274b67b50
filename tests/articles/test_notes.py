"""Corrections ("Ralat"), updates ("Pembaruan") and rights of reply ("Hak
jawab") on published articles: on the page, in the structured data and in the
feeds, and how an editor adds them. A quiet typo fix makes no note."""

import json
import re
from datetime import datetime, timedelta

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from articles import revisions
from articles.models import Article, ArticleNote
from tests.admin_pages import form_data
from tests.articles.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

PUBLISHED = timezone.make_aware(datetime(2026, 11, 25, 8, 0))
NOTED = timezone.make_aware(datetime(2026, 11, 26, 10, 15))
NOTE_ADD_URL = "/admin/articles/articlenote/add/"

KINDS = [
    (ArticleNote.Kind.CORRECTION, "", "Ralat"),
    (ArticleNote.Kind.UPDATE, "", "Pembaruan"),
    (
        ArticleNote.Kind.REPLY,
        "Pengelola Pasar Besar",
        "Hak jawab dari Pengelola Pasar Besar",
    ),
]


@pytest.fixture
def article():
    article = ArticleFactory(
        title="Pasar pagi di Batu", published_at=PUBLISHED, tags=["pasar"]
    )
    SectionFactory(article=article, heading="Sayur segar", body="<p>Isi.</p>")
    return article


def note(article, kind=ArticleNote.Kind.CORRECTION, at=NOTED, **fields):
    fields.setdefault("text", "<p>Jam buka pasar kami betulkan.</p>")
    return ArticleNote.objects.create(article=article, kind=kind, noted_at=at, **fields)


def page_of(client, article) -> str:
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def news_article(html: str) -> dict:
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
    [news] = [
        data for data in map(json.loads, scripts) if data["@type"] == "NewsArticle"
    ]
    return news


def header(html: str) -> str:
    """The article's own header: its headline and byline."""
    start = html.index('<header class="article-header">')
    return html[start : html.index("</header>", start)]


def feed_entry(client, url: str):
    feed = feedparser.parse(client.get(url).content)
    assert not feed.bozo, feed.get("bozo_exception")
    [entry] = feed.entries
    return entry


@pytest.mark.parametrize(("kind", "party", "heading"), KINDS)
def test_each_kind_of_note_shows_on_the_page_after_the_article(
    client, article, kind, party, heading
):
    note(article, kind, party=party, text="<p>Isi <em>catatan</em> redaksi.</p>")

    html = page_of(client, article)

    # "Diperbarui" near the byline, in WIB.
    assert (
        'Diperbarui <time datetime="2026-11-26T10:15:00+07:00">'
        "26 November 2026, 10.15 WIB</time>"
    ) in header(html)
    # The note at the end, after the sections, with its kind and time.
    notes = html[html.index('<section class="article-notes"') :]
    assert html.index("Sayur segar") < html.index('<section class="article-notes"')
    assert f"<strong>{heading}</strong> · " in notes
    assert "26 November 2026, 10.15 WIB" in notes
    assert "Isi <em>catatan</em> redaksi." in notes


@pytest.mark.parametrize(("kind", "party", "heading"), KINDS)
def test_each_kind_of_note_dates_the_structured_data(
    client, article, kind, party, heading
):
    note(article, kind, party=party, text="<p>Jam buka <b>05.30</b>.</p>")

    html = page_of(client, article)
    news = news_article(html)

    assert news["datePublished"] == "2026-11-25T08:00:00+07:00"
    assert news["dateModified"] == "2026-11-26T10:15:00+07:00"
    assert (
        '<meta property="article:modified_time" content="2026-11-26T10:15:00+07:00">'
        in html
    )
    if kind == ArticleNote.Kind.CORRECTION:
        assert news["correction"] == [
            {
                "@type": "CorrectionComment",
                "text": "Jam buka 05.30.",
                "datePublished": "2026-11-26T10:15:00+07:00",
            }
        ]
    else:
        # schema.org has a property for corrections only.
        assert "correction" not in news


@pytest.mark.parametrize(("kind", "party", "heading"), KINDS)
def test_each_kind_of_note_marks_the_update_in_the_feeds(
    client, article, kind, party, heading
):
    note(article, kind, party=party)
    label = ArticleNote.Kind(kind).label

    rss = feed_entry(client, reverse("articles:feed"))
    atom = feed_entry(client, reverse("articles:feed-atom"))

    assert f"(Diperbarui 26 November 2026, 10.15 WIB: {label}.)" in rss.summary
    assert label in [tag.term for tag in rss.tags]
    assert label in [tag.term for tag in atom.tags]
    assert datetime.fromisoformat(atom.updated) == NOTED
    assert datetime.fromisoformat(atom.published) == PUBLISHED


def test_notes_show_in_order_and_the_newest_dates_the_article(client, article):
    note(article, ArticleNote.Kind.UPDATE, at=NOTED + timedelta(hours=3))
    note(article, ArticleNote.Kind.CORRECTION, at=NOTED)

    html = page_of(client, article)

    notes = html[html.index('<section class="article-notes"') :]
    assert notes.index("<strong>Ralat</strong>") < notes.index(
        "<strong>Pembaruan</strong>"
    )
    assert "Diperbarui <time" in header(html)
    assert "26 November 2026, 13.15 WIB" in header(html)
    assert news_article(html)["dateModified"] == "2026-11-26T13:15:00+07:00"
    # The newest note's kind in the feed.
    rss = feed_entry(client, reverse("articles:feed"))
    assert "WIB: Pembaruan.)" in rss.summary


def test_an_article_without_notes_is_not_marked_updated(client, article):
    html = page_of(client, article)

    assert "Diperbarui" not in html
    assert 'class="article-notes"' not in html
    news = news_article(html)
    assert news["dateModified"] == news["datePublished"]
    rss = feed_entry(client, reverse("articles:feed"))
    assert "Diperbarui" not in rss.summary
    atom = feed_entry(client, reverse("articles:feed-atom"))
    assert datetime.fromisoformat(atom.updated) == PUBLISHED


def test_a_quiet_typo_fix_by_an_editor_makes_no_note(client, editor, article):
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(client.get(url).content.decode(), "article_form")
    data["title"] = "Pasar pagi di Kota Batu"

    response = client.post(url, data)

    assert response.status_code == 302
    assert ArticleNote.objects.count() == 0
    client.logout()
    html = page_of(client, Article.objects.get(pk=article.pk))
    assert "Pasar pagi di Kota Batu" in html  # the fix is on the page at once
    assert "Diperbarui" not in html
    news = news_article(html)
    assert news["dateModified"] == news["datePublished"]


def test_an_editor_adds_a_correction_from_the_articles_screen(client, editor, article):
    client.force_login(editor)
    change = client.get(
        reverse("admin:articles_article_change", args=[article.pk])
    ).content.decode()
    link = f"{NOTE_ADD_URL}?article={article.pk}"
    assert f'<a href="{link}">Tambah ralat atau hak jawab</a>' in change

    form = client.get(link).content.decode()
    data = form_data(form, "articlenote_form")
    assert data["article"] == str(article.pk)  # chosen already
    data.update(kind="correction", text="<p>Nama kebun kami betulkan.</p>")
    before = timezone.now()
    response = client.post(NOTE_ADD_URL, data)

    # Back to the article's screen, which says so.
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "admin:articles_article_change", args=[article.pk]
    )
    message = client.get(response["Location"]).content.decode()
    assert "“Ralat” tersimpan dan tampil di akhir artikel." in message
    saved = ArticleNote.objects.get()
    assert saved.created_by == editor
    assert saved.noted_at >= before
    client.logout()
    html = page_of(client, article)
    assert "Nama kebun kami betulkan." in html
    assert "Diperbarui <time" in header(html)


def test_drafts_offer_no_note_and_refuse_one(client, editor):
    draft = ArticleFactory(draft=True)
    client.force_login(editor)
    change = client.get(
        reverse("admin:articles_article_change", args=[draft.pk])
    ).content.decode()
    assert "Tambah ralat atau hak jawab" not in change

    response = client.post(
        NOTE_ADD_URL,
        {"article": str(draft.pk), "kind": "update", "text": "<p>Kabar.</p>"},
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["article"]
    assert ArticleNote.objects.count() == 0


@pytest.mark.parametrize(
    ("kind", "party", "text", "field", "message"),
    [
        ("reply", "", "<p>Tanggapan.</p>", "party", "menyebut pihak"),
        ("reply", "   ", "<p>Tanggapan.</p>", "party", ""),
        ("correction", "Dinas Pasar", "<p>Ralat.</p>", "party", "hanya diisi"),
        ("update", "", "<script>alert(1)</script>", "text", "kosong"),
        ("update", "", "", "text", ""),
    ],
)
def test_a_bad_note_is_a_form_error_and_nothing_is_saved(
    client, editor, article, kind, party, text, field, message
):
    client.force_login(editor)
    response = client.post(
        NOTE_ADD_URL,
        {"article": str(article.pk), "kind": kind, "party": party, "text": text},
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert message in str(errors[field])
    assert ArticleNote.objects.count() == 0


def test_note_text_is_cleaned_and_the_party_escaped(client, article):
    note(
        article,
        ArticleNote.Kind.REPLY,
        party='<img src=x onerror="alert(1)">',
        text='<p onclick="x()">Tanggapan</p><script>alert(1)</script>',
    )

    html = page_of(client, article)

    assert ArticleNote.objects.get().text == "<p>Tanggapan</p>"
    assert "onerror=" not in html.replace("onerror=&quot;", "")
    assert "Hak jawab dari &lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    assert "<script>alert" not in html


def test_a_deleted_note_leaves_the_page(client, article):
    first = note(article)
    page_of(client, article)  # cached now

    first.delete()
    html = page_of(client, article)

    assert 'class="article-notes"' not in html
    assert "Diperbarui" not in html


def test_restoring_an_old_revision_keeps_the_notes(client, editor, article):
    revisions.save_revision(article, editor, "Dibuat")
    note(article, text="<p>Ralat yang tetap.</p>")
    article.title = "Judul yang diganti"
    article.save()
    revisions.save_revision(article, editor, "Diubah")
    [_newest, oldest] = revisions.article_versions(article)[:2]

    revisions.restore_revision(article, oldest, editor)

    html = page_of(client, Article.objects.get(pk=article.pk))
    assert "Pasar pagi di Batu" in html
    assert "Ralat yang tetap." in html
