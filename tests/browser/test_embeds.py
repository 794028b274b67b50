"""The writers' desk, part 2, in a real browser: a writer uploads a picture to the
library, places it inside a section's text, embeds a YouTube video with the
editor's button and pastes an X link on its own paragraph; an editor publishes;
a reader sees the picture with its credit and two click-to-load facades, and the
browser asks nothing of a third party until a facade is clicked. Then the writer
drafts a change of the live article, which readers do not see until the editor
publishes it from the review queue. Screenshots at 1366 px: embed-facade.png,
live-draft-diff.png."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from articles import livedrafts
from articles.models import Article
from articles.richtext import references_in
from articles.roles import EDITOR, WRITER
from tests.articles.factories import AuthorFactory, CategoryFactory
from tests.browser.test_desk_pictures import WIDE, loaded, log_in
from tests.browser.test_pictures_in_text import place_from_library, upload_to_library
from tests.browser.test_workflow import staff, type_in_ckeditor
from tests.images import image_bytes

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Menyusuri Pasar Terapung Lok Baintan"
VIDEO = "aqz-KE-bpKQ"
POST = "1234567890123456789"


def embed_with_the_button(page, textarea_id: str, url: str, title: str = ""):
    page.locator(f"#cke_{textarea_id} .cke_button__linkembed").click()
    form = page.locator("dialog.embed-picker")
    expect(form).to_be_visible()
    form.get_by_label("Tautan").fill(url)
    if title:
        form.get_by_label("Judul (opsional)").fill(title)
    form.get_by_role("button", name="Sematkan").click()
    return form


def test_writer_embeds_editor_publishes_reader_loads_nothing_until_asked(
    live_server, browser, artifacts, tmp_path
):
    writer = staff("sari", WRITER, first_name="Sari", last_name="Wulan")
    AuthorFactory(name="Sari Wulan", user=writer)
    staff("dimas", EDITOR)
    CategoryFactory(name="Wisata")
    picture = tmp_path / "perahu.png"
    picture.write_bytes(image_bytes("PNG", size=(900, 560), color=(30, 110, 160)))

    # 1. The writer: a picture in the library, placed in the text, and two embeds.
    page = log_in(browser, live_server, "sari")
    upload_to_library(page, live_server, picture, "Perahu sayur", "Antara")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.fill("#id_title", TITLE)
    type_in_ckeditor(page, "id_intro", "Pasar di atas sungai buka sejak subuh.")
    page.locator(".field-category .select2-selection").click()
    page.locator(".select2-results__option", has_text="Wisata").click()
    page.fill("#id_sections-0-heading", "Berangkat sebelum subuh")
    type_in_ckeditor(page, "id_sections-0-body", "Perahu berangkat pukul lima.")
    picker, choice = place_from_library(page, "id_sections-0-body", "Antara")
    choice.click()
    expect(picker).to_have_count(0)

    # A hostile link is refused in the form, which keeps what was typed.
    form = embed_with_the_button(
        page, "id_sections-0-body", f"https://youtube.com.evil.example/watch?v={VIDEO}"
    )
    expect(form.locator("[role=alert]")).to_contain_text("menyerupai alamat YouTube")
    form.get_by_label("Tautan").fill(f"https://www.youtube.com/watch?v={VIDEO}")
    form.get_by_label("Judul (opsional)").fill("Suasana pasar pagi")
    form.get_by_role("button", name="Sematkan").click()
    expect(form).to_have_count(0)
    editor = page.locator("#cke_id_sections-0-body .cke_editable")
    expect(editor.locator("div.link-embed")).to_contain_text("Suasana pasar pagi")
    # An X link pasted on its own paragraph.
    page.keyboard.press("Enter")
    page.keyboard.type(f"https://x.com/NASA/status/{POST}")
    page.keyboard.press("Enter")
    page.keyboard.type("Bawa uang tunai pecahan kecil.")
    page.select_option("#id_status", "review")
    page.locator("input[name=_save]").first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    article = Article.objects.get(title=TITLE)
    body = article.sections.get().body
    kinds = [
        ref.embed.reference if ref.embed else f"figure:{ref.figure_id}"
        for ref in references_in(body)
    ]
    assert kinds[1:] == [f"youtube:{VIDEO}", f"x:NASA/{POST}"]
    assert kinds[0].startswith("figure:")
    page.context.close()

    # 2. The editor publishes.
    page = log_in(browser, live_server, "dimas")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    page.select_option("#id_status", "published")
    page.locator("input[name=_save]").first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    page.context.close()

    # 3. The reader: nothing from a third party until a facade is clicked.
    context = browser.new_context(viewport=WIDE, locale="id-ID")
    local = urlsplit(live_server.url).hostname
    third_party = []

    def answer(route):
        host = urlsplit(route.request.url).hostname
        if host in (local, "localhost", "127.0.0.1"):
            return route.continue_()
        third_party.append(route.request.url)
        # Never the network: a stand-in page for the provider's frame.
        return route.fulfill(
            status=200,
            content_type="text/html",
            body="<!doctype html><title>x</title><p>Pemutar video</p>",
        )

    context.route("**/*", answer)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(live_server.url + article.get_absolute_url())
    page.wait_for_load_state("networkidle")
    facades = page.locator("figure.embed")
    expect(facades).to_have_count(2)
    youtube = facades.filter(has_text="YouTube")
    expect(youtube.locator(".embed-title")).to_have_text("Suasana pasar pagi")
    expect(youtube.get_by_role("link")).to_have_attribute(
        "href", f"https://www.youtube.com/watch?v={VIDEO}"
    )
    expect(facades.filter(has_text="Unggahan X dari @NASA")).to_have_count(1)
    picture_in_text = page.locator(".article-section figure.figure")
    expect(picture_in_text.locator("figcaption")).to_have_text(
        "Perahu sayur (sumber: Antara)"
    )
    assert loaded(picture_in_text.locator("img"))
    assert page.locator("iframe").count() == 0
    assert third_party == []
    cookies = context.cookies()
    assert all(cookie["domain"] in (local, "localhost") for cookie in cookies)
    youtube.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "embed-facade.png"), full_page=True)

    button = youtube.get_by_role("button", name="Tampilkan video YouTube")
    button.click()
    frame = youtube.locator("iframe.embed-frame")
    expect(frame).to_have_attribute(
        "src", f"https://www.youtube-nocookie.com/embed/{VIDEO}"
    )
    expect(frame).to_have_attribute("title", "Suasana pasar pagi")
    page.wait_for_load_state("networkidle")
    assert third_party == [f"https://www.youtube-nocookie.com/embed/{VIDEO}"]
    context.close()

    # 4. The writer drafts a change of the live article; readers keep the old
    #    text until the editor publishes the draft.
    page = log_in(browser, live_server, "sari")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    page.screenshot(path=str(artifacts / "live-draft-start.png"))
    page.get_by_role("button", name="Sunting sebagai draf").click()
    expect(page.locator(".change-draft-banner")).to_contain_text("untuk artikel tayang")
    intro = page.locator("#cke_id_intro .cke_editable")
    expect(intro).to_have_attribute("contenteditable", "true")
    intro.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Pedagang kini juga menerima QRIS.")
    page.screenshot(path=str(artifacts / "live-draft-desk.png"))
    page.select_option("#id_status", "review")
    page.locator("input[name=_save]").first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    expect(page.locator("#result_list .change-draft-tag")).to_have_text(
        "draf perubahan"
    )
    page.screenshot(path=str(artifacts / "live-draft-list.png"))
    draft = Article.objects.get(draft_of=article)
    assert draft.status == Article.Status.REVIEW and "QRIS" in draft.intro
    # Saving the draft kept the rest as it was: text, picture, embeds.
    changed = [
        "".join(text for _changed, text in row.parts)
        for row in livedrafts.changes(draft).rows
        if row.kind in ("add", "remove")
    ]
    assert changed == [
        "Pasar di atas sungai buka sejak subuh.",
        "Pasar di atas sungai buka sejak subuh. Pedagang kini juga menerima QRIS.",
    ]
    page.context.close()

    reader = browser.new_context(viewport=WIDE, locale="id-ID").new_page()
    reader.goto(live_server.url + article.get_absolute_url())
    expect(reader.locator("h1")).to_have_text(TITLE)
    expect(reader.locator("body")).not_to_contain_text("QRIS")

    page = log_in(browser, live_server, "dimas")
    page.goto(f"{live_server.url}/admin/articles/articleinreview/")
    expect(page.locator("#result_list")).to_contain_text("Perubahan artikel tayang")
    page.locator("#result_list").get_by_role("link", name=TITLE).click()
    expect(page.locator(".change-diff ins")).to_contain_text("QRIS")
    page.screenshot(path=str(artifacts / "live-draft-diff.png"), full_page=True)
    page.get_by_role("button", name="Terbitkan sekarang").click()
    expect(page.locator(".messagelist .success")).to_contain_text("Perubahan terbit")
    page.context.close()
    assert not Article.objects.filter(pk=draft.pk).exists()

    reader.reload()
    expect(reader.locator("body")).to_contain_text("Pedagang kini juga menerima QRIS.")
    expect(reader.locator("figure.embed")).to_have_count(2)
    reader.context.close()
