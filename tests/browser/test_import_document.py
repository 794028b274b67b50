"""An editor walks "Impor naskah" from a Word file to a saved advertorial draft."""

import pytest
from playwright.sync_api import expect

from ads.models import Advertiser, Advertorial
from articles.models import Article
from tests.articles.test_importing import FESTIVAL_SECTIONS, make_docx

pytestmark = pytest.mark.django_db(transaction=True)


def test_press_release_upload_to_advertorial_draft(
    live_server, browser, artifacts, tmp_path, django_user_model
):
    django_user_model.objects.create_superuser(
        "kepala", "kepala@wayahsinau.test", "rahasia-uji-123"
    )
    Advertiser.objects.create(name="CV Buku Ceria")
    document = tmp_path / "festival-literasi.docx"
    document.write_bytes(make_docx(FESTIVAL_SECTIONS))
    context = browser.new_context(
        viewport={"width": 1366, "height": 900}, locale="id-ID"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "kepala")
    page.fill("#id_password", "rahasia-uji-123")
    with page.expect_navigation():
        page.click("input[type=submit]")

    page.goto(f"{live_server.url}/admin/articles/article/")
    with page.expect_navigation():
        page.get_by_role("link", name="Impor naskah").click()
    page.set_input_files("#id_document", str(document))
    page.select_option("#id_advertiser", label="CV Buku Ceria")
    page.screenshot(path=str(artifacts / "import-document-form.png"))
    with page.expect_navigation():
        page.get_by_role("button", name="Periksa struktur").click()

    sections = page.locator(".import-sections li")
    expect(sections).to_have_count(3)
    expect(sections.nth(0)).to_contain_text("1. Lomba Mendongeng")
    expect(sections.nth(2)).to_contain_text("(tanpa nomor) Penutup")
    expect(page.locator(".import-structure")).to_contain_text(
        "Anak-anak membaca bersama · sumber: Humas Disdik"
    )
    expect(page.locator(".import-structure")).to_contain_text("Budi Santoso")
    expect(page.locator(".import-structure")).to_contain_text("CV Buku Ceria")
    page.screenshot(path=str(artifacts / "import-document-preview.png"), full_page=True)
    with page.expect_navigation():
        page.get_by_role("button", name="Simpan sebagai draf").click()

    expect(page.locator(".messagelist .success")).to_contain_text(
        "disimpan sebagai draf"
    )
    expect(page.locator("#id_title")).to_have_value(
        "Festival Literasi Anak Digelar di Martapura"
    )
    page.screenshot(path=str(artifacts / "import-document-saved.png"))
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert article.is_sponsored and article.sponsor_name == "CV Buku Ceria"
    assert Advertorial.objects.get().article == article
    context.close()
