"""Resized renditions: made once per uploaded file, served with <picture>/srcset."""

import io
import re
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command
from django.db import connection
from django.db.models.signals import post_save
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from articles.images import ALLOWED_FORMATS, build_renditions
from articles.models import Article, Figure
from tests.articles.admin_forms import article_post_data
from tests.articles.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    FigureFactory,
    SectionFactory,
)
from tests.images import (
    image_bytes,
    metadata_left,
    srgb_profile,
    upload,
    with_metadata,
)

pytestmark = pytest.mark.django_db


def photo(size=(1600, 900), fmt="JPEG", mode="RGB", color=(40, 120, 200)):
    name = "foto.png" if fmt == "PNG" else "foto.jpg"
    return ContentFile(image_bytes(fmt, size=size, mode=mode, color=color), name)


def stored_image(name):
    with default_storage.open(name, "rb") as handle:
        image = Image.open(handle)
        image.load()
    return image


def picture_tags(html):
    """Every <picture> on the page as (webp <source> attrs, <img> attrs)."""
    found = []
    for block in re.findall(r"<picture>(.*?)</picture>", html, re.S):
        source = dict(re.findall(r'(\w[\w-]*)="([^"]*)"', block.split("<img")[0]))
        img = dict(re.findall(r'(\w[\w-]*)="([^"]*)"', block.split("<img")[1]))
        found.append((source, img))
    return found


