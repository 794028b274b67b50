"""Autosave in a real browser: the writer types, the script saves on the server,
the page goes away, and the next visit offers to restore what was not saved."""

import time

import pytest
from django.contrib.auth.models import Group
from django.db import OperationalError
from django.db.models import F
from playwright.sync_api import expect

from articles import autosave
from articles.models import Article, ArticleAutosave
from articles.roles import WRITER
from tests.articles.factories import (
    ArticleFactory,
    AuthorFactory,
    SectionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "rahasia-uji-123"
DESK = {"width": 1366, "height": 900}


@pytest.fixture
def draft():
    user = UserFactory(username="rina", is_staff=True, first_name="Rina")
    user.groups.add(Group.objects.get(name=WRITER))
    article = ArticleFactory(
        draft=True, author=AuthorFactory(name="Rina Kusuma", user=user), title="Draf"
    )
    SectionFactory(article=article, heading="Bagian pertama", position=1)
    return article


PENDING: dict = {}  # page -> its autosave requests still on their way


def log_in(browser, live_server):
    context = browser.new_context(viewport=DESK, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(15_000)
    pending = PENDING[page] = set()

    def sent(request):
        if "simpan-otomatis" in request.url:
            pending.add(request)

    def done(request):
        pending.discard(request)

    page.on("request", sent)
    page.on("requestfinished", done)
    page.on("requestfailed", done)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "rina")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_be_visible()
    return page


def close(page):
    """Close the browser once no autosave is on its way: a request the live
    server still handles would meet the test's database flush."""
    page.route("**/simpan-otomatis/**", lambda route: route.abort())
    deadline = time.monotonic() + 10
    while PENDING.get(page) and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    PENDING.pop(page, None)
    page.context.close()


def type_in_ckeditor(page, textarea_id: str, text: str):
    body = page.locator(f"#cke_{textarea_id} .cke_editable")
    expect(body).to_have_attribute("contenteditable", "true")
    body.click()
    page.keyboard.press("End")
    page.keyboard.type(text)


def wait_for_autosave(article, holding: str, timeout=15.0) -> ArticleAutosave:
    """The article's autosave once it holds ``holding``: the page's requests reach
    the live server on their own schedule."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            row = ArticleAutosave.objects.filter(article=article).first()
        except OperationalError:
            # The live server is writing it: the test's shared in-memory SQLite
            # locks the table meanwhile.
            row = None
        if row is not None and holding in str(row.data):
            return row
        time.sleep(0.2)
    raise AssertionError(f"no autosave holding {holding!r} arrived")


def test_typed_text_survives_a_closed_page_and_is_restored(
    live_server, browser, artifacts, draft, monkeypatch
):
    monkeypatch.setattr(autosave, "AUTOSAVE_SECONDS", 1)
    change = f"{live_server.url}/admin/articles/article/{draft.pk}/change/"
    page = log_in(browser, live_server)
    page.goto(change)
    expect(page.locator("#autosave-offer")).to_have_count(0)

    # The writer types; within a tick the script saves on the server.
    with page.expect_response(lambda r: "simpan-otomatis" in r.url) as saved:
        page.fill("#id_title", "Draf yang belum disimpan")
        type_in_ckeditor(page, "id_intro", "Kalimat yang hampir hilang.")
        type_in_ckeditor(page, "id_sections-0-body", "Isi bagian baru.")
    assert saved.value.status == 200
    expect(page.locator("#autosave-status")).to_contain_text("Tersimpan otomatis")
    row = wait_for_autosave(draft, "Isi bagian baru.")
    assert "Kalimat yang hampir hilang." in row.data["intro"]
    assert row.data["title"] == "Draf yang belum disimpan"
    close(page)  # the browser closes without saving
    draft.refresh_from_db()
    assert draft.title == "Draf"  # autosave never saves the article

    # The next visit ticks at the usual pace: the status line stays readable.
    monkeypatch.setattr(autosave, "AUTOSAVE_SECONDS", 20)
    page = log_in(browser, live_server)
    page.goto(change)
    offer = page.locator("#autosave-offer")
    expect(offer).to_contain_text("Ada perubahan yang belum disimpan dari")
    expect(page.locator("#id_title")).to_have_value("Draf")
    expect(page.locator("#cke_id_intro .cke_editable")).to_have_attribute(
        "contenteditable", "true"
    )
    page.screenshot(path=str(artifacts / "desk-autosave.png"), full_page=False)

    offer.get_by_role("button", name="Pulihkan").click()

    expect(offer).to_have_count(0)
    expect(page.locator("#id_title")).to_have_value("Draf yang belum disimpan")
    expect(page.locator("#cke_id_intro .cke_editable")).to_contain_text(
        "Kalimat yang hampir hilang."
    )
    expect(page.locator("#cke_id_sections-0-body .cke_editable")).to_contain_text(
        "Isi bagian baru."
    )
    expect(page.locator("#autosave-status")).to_contain_text("belum disimpan")
    draft.refresh_from_db()
    assert draft.title == "Draf"  # restoring fills the form, and saves nothing

    # The writer saves: the article has it, and the autosave is gone.
    with page.expect_navigation():
        page.locator("input[name=_save]").first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    draft.refresh_from_db()
    assert draft.title == "Draf yang belum disimpan"
    assert "Kalimat yang hampir hilang." in draft.intro
    assert not ArticleAutosave.objects.exists()
    close(page)


def test_leaving_the_page_saves_at_once_and_a_stale_restore_asks_first(
    live_server, browser, artifacts, draft
):
    change = f"{live_server.url}/admin/articles/article/{draft.pk}/change/"
    page = log_in(browser, live_server)
    page.goto(change)
    page.fill("#id_title", "Judul dari penulis")
    # No tick comes for 20 s: leaving the page sends what was typed.
    page.goto(f"{live_server.url}/admin/")
    row = wait_for_autosave(draft, "Judul dari penulis")
    assert row.base_version == 1

    # Meanwhile an editor saved the article.
    Article.objects.filter(pk=draft.pk).update(
        title="Judul dari editor", version=F("version") + 1
    )

    page.goto(change)
    offer = page.locator("#autosave-offer")
    expect(offer).to_contain_text("Perhatian:")
    page.screenshot(path=str(artifacts / "desk-autosave-stale.png"))
    offer.get_by_role("button", name="Pulihkan").click()
    expect(page.locator("#id_title")).to_have_value("Judul dari penulis")

    # Saving meets the conflict check instead of overwriting the editor's save.
    with page.expect_navigation():
        page.locator("input[name=_save]").first.click()
    expect(page.locator(".errornote, .errorlist").first).to_be_visible()
    expect(page.locator("body")).to_contain_text("sudah diubah oleh")
    draft.refresh_from_db()
    assert draft.title == "Judul dari editor"
    close(page)


def test_typing_waits_for_the_offer_and_discard_forgets_it(
    live_server, browser, draft, monkeypatch
):
    monkeypatch.setattr(autosave, "AUTOSAVE_SECONDS", 1)
    ArticleAutosave.objects.create(
        article=draft,
        user=draft.author.user,
        data={"title": "Lama", "sections": []},
        base_version=1,
        saved_at=draft.created_at,
    )
    requests = []
    page = log_in(browser, live_server)
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{live_server.url}/admin/articles/article/{draft.pk}/change/")
    offer = page.locator("#autosave-offer")

    # While the offer stands, typing does not overwrite it.
    page.fill("#id_title", "Ketikan baru")
    page.wait_for_timeout(2000)  # two ticks
    assert not [url for url in requests if "simpan-otomatis" in url]
    assert ArticleAutosave.objects.get().data["title"] == "Lama"

    with page.expect_response(lambda r: "buang" in r.url) as discarded:
        offer.get_by_role("button", name="Buang").click()
    assert discarded.value.json()["message"] == (
        "Perubahan yang belum disimpan dibuang."
    )
    expect(offer).to_have_count(0)
    # Once decided, autosave resumes with what was typed meanwhile.
    assert wait_for_autosave(draft, "Ketikan baru").base_version == 1
    close(page)


def test_an_untouched_form_sends_nothing(live_server, browser, draft, monkeypatch):
    monkeypatch.setattr(autosave, "AUTOSAVE_SECONDS", 1)
    requests = []
    page = log_in(browser, live_server)
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{live_server.url}/admin/articles/article/{draft.pk}/change/")
    expect(page.locator("#cke_id_intro .cke_editable")).to_have_attribute(
        "contenteditable", "true"
    )
    # Three ticks pass with the editors loaded and nothing typed.
    page.wait_for_timeout(3000)
    page.goto(f"{live_server.url}/admin/")

    assert not [url for url in requests if "simpan-otomatis" in url]
    assert not ArticleAutosave.objects.exists()
    close(page)


def test_a_signed_out_writer_is_told_autosave_stopped(
    live_server, browser, draft, monkeypatch
):
    monkeypatch.setattr(autosave, "AUTOSAVE_SECONDS", 1)
    page = log_in(browser, live_server)
    page.goto(f"{live_server.url}/admin/articles/article/{draft.pk}/change/")
    page.context.clear_cookies(name="sessionid")  # the session ended

    page.fill("#id_title", "Ketikan setelah keluar")

    expect(page.locator("#autosave-status")).to_contain_text("Anda sudah keluar")
    expect(page.locator("#id_title")).to_have_value("Ketikan setelah keluar")
    assert not ArticleAutosave.objects.exists()
    close(page)
