"""Article pages compiled on save (articles/compiled.py): readers get the same page
as a live render, every change shows on the next request, and a compiled page that
is not current (other code, settings or content) is never shown."""

import io
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from reversion.models import Version

import ads.slots
from articles.compiled import stale_articles
from articles.models import Article, CompiledArticle, Figure
from articles.reading import current_page
from articles.revisions import restore_revision, save_revision
from tests.ads.factories import UA_BROWSER, SlotFactory, placed
from tests.articles.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    FigureFactory,
    SectionFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


@pytest.fixture
def no_page_cache():
    # Every request renders its page, as in the benchmark's cold run.
    with override_settings(WAYAHSINAU_PAGE_CACHE=False):
        yield


@pytest.fixture
def reader():
    return Client(HTTP_USER_AGENT=UA_BROWSER)


def page(reader, article) -> str:
    response = reader.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def stored(article):
    """The article's current compiled page, as the article page reads it."""
    return current_page(
        Article.objects.select_related("compiled_page").get(pk=article.pk)
    )


def reads_compiled(article) -> bool:
    """Whether the article page finds a current compiled page to read."""
    return stored(article) is not None


@pytest.fixture
def rich_article():
    """An article with everything its page shows: a cover, numbered and unnumbered
    sections with figures, sponsored links, tags, an in-article ad and a related
    article with a cover of its own."""
    category = CategoryFactory(name="Kuliner")
    article = ArticleFactory(
        title="Lima warung soto",
        # Emoji and right-to-left text survive the round trip through the database.
        intro=(
            '<p>Pembuka dengan <a href="https://contoh.test/">tautan</a> 🍜 مرحبا.</p>'
        ),
        cover=FigureFactory(caption="Soto <b>ayam</b>", source="arsip & redaksi"),
        category=category,
        is_sponsored=True,
        tags=["soto", "kuliner"],
    )
    for position, numbered in enumerate([True, True, True, False], start=1):
        SectionFactory(
            article=article,
            position=position,
            heading=f"Warung {position} <i>legendaris</i>",
            is_numbered=numbered,
            figure=FigureFactory(alt_text=f"Foto {position}") if position < 3 else None,
        )
    ArticleFactory(
        title="Soto tetangga", category=category, tags=["soto"], cover=FigureFactory()
    )
    placed(SlotFactory(key="in-article"), title="Paket rilis pers")
    return article


def test_saved_pages_are_compiled_and_read_without_their_sections(reader, rich_article):
    assert not stale_articles().exists()
    html = page(reader, rich_article)

    assert reads_compiled(rich_article)
    assert "<h2>1. Warung 1 &lt;i&gt;legendaris&lt;/i&gt;</h2>" in html
    assert "Soto &lt;b&gt;ayam&lt;/b&gt; (sumber: arsip &amp; redaksi)" in html
    assert 'rel="sponsored noopener noreferrer"' in html
    assert "Paket rilis pers" in html  # the in-article slot, filled per request
    assert "<!--ad-slot:" not in html


def test_a_compiled_page_is_the_page_a_live_render_gives(reader, rich_article):
    ads.slots._random.seed(5)
    compiled = page(reader, rich_article)

    CompiledArticle.objects.all().delete()
    assert not reads_compiled(rich_article)  # rendered live again
    ads.slots._random.seed(5)
    live = page(reader, rich_article)

    assert compiled == live
    assert "🍜 مرحبا" in compiled


