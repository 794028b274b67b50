import io

import pytest
from django.core import mail
from django.core.management import call_command

from ads.models import DailyStat, Enquiry
from tests.ads.factories import (
    UA_BROWSER,
    ServiceListingFactory,
    SlotFactory,
    placed,
)
from tests.articles.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_reader_without_javascript_sees_labelled_ads_and_sends_an_enquiry(
    live_server, browser, artifacts
):
    header = SlotFactory(key="header", max_blocks=2)
    listing = ServiceListingFactory(
        name="Jasa Press Release Portal Berita", with_image=True
    )
    placed(header, title="Kopi Sangrai Pagi", with_image=True)
    house = placed(header, house=True, service_listing=listing, title=listing.name)
    article = ArticleFactory(title="Belajar Menulis Siaran Pers")
    SectionFactory.create_batch(2, article=article)

    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        locale="id-ID",
        java_script_enabled=False,
        user_agent=UA_BROWSER,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(live_server.url + article.get_absolute_url())
        blocks = page.locator(".ad-slot-header .sponsored-block")
        assert blocks.count() == 2
        for index in range(2):
            label = blocks.nth(index).locator(".ad-label")
            assert label.is_visible() and label.inner_text().lower() == "iklan"
            link = blocks.nth(index).locator("a")
            assert link.get_attribute("rel") == "sponsored noopener"
        images = page.locator(".ad-slot-header img")
        assert all(image.get_attribute("alt") for image in images.all())
        assert page.evaluate(
            "document.documentElement.scrollWidth <= window.innerWidth"
        )
        page.screenshot(path=str(artifacts / "ads-article-phone.png"), full_page=True)

        page.locator(".ad-slot-header .sponsored-block-house a").click()
        page.wait_for_url(f"**{listing.get_absolute_url()}")
        assert page.locator("h1").inner_text() == listing.name
        assert not page.locator("#id_website").is_visible()  # the honeypot

        page.get_by_label("Nama").fill("Siti Rahmawati")
        page.get_by_label("Nomor telepon/WhatsApp").fill("0812 3456 7890")
        page.get_by_label("Email").fill("siti@keripiktempe.example")
        page.get_by_label("Pesan").fill("Kami ingin menayangkan kabar cabang baru.")
        page.get_by_role("button", name="Kirim permintaan").click()
        page.wait_for_url("**/terima-kasih/")
        assert "Terima kasih" in page.locator("h1").inner_text()
    finally:
        context.close()

    assert Enquiry.objects.get().phone == "+6281234567890"
    assert len(mail.outbox) == 1
    # Impressions wait in the cache for the flush (clicks are written at once).
    call_command("flush_counters", stdout=io.StringIO(), stderr=io.StringIO())
    stat = DailyStat.objects.get(block=house, slot=header)
    # Seen on the article page, clicked once; the service's own pages (the
    # listing and its thank-you page) never promote it.
    assert (stat.impressions, stat.clicks) == (1, 1)
