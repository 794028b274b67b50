import pytest

from tests.articles.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_reader_searches_from_the_header_and_jumps_through_the_contents(
    live_server, page, artifacts
):
    article = ArticleFactory(title="Merawat Tanaman Cabai di Pot")
    for position, heading in enumerate(["Pilih pot", "Siram pagi", "Pupuk"], 1):
        SectionFactory(
            article=article,
            position=position,
            heading=heading,
            body="<p>" + "Cabai rawit tumbuh subur. " * 40 + "</p>",
        )
    ArticleFactory(title="Resep sambal tomat")

    page.goto(live_server.url + "/")
    page.get_by_label("Cari artikel").first.fill("cabai")
    page.get_by_label("Cari artikel").first.press("Enter")

    page.wait_for_url("**/cari/?q=cabai")
    assert page.locator("h1").inner_text() == "Pencarian"
    results = page.locator(".search-result h2").all_inner_texts()
    assert results == ["Merawat Tanaman Cabai di Pot"]
    assert page.locator(".snippet mark").first.inner_text() == "Cabai"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=str(artifacts / "search-phone.png"), full_page=True)

    page.get_by_role("link", name="Merawat Tanaman Cabai di Pot").click()
    page.get_by_role("link", name="Pupuk").click()

    assert page.url.endswith("#bagian-3")
    assert page.locator("#bagian-3 h2").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