@pytest.mark.parametrize(
    "change",
    [
        "edit a section",
        "add a section",
        "delete a section",
        "edit the intro",
        "edit a figure's caption",
        "delete a figure",
        "remove the cover",
    ],
)
def test_every_change_shows_on_the_next_request(reader, rich_article, change):
    before = page(reader, rich_article)
    first = rich_article.sections.order_by("position").first()
    figure = first.figure
    if change == "edit a section":
        first.heading = "Warung pindah alamat"
        first.save()
        shown, gone = "<h2>1. Warung pindah alamat</h2>", "Warung 1"
    elif change == "add a section":
        SectionFactory(article=rich_article, heading="Warung kelima")
        shown, gone = "Warung kelima", None
    elif change == "delete a section":
        first.delete()
        shown, gone = "<h2>1. Warung 2", "Warung 1 &lt;i&gt;"
    elif change == "edit the intro":
        rich_article.intro = "<p>Pembuka yang diperbarui.</p>"
        rich_article.save()
        shown, gone = "Pembuka yang diperbarui.", "Pembuka dengan"
    elif change == "edit a figure's caption":
        figure.caption = "Kuah kuning yang baru"
        figure.save()
        shown, gone = "Kuah kuning yang baru", None
    elif change == "delete a figure":
        figure.delete()
        shown, gone = "<h2>1. Warung 1", 'alt="Foto 1"'
    else:
        Figure.objects.get(pk=rich_article.cover_id).delete()
        shown, gone = "Pembuka dengan", "Soto &lt;b&gt;ayam"

    after = page(reader, rich_article)

    assert gone is None or gone in before
    assert shown in after
    assert gone is None or gone not in after
    assert not stale_articles().exists(), "the change compiled the page again"
    assert reads_compiled(rich_article)


def test_a_related_card_shows_its_articles_new_cover(reader, rich_article):
    neighbour = Article.objects.get(title="Soto tetangga")
    old = re.search(r'src="([^"]+)"', page(reader, neighbour)).group(1)
    assert old in page(reader, rich_article)  # its card, related to the article

    neighbour.cover = FigureFactory()
    neighbour.save()

    html = page(reader, rich_article)
    assert old not in html
    new_file = Figure.objects.get(pk=neighbour.cover_id).image.name.rsplit("/", 1)[-1]
    assert new_file.split(".")[0] in html


def test_related_cards_are_read_compiled_and_name_a_renamed_category_or_author(
    reader, rich_article
):
    neighbour = Article.objects.get(title="Soto tetangga")
    CompiledArticle.objects.filter(article=neighbour).update(
        card='<article class="card">Kartu tersimpan</article>'
    )
    assert "Kartu tersimpan" in page(reader, rich_article)  # what the page reads

    neighbour.author.name = "Sari Wulandari"
    neighbour.author.save()
    html = page(reader, rich_article)
    assert "Kartu tersimpan" not in html  # built live with the new name
    assert "Sari Wulandari · " in html.split('class="related"', 1)[1]

    call_command("compile_articles", "--all", stdout=io.StringIO())
    neighbour.category.name = "Kuliner Nusantara"
    neighbour.category.save()
    related = page(reader, rich_article).split('class="related"', 1)[1]
    assert ">Kuliner Nusantara</a>" in related
    assert ">Soto tetangga</a>" in related


def test_a_compiled_card_escapes_what_it_names_as_a_live_one_does(reader):
    hostile = '"><script>alert(1)</script> {{ request }} ☕ مرحبا'
    category = CategoryFactory(name=f"Kategori {hostile}")
    article = ArticleFactory(category=category, tags=["kopi"])
    neighbour = ArticleFactory(
        title=f"Judul {hostile}",
        category=category,
        tags=["kopi"],
        author=AuthorFactory(name=f"Penulis 'O\\Hara' {hostile}"),
        cover=FigureFactory(),
    )
    compiled = page(reader, article)
    assert CompiledArticle.objects.get(article=neighbour).card in compiled

    CompiledArticle.objects.all().delete()
    live = page(reader, article)

    assert compiled == live
    related = compiled.split('class="related"', 1)[1]
    assert "<script>" not in related
    assert "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; {{ request }} ☕" in related
    assert "Penulis &#x27;O\\Hara&#x27;" in related


def test_what_the_previous_release_reads_is_still_there_during_a_rolling_deploy(
    rich_article,
):
    """Servers on the previous release keep serving until they restart: its
    related-articles query reads ``card_cover``, and its saves add compiled pages
    naming only the columns it knows."""
    with connection.cursor() as cursor:
        cursor.execute('SELECT "card_cover" FROM "articles_compiledarticle"')
        assert len(cursor.fetchall()) == Article.objects.count()
        article = ArticleFactory()
        CompiledArticle.objects.filter(article=article).delete()
        cursor.execute(
            'INSERT INTO "articles_compiledarticle" ("article_id", "revision", '
            '"key", "body", "minutes", "card_cover", "meta", "meta_dependencies") '
            "VALUES (%s, 1, 'kode-lama', '', 1, '', '', '')",
            [article.pk],
        )
    assert CompiledArticle.objects.get(article=article).card == ""


