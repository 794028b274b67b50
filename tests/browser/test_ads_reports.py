"""An advertiser's report, current to the moment, and the link a client opens
without an account: in a real browser, at 1366 px."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from ads.models import DailyStat, ReportLink
from articles.roles import SALES
from tests.ads.factories import UA_BROWSER, AdvertiserFactory, SlotFactory, placed
from tests.articles.factories import ArticleFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "rahasia-uji-123"
WIDE = {"width": 1366, "height": 900}


def seed_month(block, slot, base: int) -> None:
    """Sixty days of numbers before today: this period and the one before."""
    today = timezone.localdate()
    DailyStat.objects.bulk_create(
        DailyStat(
            block=block,
            slot=slot,
            date=today - timedelta(days=offset),
            impressions=base + 37 * (offset % 7) + (offset % 3) * 211,
            clicks=(base // 90) + offset % 5,
        )
        for offset in range(1, 60)
    )


def test_sales_report_is_current_and_the_client_link_shows_only_theirs(
    live_server, browser, artifacts
):
    header, footer = SlotFactory(key="header"), SlotFactory(key="footer")
    kopi = AdvertiserFactory(name="Kopi Nusantara", notes="Diskon khusus 40%")
    pagi = placed(header, advertiser=kopi, title="Kopi Pagi Tanpa Ampas")
    sore = placed(header, advertiser=kopi, title="Kopi Sore Susu Aren")
    rival = placed(footer, title="Batik Sekar Akhir Tahun")
    seed_month(pagi, header, 1800)
    seed_month(sore, header, 900)
    seed_month(rival, footer, 5000)
    article = ArticleFactory(title="Menyeduh kopi di rumah")
    SectionFactory(article=article, position=1, heading="Alat seduh")
    sales = UserFactory(username="niaga", is_staff=True, first_name="Nia")
    sales.groups.add(Group.objects.get(name=SALES))

    # Six page views by a reader, counted but not yet flushed to the database.
    reader = browser.new_context(viewport=WIDE, user_agent=UA_BROWSER)
    page = reader.new_page()
    for _ in range(6):
        page.goto(live_server.url + article.get_absolute_url())
        expect(page.locator(".ad-slot-header .sponsored-block")).to_have_count(1)
    reader.close()
    today = timezone.localdate()
    written = DailyStat.objects.filter(block__advertiser=kopi, date=today)
    assert sum(written.values_list("impressions", flat=True)) < 6

    # Sales opens the report: every one of the six is there, grouped numbers.
    context = browser.new_context(viewport=WIDE, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "niaga")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_be_visible()
    page.goto(f"{live_server.url}/admin/ads/advertiser/{kopi.pk}/laporan/")
    expect(page.locator(".report-as-of")).to_contain_text("Data per ")
    expect(page.locator(".report-as-of")).to_contain_text(" WIB.")
    start = (today - timedelta(days=29)).isoformat()
    expect(page.locator("#id_dari")).to_have_value(start)
    expect(page.locator("#id_sampai")).to_have_value(today.isoformat())
    last_row = page.locator(".report-days tbody tr").last
    expect(last_row.locator("td").nth(1)).to_have_text("6")
    summary = page.locator(".report-summary").inner_text()
    assert re.search(r"Total \d{1,3}(\.\d{3})+ tayangan", summary), summary
    expect(page.locator(".report-comparison tbody tr")).to_have_count(3)
    expect(page.locator(".report-blocks")).to_contain_text("Kopi Sore Susu Aren")
    expect(page.locator("body")).not_to_contain_text("Batik Sekar")
    page.screenshot(path=str(artifacts / "ads-report.png"), full_page=True)

    # Sales makes a link for the client, open until a date they choose.
    page.get_by_role("link", name="Buat tautan laporan untuk klien").click()
    until = (today + timedelta(days=30)).isoformat()
    page.fill("#id_valid_until", until)
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_contain_text(
        "Tautan laporan dibuat"
    )
    link = ReportLink.objects.get()
    assert (link.advertiser, link.created_by) == (kopi, sales)
    address = page.locator(".field-address a")
    expect(address).to_have_attribute("href", re.compile(r"/iklan/laporan/.+:.+/$"))
    page.screenshot(path=str(artifacts / "ads-report-link-admin.png"), full_page=True)
    context.close()

    # The client opens it without an account and copies the summary.
    client = browser.new_context(viewport=WIDE, locale="id-ID")
    client.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=live_server.url
    )
    page = client.new_page()
    response = page.goto(live_server.url + link.get_absolute_url())
    assert "no-store" in response.headers["cache-control"]
    expect(page.locator("h1")).to_have_text("Kopi Nusantara")
    expect(page.locator('meta[name="robots"]')).to_have_attribute(
        "content", "noindex, nofollow"
    )
    body = page.locator("body")
    for hidden in ("Batik Sekar", "Diskon khusus", "sponsored-block"):
        expect(body).not_to_contain_text(hidden)
    assert page.locator(".sponsored-block").count() == 0
    text = page.locator("#ringkasan").input_value()
    assert text.startswith("Laporan iklan Kopi Nusantara di Wayah Sinau\nPeriode: ")
    assert "\nHari terbaik: " in text
    page.get_by_role("button", name="Salin ringkasan untuk WhatsApp").click()
    expect(page.locator("#ringkasan-status")).to_have_text(
        "Ringkasan tersalin. Tempel di WhatsApp."
    )
    assert page.evaluate("navigator.clipboard.readText()") == text
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=str(artifacts / "ads-client-report.png"), full_page=True)

    # Revoked: the same address now shows nothing of the report.
    link.revoked_at = timezone.now()
    link.save()
    response = page.goto(live_server.url + link.get_absolute_url())
    assert response.status == 404
    expect(body).not_to_contain_text("Kopi")
    client.close()
