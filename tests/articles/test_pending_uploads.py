"""A refused save keeps every chosen picture: the form comes back referring to it,
and the next submit uses it without a new pick. Only its owner may; a bad file
in the same submit gets its own error and does not cost the others; what nobody
uses is cleaned up a day later."""

import io
import os
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from articles.models import Article, Figure, PendingUpload
from articles.roles import WRITER
from tests.articles.admin_forms import article_post_data
from tests.articles.conftest import member
from tests.articles.factories import AuthorFactory, CategoryFactory, UserFactory
from tests.images import image_bytes, jpeg_upload, metadata_left, upload, with_metadata

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:articles_article_add")
FIGURE_ADD_URL = reverse("admin:articles_figure_add")
TOKEN = 'name="{}-pending" value="([^"]+)"'


def kept_token(html: str, field: str) -> str | None:
    found = re.search(TOKEN.format(re.escape(field)), html)
    return found.group(1) if found else None


def section(heading: str, picture=None, **fields) -> dict:
    data = {"heading": heading, "body": "<p>Isi.</p>"}
    if picture is not None:
        data.update(
            figure_image=picture,
            figure_alt_text=f"Ilustrasi {heading}",
            figure_caption=f"Keterangan {heading}",
            figure_source="dokumentasi Wayah Sinau",
        )
    data.update(fields)
    return data


def draft_data(author, sections, **fields) -> dict:
    return article_post_data(
        CategoryFactory(), author, sections, status="draft", **fields
    )


def without_files(data: dict) -> dict:
    """What the browser sends next: the same fields, and no file picked again."""
    return {
        key: value for key, value in data.items() if not key.endswith("figure_image")
    }


def test_refused_save_keeps_the_picture_and_the_next_submit_stores_it(
    client, writer, django_capture_on_commit_callbacks
):
    client.force_login(writer)
    data = draft_data(
        writer.author,
        [section("Celengan", jpeg_upload(name="celengan ayam.jpg", size=(90, 60)))],
        title="",  # the error: no title
    )

    response = client.post(ADD_URL, data)

    assert response.status_code == 200
    assert not Article.objects.exists() and not Figure.objects.exists()
    html = response.content.decode()
    pending = PendingUpload.objects.get()
    assert pending.owner == writer and pending.original_name == "celengan ayam.jpg"
    assert kept_token(html, "sections-0-figure_image") == pending.token
    assert "Gambar terpilih: celengan ayam.jpg (akan disimpan)" in html
    assert f'src="{pending.image.url}"' in html

    retry = without_files(data)
    retry["title"] = "Belajar menabung"
    retry["sections-0-figure_image-pending"] = pending.token
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ADD_URL, retry)

    assert response.status_code == 302, response.context["errors"]
    figure = Article.objects.get().sections.get().figure
    assert (figure.width, figure.height) == (90, 60)
    assert figure.caption == "Keterangan Celengan"
    assert figure.image.name.startswith("figures/")
    assert figure.created_by == writer
    # Used, so gone, file and all.
    assert not PendingUpload.objects.exists()
    assert not pending.image.storage.exists(pending.image.name)


def test_kept_picture_is_cleaned_like_every_upload(client, writer):
    client.force_login(writer)
    name = "<img src=x onerror=alert(1)>.jpg"
    data = draft_data(
        writer.author, [section("Foto", upload(with_metadata("JPEG"), name))], title=""
    )

    html = client.post(ADD_URL, data).content.decode()

    pending = PendingUpload.objects.get()
    assert "<img src=x" not in html
    assert "Gambar terpilih: &lt;img src=x onerror=alert(1)&gt;.jpg" in html
    with pending.image.open("rb") as handle:
        assert metadata_left(handle.read()) == []
    assert pending.image.name.startswith("pending/")
    assert not pending.image.name.endswith("gps.jpg")


def test_refused_twice_keeps_referring_to_the_same_picture(client, writer):
    client.force_login(writer)
    data = draft_data(writer.author, [section("Satu", jpeg_upload())], title="")
    client.post(ADD_URL, data)
    pending = PendingUpload.objects.get()

    retry = without_files(data)
    retry["sections-0-figure_image-pending"] = pending.token
    response = client.post(ADD_URL, retry)  # still no title

    assert response.status_code == 200
    assert kept_token(response.content.decode(), "sections-0-figure_image") == (
        pending.token
    )
    assert PendingUpload.objects.count() == 1