def test_a_page_compiled_by_other_code_or_settings_is_never_shown(reader, rich_article):
    CompiledArticle.objects.update(
        body="<p>Halaman usang</p>", card="<article>Kartu usang</article>"
    )
    assert "Halaman usang" in page(reader, rich_article)  # what pages read
    assert "Kartu usang" in page(reader, rich_article)

    CompiledArticle.objects.update(key="kode-lama")
    assert "Halaman usang" not in page(reader, rich_article)
    assert "Kartu usang" not in page(reader, rich_article)
    assert ">Soto tetangga</a>" in page(reader, rich_article)
    assert "Warung 1" in page(reader, rich_article)

    call_command("compile_articles", stdout=io.StringIO(), stderr=io.StringIO())
    assert not stale_articles().exists()
    with override_settings(MEDIA_URL="https://cdn.contoh.test/media/"):
        html = page(reader, rich_article)  # not compiled for this address yet
        assert 'src="https://cdn.contoh.test/media/' in html
        assert 'src="/media/' not in html
        # The page read compiled itself for this address; the others wait.
        assert stale_articles().count() == Article.objects.count() - 1


def test_a_change_that_bypassed_the_signals_is_not_shown_stale(reader, rich_article):
    """A raw row update leaves the compiled page as it was, but a new revision
    (as every change through the models sets) retires it."""
    CompiledArticle.objects.update(body="<p>Halaman lama</p>")
    Article.objects.filter(pk=rich_article.pk).update(content_revision=123)

    assert "Halaman lama" not in page(reader, rich_article)

    # Any update through the ORM gives the rows a new revision.
    call_command("compile_articles", stdout=io.StringIO(), stderr=io.StringIO())
    Article.objects.filter(pk=rich_article.pk).update(title="Judul dari skrip")
    html = page(reader, rich_article)
    assert '<meta property="og:title" content="Judul dari skrip">' in html
    assert "Lima warung soto" not in html


def test_compile_articles_compiles_only_what_is_stale_unless_asked(rich_article):
    out = io.StringIO()
    CompiledArticle.objects.filter(article=rich_article).delete()

    call_command("compile_articles", stdout=out, stderr=io.StringIO())
    assert "Compiled 1 article(s)." in out.getvalue()
    call_command("compile_articles", "--all", stdout=out, stderr=io.StringIO())
    assert f"Compiled {Article.objects.count()} article(s)." in out.getvalue()
    assert not stale_articles().exists()


def test_a_restored_revision_reaches_readers(reader, rich_article, editor):
    save_revision(rich_article, editor, "awal")
    version = Version.objects.get_for_object(rich_article).get()
    first = rich_article.sections.order_by("position").first()
    first.heading = "Judul yang salah"
    first.save()
    assert "Judul yang salah" in page(reader, rich_article)

    restore_revision(rich_article, version, editor)

    html = page(reader, rich_article)
    assert "Judul yang salah" not in html
    assert "<h2>1. Warung 1 &lt;i&gt;legendaris&lt;/i&gt;</h2>" in html
    assert not stale_articles().exists()


@pytest.mark.django_db(transaction=True)
def test_two_writers_editing_one_article_at_once_both_reach_readers(reader):
    """Two transactions change the captions of two figures of one article at the
    same time: the second waits for the first (the revision's row lock) and
    compiles the page with both changes, never with its own alone."""
    from django.db import connection, connections, transaction

    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("in-memory SQLite shares one connection; runs on PostgreSQL")
    article = ArticleFactory()
    figures = [FigureFactory(caption=f"Keterangan {n}") for n in (1, 2)]
    for position, figure in enumerate(figures, start=1):
        SectionFactory(article=article, position=position, figure=figure)
    first_saved, release = threading.Event(), threading.Event()

    def edit(figure, caption, hold: bool):
        try:
            with transaction.atomic():
                figure.caption = caption
                figure.save()
                if hold:
                    first_saved.set()
                    release.wait(10)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=2) as pool:
        one = pool.submit(edit, figures[0], "Pertama diperbarui", True)
        assert first_saved.wait(10)
        two = pool.submit(edit, figures[1], "Kedua diperbarui", False)
        time.sleep(0.5)  # the second writer is now waiting on the first
        release.set()
        one.result(10), two.result(10)

    html = page(reader, article)
    assert "Pertama diperbarui" in html and "Kedua diperbarui" in html
    assert reads_compiled(article)


