"""The import pipeline: documents written for these tests go in, drafts come out."""

import base64
import io
import zipfile
from pathlib import Path

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from docx.shared import Inches
from pytest_django.asserts import assertContains

from ads.models import Advertiser, Advertorial
from articles.importing import (
    DocumentError,
    import_document,
    read_document,
    save_document,
)
from articles.models import Article, Author, Figure, Section
from tests.ads.factories import EnquiryFactory
from tests.articles.factories import AuthorFactory
from tests.images import image_bytes

DOCUMENTS = Path(__file__).parent / "documents"


def seed_shaped() -> bytes:
    return (DOCUMENTS / "kebiasaan_belajar.txt").read_bytes()


@pytest.mark.django_db
def test_seed_shaped_text_comes_in_with_its_structure():
    result = read_document(
        seed_shaped(), "kebiasaan_belajar.txt", images={"meja.jpg": image_bytes()}
    )
    article = import_document_from(result)

    assert article.title == "Lima Kebiasaan Kecil yang Membuat Belajar Lebih Ringan"
    assert article.status == Article.Status.DRAFT
    assert article.dateline == "Banjarmasin, (Rilis)"
    assert article.intro.startswith("<p>Banyak pelajar merasa")
    assert "Banjarmasin" not in article.intro

    sections = article.numbered_sections()
    assert [(s.number, s.heading) for s in sections] == [
        (1, "Mulai dengan Sepuluh Menit"),
        (2, "Catat yang Sudah Dipelajari"),
        (3, "Atur Tempat Belajar"),
        (4, "Beri Hadiah Kecil untuk Diri Sendiri"),
        (None, "Kecil tetapi Konsisten"),
    ]
    figure = sections[2].figure
    assert figure.caption == "Meja belajar yang rapi di pagi hari"
    assert figure.source == "Dok. Redaksi Uji"
    assert figure.width == 64
    assert (
        "<ul><li>Jalan kaki sebentar di sekitar rumah.</li>"
        "<li>Minum teh hangat sambil mendengarkan musik.</li>"
        "<li>Mengobrol dengan teman.</li></ul>"
    ) in sections[3].body
    assert article.author.name == "Sari Wulandari"
    assert not any("ditulis oleh" in s.body for s in sections)
    assert result.warnings == []


def import_document_from(result):
    return save_document(result)


@pytest.mark.django_db
def test_existing_author_is_found_not_duplicated():
    existing = AuthorFactory(name="Sari Wulandari")
    data = seed_shaped().replace(b"[Gambar: meja.jpg]\n", b"")
    article, result = import_document(data, "naskah.txt")
    assert article.author == existing
    assert Author.objects.filter(name__iexact="sari wulandari").count() == 1


@pytest.mark.django_db
def test_text_figure_without_its_file_is_reported_not_guessed():
    result = read_document(seed_shaped(), "kebiasaan_belajar.txt")
    assert "Gambar 1 tidak punya berkas gambar; tidak disimpan." in result.warnings
    article = import_document_from(result)
    assert Figure.objects.count() == 0
    assert article.sections.count() == 5


def make_docx(paragraphs, with_image=True) -> bytes:
    document = docx.Document()
    document.add_heading("Festival Literasi Anak Digelar di Martapura", level=1)
    document.add_paragraph(
        "Martapura - Dinas Pendidikan menggelar festival literasi untuk anak "
        "sekolah dasar selama tiga hari."
    )
    if with_image:
        document.add_picture(io.BytesIO(image_bytes("PNG", size=(120, 80))), Inches(2))
        document.add_paragraph("Anak-anak membaca bersama (Foto: Humas Disdik)")
    for heading, body in paragraphs:
        document.add_heading(heading, level=2)
        document.add_paragraph(body)
    document.add_paragraph("Penulis: Budi Santoso")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


