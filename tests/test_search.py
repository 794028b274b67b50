"""Search, as readers meet it at /cari/. The same tests run on SQLite (the fallback)
and on PostgreSQL (the stored tsvector column), so both must behave alike."""

import io
import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, SearchDocument
from articles.search import MAX_QUERY_LENGTH, Piece, highlight, refresh_search_document
from tests.articles.admin_forms import article_post_data
from tests.articles.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db

SEARCH_URL = reverse("search")


def search(client, query, **params):
    return client.get(SEARCH_URL, {"q": query, **params})


def found(response):
    return [article.title for article, _snippet in response.context["results"]]


def snippets(response):
    """The snippets of the results as readers get them: the HTML in each one."""
    return re.findall(r'<p class="snippet">(.*?)</p>', response.content.decode())


def test_search_finds_words_in_title_intro_headings_bodies_and_tags(client):
    article = ArticleFactory(
        title="Jalan pagi keliling kampung",
        intro="<p>Udara sejuk membuat langkah ringan.</p>",
        tags=["olahraga ringan"],
    )
    SectionFactory(
        article=article, heading="Sepatu nyaman", body="<p>Pilih kaus katun.</p>"
    )
    ArticleFactory(title="Artikel lain tentang pasar", intro="<p>Sayur.</p>")

    for word in ["kampung", "sejuk", "sepatu", "katun", "olahraga"]:
        response = search(client, word)
        assert response.status_code == 200
        assert found(response) == ["Jalan pagi keliling kampung"], word


def test_a_title_match_ranks_above_a_body_match(client):
    body_match = ArticleFactory(
        title="Makan siang di kantor",
        intro="<p>Bekal rendang dari rumah lebih hemat.</p>",
        published_at=timezone.now() - timedelta(minutes=5),
    )
    title_match = ArticleFactory(
        title="Resep rendang untuk pemula",
        published_at=timezone.now() - timedelta(days=3),
    )

    response = search(client, "rendang")

    assert found(response) == [title_match.title, body_match.title]


def test_every_word_of_the_query_must_match(client):
    ArticleFactory(title="Kopi tubruk di pagi hari")
    ArticleFactory(title="Teh manis di pagi hari")

    assert found(search(client, "kopi pagi")) == ["Kopi tubruk di pagi hari"]


def test_accents_and_case_do_not_matter(client):
    ArticleFactory(title="Kafé baru di Malang")

    for query in ["kafe", "KAFE", "kafé", "Kafé"]:
        assert found(search(client, query)) == ["Kafé baru di Malang"], query


@pytest.mark.parametrize(
    "state", [{"draft": True}, {"scheduled": True}, {"status": "review"}]
)
def test_unpublished_articles_are_never_found(client, state):
    ArticleFactory(title="Bocoran rahasia redaksi", tags=["rahasia"], **state)
    ArticleFactory(title="Berita biasa")

    response = search(client, "rahasia")

    assert response.status_code == 200
    assert found(response) == []
    assert "Bocoran" not in response.content.decode()


def test_scheduled_article_is_found_once_its_time_has_come(client):
    article = ArticleFactory(title="Pengumuman beasiswa", scheduled=True)
    assert found(search(client, "beasiswa")) == []

    # The same search, the moment the article is due: no stale ranking is reused.
    with mock.patch("django.utils.timezone.now", return_value=article.published_at):
        assert found(search(client, "beasiswa")) == ["Pengumuman beasiswa"]


@pytest.mark.parametrize(
    "query",
    [
        "%",
        "_",
        "k%i",
        "kop_",
        "'",
        '"',
        "\\",
        "' OR '1'='1",
        "'; DROP TABLE articles_article; --",
        '") OR 1=1 --',
        "😀",
        "مرحبا",
    ],
)
def test_special_characters_and_sql_fragments_match_literally(client, query):
    ArticleFactory(title="Kopi susu gula aren")

    response = search(client, query)

    assert response.status_code == 200
    assert found(response) == []
    assert Article.objects.count() == 1


def test_search_operators_are_plain_punctuation(client):
    ArticleFactory(title="Kopi susu gula aren")

    assert found(search(client, "kopi & | ! :* <-> ()")) == ["Kopi susu gula aren"]


def test_emoji_and_right_to_left_words_are_found(client):
    ArticleFactory(title="Sarapan 😀 dan مرحبا bersama")

    assert found(search(client, "مرحبا")) == ["Sarapan 😀 dan مرحبا bersama"]