def test_an_upload_gets_webp_and_jpeg_copies_at_480_800_and_1200_px():
    figure = FigureFactory(image=photo())

    items = figure.renditions["items"]
    assert figure.renditions["source"] == figure.image.name
    assert [(i["width"], i["format"]) for i in items] == [
        (480, "webp"),
        (480, "jpg"),
        (800, "webp"),
        (800, "jpg"),
        (1200, "webp"),
        (1200, "jpg"),
    ]
    for item in items:
        stored = stored_image(item["name"])
        assert stored.format == {"webp": "WEBP", "jpg": "JPEG"}[item["format"]]
        # Same proportions as the 1600×900 original.
        assert stored.size == (item["width"], item["width"] * 9 // 16)
        assert item["size"] == default_storage.size(item["name"])
    small = next(i for i in items if i["width"] == 480 and i["format"] == "webp")
    assert small["size"] < figure.image.size / 4


def test_a_small_image_is_never_enlarged():
    figure = FigureFactory(image=photo(size=(300, 200)))

    widths = {item["width"] for item in figure.renditions["items"]}
    assert widths == {300}
    assert figure.picture.width == 300 and figure.picture.height == 200


def test_a_medium_image_gets_its_own_width_as_the_largest_copy():
    figure = FigureFactory(image=photo(size=(1000, 500)))

    assert sorted({i["width"] for i in figure.renditions["items"]}) == [480, 800, 1000]


def test_a_transparent_png_falls_back_to_png_and_keeps_its_transparency():
    figure = FigureFactory(
        image=ContentFile(
            image_bytes("PNG", size=(900, 600), mode="RGBA", color=(0, 128, 0, 90)),
            "logo.png",
        )
    )

    formats = {item["format"] for item in figure.renditions["items"]}
    assert formats == {"webp", "png"}
    png = next(i for i in figure.renditions["items"] if i["format"] == "png")
    assert stored_image(png["name"]).getpixel((5, 5))[3] == 90
    assert figure.picture.fallback_type == "image/png"


def test_an_opaque_png_falls_back_to_jpeg():
    figure = FigureFactory(image=photo(size=(900, 600), fmt="PNG"))

    assert {i["format"] for i in figure.renditions["items"]} == {"webp", "jpg"}


def test_editing_the_caption_does_not_rebuild_but_a_new_image_does():
    figure = FigureFactory(image=photo())
    first = figure.renditions

    with mock.patch("articles.images.build_renditions") as build:
        figure.caption = "Keterangan baru"
        figure.save()
        Figure.objects.get(pk=figure.pk).save(update_fields=["alt_text"])
    build.assert_not_called()

    figure.image = photo(color=(200, 30, 30))
    figure.save()
    figure.refresh_from_db()
    assert figure.renditions["source"] == figure.image.name != first["source"]
    red = next(i for i in figure.renditions["items"] if i["format"] == "jpg")
    assert stored_image(red["name"]).getpixel((10, 10))[0] > 150


def test_a_failed_rendition_keeps_the_upload_and_shows_the_original(client):
    real_save = FileSystemStorage.save

    def refuse_renditions(storage, name, content, *args, **kwargs):
        if name.startswith("renditions/"):
            raise OSError("disk full")
        return real_save(storage, name, content, *args, **kwargs)

    with mock.patch.object(FileSystemStorage, "save", refuse_renditions):
        article = ArticleFactory(cover=FigureFactory(image=photo()))

    cover = Figure.objects.get()
    assert cover.renditions == {}
    assert default_storage.exists(cover.image.name)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert f'src="{cover.image.url}"' in html
    assert "<picture>" not in html

    # The command repairs it once storage works again.
    call_command("rebuild_renditions", stdout=io.StringIO(), stderr=io.StringIO())
    assert "<picture>" in client.get(article.get_absolute_url()).content.decode()


def test_renditions_of_another_file_are_never_shown():
    figure = FigureFactory(image=photo())
    other = FigureFactory(image=photo(color=(1, 2, 3)))
    # The file changed behind the model's back (a raw update): the old copies no
    # longer describe it, so the original is served until they are rebuilt.
    Figure.objects.filter(pk=figure.pk).update(image=other.image.name)
    figure.refresh_from_db()

    assert figure.picture is None


def test_article_page_serves_pictures_with_srcset_sizes_and_dimensions(client):
    article = ArticleFactory(cover=FigureFactory(image=photo(), alt_text="Sampul"))
    SectionFactory(article=article, figure=FigureFactory(image=photo()))

    html = client.get(article.get_absolute_url()).content.decode()

    pictures = picture_tags(html)
    assert len(pictures) == 2
    (cover_source, cover_img), (section_source, section_img) = pictures
    assert cover_source["type"] == "image/webp"
    assert re.fullmatch(
        r"/media/renditions/figures/\S+-480w\.webp 480w, "
        r"\S+-800w\.webp 800w, \S+-1200w\.webp 1200w",
        cover_source["srcset"],
    )
    assert cover_img["srcset"].count(".jpg ") == 3
    assert cover_img["src"].endswith("-800w.jpg")
    assert (cover_img["width"], cover_img["height"]) == ("1200", "675")
    assert cover_source["sizes"] == cover_img["sizes"]
    assert cover_img["alt"] == "Sampul"
    # The cover is above the fold: loaded at once. Figures further down wait.
    assert "loading" not in cover_img
    assert section_img["loading"] == "lazy"
    for source, img in pictures:
        for url in [*source["srcset"].split(", "), img["src"]]:
            path = url.split()[0].removeprefix("/media/")
            assert default_storage.exists(path), path


def test_cards_on_listings_use_the_small_renditions(client):
    ArticleFactory(cover=FigureFactory(image=photo()))

    html = client.get(reverse("home")).content.decode()

    pictures = picture_tags(html)
    assert pictures  # featured/latest and the category block
    source, img = pictures[0]
    assert source["srcset"].startswith("/media/renditions/")
    assert "-480w.webp 480w" in source["srcset"]
    assert img["loading"] == "lazy" and img["alt"] == ""
    assert (img["width"], img["height"]) == ("1200", "675")


def test_article_page_queries_do_not_grow_with_the_number_of_figures(client):
    def queries_for(article):
        client.get(article.get_absolute_url())  # warm the navigation cache
        with CaptureQueriesContext(connection) as context:
            assert client.get(article.get_absolute_url()).status_code == 200
        return len(context)

    one = ArticleFactory(cover=FigureFactory(), tags=["a"])
    SectionFactory(article=one, figure=FigureFactory())
    many = ArticleFactory(cover=FigureFactory(), tags=["a"])
    for _ in range(12):
        SectionFactory(article=many, figure=FigureFactory())

    assert queries_for(one) == queries_for(many)


def test_uploading_in_the_article_admin_makes_renditions(client, staff_editor):
    client.force_login(staff_editor)
    data = article_post_data(
        CategoryFactory(),
        AuthorFactory(),
        [
            {
                "heading": "Bagian bergambar",
                "body": "<p>Isi.</p>",
                "figure_image": upload(image_bytes("JPEG", size=(1400, 700))),
                "figure_alt_text": "Anak membaca",
                "figure_source": "dokumentasi Wayah Sinau",
            }
        ],
    )

    response = client.post(reverse("admin:articles_article_add"), data)

    assert response.status_code == 302
    figure = Figure.objects.get()
    assert {i["width"] for i in figure.renditions["items"]} == {480, 800, 1200}
    client.logout()
    html = client.get(Article.objects.get().get_absolute_url()).content.decode()
    assert "-480w.webp 480w" in html


def test_rebuild_renditions_remakes_every_file_once_with_a_progress_bar(capsys):
    shared = FigureFactory(image=photo())
    twin = FigureFactory(image=shared.image.name)  # same file, as seed_bench does
    alone = FigureFactory(image=photo(size=(700, 400)))
    for item in shared.renditions["items"] + alone.renditions["items"]:
        default_storage.delete(item["name"])
    Figure.objects.update(renditions={})
    with mock.patch(
        "articles.management.commands.rebuild_renditions.build_renditions",
        wraps=build_renditions,
    ) as build:
        call_command("rebuild_renditions")

    assert build.call_count == 2
    out, err = capsys.readouterr()
    assert "Rendisi gambar" in err and "2/2" in err
    assert "2 image file(s)" in out
    for figure in (shared, twin, alone):
        figure.refresh_from_db()
        assert figure.picture is not None
        for item in figure.renditions["items"]:
            assert default_storage.exists(item["name"])


def test_rebuild_renditions_missing_skips_figures_that_are_up_to_date():
    FigureFactory(image=photo())
    stale = FigureFactory(image=photo(size=(600, 400)))
    Figure.objects.filter(pk=stale.pk).update(renditions={})

    with mock.patch(
        "articles.management.commands.rebuild_renditions.build_renditions",
        return_value={},
    ) as build:
        call_command(
            "rebuild_renditions",
            "--missing",
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )

    build.assert_called_once()
    assert build.call_args.args[1] == stale.image.name


@pytest.mark.parametrize(("fmt", "mode"), [("JPEG", "RGB"), ("PNG", "RGBA")])
def test_rebuilt_renditions_of_an_old_upload_drop_its_metadata_but_its_profile(
    fmt, mode
):
    # A file stored as it came, comments and GPS included, before uploads were
    # cleaned: its copies are the files readers download.
    data = with_metadata(fmt, size=(1000, 600), mode=mode)
    old = FigureFactory(image=ContentFile(data, f"lama.{ALLOWED_FORMATS[fmt]}"))
    Figure.objects.update(renditions={})

    call_command("rebuild_renditions", stdout=io.StringIO(), stderr=io.StringIO())

    old.refresh_from_db()
    assert len(old.renditions["items"]) == 6
    for item in old.renditions["items"]:
        with default_storage.open(item["name"], "rb") as handle:
            data = handle.read()
        assert metadata_left(data) == [], item["name"]
        assert Image.open(io.BytesIO(data)).info["icc_profile"] == srgb_profile()


def test_benchmark_seed_shares_renditions_between_its_figures():
    call_command("seed_bench", articles=3, stdout=io.StringIO(), stderr=io.StringIO())

    figures = list(Figure.objects.all())
    assert len(figures) > 8
    for figure in figures:
        assert figure.picture is not None, figure.image.name


def test_renditions_are_in_the_row_before_post_save_receivers_run():
    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append(Figure.objects.get(pk=instance.pk).renditions.get("source"))

    post_save.connect(receiver, sender=Figure)
    try:
        with CaptureQueriesContext(connection) as context:
            figure = FigureFactory(image=photo())
    finally:
        post_save.disconnect(receiver, sender=Figure)

    # A cache invalidated on save can never be refilled with the original image.
    assert seen == [figure.image.name]
    # ...and they cost no second write.
    updates = [q["sql"] for q in context.captured_queries if q["sql"].startswith("U")]
    assert not any("renditions" in sql for sql in updates)