FESTIVAL_SECTIONS = [
    ("1. Lomba Mendongeng", "Peserta datang dari dua puluh sekolah."),
    ("2. Pojok Baca", "Perpustakaan keliling membuka pojok baca."),
    ("Penutup", "Festival akan digelar lagi tahun depan."),
]


@pytest.mark.django_db
def test_docx_with_image_and_caption_becomes_a_draft():
    data = make_docx(FESTIVAL_SECTIONS)
    article, result = import_document(data, "festival.docx")
    assert article.title == "Festival Literasi Anak Digelar di Martapura"
    assert article.dateline == "Martapura"
    assert article.intro.startswith("<p>Dinas Pendidikan")
    sections = article.numbered_sections()
    assert [(s.number, s.heading) for s in sections] == [
        (1, "Lomba Mendongeng"),
        (2, "Pojok Baca"),
        (None, "Penutup"),
    ]
    assert article.cover.caption == "Anak-anak membaca bersama"
    assert article.cover.source == "Humas Disdik"
    assert (article.cover.width, article.cover.height) == (120, 80)
    assert article.author.name == "Budi Santoso"
    assert "Budi" not in "".join(s.body for s in sections)


def test_docx_zip_bomb_is_refused_before_reading():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (80 * 1024 * 1024))
    assert len(buffer.getvalue()) < 1024 * 1024
    with pytest.raises(DocumentError, match="terlalu besar setelah dibuka"):
        read_document(buffer.getvalue(), "bom.docx")


def test_damaged_docx_is_a_clear_error():
    with pytest.raises(DocumentError, match="rusak"):
        read_document(b"PK\x03\x04 bukan zip", "rusak.docx")


WORD_HTML = """<html xmlns:o="urn:schemas-microsoft-com:office:office">
<head><meta charset="utf-8"><title>Dokumen1</title>
<style>p.MsoNormal {mso-style-parent:""; margin:0cm}</style>
<!--[if gte mso 9]><xml><o:DocumentProperties><o:Author>Kantor</o:Author>
</o:DocumentProperties></xml><![endif]--></head>
<body lang=IN style='tab-interval:36.0pt'>
<p class=MsoTitle><span style='mso-bidi-font-size:14pt'>Pasar Murah Ramadan
Dibuka di Banjarbaru<o:p></o:p></span></p>
<p class=MsoNormal><span style='font-family:"Calibri"'>Banjarbaru, (Humas) -
Pemerintah kota membuka pasar murah di <b>lima kecamatan</b>.<o:p></o:p></span></p>
<p class=MsoNormal><b><span>Pertama, Lokasi Pasar<o:p></o:p></span></b></p>
<p class=MsoNormal><span>Pasar dibuka di halaman kantor kecamatan.</span></p>
<p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'><![if !supportLists]>
<span style='font-family:Symbol'>·<span style='font:7.0pt'>&nbsp;&nbsp; </span></span>
<![endif]><span>Beras premium</span></p>
<p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'><![if !supportLists]>
<span style='font-family:Symbol'>·<span style='font:7.0pt'>&nbsp;&nbsp; </span></span>
<![endif]><span>Minyak goreng</span></p>
<p class=MsoNormal><b><span>Kedua, Jadwal<o:p></o:p></span></b></p>
<p class=MsoNormal onclick="alert(1)">Pasar buka pukul delapan pagi.\
<script>alert('x')</script></p>
<p class=MsoNormal><b>2024 Jadi Tahun Ketiga</b></p>
<p class=MsoNormal><span>Program ini sudah berjalan sejak 2022.</span></p>
<p class=MsoNormal><i>Editor: Rina Marlina</i></p>
</body></html>"""