def test_a_percent_sign_in_the_text_is_found_by_its_number(client):
    ArticleFactory(title="Diskon 50% untuk pelajar")
    ArticleFactory(title="Tiket murah untuk pelajar")

    assert found(search(client, "50%")) == ["Diskon 50% untuk pelajar"]


def test_a_very_long_query_is_cut_and_still_answers(client):
    ArticleFactory(title="Belajar menanam cabai")

    response = search(client, "cabai " + "x" * 5000)

    assert response.status_code == 200
    assert len(response.context["query"]) == MAX_QUERY_LENGTH
    assert found(response) == []
    assert found(search(client, "cabai " + "tanam " * 100)) == []


def test_nul_bytes_and_control_characters_are_dropped(client):
    ArticleFactory(title="Kopi susu gula aren")

    response = search(client, "kopi\x00\x07")

    assert response.status_code == 200
    assert found(response) == ["Kopi susu gula aren"]


@pytest.mark.parametrize("query", ["", "   ", "\x00"])
def test_an_empty_query_shows_a_friendly_page(client, query):
    ArticleFactory(title="Kopi susu gula aren")

    response = search(client, query)

    assert response.status_code == 200
    assert "Ketik satu atau beberapa kata" in response.content.decode()
    assert response.context["results"] == []


def test_no_result_says_so_kindly(client):
    response = search(client, "zzzqqq")

    assert response.status_code == 200
    assert "Tidak ada artikel yang cocok dengan “zzzqqq”" in response.content.decode()


def test_results_are_paginated_and_bad_pages_are_404(client):
    for index in range(12):
        ArticleFactory(
            title=f"Tips hemat nomor {index}",
            published_at=timezone.now() - timedelta(minutes=index + 1),
        )

    first = search(client, "hemat")
    second = search(client, "hemat", page=2)

    assert len(found(first)) == 10
    assert found(second) == ["Tips hemat nomor 10", "Tips hemat nomor 11"]
    assert "12 artikel ditemukan" in first.content.decode()
    assert "q=hemat&amp;page=2" in first.content.decode()
    for page in ["abc", "0", "-1", "2.5", "3", "99999999999999999999"]:
        assert search(client, "hemat", page=page).status_code == 404, page


def test_unknown_parameters_are_ignored(client):
    ArticleFactory(title="Kopi susu gula aren")

    response = search(client, "kopi", order_by="password", status="draft")

    assert found(response) == ["Kopi susu gula aren"]


def test_search_page_is_never_indexed(client):
    response = search(client, "kopi")

    assert response["X-Robots-Tag"] == "noindex, follow"
    assert '<meta name="robots" content="noindex, follow">' in response.content.decode()


def test_snippet_highlights_the_words_and_escapes_everything_else(client):
    article = ArticleFactory(title="Catatan dapur")
    SectionFactory(
        article=article,
        body=(
            "<p>Jangan ketik &lt;script&gt;alert(1)&lt;/script&gt; di sini; "
            "seduh kopi tubruk dengan air mendidih.</p>"
        ),
    )

    response = search(client, "kopi")
    [snippet] = snippets(response)
    html = response.content.decode()

    assert "<mark>kopi</mark> tubruk" in snippet
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in snippet
    assert "<script>alert" not in html
    assert "<mark>kopi</mark> tubruk" in html


def test_snippet_escapes_tags_in_the_text_and_marks_only_the_match(client):
    ArticleFactory(
        title="Resep",
        intro="<p>Tulis &lt;b&gt;tebal&lt;/b&gt; lalu seduh kopi hitam.</p>",
    )

    [snippet] = snippets(search(client, "kopi"))

    assert snippet == (
        "Tulis &lt;b&gt;tebal&lt;/b&gt; lalu seduh <mark>kopi</mark> hitam."
    )


@pytest.mark.parametrize("tag", ["b", "script", "mark"])
def test_a_query_made_of_a_tag_is_marked_as_text_never_as_markup(client, tag):
    """A query holding markup is text wherever the page shows it: in the search
    box, the heading and, where the database's search finds the article (the
    fallback does; PostgreSQL never indexes markup), in the marked snippet."""
    ArticleFactory(title="Kode", intro=f"<p>Tag &lt;{tag}&gt; di sini.</p>")

    response = search(client, f"<{tag}>")

    html = response.content.decode()
    assert f"&lt;{tag}&gt;" in html
    assert f"<{tag}>" not in html.replace("<mark>", "")
    assert snippets(response) in (
        [],
        [f"Tag <mark>&lt;{tag}&gt;</mark> di sini."],
    )