def test_an_admin_save_compiles_the_page_once_with_all_its_sections(
    client, editor, reader
):
    """Saving a long article in the admin compiles its page once, after the last
    section, not once per section; readers get every section."""
    from articles import compiled
    from tests.articles.test_roles import change_data, change_url

    article = ArticleFactory(title="Dua puluh warung")
    for position in range(1, 21):
        SectionFactory(article=article, position=position, heading=f"Warung {position}")
    client.force_login(editor)
    data = change_data(article)
    data["sections-19-heading"] = "Warung terakhir yang baru"

    with mock.patch.object(
        compiled, "compile_articles", wraps=compiled.compile_articles
    ) as compiling:
        assert client.post(change_url(article), data).status_code == 302

    assert compiling.call_count == 1
    html = page(reader, article)
    assert "<h2>20. Warung terakhir yang baru</h2>" in html
    assert "<h2>1. Warung 1</h2>" in html
    assert reads_compiled(article)


def test_metadata_names_a_renamed_category_author_or_tag_on_the_next_request(
    reader, rich_article
):
    """The stored page names the category, author and tags; renaming one of them
    retires the pages that name it, so the next reader's page shows the new name,
    in the text and in the metadata, and is stored again."""
    rich_article.category.name = "Kuliner Nusantara"
    rich_article.category.save()
    rich_article.author.name = "Sari Wulandari"
    rich_article.author.save()
    tag = rich_article.tags.get(name="soto")
    tag.name = "soto ayam"
    tag.save()

    html = page(reader, rich_article)

    assert '<meta property="article:section" content="Kuliner Nusantara">' in html
    assert '"articleSection": "Kuliner Nusantara"' in html
    assert '"name": "Sari Wulandari"' in html
    assert '<meta property="article:tag" content="soto ayam">' in html
    assert '<meta property="og:image" content="http' in html  # the cover
    assert ">Kuliner Nusantara</a>" in html  # the breadcrumb
    assert "(Artikel ini ditulis oleh Sari Wulandari)" in html
    assert "#soto ayam" in html
    assert reads_compiled(rich_article)  # stored again by that request


def test_a_new_tag_is_compiled_into_the_metadata(reader, rich_article):
    rich_article.tags.add("sarapan")

    html = page(reader, rich_article)

    assert '<meta property="article:tag" content="sarapan">' in html
    meta = stored(rich_article).meta
    assert 'content="sarapan"' in meta  # compiled again, not built live


@pytest.mark.parametrize(
    "template",
    ["articles/article_detail.html", "articles/_article.html", "articles/_body.html"],
)
def test_a_variable_added_to_the_article_template_reaches_readers(
    reader, rich_article, tmp_path, settings, template
):
    """The article page has one source of markup, its templates: a variable added
    to the layout, or to the article element stored on save, shows on a reader's
    page once the documented recompile step has run (``manage.py compile_articles
    --all``)."""
    original = settings.BASE_DIR / "templates" / template
    override = tmp_path / template
    override.parent.mkdir(parents=True)
    anchor = {
        "articles/article_detail.html": "{% block content %}",
        "articles/_article.html": '<article class="article">',
        "articles/_body.html": "<h2>",
    }[template]
    override.write_text(
        original.read_text().replace(
            anchor, anchor + '<p class="kabar-baru">Oleh {{ article.dateline }}</p>', 1
        )
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    assert "kabar-baru" in override.read_text()

    call_command("compile_articles", "--all", stdout=io.StringIO())

    html = page(reader, rich_article)
    assert f'<p class="kabar-baru">Oleh {rich_article.dateline}</p>' in html
    assert reads_compiled(rich_article)
