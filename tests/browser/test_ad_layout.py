"""A reader-first article page: on a phone the story opens the page, not the ads.

The demo's seed-like article, with the demo's slots and blocks (two blocks in the
header, one in the article, the sidebar and the footer), in Debian's chromium.
"""

import pytest

from articles import demo_content
from articles.models import Article
from tests.ads.factories import UA_BROWSER
from tests.pages import load_demo

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}

# Where the page's parts are, in CSS pixels from the top of the page.
LAYOUT = """() => {
  const top = (element) => element.getBoundingClientRect().top + window.scrollY;
  const intro = document.querySelector(".article .intro p");
  const blocks = [...document.querySelectorAll(".ad-slot-header .sponsored-block")];
  return {
    headline: top(document.querySelector("h1")),
    intro: top(intro),
    introEnd: intro.closest(".intro").getBoundingClientRect().bottom + window.scrollY,
    header: blocks.map(top),
  };
}"""


@pytest.fixture
def article_url():
    load_demo()
    article = Article.objects.get(slug=demo_content.ARTICLES[0]["slug"])
    return article.get_absolute_url()


def screenshot(page, path) -> None:
    """The whole page, its lazy pictures loaded."""
    page.evaluate(
        "document.querySelectorAll('img[loading=lazy]')"
        ".forEach((img) => { img.loading = 'eager'; })"
    )
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(path), full_page=True)


def open_page(browser, live_server, url, viewport):
    context = browser.new_context(
        viewport=viewport, locale="id-ID", user_agent=UA_BROWSER
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(live_server.url + url)
    return context, page


def test_on_a_phone_the_headline_and_the_story_open_the_page(
    live_server, browser, article_url, artifacts
):
    context, page = open_page(browser, live_server, article_url, PHONE)
    try:
        layout = page.evaluate(LAYOUT)
        page.screenshot(path=str(artifacts / "ads-phone-article-first-screen.png"))
        screenshot(page, artifacts / "ads-phone-article.png")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth <= window.innerWidth"
        )
    finally:
        context.close()

    # The headline is high on the first screen (it was 650 px down with both
    # blocks above it); below it come the byline and the cover, so the first
    # paragraph starts at most a short scroll (15 % of a screen) further.
    assert layout["headline"] < PHONE["height"] * 0.6
    assert layout["intro"] < PHONE["height"] * 1.15
    # The header slot's two blocks: one above the headline, one after the intro.
    first, second = sorted(layout["header"])
    assert first < layout["headline"] < layout["intro"] < layout["introEnd"] < second
    assert overflow


def test_on_a_desktop_both_header_blocks_stay_above_the_headline(
    live_server, browser, article_url, artifacts
):
    context, page = open_page(browser, live_server, article_url, DESKTOP)
    try:
        layout = page.evaluate(LAYOUT)
        screenshot(page, artifacts / "ads-desktop-article.png")
    finally:
        context.close()

    first, second = layout["header"]
    assert first == second  # side by side
    assert second < layout["headline"] < DESKTOP["height"] / 2


def test_a_category_page_has_a_sidebar_beside_its_articles(
    live_server, browser, article_url, artifacts
):
    category = Article.objects.get(slug=demo_content.ARTICLES[0]["slug"]).category
    context, page = open_page(
        browser, live_server, category.get_absolute_url(), DESKTOP
    )
    try:
        screenshot(page, artifacts / "ads-desktop-category.png")
        sidebar = page.locator(".sidebar-column .ad-slot-sidebar").bounding_box()
        articles = page.locator("main .grid").bounding_box()
    finally:
        context.close()

    assert sidebar["x"] > articles["x"] + articles["width"]  # beside, not below
