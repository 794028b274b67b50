"""Issue 18's walk through the desk, as a writer and an editor meet it, at 1366 px:

1. the writer builds the seed's shape: an intro, four numbered sections put in
   order by dragging, a captioned picture and an unnumbered closing section;
2. a refused save (no title yet) keeps the chosen picture;
3. submitted for review, the writer's own view reads like the page;
4. the editor publishes it from the list with the bulk action.

Each step saves ``tests/artifacts/desk-walk-<n>-….png``.
"""

import pytest
from playwright.sync_api import expect

from articles.models import Article, PendingUpload
from articles.roles import EDITOR, WRITER
from tests.articles.factories import AuthorFactory, CategoryFactory
from tests.browser.test_desk import drag
from tests.browser.test_desk_pictures import log_in
from tests.browser.test_workflow import pick_autocomplete, staff, type_in_ckeditor
from tests.images import image_bytes

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Lima Kebiasaan Pagi yang Membuat Hari Lebih Ringan"
NUMBERED = [
    "Bangun pada jam yang sama",
    "Minum segelas air putih",
    "Bergerak ringan lima menit",
    "Tulis tiga rencana hari ini",
]
CLOSING = "Mulai dari satu kebiasaan"


def headings_on_screen(page):
    return page.locator(
        "#sections-group .inline-related:not(.empty-form) input[name$='-heading']"
    ).evaluate_all("inputs => inputs.map(input => input.value).filter(Boolean)")


def test_a_writer_builds_the_seed_article_and_an_editor_publishes_it(
    live_server, browser, artifacts, tmp_path
):
    writer = staff("sari", WRITER, first_name="Sari", last_name="Wulan")
    AuthorFactory(name="Sari Wulan", user=writer)
    staff("dimas", EDITOR)
    CategoryFactory(name="Gaya Hidup")
    picture = tmp_path / "segelas-air.png"
    picture.write_bytes(image_bytes("PNG", size=(640, 400), color=(60, 130, 200)))

    # 1. The seed's shape, sections written in one order and dragged into another.
    page = log_in(browser, live_server, "sari")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    type_in_ckeditor(page, "id_intro", "Pagi yang tenang membuat hari lebih ringan.")
    pick_autocomplete(page, "category", "Gaya Hidup")
    for index, heading in enumerate(NUMBERED + [CLOSING]):
        if index:
            page.locator("#sections-group .add-row a").click()
        page.fill(f"#id_sections-{index}-heading", heading)
        type_in_ckeditor(page, f"id_sections-{index}-body", f"Tentang {heading}.")
    page.uncheck("#id_sections-4-is_numbered")
    # "Tulis tiga rencana" belongs first: dragged up past the three above it.
    handle = page.locator("#sections-3 .section-handle")
    for above in (2, 1, 0):
        drag(page, handle, page.locator(f"#sections-{above} h3"))
    order = [NUMBERED[3], *NUMBERED[:3], CLOSING]
    assert headings_on_screen(page) == order
    # The picture goes with "Minum segelas air putih" (its form is the second).
    page.set_input_files("#id_sections-1-figure_image", str(picture))
    page.fill("#id_sections-1-figure_alt_text", "Segelas air putih di meja dapur")
    page.fill("#id_sections-1-figure_caption", "Segelas air sebelum sarapan")
    page.fill("#id_sections-1-figure_source", "dokumentasi Wayah Sinau")
    page.screenshot(path=str(artifacts / "desk-walk-1-written.png"), full_page=True)

    # 2. No title yet: refused, and the picture is kept without a new pick.
    page.locator("input[name=_save]").first.click()
    expect(page.locator(".errornote")).to_be_visible()
    expect(page.locator(".field-figure_image .picture-input-pending")).to_contain_text(
        "Gambar terpilih: segelas-air.png (akan disimpan)"
    )
    assert PendingUpload.objects.count() == 1
    assert not Article.objects.exists()
    page.screenshot(path=str(artifacts / "desk-walk-2-refused.png"), full_page=True)

    # 3. The title, and off to the editor; the writer's view reads like the page.
    page.fill("#id_title", TITLE)
    page.select_option("#id_status", "review")
    page.locator("input[name=_save]").first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    article = Article.objects.get(title=TITLE)
    sections = list(article.sections.order_by("position"))
    assert [section.heading for section in sections] == order
    assert [section.is_numbered for section in sections] == [True] * 4 + [False]
    figure = article.sections.get(heading=NUMBERED[1]).figure
    assert (figure.caption, figure.source) == (
        "Segelas air sebelum sarapan",
        "dokumentasi Wayah Sinau",
    )
    assert not PendingUpload.objects.exists()
    page.get_by_role("link", name=TITLE).click()
    expect(page.locator(".field-figure figcaption")).to_have_text(
        "Segelas air sebelum sarapan (sumber: dokumentasi Wayah Sinau)"
    )
    text = page.locator("#content-main").inner_text()
    for wrong in ("<p>", "None", "Figure"):
        assert wrong not in text
    page.screenshot(path=str(artifacts / "desk-walk-3-submitted.png"), full_page=True)
    page.context.close()

    # 4. The editor publishes it from the list.
    page = log_in(browser, live_server, "dimas")
    page.goto(f"{live_server.url}/admin/articles/article/")
    row = page.locator("#result_list tr", has_text=TITLE)
    row.locator("input.action-select").check()
    page.select_option("select[name=action]", "publish_selected")
    page.locator("button[name=index]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    page.screenshot(path=str(artifacts / "desk-walk-4-published.png"), full_page=True)
    page.context.close()
