"""A writer sets their own byline from the admin's user tools."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from articles.models import Author
from articles.roles import WRITER
from tests.articles.factories import AuthorFactory, UserFactory
from tests.images import image_bytes

pytestmark = pytest.mark.django_db(transaction=True)


def test_writer_sets_name_photo_and_bio(live_server, browser, artifacts, tmp_path):
    user = UserFactory(username="rina", is_staff=True)
    user.groups.add(Group.objects.get(name=WRITER))
    AuthorFactory(name="Penulis Demo", user=user, bio="")
    photo = tmp_path / "rina.png"
    photo.write_bytes(image_bytes("PNG", size=(240, 240), color=(180, 120, 90)))
    context = browser.new_context(
        viewport={"width": 1366, "height": 900}, locale="id-ID"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "rina")
    page.fill("#id_password", "rahasia-uji-123")
    page.click("input[type=submit]")

    with page.expect_navigation():
        page.locator("#user-tools").get_by_role(
            "link", name="Profil penulis saya"
        ).click()
    page.fill("#id_name", "Rina Kusuma")
    page.fill("#id_bio", "Menulis tentang sekolah, keluarga, dan kota Malang.")
    page.set_input_files("#id_photo", str(photo))
    with page.expect_navigation():
        page.get_by_role("button", name="Simpan profil").click()

    expect(page.locator(".messagelist .success")).to_have_text(
        "Profil penulis Anda disimpan."
    )
    expect(page.locator("img.author-photo")).to_be_visible()
    page.screenshot(path=str(artifacts / "desk-byline.png"))
    author = Author.objects.get(user=user)
    assert author.name == "Rina Kusuma" and author.photo
    context.close()
