import html as html_module
import json
import re

import pytest
from django.urls import reverse

from articles.models import Article, Figure, Section
from tests.articles.admin_forms import article_post_data
from tests.articles.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    SectionFactory,
)
from tests.images import image_bytes, jpeg_upload, upload

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:articles_article_add")

XSS = (
    '<p>Aman<script>alert("x")</script><img src=x onerror=alert(1)>'
    '<a href="javascript:alert(1)">tautan</a><a href="JaVaScRiPt&#58;alert(2)">dua</a>'
    '<svg><script>alert(3)</script></svg><iframe src="https://evil.test"></iframe>'
    '<span style="background:url(javascript:alert(4))">gaya</span>'
    '<!--[if IE]><script>alert(5)</script><![endif]--><a href="https://ok.test">baik</a></p>'
)


def test_writer_creates_article_with_three_sections_and_a_figure(client, staff_editor):
    client.force_login(staff_editor)
    category, author = CategoryFactory(), AuthorFactory(name="Dewi Lestari")
    data = article_post_data(
        category,
        author,
        [
            {"heading": "Mulai dari celengan", "body": "<p>Celengan ayam.</p>"},
            {
                "heading": "Catat pengeluaran",
                "body": "<p>Buku kecil.</p>",
                "figure_image": jpeg_upload(),
                "figure_alt_text": "Ilustrasi buku catatan",
                "figure_caption": "Buku catatan keuangan keluarga",
                "figure_source": "dokumentasi Wayah Sinau",
            },
            {
                "heading": "Penutup",
                "body": "<p>Selamat mencoba.</p>",
                "is_numbered": "",
            },
        ],
    )

    response = client.post(ADD_URL, data)

    assert response.status_code == 302, (
        response.context["errors"] if response.context else ""
    )
    article = Article.objects.get()
    assert article.slug == "belajar-menabung-sejak-dini"
    assert sorted(article.tags.names()) == ["keluarga", "keuangan"]
    assert [s.heading for s in article.sections.order_by("position")] == [
        "Mulai dari celengan",
        "Catat pengeluaran",
        "Penutup",
    ]
    figure = Figure.objects.get()
    assert figure.image.name.startswith("figures/") and figure.width == 64

    page = client.get(article.get_absolute_url())
    client.logout()
    page = client.get(article.get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200
    assert "<h2>1. Mulai dari celengan</h2>" in html
    assert "<h2>2. Catat pengeluaran</h2>" in html
    assert "<h2>Penutup</h2>" in html
    assert "Buku catatan keuangan keluarga (sumber: dokumentasi Wayah Sinau)" in html
    assert "(Artikel ini ditulis oleh Dewi Lestari)" in html


def test_script_payloads_posted_to_the_admin_are_gone_from_storage_and_page(
    client, staff_editor
):
    client.force_login(staff_editor)
    data = article_post_data(
        CategoryFactory(),
        AuthorFactory(),
        [{"heading": "Bagian", "body": XSS}],
        intro=XSS,
    )
    assert client.post(ADD_URL, data).status_code == 302

    article = Article.objects.get()
    stored = article.intro + article.sections.get().body
    page = client.get(article.get_absolute_url()).content.decode()
    # The page's own JSON-LD metadata and the site's own static scripts (the share
    # buttons') are the only scripts allowed on it.
    page = re.sub(r'<script type="application/ld\+json">[^<]*</script>', "", page)
    page = re.sub(r'<script src="/static/[^"<]*" defer></script>', "", page)
    for text in (stored, page):
        for bad in (
            "<script",
            "onerror",
            "javascript:",
            "<iframe",
            "<svg",
            "style=",
            "alert(",
        ):
            assert bad not in text.lower()
    assert "tautan" in stored and "gaya" in stored
    assert '<a href="https://ok.test" rel="noopener noreferrer">baik</a>' in stored


def test_invalid_section_image_is_a_form_error_and_nothing_is_saved(
    client, staff_editor
):
    client.force_login(staff_editor)
    data = article_post_data(
        CategoryFactory(),
        AuthorFactory(),
        [
            {
                "heading": "Bagian",
                "figure_image": upload(
                    image_bytes("PNG") + b"<script>x</script>", "a.png"
                ),
                "figure_alt_text": "Ilustrasi",
            }
        ],
    )
    response = client.post(ADD_URL, data)

    assert response.status_code == 200
    assert "bukan gambar murni" in response.content.decode()
    assert response.context["adminform"].form["title"].value() == data["title"]
    assert not Article.objects.exists() and not Figure.objects.exists()


def test_figure_without_alt_text_is_refused(client, staff_editor):
    client.force_login(staff_editor)
    data = article_post_data(
        CategoryFactory(),
        AuthorFactory(),
        [{"heading": "Bagian", "figure_image": jpeg_upload(), "figure_alt_text": ""}],
    )
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "Isi teks alternatif" in response.content.decode()
    assert not Article.objects.exists()


def test_over_long_title_and_nul_bytes_are_form_errors(client, staff_editor):
    client.force_login(staff_editor)
    category, author = CategoryFactory(), AuthorFactory()
    too_long = article_post_data(category, author, [], title="x" * 201)
    assert client.post(ADD_URL, too_long).status_code == 200
    with_nul = article_post_data(category, author, [], title="Judul\x00jahat")
    response = client.post(ADD_URL, with_nul)
    assert response.status_code == 200
    assert "Null characters are not allowed" in response.content.decode() or (
        "karakter null" in response.content.decode().lower()
    )
    assert not Article.objects.exists()


def test_reordering_sections_in_the_admin_renumbers_them(client, staff_editor):
    client.force_login(staff_editor)
    article = ArticleFactory(title="Urutan")
    first = SectionFactory(article=article, position=1, heading="Alpha")
    second = SectionFactory(article=article, position=2, heading="Beta")
    third = SectionFactory(article=article, position=3, heading="Gamma")
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = article_post_data(
        article.category,
        article.author,
        [
            {
                "id": str(first.pk),
                "article": str(article.pk),
                "heading": "Alpha",
                "position": "3",
                "body": "<p>Isi bagian.</p>",
            },
            {
                "id": str(second.pk),
                "article": str(article.pk),
                "heading": "Beta",
                "position": "1",
                "body": "<p>Isi bagian.</p>",
            },
            {
                "id": str(third.pk),
                "article": str(article.pk),
                "heading": "Gamma",
                "position": "1",
                "body": "<p>Isi bagian.</p>",
                "DELETE": "on",
            },
            {"heading": "Delta", "position": "2", "body": "<p>Baru.</p>"},
        ],
        title="Urutan",
        slug=article.slug,
        opened_version=str(article.version),
        **{"sections-INITIAL_FORMS": "3"},
    )

    response = client.post(url, data)

    assert response.status_code == 302
    assert list(
        Section.objects.filter(article=article)
        .order_by("position")
        .values_list("heading", "position")
    ) == [("Beta", 1), ("Delta", 2), ("Alpha", 3)]
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<h2>1. Beta</h2>" in html and "<h2>3. Alpha</h2>" in html
    assert "Gamma" not in html


def test_admin_add_form_has_locked_down_editor_and_prepopulated_slug(
    client, staff_editor
):
    client.force_login(staff_editor)
    html = client.get(ADD_URL).content.decode()
    assert "ckeditor" in html
    assert "ckeditor_uploader" not in html and "filebrowserUploadUrl" not in html
    config = json.loads(
        html_module.unescape(re.search(r'data-config="([^"]+)"', html)[1])
    )
    toolbar = {
        button for group in config[f"toolbar_{config['toolbar']}"] for button in group
    }
    assert toolbar == {
        "Bold",
        "Italic",
        "NumberedList",
        "BulletedList",
        "Blockquote",
        "Link",
        "Unlink",
        "RemoveFormat",
        "Undo",
        "Redo",
    }
    assert "image" in config["removePlugins"].split(",")
    assert "prepopulated_fields" in html or "data-prepopulated-field" in html
    assert 'data-ajax--url="/admin/autocomplete/"' in html


def test_article_changelist_shows_status_and_filters(client, staff_editor):
    client.force_login(staff_editor)
    ArticleFactory(title="Sudah terbit")
    ArticleFactory(title="Masih dijadwalkan", scheduled=True)
    ArticleFactory(title="Masih draf", draft=True)
    response = client.get(reverse("admin:articles_article_changelist"))
    html = response.content.decode()
    assert "Terjadwal" in html and "Draf" in html and "Terbit" in html
    draft_only = client.get(
        reverse("admin:articles_article_changelist"), {"status": "draft"}
    )
    assert "Masih draf" in draft_only.content.decode()
    assert "Sudah terbit" not in draft_only.content.decode()


def test_non_staff_cannot_reach_the_article_admin(client, django_user_model):
    user = django_user_model.objects.create_user("tamu", password="rahasia-uji-123")
    client.force_login(user)
    response = client.get(ADD_URL)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_admin_post_without_csrf_token_is_refused(staff_editor):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(staff_editor)
    data = article_post_data(CategoryFactory(), AuthorFactory(), [])
    assert csrf_client.post(ADD_URL, data).status_code == 403
    assert not Article.objects.exists()


def test_tag_field_suggests_existing_tags_to_staff_only(client, staff_editor):
    ArticleFactory(tags=["kuliner malang", "kulineran", "olahraga"])
    ArticleFactory(tags=["kuliner malang"])
    url = reverse("admin:articles_article_tag_suggestions")

    assert client.get(url, {"q": "kul"}).status_code == 302  # anonymous: to login

    client.force_login(staff_editor)
    assert client.get(url, {"q": "kul"}).json() == {
        "tags": ["kuliner malang", "kulineran"]
    }
    assert client.get(url, {"q": "k"}).json() == {"tags": []}
    assert client.get(url, {"q": "%"}).json() == {"tags": []}
    html = client.get(ADD_URL).content.decode()
    assert f'data-tag-suggest="{url}"' in html
    assert 'list="id_tags-saran"' in html and '<datalist id="id_tags-saran">' in html


def test_storage_failure_while_saving_an_image_rolls_back_and_keeps_the_form(
    client, staff_editor, monkeypatch
):
    from django.core.files.storage import FileSystemStorage

    def disk_full(self, name, content):
        raise OSError(28, "No space left on device")

    client.force_login(staff_editor)
    data = article_post_data(
        CategoryFactory(),
        AuthorFactory(),
        [
            {"heading": "Tanpa gambar", "body": "<p>Isi.</p>"},
            {
                "heading": "Dengan gambar",
                "body": "<p>Isi.</p>",
                "figure_image": jpeg_upload(),
                "figure_alt_text": "Ilustrasi",
                "figure_source": "arsip redaksi",
            },
        ],
    )
    monkeypatch.setattr(FileSystemStorage, "_save", disk_full)

    response = client.post(ADD_URL, data)

    assert response.status_code == 200
    assert "gangguan penyimpanan berkas" in response.content.decode(), [
        str(e) for e in response.context["errors"]
    ]
    assert response.context["adminform"].form["title"].value() == data["title"]
    assert not Article.objects.exists()
    assert not Section.objects.exists() and not Figure.objects.exists()


def test_tags_are_canonical_and_bad_tags_are_clear_form_errors(client, staff_editor):
    ArticleFactory(tags=["kafe"])
    client.force_login(staff_editor)
    category, author = CategoryFactory(), AuthorFactory()
    sections = [{"heading": "Bagian", "body": "<p>Isi.</p>"}]

    data = article_post_data(
        category, author, sections, tags='Kafé, KAFE, "kopi, susu", kopi'
    )
    assert client.post(ADD_URL, data).status_code == 302
    article = Article.objects.get(title=data["title"])
    assert sorted(article.tags.names()) == ["kafe", "kopi", "kopi, susu"]

    for tags, message in [
        ("x" * 120, "terlalu panjang"),
        (", ".join(f"tag{i}" for i in range(300)), "Terlalu banyak tag"),
        ("!!!", "harus memuat huruf atau angka"),
    ]:
        data = article_post_data(category, author, sections, title="Lain", tags=tags)
        response = client.post(ADD_URL, data)
        assert response.status_code == 200
        assert message in response.content.decode()
    assert Article.objects.count() == 2
