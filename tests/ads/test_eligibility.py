"""One rule decides whether readers may see a sponsored block
(``SponsoredBlockQuerySet.eligible``): the slot picker, the click redirect, the
admin's status column and filter, and the reports agree on every edge of it."""

import pytest
from django.test import Client
from django.urls import reverse

from ads import slots
from tests.ads.factories import (
    UA_BROWSER,
    AdvertiserFactory,
    ServiceListingFactory,
    SlotFactory,
    SponsoredBlockFactory,
    placed,
)
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SHOWN = "Kopi Gayo Tayang"
# A placement's weight cannot be 0 (a database constraint): no edge to test there.
NOT_SHOWN = {
    "Batik Belum Mulai": "scheduled",
    "Tenun Sudah Berakhir": "ended",
    "Songket Dijeda": "paused",
    "Rendang Pengiklan Nonaktif": "idle",
    "Outbound Layanan Nonaktif": "idle",
    "Jamu Tanpa Tempat": "idle",
}


@pytest.fixture
def header_blocks():
    header = SlotFactory(key="header", max_blocks=6)  # room for every block
    blocks = {
        SHOWN: placed(header, title=SHOWN),
        "Batik Belum Mulai": placed(header, title="Batik Belum Mulai", scheduled=True),
        "Tenun Sudah Berakhir": placed(
            header, title="Tenun Sudah Berakhir", expired=True
        ),
        "Songket Dijeda": placed(header, title="Songket Dijeda", paused=True),
        "Rendang Pengiklan Nonaktif": placed(
            header,
            title="Rendang Pengiklan Nonaktif",
            advertiser=AdvertiserFactory(is_active=False),
        ),
        "Outbound Layanan Nonaktif": placed(
            header,
            title="Outbound Layanan Nonaktif",
            house=True,
            service_listing=ServiceListingFactory(is_active=False),
        ),
        "Jamu Tanpa Tempat": SponsoredBlockFactory(title="Jamu Tanpa Tempat"),
    }
    return header, blocks


def test_picker_click_admin_and_report_agree_on_each_edge(header_blocks, sales):
    header, blocks = header_blocks
    reader = Client(HTTP_USER_AGENT=UA_BROWSER)
    staff = Client()
    staff.force_login(sales)
    changelist = reverse("admin:ads_sponsoredblock_changelist")

    page = reader.get(ArticleFactory().get_absolute_url()).content.decode()
    start = page.index('<aside class="ad-slot ad-slot-header"')
    shown_in_slot = page[start : page.index("</aside>", start)]
    running = staff.get(changelist, {"status": "running"}).content.decode()
    idle = staff.get(changelist, {"status": "idle"}).content.decode()

    for title, block in blocks.items():
        eligible = title == SHOWN
        assert (title in shown_in_slot) is eligible, title
        click = reader.get(slots.click_url(block.pk, header.pk))
        assert click.status_code == (302 if eligible else 404), title
        assert (title in running) is eligible, title
        assert block.state() == ("running" if eligible else NOT_SHOWN[title]), title
        report = staff.get(
            reverse("admin:ads_sponsoredblock_report", args=[block.pk])
        ).content.decode()
        assert f"Tayang sekarang: {int(eligible)} dari 1 blok." in report, title

    assert {title for title in blocks if title in idle} == {
        title for title, state in NOT_SHOWN.items() if state == "idle"
    }
    assert "Tidak tayang" in idle  # the status column names the state


def test_an_advertisers_report_counts_the_blocks_readers_may_see(header_blocks, sales):
    header, blocks = header_blocks
    advertiser = blocks[SHOWN].advertiser
    for title in ("Batik Belum Mulai", "Songket Dijeda", "Jamu Tanpa Tempat"):
        blocks[title].advertiser = advertiser
        blocks[title].save()
    staff = Client()
    staff.force_login(sales)
    report = staff.get(reverse("admin:ads_advertiser_report", args=[advertiser.pk]))
    assert "Tayang sekarang: 1 dari 4 blok." in report.content.decode()
