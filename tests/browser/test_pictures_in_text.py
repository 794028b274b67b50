"""A picture of the library inside a section's text, in a real browser: the writer
uploads it to the library, places it with the editor's "Gambar dari pustaka"
button, and the page shows it with its credit. Screenshots at 1366 px:
library-picker.png, picture-in-text.png."""

import pytest
from playwright.sync_api import expect

from articles.models import Figure, Section
from articles.richtext import references_in
from articles.roles import WRITER
from tests.articles.factories import AuthorFactory, CategoryFactory
from tests.browser.test_desk_pictures import loaded, log_in
from tests.browser.test_workflow import staff, type_in_ckeditor
from tests.images import image_bytes

pytestmark = pytest.mark.django_db(transaction=True)


def upload_to_library(page, live_server, path, caption: str, source: str):
    page.goto(f"{live_server.url}/admin/articles/figure/add/")
    page.set_input_files("#id_image", str(path))
    page.fill("#id_alt_text", f"Foto {caption.lower()}")
    page.fill("#id_caption", caption)
    page.fill("#id_source", source)
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()


def place_from_library(page, textarea_id: str, search: str, caption: str = ""):
    page.locator(f"#cke_{textarea_id} .cke_button__libraryfigure").click()
    picker = page.locator("dialog.library-picker")
    expect(picker).to_be_visible()
    picker.get_by_label("Cari keterangan, sumber, atau pengunggah").fill(search)
    choice = picker.locator(".library-picker-choice").first
    expect(picker.locator(".library-picker-choice")).to_have_count(1)
    if caption:
        picker.get_by_label("Keterangan di tempat ini (opsional)").fill(caption)
    return picker, choice


def test_writer_places_a_library_picture_inside_the_text(
    live_server, browser, artifacts, tmp_path
):
    writer = staff("sari", WRITER, first_name="Sari", last_name="Wulan")
    AuthorFactory(name="Sari Wulan", user=writer)
    CategoryFactory(name="Gaya Hidup")
    picture = tmp_path / "perahu.png"
    picture.write_bytes(image_bytes("PNG", size=(800, 500), color=(30, 110, 160)))
    other = tmp_path / "kopi.png"
    other.write_bytes(image_bytes("PNG", size=(800, 500), color=(110, 70, 40)))

    page = log_in(browser, live_server, "sari")
    upload_to_library(page, live_server, picture, "Perahu sayur", "Antara")
    upload_to_library(page, live_server, other, "Kopi tubruk", "redaksi")
    assert Figure.objects.count() == 2

    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.fill("#id_title", "Belanja di atas air")
    type_in_ckeditor(page, "id_intro", "Pasar terapung buka sejak subuh.")
    page.locator(".field-category .select2-selection").click()
    page.locator(".select2-results__option", has_text="Gaya Hidup").click()
    page.fill("#id_sections-0-heading", "Perahu sayur")
    type_in_ckeditor(page, "id_sections-0-body", "Pedagang mendayung pelan.")

    picker, choice = place_from_library(
        page, "id_sections-0-body", "Antara", caption="Perahu menjelang subuh"
    )
    assert loaded(choice.locator("img"))
    page.screenshot(path=str(artifacts / "library-picker.png"))
    choice.click()
    expect(picker).to_have_count(0)

    widget = page.locator("#cke_id_sections-0-body figure.library-figure")
    expect(widget).to_contain_text("Perahu menjelang subuh (sumber: Antara)")
    assert loaded(widget.locator("img"))
    page.keyboard.type("Sayur segar dari kebun.")
    page.select_option("#id_status", "draft")
    page.locator("input[name=_save]").first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    section = Section.objects.get(heading="Perahu sayur")
    figure = Figure.objects.get(caption="Perahu sayur")
    [placed] = references_in(section.body)
    assert placed.attributes == {
        "data-figure": str(figure.pk),
        "data-caption": "Perahu menjelang subuh",
    }
    assert list(section.figures_in_text.all()) == [figure]

    # Opened again, the editor shows the picture, and the page shows it too.
    page.goto(f"{live_server.url}/admin/articles/article/{section.article_id}/change/")
    expect(widget).to_contain_text("Perahu menjelang subuh (sumber: Antara)")
    page.goto(live_server.url + section.article.get_absolute_url())
    shown = page.locator(".article-section figure.figure")
    expect(shown).to_have_count(1)
    expect(shown.locator("figcaption")).to_have_text(
        "Perahu menjelang subuh (sumber: Antara)"
    )
    assert loaded(shown.locator("img"))
    shown.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "picture-in-text.png"))
    page.context.close()
