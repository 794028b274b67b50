"""What chromium actually downloads: small WebP copies, lazily, without layout shift."""

import pytest
from django.core.files.base import ContentFile

from tests.articles.factories import ArticleFactory, FigureFactory, SectionFactory
from tests.images import image_bytes

pytestmark = pytest.mark.django_db(transaction=True)

LONG_BODY = "<p>" + "Membaca bersama anak setiap malam. " * 120 + "</p>"
LAYOUT_SHIFT = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 300);
})"""


def photo(color):
    return ContentFile(image_bytes("JPEG", size=(1600, 900), color=color), "foto.jpg")


def long_article():
    article = ArticleFactory(
        title="Sudut Baca di Rumah",
        cover=FigureFactory(image=photo((30, 90, 160)), alt_text="Sampul"),
    )
    for position in range(1, 5):
        SectionFactory(
            article=article,
            position=position,
            heading=f"Langkah {position}",
            body=LONG_BODY,
            figure=FigureFactory(image=photo((40 * position, 120, 60))),
        )
    return article


def test_a_phone_gets_480_px_webp_and_loads_lower_figures_only_when_near(
    live_server, page
):
    article = long_article()
    requested = []
    page.on("request", lambda request: requested.append(request.url))

    page.goto(live_server.url + article.get_absolute_url())
    page.wait_for_load_state("load")

    cover = page.locator("article figure img").first
    assert cover.evaluate("img => img.currentSrc").endswith("-480w.webp")
    assert cover.evaluate("img => img.complete && img.naturalWidth > 0")
    assert page.evaluate(LAYOUT_SHIFT) < 0.01
    # The last section's figure is far below: not fetched yet.
    last = page.locator("article section figure img").last
    last_small = last.evaluate(
        "img => img.closest('picture').querySelector('source').srcset.split(' ')[0]"
    )
    assert last_small.endswith("-480w.webp")
    assert not any(url.endswith(last_small) for url in requested)
    assert not any(url.endswith(".jpg") for url in requested)

    last.scroll_into_view_if_needed()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=last.element_handle()
    )
    assert last.evaluate("img => img.currentSrc").endswith(last_small)
    assert any(url.endswith(last_small) for url in requested)
    # Nothing ever fetched the originals.
    assert not any("/media/figures/" in url for url in requested)


def test_a_wide_screen_gets_the_800_px_copy_for_the_article_column(
    live_server, browser
):
    article = long_article()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(live_server.url + article.get_absolute_url())
        cover = page.locator("article figure img").first
        cover.evaluate("img => img.decode()")
        assert cover.evaluate("img => img.currentSrc").endswith("-800w.webp")
    finally:
        context.close()