@pytest.mark.django_db
def test_messy_word_html_is_cleaned_and_structured():
    article, result = import_document(WORD_HTML.encode(), "rilis.htm")
    assert article.title == "Pasar Murah Ramadan Dibuka di Banjarbaru"
    assert article.dateline == "Banjarbaru, (Humas)"
    assert article.intro == (
        "<p>Pemerintah kota membuka pasar murah di <b>lima kecamatan</b>.</p>"
    )
    sections = article.numbered_sections()
    assert [(s.number, s.heading) for s in sections] == [
        (1, "Lokasi Pasar"),
        (2, "Jadwal"),
        (None, "2024 Jadi Tahun Ketiga"),
    ]
    assert "<ul><li>Beras premium</li><li>Minyak goreng</li></ul>" in sections[0].body
    assert sections[1].body == "<p>Pasar buka pukul delapan pagi.</p>"
    assert article.author.name == "Rina Marlina"
    stored = article.intro + "".join(s.body for s in sections)
    for unsafe in ("script", "alert", "onclick", "mso-", "o:p", "style", "Kantor"):
        assert unsafe not in stored
    assert any(
        "Judul bagian 3 tampak bernomor tetapi bukan" in warning
        for warning in result.warnings
    )


MARKDOWN = """# Relawan Membersihkan Sungai Martapura

Martapura - Sebanyak dua ratus relawan membersihkan sungai pada Minggu pagi.

![Relawan di perahu](data:image/png;base64,{image})

Relawan mengangkat sampah plastik dari perahu

## 1) Sampah Terkumpul

> "Kami mengumpulkan dua ton sampah," kata koordinator.

## 2) Langkah Berikutnya

- Memasang jaring sampah
- Mengajak sekolah ikut serta

## Ajakan

Warga diajak ikut kegiatan berikutnya.

Penulis: Dewi Anggraini
"""


@pytest.mark.django_db
def test_markdown_keeps_quotes_and_lists_and_warns_of_a_missing_credit():
    png = base64.b64encode(image_bytes("PNG")).decode()
    article, result = import_document(MARKDOWN.replace("{image}", png).encode(), "a.md")
    sections = article.numbered_sections()
    assert [(s.number, s.heading) for s in sections] == [
        (1, "Sampah Terkumpul"),
        (2, "Langkah Berikutnya"),
        (None, "Ajakan"),
    ]
    assert "<blockquote>" in sections[0].body
    assert "<ul><li>Memasang jaring sampah</li>" in sections[1].body
    assert article.cover.alt_text == "Relawan di perahu"
    assert "Gambar 1 tidak punya kredit." in result.warnings
    assert article.author.name == "Dewi Anggraini"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data, name",
    [
        (b"", "kosong.txt"),
        (b"   \n\n  ", "spasi.txt"),
        (b"Ini paragraf panjang yang berakhir dengan titik.\n\nLagi.", "a.txt"),
        (b"<p></p><script>alert(1)</script>", "a.html"),
    ],
)
def test_document_without_a_title_saves_nothing(data, name):
    with pytest.raises(DocumentError):
        import_document(data, name)
    assert Article.objects.count() == 0
    assert Section.objects.count() == 0


@pytest.mark.django_db
def test_image_failing_upload_rules_is_skipped_with_a_reason():
    html = (
        "<h1>Judul Uji Gambar</h1><p>Pembuka singkat.</p>"
        '<figure><img src="data:image/png;base64,PGh0bWw+PHNjcmlwdD4="'
        ' alt="x"><figcaption>Gambar palsu (Foto: Uji)</figcaption></figure>'
    )
    article, result = import_document(html.encode(), "a.html")
    assert Figure.objects.count() == 0
    assert any(w.startswith("Gambar 1 ditolak:") for w in result.warnings)
    assert article.cover is None


