import io
import os
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image

from articles.images import process_image
from articles.models import Author, Figure
from tests.images import (
    image_bytes,
    metadata_left,
    srgb_profile,
    upload,
    with_metadata,
)


def exif_with_gps_and_orientation(orientation=6) -> bytes:
    image = Image.new("RGB", (80, 40), (10, 120, 200))
    image.putpixel((0, 0), (255, 0, 0))
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation: rotate 90° clockwise to display
    exif[0x010F] = "KameraRahasia"  # Make
    gps = {1: "S", 2: (7.0, 58.0, 0.0), 3: "E", 4: (112.0, 37.0, 0.0)}
    exif[0x8825] = gps
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims the given dimensions (a decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    data = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", data)
        + chunk(b"IEND", b"")
    )


def test_exif_gps_is_stripped_and_orientation_applied():
    original = exif_with_gps_and_orientation()
    assert b"KameraRahasia" in original

    processed = process_image(upload(original))

    stored = processed.content.read()
    assert b"KameraRahasia" not in stored
    image = Image.open(io.BytesIO(stored))
    assert image.getexif() == {} or 0x8825 not in image.getexif()
    assert (image.width, image.height) == (40, 80)  # turned upright
    assert (processed.width, processed.height) == (40, 80)


def test_processed_images_get_random_names_with_their_real_extension():
    first = process_image(upload(image_bytes("PNG"), name="../../etc/passwd.png"))
    second = process_image(upload(image_bytes("PNG"), name="../../etc/passwd.png"))
    assert first.content.name != second.content.name
    assert first.content.name.endswith(".png")
    assert "/" not in first.content.name and "passwd" not in first.content.name


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "kosong"),
        (image_bytes("JPEG", size=(400, 300))[:300], "rusak"),
        (b"this is not an image at all", "rusak"),
        (b"<html><script>alert(1)</script></html>", "HTML"),
        (
            image_bytes("PNG") + b"<html><body><script>alert(1)</script></body></html>",
            "HTML",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "HTML",
        ),
        (image_bytes("BMP"), "tidak didukung"),
        (png_declaring(50_000, 50_000), "terlalu besar"),
    ],
    ids=[
        "empty",
        "truncated",
        "garbage",
        "html-named-png",
        "polyglot",
        "svg",
        "bmp",
        "bomb",
    ],
)
def test_bad_images_are_rejected_with_a_named_reason(data, message):
    with pytest.raises(ValidationError) as error:
        process_image(upload(data, name="gambar.png"))
    assert message in " ".join(error.value.messages)


def test_oversized_upload_is_rejected_before_decoding(settings):
    settings.WAYAHSINAU_IMAGE_MAX_BYTES = 1024
    noise = Image.frombytes("RGB", (300, 300), os.urandom(300 * 300 * 3))
    buffer = io.BytesIO()
    noise.save(buffer, "PNG")
    data = buffer.getvalue()
    assert len(data) > 1024
    with pytest.raises(ValidationError, match="terlalu besar"):
        process_image(upload(data, name="besar.png"))


@pytest.mark.parametrize(
    ("fmt", "mode", "color", "kwargs"),
    [
        ("JPEG", "CMYK", (0, 100, 200, 0), {}),
        ("PNG", "I;16", 40000, {}),
        ("PNG", "P", 3, {"transparency": 3}),
        ("WEBP", "RGBA", (10, 20, 30, 128), {}),
        ("GIF", "P", 1, {}),
    ],
)
def test_unusual_colour_modes_are_converted(fmt, mode, color, kwargs):
    processed = process_image(
        upload(image_bytes(fmt, mode=mode, color=color, **kwargs))
    )
    image = Image.open(io.BytesIO(processed.content.read()))
    image.load()
    assert image.format == fmt.replace("JPEG", "JPEG")
    assert image.size == (64, 48)


def test_animated_gif_keeps_only_its_first_frame():
    frames = [Image.new("P", (20, 20), index) for index in range(30)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:])
    processed = process_image(upload(buffer.getvalue(), name="animasi.gif"))
    image = Image.open(io.BytesIO(processed.content.read()))
    assert getattr(image, "n_frames", 1) == 1