def test_highlight_gives_plain_text_pieces_and_no_markup():
    pieces = highlight("Seduh <b>kopi</b> tubruk", "kopi")

    assert pieces == [
        Piece("Seduh <b>", False),
        Piece("kopi", True),
        Piece("</b> tubruk", False),
    ]
    assert highlight("", "kopi") == []


def test_snippet_marks_accented_words_in_their_original_spelling(client):
    ArticleFactory(title="Ngopi", intro="<p>Kami duduk di kafé dekat stasiun.</p>")

    [snippet] = snippets(search(client, "kafe"))

    assert "<mark>kafé</mark>" in snippet


def test_search_follows_edits_to_sections_and_tags_made_in_the_shell(client):
    article = ArticleFactory(title="Catatan akhir pekan")
    section = SectionFactory(article=article, heading="Gudeg", body="<p>Manis.</p>")
    assert found(search(client, "gudeg")) == ["Catatan akhir pekan"]

    section.delete()
    assert found(search(client, "gudeg")) == []

    article.tags.add("wedang")
    assert found(search(client, "wedang")) == ["Catatan akhir pekan"]
    article.tags.remove("wedang")
    assert found(search(client, "wedang")) == []

    article.title = "Catatan liburan"
    article.save()
    assert found(search(client, "liburan")) == ["Catatan liburan"]


def test_articles_written_in_the_admin_are_searchable_with_their_sections(
    client, staff_editor
):
    client.force_login(staff_editor)
    data = article_post_data(
        CategoryFactory(),
        AuthorFactory(),
        [{"heading": "Celengan bambu", "body": "<p>Simpan koin receh.</p>"}],
        tags="tabungan anak",
    )
    assert client.post(reverse("admin:articles_article_add"), data).status_code == 302
    client.logout()

    for word in ["celengan", "receh", "tabungan", "menabung"]:
        assert found(search(client, word)) == ["Belajar Menabung Sejak Dini"], word


def test_deleting_an_article_removes_it_from_search(client):
    article = ArticleFactory(title="Kopi susu gula aren")
    SectionFactory(article=article)

    article.delete()

    assert found(search(client, "kopi")) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_postgresql_search_uses_the_stored_indexed_vector(client):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attgenerated FROM pg_attribute "
            "WHERE attrelid = 'articles_searchdocument'::regclass "
            "AND attname = 'vector'"
        )
        assert cursor.fetchone() == ("s",)
        cursor.execute(
            "SELECT indexdef FROM pg_indexes "
            "WHERE tablename = 'articles_searchdocument'"
        )
        assert any("gin (vector)" in row[0] for row in cursor.fetchall())


def test_demo_articles_are_searchable_after_seeding(client):
    call_command("seed_demo", stdout=io.StringIO(), stderr=io.StringIO())

    response = search(client, "umkm")

    assert len(found(response)) >= 2


def test_rebuild_search_index_restores_missing_entries(client):
    article = ArticleFactory(title="Kopi susu gula aren")
    SearchDocument.objects.filter(article=article).delete()
    assert found(search(client, "kopi")) == []

    call_command("rebuild_search_index", stdout=io.StringIO(), stderr=io.StringIO())

    assert found(search(client, "kopi")) == ["Kopi susu gula aren"]


def test_snippet_of_a_long_body_is_short_and_centred_on_the_match(client):
    article = ArticleFactory(title="Catatan panjang")
    SectionFactory(
        article=article,
        body="<p>" + "Isi pengantar yang panjang. " * 3000 + "Kopi tubruk.</p>",
    )

    [snippet] = snippets(search(client, "kopi"))

    assert snippet.startswith("… ")
    assert "<mark>Kopi</mark> tubruk." in snippet
    assert len(snippet) < 400


@pytest.mark.parametrize("count", [2, 10])
def test_search_page_query_count_does_not_grow_with_results(
    client, django_assert_num_queries, count
):
    for index in range(count):
        ArticleFactory(title=f"Kopi nomor {index}", tags=["kopi", "pagi"])
    search(client, "kopi")  # warm the navigation cache

    with django_assert_num_queries(2):  # ranked ids, the rows shown
        response = search(client, "pagi")
    assert len(found(response)) == count


def test_result_count_uses_indonesian_digit_grouping():
    rendered = Template("{% load article_tags %}{{ 1234567|angka }}").render(Context())

    assert rendered == "1.234.567"


