"""An editor's bulk actions on the article list, in a real browser."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from articles.models import Article
from articles.roles import EDITOR
from tests.articles.factories import ArticleFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

DESK = {"width": 1366, "height": 900}


def test_editor_publishes_from_the_list_and_tags_through_the_form(
    live_server, browser, artifacts
):
    editor = UserFactory(username="dimas", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITOR))
    ready = ArticleFactory(draft=True, title="Siap Terbit")
    SectionFactory(article=ready, body="<p>Isi.</p>")
    ArticleFactory(draft=True, title="Tanpa Pembuka", intro="")
    context = browser.new_context(viewport=DESK, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "dimas")
    page.fill("#id_password", "rahasia-uji-123")
    page.click("input[type=submit]")

    page.goto(f"{live_server.url}/admin/articles/article/")
    page.locator("#action-toggle").check()
    page.select_option("select[name=action]", "publish_selected")
    with page.expect_navigation():
        page.locator("button[name=index]").click()

    messages = page.locator(".messagelist")
    expect(messages.locator(".success")).to_contain_text(
        "1 artikel diterbitkan: “Siap Terbit”."
    )
    expect(messages.locator(".error")).to_contain_text(
        "“Tanpa Pembuka” tidak diterbitkan: Isi paragraf pembuka."
    )
    page.screenshot(path=str(artifacts / "desk-bulk-publish.png"))
    assert Article.objects.get(title="Siap Terbit").is_visible
    assert Article.objects.get(title="Tanpa Pembuka").status == Article.Status.DRAFT

    page.locator("#action-toggle").check()
    page.select_option("select[name=action]", "tag_selected")
    with page.expect_navigation():
        page.locator("button[name=index]").click()
    expect(page.locator("h1")).to_have_text("Tambahkan tag ke artikel")
    page.fill("#id_tag", "Belajar Pagi")
    page.screenshot(path=str(artifacts / "desk-bulk-tag.png"))
    with page.expect_navigation():
        page.locator("input[name=apply]").click()
    expect(page.locator(".messagelist .success")).to_contain_text(
        "2 artikel diberi tag Belajar Pagi"
    )
    assert {tuple(a.tags.names()) for a in Article.objects.all()} == {("Belajar Pagi",)}
    context.close()