@pytest.mark.django_db
def test_stored_figure_files_never_overwrite_each_other():
    one = Figure.objects.create(
        image=process_image(upload(image_bytes())).content, alt_text="a"
    )
    two = Figure.objects.create(
        image=process_image(upload(image_bytes())).content, alt_text="b"
    )
    assert one.image.name != two.image.name
    assert one.image.name.startswith("figures/")
    assert (one.width, one.height) == (64, 48)


@pytest.mark.parametrize(
    "name",
    [
        "renditions/ab/cdef-480.webp",
        "figures/2026/foto lama.jpg",
        "../../etc/passwd",
        "/absolute.jpg",
        "a//b.jpg",
        "http://evil.example/x.jpg",
        "foto?x=1.jpg",
    ],
)
def test_media_addresses_are_what_the_storage_gives(name):
    """The media storage's shortcut for stored names must never differ from
    Django's ``FileSystemStorage.url``."""
    from django.core.files.storage import FileSystemStorage, default_storage, storages

    from articles.storage import FileSystemStorage as MediaStorage

    assert isinstance(storages["default"], MediaStorage)
    assert default_storage.url(name) == FileSystemStorage.url(default_storage, name)


def stored_bytes(name: str) -> bytes:
    with default_storage.open(name, "rb") as handle:
        return handle.read()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fmt", "mode", "name"),
    [
        ("JPEG", "RGB", "foto.jpg"),
        ("PNG", "RGBA", "logo.png"),
        ("GIF", "P", "animasi.gif"),
        ("WEBP", "RGB", "foto.webp"),
    ],
)
def test_an_uploaded_figure_and_every_copy_keep_no_metadata_but_the_profile(
    client, staff_editor, fmt, mode, name
):
    client.force_login(staff_editor)
    original = with_metadata(fmt, size=(900, 600), mode=mode, orientation=6)

    response = client.post(
        reverse("admin:articles_figure_add"),
        {"image": upload(original, name), "alt_text": "Sawah", "caption": ""},
    )

    assert response.status_code == 302, response.context["errors"]
    figure = Figure.objects.get()
    files = [figure.image.name] + [i["name"] for i in figure.renditions["items"]]
    assert len(files) >= 5  # the upload, and WebP + JPEG/PNG at two widths or more
    for stored in files:
        data = stored_bytes(stored)
        assert metadata_left(data) == [], stored
        image = Image.open(io.BytesIO(data))
        if fmt != "GIF":  # GIF has no colour profile to keep
            assert image.info.get("icc_profile") == srgb_profile(), stored
        if fmt == "JPEG":  # turned upright by its EXIF orientation first
            assert image.size[0] < image.size[1], stored
        if fmt in ("PNG", "GIF"):
            assert image.convert("RGBA").getpixel((5, 5))[3] < 255, stored


@pytest.mark.django_db
def test_an_author_photo_keeps_no_metadata_and_a_cmyk_profile_is_not_misapplied(
    client, staff_editor
):
    client.force_login(staff_editor)
    original = with_metadata("JPEG", mode="CMYK")

    response = client.post(
        reverse("admin:articles_author_add"),
        {"name": "Dewi Lestari", "slug": "", "bio": "", "photo": upload(original)},
    )

    assert response.status_code == 302, response.context["errors"]
    data = stored_bytes(Author.objects.get().photo.name)
    assert metadata_left(data) == []
    photo = Image.open(io.BytesIO(data))
    # Converted to RGB, so the print profile would show wrong colours.
    assert photo.mode == "RGB" and "icc_profile" not in photo.info


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "GIF", "WEBP"])
def test_a_figure_saved_from_code_is_cleaned_as_an_upload_is(fmt):
    """An importer or the shell stores through the model, not the admin's form:
    the stored file is re-encoded and keeps no metadata all the same."""
    figure = Figure.objects.create(
        image=ContentFile(with_metadata(fmt, size=(300, 200)), name="impor.bin"),
        alt_text="Dari impor",
    )
    assert metadata_left(stored_bytes(figure.image.name)) == []
    assert figure.image.name.endswith(
        {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp"}[fmt]
    )
    assert (figure.width, figure.height) == (300, 200)


@pytest.mark.django_db
def test_a_bad_file_saved_from_code_is_refused_and_nothing_is_stored():
    with pytest.raises(ValidationError):
        Figure.objects.create(
            image=ContentFile(b"<html><script>alert(1)</script>", name="x.png"),
            alt_text="Palsu",
        )
    assert not Figure.objects.exists()
