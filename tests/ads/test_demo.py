import io
import re

import pytest
from django.core.management import call_command

from ads import demo
from ads.models import Advertiser, ServiceListing, SponsoredBlock
from articles.models import Article
from tests.ads.factories import UA_BROWSER

pytestmark = pytest.mark.django_db

SEED_SERVICES = {
    "Jasa Press Release Portal Berita",
    "Jasa Digital Marketing UMKM",
    "Paket Outbound Perusahaan di Batu Malang",
}


def test_demo_has_the_seed_services_house_blocks_and_paid_blocks_in_each_state(
    client,
):
    call_command("seed_demo", stdout=io.StringIO(), stderr=io.StringIO())
    counts = (ServiceListing.objects.count(), SponsoredBlock.objects.count())
    call_command("seed_demo", stdout=io.StringIO(), stderr=io.StringIO())

    assert (ServiceListing.objects.count(), SponsoredBlock.objects.count()) == counts
    assert set(ServiceListing.objects.values_list("name", flat=True)) == SEED_SERVICES
    assert all(listing.image_width for listing in ServiceListing.objects.all())
    house = SponsoredBlock.objects.filter(advertiser__isnull=True)
    assert {block.service_listing.name for block in house} == SEED_SERVICES
    advertiser = Advertiser.objects.get(name=demo.ADVERTISER["name"])
    states = {block.state() for block in advertiser.blocks.all()}
    assert states == {"running", "scheduled", "ended"}

    article = Article.objects.published().for_detail().first()
    html = client.get(
        article.get_absolute_url(), HTTP_USER_AGENT=UA_BROWSER
    ).content.decode()
    top = html[: html.index("<h1")]
    sidebar = html[html.index("ad-slot-sidebar") :]
    bottom = sidebar[sidebar.index("</aside>") :]
    sidebar = sidebar[: sidebar.index("</aside>")]
    assert top.count('class="sponsored-block') == 2
    assert "Bimbel Cerdas" in sidebar
    assert bottom.count('class="sponsored-block') == 1
    assert "Paket Outbound Perusahaan di Batu Malang" in bottom
    # Every slot filled, and no block twice on the page.
    titles = re.findall(r'<span class="ad-title">([^<]+)</span>', html)
    assert len(titles) == len(set(titles)) == 5
    assert client.get("/layanan/").status_code == 200
