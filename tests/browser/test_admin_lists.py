"""Every admin list fits a 1366 px screen without sideways scrolling, with the
navigation and the filters open, and a tablet's 820 px. Screenshots of each
list at 1366 px go to tests/artifacts/admin-list-<model>.png."""

import pytest
from playwright.sync_api import expect

from tests.admin_rows import admin_pages, fill_every_list
from tests.articles.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "rahasia-uji-123"
WIDTHS = {"width": 1366, "height": 900}, {"width": 820, "height": 1180}
# Page, and the list's own scrolling box: both as wide as what shows them.
MEASURE = """() => {
  const results = document.querySelector(".results")
  return {
    page: document.documentElement.scrollWidth,
    screen: window.innerWidth,
    list: results ? results.scrollWidth : 0,
    box: results ? results.clientWidth : 0,
  }
}"""


def test_every_admin_list_fits_the_screen(live_server, browser, artifacts):
    superuser = UserFactory(username="akar", is_staff=True, is_superuser=True)
    fill_every_list(superuser)
    lists = admin_pages(superuser)
    assert len(lists) > 15
    too_wide = []
    for viewport in WIDTHS:
        context = browser.new_context(
            viewport=viewport, locale="id-ID", timezone_id="Asia/Jakarta"
        )
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("#id_username", "akar")
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        expect(page.locator("#user-tools")).to_be_visible()
        for url in lists:
            page.goto(live_server.url + url)
            expect(page.locator("#changelist")).to_be_visible()
            size = page.evaluate(MEASURE)
            if size["page"] > size["screen"] or size["list"] > size["box"]:
                too_wide.append(f"{url} at {viewport['width']} px: {size}")
            if viewport["width"] == 1366:
                model = url.rstrip("/").rsplit("/", 1)[-1]
                page.screenshot(path=str(artifacts / f"admin-list-{model}.png"))
        context.close()
    assert not too_wide, "\n".join(too_wide)


def test_the_sponsored_block_list_shows_clicks_ctr_and_the_report(live_server, browser):
    superuser = UserFactory(username="akar", is_staff=True, is_superuser=True)
    fill_every_list(superuser)
    context = browser.new_context(viewport=WIDTHS[0], locale="id-ID")
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "akar")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/ads/sponsoredblock/")
    for header in ("Klik 7 hari", "CTR 7 hari", "Laporan"):
        expect(page.locator("#result_list thead", has_text=header)).to_be_visible()
    expect(page.get_by_role("link", name="Lihat laporan").first).to_be_in_viewport()
    page.goto(f"{live_server.url}/admin/ads/enquiry/")
    expect(
        page.locator("#result_list td.field-status select").first
    ).to_be_in_viewport()
    context.close()
