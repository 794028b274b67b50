"""Sponsored blocks and service listings are served as renditions too."""

import io
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from ads.models import ServiceListing, SponsoredBlock
from tests.ads.admin_forms import block_post_data
from tests.ads.factories import (
    UA_BROWSER,
    ServiceListingFactory,
    SlotFactory,
    placed,
)
from tests.articles.factories import ArticleFactory
from tests.images import (
    image_bytes,
    metadata_left,
    srgb_profile,
    upload,
    with_metadata,
)

pytestmark = pytest.mark.django_db


def banner(size=(1600, 900)):
    return ContentFile(image_bytes("JPEG", size=size), "banner.jpg")


def webp_srcset(html):
    return re.findall(r'<source type="image/webp" srcset="([^"]+)"', html)


def test_a_paid_block_image_is_served_as_small_webp_copies(client):
    block = placed(
        SlotFactory(key="sidebar"),
        image=banner(),
        image_alt="Kain batik tulis biru",
    )

    assert {i["width"] for i in block.renditions["items"]} == {480, 800, 1200}
    html = client.get(
        ArticleFactory().get_absolute_url(), HTTP_USER_AGENT=UA_BROWSER
    ).content.decode()

    (srcset,) = webp_srcset(html.split('class="ad-slot ad-slot-sidebar"')[1])
    assert srcset.startswith("/media/renditions/ads/")
    assert "-480w.webp 480w" in srcset
    assert 'alt="Kain batik tulis biru" width="1200" height="675" loading="lazy"' in (
        html
    )
    assert block.image.url not in html


def test_a_house_block_borrows_its_listing_renditions(client):
    listing = ServiceListingFactory(image=banner(), image_alt="Tim kami")
    placed(
        SlotFactory(key="header"),
        advertiser=None,
        target_url="",
        service_listing=listing,
        ends_at=None,
    )

    html = client.get(
        ArticleFactory().get_absolute_url(), HTTP_USER_AGENT=UA_BROWSER
    ).content.decode()

    assert any(s.startswith("/media/renditions/services/") for s in webp_srcset(html))
    assert listing.image.url not in html


def test_service_list_cards_use_renditions(client):
    listing = ServiceListingFactory(image=banner(size=(900, 500)), image_alt="Tim")

    html = client.get(reverse("ads:listings")).content.decode()

    card = html[html.index('class="card service-card"') :]
    srcset = webp_srcset(card)[0]
    assert "-480w.webp 480w" in srcset and "-900w.webp 900w" in srcset
    assert listing.picture.width == 900


def test_a_block_without_an_image_has_no_renditions():
    block = placed(SlotFactory(key="footer"))

    assert block.renditions == {} and block.picture is None


def test_rebuild_renditions_covers_blocks_and_listings_too():
    block = placed(SlotFactory(key="sidebar"), image=banner(), image_alt="Batik")
    listing = ServiceListingFactory(image=banner(), image_alt="Tim")
    SponsoredBlock.objects.update(renditions={})
    ServiceListing.objects.update(renditions={})

    call_command(
        "rebuild_renditions", "--missing", stdout=io.StringIO(), stderr=io.StringIO()
    )

    block.refresh_from_db()
    listing.refresh_from_db()
    assert block.picture is not None and listing.picture is not None


LISTING = {
    "name": "Paket Liputan Acara",
    "slug": "",
    "summary": "Liputan dan foto acara Anda.",
    "description": "",
    "included": "",
    "price": "1500000",
    "price_label": "",
    "image_alt": "Tim kami meliput",
    "position": "0",
    "is_active": "on",
}


@pytest.mark.parametrize(
    ("fmt", "name"), [("JPEG", "iklan.jpg"), ("WEBP", "iklan.webp"), ("GIF", "a.gif")]
)
def test_ad_and_listing_images_and_their_copies_keep_no_metadata(
    client, sales, fmt, name
):
    client.force_login(sales)
    original = with_metadata(fmt, size=(1000, 500))

    for url, data in (
        (
            reverse("admin:ads_sponsoredblock_add"),
            block_post_data(SlotFactory(), image_alt="Kain batik biru"),
        ),
        (reverse("admin:ads_servicelisting_add"), LISTING),
    ):
        response = client.post(url, {**data, "image": upload(original, name)})
        assert response.status_code == 302, response.context["errors"]

    rows = [SponsoredBlock.objects.get(), ServiceListing.objects.get()]
    for row in rows:
        files = [row.image.name] + [i["name"] for i in row.renditions["items"]]
        assert len(files) == 7  # the upload, and its copies at 480, 800, 1000 px
        for stored in files:
            with default_storage.open(stored, "rb") as handle:
                data = handle.read()
            assert metadata_left(data) == [], stored
            if fmt != "GIF":
                assert Image.open(io.BytesIO(data)).info["icc_profile"] == (
                    srgb_profile()
                )