@pytest.mark.django_db
def test_command_imports_several_files_and_reports_a_bad_one(tmp_path):
    (tmp_path / "meja.jpg").write_bytes(image_bytes())
    (tmp_path / "kebiasaan.txt").write_bytes(seed_shaped())
    (tmp_path / "tanpa_judul.txt").write_bytes(b"Hanya satu kalimat panjang.\n")
    (tmp_path / "festival.docx").write_bytes(
        make_docx([("Acara", "Festival berlangsung meriah.")], with_image=False)
    )
    out, err = io.StringIO(), io.StringIO()
    files = [str(tmp_path / name) for name in ("kebiasaan.txt", "tanpa_judul.txt")]
    files.append(str(tmp_path / "festival.docx"))
    with pytest.raises(CommandError, match="1 dari 3 berkas gagal"):
        call_command("import_document", *files, stdout=out, stderr=err)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith(
        f"OK {files[0]}: «Lima Kebiasaan Kecil yang Membuat Belajar Lebih Ringan»"
    )
    assert "· 5 bagian · 1 gambar · penulis: Sari Wulandari · 0 peringatan" in lines[0]
    assert any(
        line.startswith(f"OK {files[2]}: «Festival Literasi Anak") for line in lines
    )
    assert f"GAGAL {files[1]}: Naskah tidak punya judul" in err.getvalue()
    assert Article.objects.filter(status=Article.Status.DRAFT).count() == 2


@pytest.mark.django_db
def test_command_with_advertiser_makes_a_sponsored_draft(tmp_path):
    advertiser = Advertiser.objects.create(name="PT Sinar Pustaka")
    path = tmp_path / "rilis.htm"
    path.write_bytes(WORD_HTML.encode())
    call_command(
        "import_document", str(path), advertiser=advertiser.pk, stdout=io.StringIO()
    )
    article = Article.objects.get()
    assert article.is_sponsored
    assert article.status == Article.Status.DRAFT
    assert article.sponsor_name == "PT Sinar Pustaka"
    assert Advertorial.objects.get().advertiser == advertiser


