"""The media library in a real browser: a grid of thumbnails with captions, credits,
uploaders and uses, searched by credit, and a section that reuses a picture; a
writer deleting their own unused upload. Screenshots at 1366 px: media-library.png,
media-library-writer-delete.png."""

import pytest
from playwright.sync_api import expect

from articles.models import Figure, Section
from articles.roles import EDITOR, WRITER
from tests.articles.factories import (
    ArticleFactory,
    CategoryFactory,
    FigureFactory,
    SectionFactory,
)
from tests.browser.test_desk_pictures import loaded, log_in
from tests.browser.test_workflow import staff, type_in_ckeditor
from tests.images import image_bytes

pytestmark = pytest.mark.django_db(transaction=True)

PICTURES = [
    ("Pasar terapung Lok Baintan", "Antara", (30, 110, 160)),
    ("Sawah bertingkat di Jatiluwih", "redaksi", (60, 140, 60)),
    ("Kopi tubruk di warung", "arsip Wayah Sinau", (110, 70, 40)),
    ("Anak-anak membaca di perpustakaan keliling", "Dinas Pustaka", (200, 150, 40)),
    ("Hujan sore di Malioboro", "pembaca", (90, 90, 120)),
    ("Batik tulis Lasem", "Museum Batik", (150, 40, 60)),
]


def test_editor_browses_searches_and_reuses_a_library_picture(
    live_server, browser, artifacts
):
    editor = staff("dimas", EDITOR, first_name="Dimas", last_name="Pratama")
    figures = [
        FigureFactory(
            caption=caption,
            source=source,
            alt_text=f"Foto: {caption}",
            created_by=editor,
            image__data=image_bytes("PNG", size=(640, 420), color=color),
        )
        for caption, source, color in PICTURES
    ]
    published = ArticleFactory(title="Pagi di pasar terapung", cover=figures[0])
    SectionFactory(article=published, position=1, figure=figures[1])
    CategoryFactory(name="Gaya Hidup")

    page = log_in(browser, live_server, "dimas")
    page.goto(f"{live_server.url}/admin/articles/figure/")
    cards = page.locator("#result_list tbody tr")
    expect(cards).to_have_count(len(PICTURES))
    first = cards.filter(has_text="Pasar terapung Lok Baintan")
    expect(first).to_contain_text("(sumber: Antara)")
    expect(first).to_contain_text("Dimas Pratama")
    expect(first).to_contain_text("sampul 1")
    expect(cards.filter(has_text="Batik tulis Lasem")).to_contain_text("Belum dipakai")
    for index in range(len(PICTURES)):
        assert loaded(cards.nth(index).locator("img"))
    # Cards sit side by side: a grid, not a table of rows.
    boxes = [cards.nth(index).bounding_box() for index in range(3)]
    assert boxes[0]["y"] == boxes[1]["y"] == boxes[2]["y"]
    assert boxes[0]["x"] < boxes[1]["x"] < boxes[2]["x"]
    page.screenshot(path=str(artifacts / "media-library.png"), full_page=True)

    page.fill("#searchbar", "Museum Batik")
    page.keyboard.press("Enter")
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text("Batik tulis Lasem")

    # Where it is used, on the picture's own screen.
    page.goto(f"{live_server.url}/admin/articles/figure/{figures[0].pk}/change/")
    expect(page.locator("#pemakaian-gambar")).to_contain_text(
        "Pagi di pasar terapung: Sampul"
    )

    # A section picks the batik from the library, no upload.
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.fill("#id_title", "Merawat kain batik")
    type_in_ckeditor(page, "id_intro", "Batik tulis perlu dicuci dengan lembut.")
    page.fill("#id_sections-0-heading", "Cuci dengan lerak")
    type_in_ckeditor(page, "id_sections-0-body", "Lerak membuat warna awet.")
    field = page.locator(".form-row.field-figure").first
    field.locator(".select2-selection").click()
    page.locator(".select2-search__field").fill("Batik")
    page.locator(".select2-results__option", has_text="Batik tulis Lasem").click()
    preview = page.locator("[data-figure-preview=id_sections-0-figure] img")
    expect(preview).to_be_visible()
    page.fill("#id_sections-0-figure_caption_override", "Batik tulis yang dijemur")
    page.select_option("#id_status", "draft")
    page.locator("input[name=_save]").first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    section = Section.objects.get(heading="Cuci dengan lerak")
    assert section.figure_id == figures[5].pk
    assert section.figure_caption_override == "Batik tulis yang dijemur"
    page.context.close()


def test_writer_deletes_their_own_unused_upload_and_nothing_else(
    live_server, browser, artifacts
):
    writer = staff("sari", WRITER, first_name="Sari", last_name="Wulandari")
    mine = FigureFactory(
        caption="Kopi tubruk yang salah unggah",
        source="arsip Wayah Sinau",
        created_by=writer,
        image__data=image_bytes("PNG", size=(640, 420), color=(110, 70, 40)),
    )
    cover = FigureFactory(
        caption="Pasar terapung Lok Baintan",
        source="Antara",
        image__data=image_bytes("PNG", size=(640, 420), color=(30, 110, 160)),
    )
    ArticleFactory(title="Pagi di pasar terapung", cover=cover)

    page = log_in(browser, live_server, "sari")
    page.goto(f"{live_server.url}/admin/articles/figure/")
    cards = page.locator("#result_list tbody tr")
    expect(cards).to_have_count(2)
    cards.filter(has_text="Kopi tubruk yang salah unggah").locator(
        "input.action-select"
    ).check()
    page.select_option("select[name=action]", "delete_selected")
    page.locator("button[name=index]").click()
    expect(page.locator("#content")).to_contain_text("Kopi tubruk yang salah unggah")
    expect(page.locator("#content")).not_to_contain_text("masih dipakai")
    page.screenshot(
        path=str(artifacts / "media-library-writer-delete.png"), full_page=True
    )
    page.locator("input[type=submit]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    expect(cards).to_have_count(1)
    assert not Figure.objects.filter(pk=mine.pk).exists()

    # The cover readers see is not the writer's to delete, even by its address.
    answer = page.goto(f"{live_server.url}/admin/articles/figure/{cover.pk}/delete/")
    assert answer.status == 403
    assert Figure.objects.filter(pk=cover.pk).exists()
    page.context.close()
