"""The writer's desk in a real browser: a refused save keeps the chosen picture, the
chosen cover shows below its search, and the article the writer submitted reads
like the page. Screenshots at 1366 px: desk-upload-kept.png, desk-readonly.png."""

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from articles.models import Article, PendingUpload
from articles.roles import WRITER
from tests.articles.factories import AuthorFactory, CategoryFactory, FigureFactory
from tests.browser.test_workflow import (
    PASSWORD,
    pick_autocomplete,
    staff,
    type_in_ckeditor,
)
from tests.images import image_bytes

pytestmark = pytest.mark.django_db(transaction=True)

WIDE = {"width": 1366, "height": 900}
TITLE = "Menata Sudut Belajar di Rumah"


def log_in(browser, live_server, username: str):
    context = browser.new_context(viewport=WIDE, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_be_visible()
    return page


def loaded(image) -> bool:
    """Whether ``image`` shows its picture, once it has had time to load (a slower
    database serves the thumbnail's page later than the test reads it)."""
    try:
        image.page.wait_for_function(
            "i => i.complete && i.naturalWidth > 0",
            arg=image.element_handle(),
            timeout=10_000,
        )
    except PlaywrightTimeoutError:
        return False
    return True


def test_refused_save_keeps_the_picture_and_the_submitted_article_reads_well(
    live_server, browser, artifacts, tmp_path
):
    writer = staff("sari", WRITER, first_name="Sari", last_name="Wulan")
    AuthorFactory(name="Sari Wulan", user=writer)
    CategoryFactory(name="Pendidikan")
    FigureFactory(created_by=writer, caption="Sampul meja belajar", source="redaksi")
    picture = tmp_path / "meja-belajar.png"
    picture.write_bytes(image_bytes("PNG", size=(480, 300), color=(40, 120, 90)))

    page = log_in(browser, live_server, "sari")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    # No title: the save will be refused.
    type_in_ckeditor(page, "id_intro", "Sudut belajar yang rapi membantu anak fokus.")
    pick_autocomplete(page, "category", "Pendidikan")
    pick_autocomplete(page, "cover", "Sampul meja belajar")
    cover = page.locator("[data-figure-preview=id_cover] img")
    expect(cover).to_be_visible()
    assert loaded(cover)
    expect(page.locator("[data-figure-preview=id_cover] figcaption")).to_have_text(
        "Sampul meja belajar (sumber: redaksi)"
    )
    page.fill("#id_sections-0-heading", "Pilih meja yang pas")
    type_in_ckeditor(page, "id_sections-0-body", "Tinggi meja sebaiknya sesiku anak.")
    page.set_input_files("#id_sections-0-figure_image", str(picture))
    page.fill("#id_sections-0-figure_alt_text", "Meja belajar kayu dengan lampu")
    page.fill("#id_sections-0-figure_caption", "Meja belajar sederhana")
    page.fill("#id_sections-0-figure_source", "dokumentasi Wayah Sinau")
    page.locator("input[name=_save]").first.click()

    expect(page.locator(".errornote")).to_be_visible()
    kept = page.locator(".field-figure_image .picture-input-pending")
    expect(kept).to_contain_text("Gambar terpilih: meja-belajar.png (akan disimpan)")
    assert loaded(kept.locator("img"))
    expect(page.locator("#id_sections-0-figure_caption")).to_have_value(
        "Meja belajar sederhana"
    )
    page.locator(".field-figure_image").first.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "desk-upload-kept.png"), full_page=True)
    assert not Article.objects.exists()
    assert PendingUpload.objects.count() == 1

    # The title, and submit for review: no new pick of the picture.
    page.fill("#id_title", TITLE)
    page.select_option("#id_status", "review")
    page.locator("input[name=_save]").first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    article = Article.objects.get(title=TITLE)
    figure = article.sections.get().figure
    assert (figure.width, figure.height) == (480, 300)
    assert not PendingUpload.objects.exists()

    # The writer opens what they submitted: it reads like the page.
    page.get_by_role("link", name=TITLE).click()
    body = page.locator("#content-main")
    expect(page.locator(".field-intro .page-text p")).to_have_text(
        "Sudut belajar yang rapi membantu anak fokus."
    )
    expect(page.locator(".field-body .page-text p")).to_have_text(
        "Tinggi meja sebaiknya sesiku anak."
    )
    expect(page.locator(".field-figure figcaption")).to_have_text(
        "Meja belajar sederhana (sumber: dokumentasi Wayah Sinau)"
    )
    assert loaded(page.locator(".field-figure img"))
    assert loaded(page.locator(".field-cover img"))
    text = body.inner_text()
    for wrong in ("<p>", "None", "Figure", "True", "False"):
        assert wrong not in text
    expect(page.locator(".field-status .readonly")).to_have_text("Menunggu tinjauan")
    page.screenshot(path=str(artifacts / "desk-readonly.png"), full_page=True)
    page.context.close()