@pytest.mark.django_db
def test_command_refuses_an_unknown_advertiser_before_importing(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(seed_shaped())
    with pytest.raises(CommandError, match="Pengiklan dengan id 999 tidak ada"):
        call_command("import_document", str(path), advertiser=999)
    assert Article.objects.count() == 0


# "Impor naskah" in the admin.

IMPORT_URL = "/admin/impor-naskah/"


@pytest.mark.django_db
def test_writer_checks_then_saves_an_upload_as_their_own_draft(client, writer):
    client.force_login(writer)
    page = client.get("/admin/articles/article/")
    assertContains(page, f'<a href="{IMPORT_URL}">Impor naskah</a>', html=True)
    document = SimpleUploadedFile("festival.docx", make_docx(FESTIVAL_SECTIONS))
    preview = client.post(IMPORT_URL, {"document": document, "action": "check"})
    assertContains(preview, "Festival Literasi Anak Digelar di Martapura")
    assertContains(preview, "<strong>1. Lomba Mendongeng</strong>", html=True)
    assertContains(preview, "<strong>(tanpa nomor) Penutup</strong>", html=True)
    assertContains(preview, "Anak-anak membaca bersama · sumber: Humas Disdik")
    assertContains(preview, "Budi Santoso")
    assert Article.objects.count() == 0

    saved = client.post(IMPORT_URL, {"action": "save"})
    article = Article.objects.get()
    assert saved.status_code == 302
    assert saved["Location"] == f"/admin/articles/article/{article.pk}/change/"
    assert article.status == Article.Status.DRAFT
    assert article.author.user == writer
    assert article.contributor_name == "Budi Santoso"
    assert article.sections.count() == 3
    assert client.get(saved["Location"]).status_code == 200


@pytest.mark.django_db
def test_pasted_text_without_title_is_a_form_error(client, writer):
    client.force_login(writer)
    response = client.post(
        IMPORT_URL, {"text": "Kalimat saja tanpa judul.", "action": "check"}
    )
    assertContains(response, "Naskah tidak punya judul")
    assert Article.objects.count() == 0
    assert client.post(IMPORT_URL, {"action": "save"}).status_code == 302
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_sales_cannot_import_articles(client, sales):
    client.force_login(sales)
    assert client.get(IMPORT_URL).status_code == 403
    assert client.post(IMPORT_URL, {"action": "save"}).status_code == 403


@pytest.mark.django_db
def test_import_needs_a_csrf_token(writer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(writer)
    response = client.post(IMPORT_URL, {"text": "Judul\n\nIsi.", "action": "check"})
    assert response.status_code == 403


@pytest.mark.django_db
def test_advertiser_choice_makes_a_sponsored_draft(client, django_user_model):
    admin = django_user_model.objects.create_superuser(
        "kepala", "kepala@wayahsinau.test", "rahasia-uji-123"
    )
    advertiser = Advertiser.objects.create(name="CV Buku Ceria")
    client.force_login(admin)
    text = seed_shaped().decode()
    client.post(
        IMPORT_URL, {"text": text, "advertiser": advertiser.pk, "action": "check"}
    )
    client.post(IMPORT_URL, {"action": "save"})
    article = Article.objects.get()
    assert article.is_sponsored
    assert article.sponsor_name == "CV Buku Ceria"
    assert article.author.name == "Sari Wulandari"
    assert Advertorial.objects.get().article == article


# WordPress exports.


def run_wxr(path, media_dir) -> str:
    out = io.StringIO()
    call_command("import_wxr", str(path), media_dir=media_dir, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_wxr_export_comes_in_once_with_redirects(client, tmp_path):
    (tmp_path / "sawah.jpg").write_bytes(image_bytes())
    export = DOCUMENTS / "ekspor.xml"
    summary = run_wxr(export, tmp_path)
    assert "Diimpor 3, diperbarui 0, dilewati 2." in summary
    assert "“Catatan Pribadi”: status private tidak diimpor." in summary
    assert "kode pendek dibuang: [gallery]" in summary

    article = Article.objects.get(slug="petani-muda-kembali-ke-sawah")
    assert article.is_visible
    assert article.category.name == "Pertanian"
    assert [tag.name for tag in article.tag_list()] == ["anak muda"]
    assert article.author.name == "Rudi Hartono"
    assert article.intro.startswith("<p>Semakin banyak anak muda")
    sections = article.numbered_sections()
    assert [(s.number, s.heading) for s in sections] == [
        (1, "Teknologi Membantu"),
        (2, "Pasar Daring"),
    ]
    assert "<ul><li>Sayur segar</li>" in sections[1].body
    assert article.cover is not None
    captioned = Figure.objects.get(caption="Sawah di lereng bukit")
    assert captioned.source == "Rudi Hartono"
    assert Article.objects.get(title="Draf Catatan Panen").status == "draft"
    assert Article.objects.get(title="Jadwal Pameran Tani").is_scheduled

    response = client.get("/2024/05/petani-muda-kembali-ke-sawah/")
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()
    response = client.get("/?p=21")
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()

    counts = (Article.objects.count(), Figure.objects.count(), Section.objects.count())
    again = run_wxr(export, tmp_path)
    assert "Diimpor 0, diperbarui 3, dilewati 2." in again
    assert counts == (
        Article.objects.count(),
        Figure.objects.count(),
        Section.objects.count(),
    )


@pytest.mark.django_db
def test_wxr_with_entity_expansion_is_refused(tmp_path):
    bomb = tmp_path / "bom.xml"
    bomb.write_text(
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><rss><channel>&b;</channel></rss>'
    )
    with pytest.raises(CommandError, match="entitas atau DTD"):
        run_wxr(bomb, None)
    truncated = tmp_path / "potong.xml"
    truncated.write_bytes((DOCUMENTS / "ekspor.xml").read_bytes()[:900])
    with pytest.raises(CommandError, match="rusak atau terpotong"):
        run_wxr(truncated, None)
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_google_docs_clipboard_wrapper_does_not_make_every_paragraph_a_heading():
    html = (
        '<meta charset="utf-8"><b style="font-weight:normal;" '
        'id="docs-internal-guid-1a2b">'
        '<p dir="ltr"><span style="font-weight:700">Rilis Bazar Buku Murah</span></p>'
        '<p dir="ltr"><span>Samarinda - Bazar buku murah dibuka pekan ini.</span></p>'
        '<h2 dir="ltr"><span>1. Lokasi</span></h2><p><span>Di gedung serbaguna.</span>'
        "</p><p><span>Penulis: Ani Lestari</span></p></b>"
    )
    result = read_document(html.encode(), "")
    assert result.title == "Rilis Bazar Buku Murah"
    assert result.dateline == "Samarinda"
    assert [(s.number, s.heading) for s in result.sections] == [(1, "Lokasi")]
    assert result.author_name == "Ani Lestari"


@pytest.mark.django_db
def test_wxr_embeds_become_embed_references_and_others_plain_links(client):
    summary = run_wxr(DOCUMENTS / "ekspor-sematan.xml", None)
    assert "Diimpor 2, diperbarui 0, dilewati 0." in summary
    assert "https://vimeo.com/123456 menjadi tautan biasa" in summary
    assert "javascript:alert(1) menjadi tautan biasa" in summary

    article = Article.objects.get(slug="festival-layang-layang")
    sections = article.numbered_sections()
    assert [(s.number, s.heading) for s in sections] == [
        (1, "Layang-layang Raksasa"),
        (2, "Lomba Anak-anak"),
        (None, "Penutup"),
    ]
    # wp:embed, the older wp:core-embed/youtube, and a bare address on its line.
    assert '<div data-embed="youtube:aBcDeFgHiJk"></div>' in sections[0].body
    assert '<div data-embed="youtube:Xy_12-34abc"></div>' in sections[1].body
    assert '<div data-embed="youtube:Zz9Zz9Zz9Zz"></div>' in sections[1].body
    assert "buatan sendiri" in sections[1].body
    closing = sections[2].body
    assert '<a href="https://vimeo.com/123456"' in closing
    assert "data-embed" not in closing
    assert 'href="javascript' not in closing

    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    assert page.content.decode().count("youtube-nocookie.com/embed/") >= 3
    assert "youtube.com/watch?v=aBcDeFgHiJk" in page.content.decode()

    # A post without headings: its video opens an unnumbered section, not lost.
    flood = Article.objects.get(slug="cuplikan-banjir-rob")
    assert flood.intro.startswith("<p>Air laut naik")
    assert "data-embed" not in flood.intro
    [section] = flood.numbered_sections()
    assert (section.number, section.heading) == (None, "Video YouTube")
    assert '<div data-embed="youtube:RobRobRob12"></div>' in section.body
    assert "Warga mengungsi" in section.body
    assert "Sematan di pembuka dipindah" in summary


def _state():
    return {
        article.pk: (
            article.title,
            article.updated_at,
            list(article.sections.values_list("pk", "heading", "figure_id")),
            article.cover_id,
        )
        for article in Article.objects.all()
    }


@pytest.mark.django_db
def test_wxr_second_run_updates_in_place_and_keeps_ids(client, tmp_path):
    (tmp_path / "sawah.jpg").write_bytes(image_bytes())
    export = DOCUMENTS / "ekspor.xml"
    run_wxr(export, tmp_path)
    first = _state()
    figures = set(Figure.objects.values_list("pk", flat=True))

    run_wxr(export, tmp_path)
    assert _state() == first, "an unchanged export changes nothing"
    assert set(Figure.objects.values_list("pk", flat=True)) == figures

    article = Article.objects.get(slug="petani-muda-kembali-ke-sawah")
    changed = tmp_path / "ekspor.xml"
    changed.write_text(
        export.read_text(encoding="utf-8")
        .replace("Petani Muda Kembali ke Sawah", "Petani Muda Pulang ke Sawah")
        .replace("<h2>2. Pasar Daring</h2>", "<h2>2. Pasar Daring dan Luring</h2>"),
        encoding="utf-8",
    )
    summary = run_wxr(changed, tmp_path)
    assert "Diimpor 0, diperbarui 3, dilewati 2." in summary
    renamed = Article.objects.get(pk=article.pk)
    assert renamed.title == "Petani Muda Pulang ke Sawah"
    assert renamed.slug == article.slug
    assert renamed.cover.alt_text == "Petani Muda Pulang ke Sawah"
    assert [s.heading for s in renamed.numbered_sections()] == [
        "Teknologi Membantu",
        "Pasar Daring dan Luring",
    ]
    assert [s[0] for s in first[article.pk][2]] == list(
        renamed.sections.values_list("pk", flat=True)
    )
    assert Article.objects.count() == len(first)
    assert set(Figure.objects.values_list("pk", flat=True)) == figures
    response = client.get(renamed.get_absolute_url())
    assertContains(response, "Petani Muda Pulang ke Sawah")


@pytest.mark.django_db
def test_command_ties_the_advertorial_to_its_sales_enquiry(tmp_path):
    advertiser = Advertiser.objects.create(name="PT Sinar Pustaka")
    enquiry = EnquiryFactory()
    path = tmp_path / "rilis.htm"
    path.write_bytes(WORD_HTML.encode())
    with pytest.raises(CommandError, match="--enquiry hanya bersama --advertiser"):
        call_command("import_document", str(path), enquiry=enquiry.pk)
    with pytest.raises(CommandError, match="penawaran dengan id 999 tidak ada"):
        call_command(
            "import_document", str(path), advertiser=advertiser.pk, enquiry=999
        )
    assert Article.objects.count() == 0

    call_command(
        "import_document",
        str(path),
        advertiser=advertiser.pk,
        enquiry=enquiry.pk,
        stdout=io.StringIO(),
    )
    advertorial = Advertorial.objects.get()
    assert advertorial.enquiry == enquiry
    assert advertorial.article.sponsor_name == "PT Sinar Pustaka"
    assert list(enquiry.advertorials.all()) == [advertorial]


@pytest.mark.django_db
def test_enquiry_choice_ties_the_imported_advertorial(client, django_user_model):
    admin = django_user_model.objects.create_superuser(
        "kepala", "kepala@wayahsinau.test", "rahasia-uji-123"
    )
    advertiser = Advertiser.objects.create(name="CV Buku Ceria")
    enquiry = EnquiryFactory(name="Rina Kartika")
    client.force_login(admin)
    text = seed_shaped().decode()
    page = client.get(IMPORT_URL)
    assertContains(page, "Permintaan penawaran")
    assertContains(page, "Rina Kartika")

    refused = client.post(
        IMPORT_URL, {"text": text, "enquiry": enquiry.pk, "action": "check"}
    )
    assertContains(refused, "Pilih juga pengiklannya")
    assert Article.objects.count() == 0

    checked = client.post(
        IMPORT_URL,
        {
            "text": text,
            "advertiser": advertiser.pk,
            "enquiry": enquiry.pk,
            "action": "check",
        },
    )
    assertContains(checked, str(enquiry))
    client.post(IMPORT_URL, {"action": "save"})
    advertorial = Advertorial.objects.get()
    assert advertorial.enquiry == enquiry
    assert advertorial.advertiser == advertiser
    assert advertorial.article.is_sponsored


@pytest.mark.django_db
def test_writers_get_no_enquiry_choice(client, writer):
    EnquiryFactory(name="Rina Kartika")
    client.force_login(writer)
    page = client.get(IMPORT_URL)
    assert page.status_code == 200
    assert "Rina Kartika" not in page.content.decode()
    assert 'name="enquiry"' not in page.content.decode()