def test_benchmark_articles_are_searchable_like_saved_ones(client):
    call_command("seed_bench", articles=3, stdout=io.StringIO(), stderr=io.StringIO())
    article = Article.objects.filter(slug__startswith="bench-").first()
    bulk = SearchDocument.objects.get(article=article)

    refresh_search_document(article)  # what saving the article would build
    saved = SearchDocument.objects.get(article=article)
    for field in ("title", "tags", "headings", "body", "normalized"):
        assert sorted(getattr(bulk, field).split()) == sorted(
            getattr(saved, field).split()
        ), field
    response = client.get(reverse("search"), {"q": article.title})
    assert article.get_absolute_url() in response.content.decode()


def test_a_word_in_every_article_lists_the_newest_and_says_so(client):
    now = timezone.now()
    for days in range(5):
        ArticleFactory(
            title=f"Kabar kopi hari ke-{days}",
            published_at=now - timedelta(days=days + 1),
        )
    with mock.patch("articles.search.MAX_RESULTS", 3):
        html = client.get(reverse("search"), {"q": "kopi"}).content.decode()
    assert "Lebih dari 3 artikel cocok" in html
    for days in range(3):
        assert f"Kabar kopi hari ke-{days}" in html
    for days in (3, 4):
        assert f"Kabar kopi hari ke-{days}" not in html

    cache.clear()  # the capped ranking above is shared for a minute
    html = client.get(reverse("search"), {"q": "kopi"}).content.decode()
    assert "5 artikel ditemukan" in html


def test_a_repeated_search_reuses_its_ranking_until_something_is_published(
    client, django_assert_num_queries
):
    ArticleFactory(title="Kopi pagi di Malang")
    client.get(reverse("search"), {"q": "kopi"})
    # The rows of the page shown, nothing else: the ranking is shared.
    with django_assert_num_queries(1):
        html = client.get(reverse("search"), {"q": "kopi"}).content.decode()
    assert "Kopi pagi di Malang" in html

    ArticleFactory(title="Kopi sore di Batu")
    html = client.get(reverse("search"), {"q": "kopi"}).content.decode()
    assert "Kopi sore di Batu" in html and "2 artikel ditemukan" in html


def test_the_query_stays_in_both_search_boxes_escaped(client):
    """The header's search box and the search page's own keep what was searched,
    as text: a query can never close the attribute it sits in."""
    query = '"><script>alert(1)</script>'
    html = client.get(reverse("search"), {"q": query}).content.decode()

    escaped = "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
    assert html.count(f'name="q" value="{escaped}"') == 2
    assert '<input type="search" id="cari-q"' in html
    assert '<input type="search" id="cari-halaman"' in html
    assert html.count(f'action="{reverse("search")}"') == 2
    assert "<script>alert(1)" not in html


def test_queries_sharing_a_cache_slot_each_get_their_own_results(
    client, settings, django_assert_num_queries
):
    """Junk queries cannot fill the cache: every query shares a bounded set of
    slots, and one holding a slot never answers for another."""
    settings.WAYAHSINAU_SEARCH_CACHE_SLOTS = 1
    ArticleFactory(title="Kopi pagi di Malang")
    ArticleFactory(title="Teh sore di Bandung")
    assert "Kopi pagi di Malang" in search(client, "kopi").content.decode()
    html = search(client, "teh").content.decode()
    assert "Teh sore di Bandung" in html and "Kopi pagi" not in html
    # "teh" took no entry of its own: asked again, it is ranked again (the
    # ranking, then the rows shown), while "kopi" keeps the one slot.
    with django_assert_num_queries(2):
        search(client, "teh")
    with django_assert_num_queries(1):
        search(client, "kopi")
    # The slot's holder is still served from the cache, whatever its case.
    html = search(client, "KOPI").content.decode()
    assert "Kopi pagi di Malang" in html and "Teh sore" not in html


def test_the_header_form_shows_the_query_only_on_the_search_page(client):
    """The header's empty form is rendered once per process: a search's query
    never leaks into the form other pages show."""

    def header_value(response):
        html = response.content.decode()
        return re.search(r'id="cari-q" name="q" value="([^"]*)"', html).group(1)

    article = ArticleFactory(title="Hujan deras")
    assert header_value(client.get(article.get_absolute_url())) == ""
    assert header_value(search(client, "hujan <deras>")) == "hujan &lt;deras&gt;"
    assert header_value(client.get("/")) == ""
    assert header_value(client.get(article.get_absolute_url())) == ""
