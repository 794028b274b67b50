"""The article desk in a real browser: the layout at 1366 px and on a tablet, the
live checklist, a refusal listing everything at once, and sections reordered by
dragging and by keyboard. Screenshots go to tests/artifacts/."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from articles.models import Article
from articles.roles import EDITOR
from tests.articles.factories import (
    ArticleFactory,
    CategoryFactory,
    FigureFactory,
    SectionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "rahasia-uji-123"
WIDE = {"width": 1366, "height": 900}
TABLET = {"width": 820, "height": 1180}
HEADINGS = ["Satu", "Dua", "Tiga", "Empat"]


def editor():
    user = UserFactory(username="dimas", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITOR))
    return user


def log_in(browser, live_server, viewport=WIDE):
    context = browser.new_context(
        viewport=viewport, locale="id-ID", timezone_id="Asia/Jakarta"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "dimas")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_be_visible()
    return page


def open_article(page, live_server, article):
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    expect(page.locator("#cke_id_intro .cke_editable")).to_have_attribute(
        "contenteditable", "true"
    )


def box(page, selector):
    return page.locator(selector).first.bounding_box()


def no_sideways_scroll(page):
    width, inner = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert width <= inner


def shown_headings(page):
    """The headings of the sections on the page, in order; blank forms left out."""
    return page.locator(
        "#sections-group .inline-related:not(.empty-form) input[name$='-heading']"
    ).evaluate_all("inputs => inputs.map(input => input.value).filter(Boolean)")


def drag(page, source, target):
    """Drag ``source`` onto the top edge of ``target`` (the one above it), with
    the small first move that makes the browser start a drag."""
    size = page.viewport_size
    target.evaluate("element => element.scrollIntoView({block: 'start'})")
    start, end = source.bounding_box(), target.bounding_box()
    needed = int(start["y"] - end["y"] + start["height"] + 100)
    if needed > size["height"]:
        # Headless chromium does not scroll while a drag holds the mouse: a
        # window tall enough for both ends, as a writer's screen shows two short
        # sections (these have a picture's fields each).
        page.set_viewport_size({"width": size["width"], "height": needed})
        target.evaluate("element => element.scrollIntoView({block: 'start'})")
        start, end = source.bounding_box(), target.bounding_box()
    page.mouse.move(start["x"] + 5, start["y"] + 5)
    page.mouse.down()
    page.mouse.move(start["x"] + 5, start["y"] - 15, steps=3)
    page.mouse.move(end["x"] + 10, end["y"] + 2, steps=5)
    page.mouse.up()
    page.set_viewport_size(size)


def saved_headings(article):
    return list(article.sections.order_by("position").values_list("heading", flat=True))


def article_with_sections(**fields):
    article = ArticleFactory(
        draft=True, tags=["kebiasaan pagi", "belajar"], cover=FigureFactory(), **fields
    )
    for position, heading in enumerate(HEADINGS, start=1):
        SectionFactory(article=article, position=position, heading=heading)
    return article


def test_the_desk_at_1366_px_and_on_a_tablet(live_server, browser, artifacts):
    editor()
    article = article_with_sections(title="Kebiasaan Pagi yang Membantu Belajar")

    page = log_in(browser, live_server)
    open_article(page, live_server, article)
    main, side = box(page, ".desk-main"), box(page, ".desk-side")
    # The publishing box beside the text, the text column wide.
    assert side["x"] >= main["x"] + main["width"]
    assert main["width"] >= 600
    for selector in ("#cke_id_intro", "#cke_id_sections-0-body", "#id_title"):
        assert box(page, selector)["width"] >= main["width"] * 0.9, selector
    expect(page.locator("#id_tags")).to_have_value("belajar, kebiasaan pagi")
    expect(page.locator(".desk-side input[name=_save]")).to_be_visible()
    expect(page.locator(".checklist-live")).to_contain_text("Siap terbit.")
    # CKEditor in Indonesian.
    expect(page.locator("#cke_id_intro .cke_button__unlink")).to_have_attribute(
        "title", "Hapus tautan"
    )
    expect(page.locator("#cke_id_intro .cke_editable")).to_have_attribute(
        "title", "Pembuka"
    )
    assert "Rich Text Editor" not in page.content()
    no_sideways_scroll(page)
    page.screenshot(path=str(artifacts / "desk-layout.png"))
    page.screenshot(path=str(artifacts / "desk-layout-full.png"), full_page=True)
    page.context.close()

    page = log_in(browser, live_server, TABLET)
    open_article(page, live_server, article)
    main, side = box(page, ".desk-main"), box(page, ".desk-side")
    # On a tablet the box goes below the text, its buttons after its fields.
    assert side["y"] >= main["y"] + main["height"]
    assert box(page, ".desk-side .submit-row")["y"] > box(page, "#id_status")["y"]
    no_sideways_scroll(page)
    page.screenshot(path=str(artifacts / "desk-layout-tablet.png"))
    page.context.close()


def test_the_checklist_follows_typing_and_a_refusal_lists_everything(
    live_server, browser, artifacts
):
    editor()
    article = ArticleFactory(draft=True, intro="", category=CategoryFactory())
    SectionFactory(article=article, position=1, heading="Satu", body="")

    page = log_in(browser, live_server)
    open_article(page, live_server, article)
    checklist = page.locator(".checklist-live")
    expect(checklist).to_contain_text("Isi paragraf pembuka.")
    page.locator("#cke_id_intro .cke_editable").click()
    page.keyboard.type("Pagi yang teratur membantu anak belajar.")
    expect(checklist).not_to_contain_text("Isi paragraf pembuka.")
    expect(checklist).to_contain_text("Bagian 1 (“Satu”): isinya masih kosong.")

    page.select_option("#id_status", "published")
    page.locator(".desk-side input[name=_save]").click()
    summary = page.locator("#desk-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Bagian 1 (“Satu”): isinya masih kosong.")
    page.screenshot(path=str(artifacts / "desk-refused.png"))
    # Each line takes the writer to its field: here, into the section's editor.
    summary.get_by_role("link", name="Bagian 1 (“Satu”): isinya masih kosong.").click()
    expect(page.locator("#cke_id_sections-0-body .cke_editable")).to_be_focused()
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_sections_are_reordered_by_dragging_and_by_keyboard(
    live_server, browser, artifacts
):
    editor()
    article = article_with_sections()

    page = log_in(browser, live_server)
    open_article(page, live_server, article)
    assert shown_headings(page) == HEADINGS
    # The typed position is replaced by the handle and the buttons.
    expect(page.locator("#id_sections-0-position")).to_be_hidden()

    # Drag "Empat" to the top, one section at a time.
    empat = page.locator("#sections-3 .section-handle")
    drag(page, empat, page.locator("#sections-2 h3"))
    assert shown_headings(page) == ["Satu", "Dua", "Empat", "Tiga"]
    drag(page, empat, page.locator("#sections-1 h3"))
    drag(page, empat, page.locator("#sections-0 h3"))
    assert shown_headings(page) == ["Empat", "Satu", "Dua", "Tiga"]
    # The hidden positions follow: the fourth form asks for the first place.
    for index, position in [(3, "1"), (0, "2"), (1, "3"), (2, "4")]:
        expect(page.locator(f"#id_sections-{index}-position")).to_have_value(position)
    page.screenshot(path=str(artifacts / "desk-reorder-dragged.png"))
    page.locator(".desk-side input[name=_continue]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert saved_headings(article) == ["Empat", "Satu", "Dua", "Tiga"]

    # By keyboard: Alt+Arrow Down on a section's handle, then "Naik" by Enter.
    expect(page.locator("#cke_id_intro .cke_editable")).to_be_visible()
    assert shown_headings(page) == ["Empat", "Satu", "Dua", "Tiga"]
    handle = page.locator(".inline-related", has_text="Empat").locator(
        ".section-handle"
    )
    handle.focus()
    page.keyboard.press("Alt+ArrowDown")
    page.keyboard.press("Alt+ArrowDown")
    expect(handle).to_be_focused()
    assert shown_headings(page) == ["Satu", "Dua", "Empat", "Tiga"]
    expect(page.locator(".section-order-status")).to_have_text(
        "Bagian dipindah ke urutan 3 dari 5."
    )
    up = page.locator(".inline-related", has_text="Tiga").locator(".section-up")
    up.focus()
    page.keyboard.press("Enter")
    assert shown_headings(page) == ["Satu", "Dua", "Tiga", "Empat"]

    # A new section moved to the top, and an unsaved one added then removed:
    # the saved sections keep their own forms.
    page.locator("#sections-group .add-row a").click()
    page.locator("#sections-group .add-row a").click()
    new_forms = page.locator(".inline-related.dynamic-sections:not(.has_original)")
    new_forms.nth(0).locator("input[name$='-heading']").fill("Nol")
    type_into = new_forms.nth(0).locator(".cke_editable")
    type_into.click()
    page.keyboard.type("Pembuka bagian baru.")
    for _ in range(4):
        new_forms.nth(0).locator(".section-up").click()
    new_forms.nth(1).locator(".inline-deletelink").click()
    assert shown_headings(page) == [
        "Nol",
        "Satu",
        "Dua",
        "Tiga",
        "Empat",
    ]
    page.screenshot(path=str(artifacts / "desk-reorder-keyboard.png"))
    page.locator(".desk-side input[name=_continue]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert saved_headings(article) == ["Nol", "Satu", "Dua", "Tiga", "Empat"]
    page.context.close()
