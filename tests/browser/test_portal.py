"""The portal as readers see it on a phone (390 px) and a laptop (1366 px): the
front page with its lead story and full rows of cards, an article with its
correction, update and right of reply, and the share buttons at work.

Screenshots: tests/artifacts/portal-home-390.png, portal-home-1366.png,
portal-article-390.png and portal-article-1366.png."""

import pytest
from django.urls import reverse

from articles import demo_content
from articles.models import Article
from tests.articles.factories import ArticleFactory, CategoryFactory, FigureFactory
from tests.pages import load_demo

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = [390, 700, 1000, 1366]

# For each block of cards, each row's gap from the block's left and right edges.
ROW_GAPS = """
() => [...document.querySelectorAll(".deck")].map((deck) => {
  const box = deck.getBoundingClientRect();
  const rows = new Map();
  for (const card of deck.children) {
    const r = card.getBoundingClientRect();
    const top = Math.round(r.top);
    const row = rows.get(top) || { left: Infinity, right: -Infinity, cards: 0 };
    row.left = Math.min(row.left, r.left);
    row.right = Math.max(row.right, r.right);
    row.cards += 1;
    rows.set(top, row);
  }
  return {
    block: deck.parentElement.querySelector("h2").innerText,
    cards: deck.children.length,
    rows: [...rows.values()].map((row) => [
      Math.round(row.left - box.left), Math.round(box.right - row.right), row.cards,
    ]),
  };
})
"""


def screenshot(page, path) -> None:
    """A full-page screenshot with every picture loaded, those that load lazily
    as the reader scrolls down included."""
    page.evaluate(
        """async () => {
          for (let y = 0; y < document.body.scrollHeight; y += 400) {
            window.scrollTo(0, y);
            await new Promise((done) => setTimeout(done, 50));
          }
          window.scrollTo(0, 0);
        }"""
    )
    page.wait_for_function("[...document.images].every((img) => img.complete)")
    page.screenshot(path=str(path), full_page=True)


def context(browser, width: int):
    return browser.new_context(viewport={"width": width, "height": 900}, locale="id-ID")


def article_with_notes() -> Article:
    return Article.objects.get(slug=next(iter(demo_content.NOTES)))


def test_home_and_corrected_article_on_a_phone_and_a_laptop(
    live_server, browser, artifacts
):
    load_demo()
    article = article_with_notes()
    for width in (390, 1366):
        pages = context(browser, width)
        page = pages.new_page()

        page.goto(live_server.url + reverse("home"))
        screenshot(page, artifacts / f"portal-home-{width}.png")
        lead = page.locator(".lead-story")
        assert (
            lead.locator(".lead-title").inner_text()
            == demo_content.ARTICLES[0]["title"]
        )
        image = lead.locator("img")
        assert image.evaluate("img => img.complete && img.naturalWidth > 0")
        # The lead's picture is the largest on the page.
        lead_width = image.bounding_box()["width"]
        card_widths = [
            box["width"]
            for box in (img.bounding_box() for img in page.locator(".deck img").all())
            if box
        ]
        assert lead_width >= max(card_widths)
        assert page.evaluate(
            "document.documentElement.scrollWidth <= window.innerWidth"
        )
        footer = page.locator("footer.site-footer")
        assert footer.get_by_role("link", name="Pedoman Media Siber").is_visible()
        assert page.locator(".nav-list").get_by_role("link", name="Layanan").count()

        page.goto(live_server.url + article.get_absolute_url())
        screenshot(page, artifacts / f"portal-article-{width}.png")
        updated = page.locator(".article-header .article-updated")
        assert updated.inner_text().startswith("Diperbarui ")
        assert updated.inner_text().endswith(" WIB")
        headings = page.locator(".note-heading strong").all_inner_texts()
        assert headings == [
            "Ralat",
            "Pembaruan",
            "Hak jawab dari Kelompok Tani Apel Sumber Rejeki (nama contoh)",
        ]
        share = page.get_by_role("link", name="Bagikan ke WhatsApp")
        assert share.is_visible()
        assert share.get_attribute("href").startswith("https://wa.me/?text=")
        assert page.evaluate(
            "document.documentElement.scrollWidth <= window.innerWidth"
        )
        pages.close()


@pytest.mark.parametrize("extra", [0, 1, 2, 4])
def test_no_row_of_cards_is_left_half_empty_at_any_width(live_server, browser, extra):
    """Blocks of 1 to 12 cards, from a phone to a laptop: every row spans the
    block, however many cards it holds."""
    ArticleFactory(is_lead=True, cover=FigureFactory())
    ArticleFactory.create_batch(2 + extra, is_featured=True, cover=FigureFactory())
    for count, category in enumerate(CategoryFactory.create_batch(3), start=1):
        ArticleFactory.create_batch(count + extra, category=category)
    for width in WIDTHS:
        pages = context(browser, width)
        page = pages.new_page()
        page.goto(live_server.url + reverse("home"))
        for block in page.evaluate(ROW_GAPS):
            for left, right, _cards in block["rows"]:
                assert abs(left) <= 1 and abs(right) <= 1, (width, block)
        pages.close()


def test_copy_link_and_the_share_sheet_where_the_browser_has_them(live_server, browser):
    article = ArticleFactory(title="Cara aman berbagi tautan")
    url = live_server.url + article.get_absolute_url()

    # Without the Web Share API (desktop chromium): only "Salin tautan" shows.
    plain = context(browser, 1366)
    plain.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=live_server.url
    )
    page = plain.new_page()
    page.add_init_script("delete Navigator.prototype.share;")
    page.goto(url)
    native = page.get_by_role("button", name="Bagikan lewat aplikasi")
    assert native.count() == 0 or not native.is_visible()
    copy = page.get_by_role("button", name="Salin tautan")
    copy.click()
    status = page.locator(".share-status")
    status.wait_for(state="visible")
    assert status.inner_text() == "Tautan disalin."
    shared = page.locator("[data-share]").get_attribute("data-url")
    assert shared.endswith(article.get_absolute_url())
    assert page.evaluate("navigator.clipboard.readText()") == shared
    plain.close()

    # With it (a phone): the device's own share sheet gets the title and address.
    phone = context(browser, 390)
    page = phone.new_page()
    page.add_init_script(
        "Navigator.prototype.share = function (data) {"
        " window.sharedWith = data; return Promise.resolve(); };"
    )
    page.goto(url)
    page.get_by_role("button", name="Bagikan lewat aplikasi").click()
    assert page.evaluate("window.sharedWith") == {
        "title": "Cara aman berbagi tautan",
        "url": shared,
    }
    phone.close()
