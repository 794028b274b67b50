"""The newsroom flow in a real browser: writer, editor, reader, sales.

The writer types into the real CKEditor: each editor is a contenteditable <div>
(its divarea plugin, since the iframe it uses otherwise needs an inline script the
Content-Security-Policy refuses), so the test clicks into it and types with the
keyboard.
"""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from articles.models import Article
from articles.reading import current_page
from articles.roles import EDITOR, SALES, WRITER
from tests.articles.factories import AuthorFactory, CategoryFactory, UserFactory
from tests.images import image_bytes

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "rahasia-uji-123"
TITLE = "Tips Menata Meja Belajar Anak"
DESKTOP = {"width": 1280, "height": 900}


def staff(username: str, role: str, **extra):
    user = UserFactory(username=username, is_staff=True, **extra)
    user.groups.add(Group.objects.get(name=role))
    return user


def log_in(browser, live_server, username: str):
    context = browser.new_context(viewport=DESKTOP, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_be_visible()
    return page


def type_in_ckeditor(page, textarea_id: str, text: str):
    body = page.locator(f"#cke_{textarea_id} .cke_editable")
    expect(body).to_have_attribute("contenteditable", "true")
    body.click()
    page.keyboard.type(text)
    expect(body).to_contain_text(text)


def pick_autocomplete(page, field: str, text: str):
    page.locator(f".field-{field} .select2-selection").click()
    page.locator(".select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).click()


def test_writer_submits_editor_publishes_reader_reads_sales_is_kept_out(
    live_server, browser, artifacts, tmp_path
):
    writer = staff(WRITER, WRITER, first_name="Rina", last_name="Kusuma")
    writer.username = "rina"
    writer.save()
    AuthorFactory(name="Rina Kusuma", user=writer)
    staff("dimas", EDITOR)
    staff("niaga", SALES)
    CategoryFactory(name="Pendidikan")
    picture = tmp_path / "meja.png"
    picture.write_bytes(image_bytes("PNG", size=(320, 200), color=(40, 120, 90)))

    # The writer writes and submits for review.
    page = log_in(browser, live_server, "rina")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.fill("#id_title", TITLE)
    type_in_ckeditor(page, "id_intro", "Meja belajar yang rapi membantu anak fokus.")
    pick_autocomplete(page, "category", "Pendidikan")
    page.fill("#id_sections-0-heading", "Pilih meja yang pas")
    type_in_ckeditor(page, "id_sections-0-body", "Tinggi meja sebaiknya sesiku anak.")
    page.set_input_files("#id_sections-0-figure_image", str(picture))
    page.fill("#id_sections-0-figure_alt_text", "Meja belajar kayu dengan lampu")
    page.fill("#id_sections-0-figure_caption", "Meja belajar sederhana")
    page.fill("#id_sections-0-figure_source", "dokumentasi Wayah Sinau")
    page.locator("#sections-group .add-row a").click()
    page.fill("#id_sections-1-heading", "Atur pencahayaan")
    type_in_ckeditor(page, "id_sections-1-body", "Letakkan lampu di sisi kiri.")
    page.select_option("#id_status", "review")
    page.screenshot(path=str(artifacts / "admin-edit-writer.png"), full_page=True)
    page.locator("input[name=_save]").first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    article = Article.objects.get(title=TITLE)
    assert article.status == Article.Status.REVIEW
    assert article.sections.count() == 2
    page.context.close()

    # The editor finds it in the review queue and publishes it.
    page = log_in(browser, live_server, "dimas")
    page.goto(f"{live_server.url}/admin/articles/articleinreview/")
    page.get_by_role("link", name=TITLE).click()
    expect(page.locator("#id_title")).to_have_value(TITLE)
    expect(page.locator(".field-publish_checklist")).to_contain_text("Siap terbit.")
    page.select_option("#id_status", "published")
    page.screenshot(path=str(artifacts / "admin-edit-editor.png"), full_page=True)
    page.locator("input[name=_save]").first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    article.refresh_from_db()
    assert article.is_visible
    # The admin's save compiled the page readers get (articles/compiled.py).
    loaded = Article.objects.select_related("compiled_page").get(pk=article.pk)
    assert current_page(loaded) is not None
    page.context.close()

    # An anonymous reader sees the published page.
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_server.url + article.get_absolute_url())
    expect(page.locator("h1")).to_have_text(TITLE)
    assert page.locator("article section h2").all_inner_texts() == [
        "1. Pilih meja yang pas",
        "2. Atur pencahayaan",
    ]
    expect(page.locator("figcaption")).to_have_text(
        "Meja belajar sederhana (sumber: dokumentasi Wayah Sinau)"
    )
    expect(page.locator(".author-credit")).to_have_text(
        "(Artikel ini ditulis oleh Rina Kusuma)"
    )
    assert page.locator("figure img").evaluate("i => i.complete && i.naturalWidth > 0")
    page.screenshot(path=str(artifacts / "article-published.png"), full_page=True)
    context.close()

    # Sales staff cannot reach the article admin, not even by typing the URL.
    page = log_in(browser, live_server, "niaga")
    response = page.goto(f"{live_server.url}/admin/articles/article/")
    assert response.status == 403
    response = page.goto(
        f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    )
    assert response.status in (302, 403) or "/admin/" in page.url
    expect(page.locator("body")).not_to_contain_text("Pilih meja yang pas")
    page.context.close()