def test_every_section_keeps_its_picture_when_another_field_fails(client, writer):
    client.force_login(writer)
    data = draft_data(
        writer.author,
        [
            section("Satu", jpeg_upload(name="satu.jpg")),
            section("Dua", jpeg_upload(name="dua.jpg"), figure_alt_text=""),
            section("Tiga"),
        ],
    )

    response = client.post(ADD_URL, data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Isi teks alternatif" in html
    assert kept_token(html, "sections-0-figure_image")
    assert kept_token(html, "sections-1-figure_image")  # its own alt text failed
    assert kept_token(html, "sections-2-figure_image") is None
    assert sorted(PendingUpload.objects.values_list("original_name", flat=True)) == [
        "dua.jpg",
        "satu.jpg",
    ]


def test_another_users_token_is_refused(client, writer):
    other = member(WRITER, "penulis2")
    AuthorFactory(user=other)
    client.force_login(writer)
    client.post(
        ADD_URL, draft_data(writer.author, [section("A", jpeg_upload())], title="")
    )
    stolen = PendingUpload.objects.get()

    client.force_login(other)
    data = draft_data(other.author, [section("Curian", figure_alt_text="Curian")])
    data["sections-0-figure_image-pending"] = stolen.token
    response = client.post(ADD_URL, data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Gambar yang Anda pilih sebelumnya tidak tersedia lagi" in html
    assert stolen.token not in html and stolen.image.url not in html
    assert not Article.objects.exists() and not Figure.objects.exists()
    assert PendingUpload.objects.get().owner == writer  # still the writer's


def test_an_unknown_token_is_a_clear_error(client, writer):
    client.force_login(writer)
    data = draft_data(writer.author, [section("A", figure_alt_text="A")])
    data["sections-0-figure_image-pending"] = "x" * 500

    response = client.post(ADD_URL, data)

    assert response.status_code == 200
    assert "tidak tersedia lagi" in response.content.decode()
    assert not Article.objects.exists()


def zero_bytes():
    return upload(b"", "kosong.jpg")


def text_named_jpeg():
    return upload(b"Ini catatan rapat, bukan foto.\n" * 20, "catatan.jpg")


def too_many_pixels():
    return upload(image_bytes("PNG", size=(8001, 1)), "panjang.png", "image/png")


def too_large():
    noise = Image.frombytes("RGB", (100, 100), os.urandom(30_000))
    buffer = io.BytesIO()
    noise.save(buffer, "PNG")
    return upload(buffer.getvalue(), "besar.png", "image/png")


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (zero_bytes, "Berkas gambar kosong (0 byte)."),
        (text_named_jpeg, "Berkas bukan gambar yang valid atau rusak/terpotong."),
        (too_many_pixels, "Dimensi gambar terlalu besar: 8001×1 piksel."),
        (too_large, "Berkas gambar terlalu besar"),
    ],
    ids=["0-byte", "text-as-jpeg", "huge-pixel-count", "oversized"],
)
def test_a_bad_picture_gets_its_error_and_the_good_one_stays_kept(
    client, writer, settings, bad, message
):
    settings.WAYAHSINAU_IMAGE_MAX_BYTES = 20_000  # "besar.png" is larger
    client.force_login(writer)
    data = draft_data(
        writer.author,
        [section("Baik", jpeg_upload(name="baik.jpg")), section("Buruk", bad())],
    )

    response = client.post(ADD_URL, data)

    assert response.status_code == 200
    html = response.content.decode()
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.forms[1].errors["figure_image"][0].startswith(message)
    assert formset.forms[0].errors == {}
    pending = PendingUpload.objects.get()
    assert pending.original_name == "baik.jpg"
    assert kept_token(html, "sections-0-figure_image") == pending.token
    assert kept_token(html, "sections-1-figure_image") is None
    assert not Article.objects.exists() and not Figure.objects.exists()


def test_refused_figure_form_keeps_its_image_too(client, editor):
    client.force_login(editor)
    data = {
        "image": upload(image_bytes("PNG", size=(40, 30)), "peta.png", "image/png"),
        "alt_text": "",
        "caption": "Peta",
        "source": "",
    }

    response = client.post(FIGURE_ADD_URL, data)

    assert response.status_code == 200
    token = kept_token(response.content.decode(), "image")
    assert token == PendingUpload.objects.get().token
    retry = {"image-pending": token, "alt_text": "Peta kota", "caption": "Peta"}
    retry["source"] = ""
    assert client.post(FIGURE_ADD_URL, retry).status_code == 302
    assert Figure.objects.get().width == 40
    assert not PendingUpload.objects.exists()


def kept_upload(owner, age: timedelta) -> PendingUpload:
    pending = PendingUpload.objects.create(
        owner=owner, image=jpeg_upload(), original_name="foto.jpg"
    )
    PendingUpload.objects.filter(pk=pending.pk).update(created_at=timezone.now() - age)
    return pending


def test_cleanup_command_deletes_old_unused_uploads_and_keeps_new_ones():
    owner = UserFactory()
    old = kept_upload(owner, timedelta(hours=25))
    new = kept_upload(owner, timedelta(hours=2))
    stdout, stderr = io.StringIO(), io.StringIO()

    call_command("clean_pending_uploads", stdout=stdout, stderr=stderr)

    assert list(PendingUpload.objects.all()) == [new]
    storage = new.image.storage
    assert not storage.exists(old.image.name) and storage.exists(new.image.name)
    assert "Deleted 1 unused pending upload(s)." in stdout.getvalue()

    call_command("clean_pending_uploads", "--hours", "1", stdout=stdout)
    assert not PendingUpload.objects.exists()
    with pytest.raises(CommandError):
        call_command("clean_pending_uploads", "--hours", "0")
