from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from ads.models import (
    AdsTxtEntry,
    Advertorial,
    DailyStat,
    Enquiry,
    SponsoredBlock,
)
from ads.roles import SALES_GROUP, apply_sales_role
from articles.models import Article
from tests.ads.admin_forms import block_post_data
from tests.ads.factories import (
    AdvertiserFactory,
    EnquiryFactory,
    ServiceListingFactory,
    SlotFactory,
    SponsoredBlockFactory,
    placed,
)
from tests.articles.admin_forms import article_post_data
from tests.articles.factories import ArticleFactory, AuthorFactory, CategoryFactory
from tests.images import image_bytes, jpeg_upload, upload

pytestmark = pytest.mark.django_db

WIB = ZoneInfo("Asia/Jakarta")
BLOCK_ADD = reverse("admin:ads_sponsoredblock_add")


def test_migration_creates_sales_group_with_every_ads_permission_only():
    group = Group.objects.get(name=SALES_GROUP)
    ads_permissions = set(
        Permission.objects.filter(content_type__app_label="ads").values_list(
            "codename", flat=True
        )
    )
    granted = set(group.permissions.values_list("content_type__app_label", flat=True))

    assert {"add_sponsoredblock", "change_enquiry", "view_dailystat"} <= ads_permissions
    assert set(group.permissions.values_list("codename", flat=True)) == ads_permissions
    assert granted == {"ads"}

    group.permissions.clear()
    apply_sales_role()  # what a setup_roles command runs: repairs the group
    assert group.permissions.count() == len(ads_permissions)


def test_sales_staff_get_403_on_article_admin_even_with_crafted_posts(client, sales):
    client.force_login(sales)
    article = ArticleFactory()
    data = article_post_data(CategoryFactory(), AuthorFactory(), [])

    for url in (
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_add"),
        reverse("admin:articles_article_change", args=[article.pk]),
        reverse("admin:articles_category_changelist"),
    ):
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("admin:articles_article_add"), data).status_code == 403
    assert (
        client.post(
            reverse("admin:articles_article_change", args=[article.pk]), data
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("admin:articles_article_delete", args=[article.pk]),
            {"post": "yes"},
        ).status_code
        == 403
    )
    assert Article.objects.count() == 1
    assert Article.objects.get().title == article.title


def test_writers_get_403_on_every_ads_admin_url(client, staff_editor):
    client.force_login(staff_editor)
    slot = SlotFactory(key="header")
    block = placed(slot)
    enquiry = EnquiryFactory()

    for url in (
        reverse("admin:ads_sponsoredblock_changelist"),
        BLOCK_ADD,
        reverse("admin:ads_sponsoredblock_change", args=[block.pk]),
        reverse("admin:ads_sponsoredblock_report", args=[block.pk]),
        reverse("admin:ads_sponsoredblock_report", args=[block.pk]) + "?format=csv",
        reverse("admin:ads_advertiser_report", args=[block.advertiser.pk]),
        reverse("admin:ads_enquiry_changelist"),
        reverse("admin:ads_enquiry_change", args=[enquiry.pk]),
        reverse("admin:ads_servicelisting_add"),
        reverse("admin:ads_adstxtentry_changelist"),
    ):
        assert client.get(url).status_code == 403, url

    assert client.post(BLOCK_ADD, block_post_data(slot)).status_code == 403
    assert (
        client.post(
            reverse("admin:ads_enquiry_change", args=[enquiry.pk]),
            {"status": "won"},
        ).status_code
        == 403
    )
    assert SponsoredBlock.objects.count() == 1
    assert Enquiry.objects.get().status == Enquiry.Status.NEW


def test_sales_creates_a_block_with_placement_and_validated_image(client, sales):
    client.force_login(sales)
    slot = SlotFactory(key="header")
    data = block_post_data(
        slot,
        image=jpeg_upload("../../etc/iklan kita.jpg", size=(300, 150)),
        image_alt="Kain batik biru",
    )

    response = client.post(BLOCK_ADD, data)

    assert response.status_code == 302, response.context["errors"]
    block = SponsoredBlock.objects.get()
    assert block.placements.get().slot == slot
    assert block.placements.get().weight == 3
    assert block.image.name.startswith("ads/")
    assert "etc" not in block.image.name
    assert (block.image_width, block.image_height) == (300, 150)


@pytest.mark.parametrize(
    "target",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "//evil.example/promo",
        "batiksekar.example/promo",
        "https://batiksekar.example@evil.example/",
        "ftp://batiksekar.example/",
        "https://",
        "https://bad host.example/",
    ],
)
def test_unsafe_target_urls_are_refused_with_a_form_error(client, sales, target):
    client.force_login(sales)
    response = client.post(
        BLOCK_ADD, block_post_data(SlotFactory(key="header"), target_url=target)
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors.get("target_url")
    assert not SponsoredBlock.objects.exists()


def test_schedule_ending_before_it_starts_is_refused(client, sales):
    client.force_login(sales)
    response = client.post(
        BLOCK_ADD,
        block_post_data(
            SlotFactory(key="header"),
            starts_at_0="2026-12-12",
            starts_at_1="10:00:00",
            ends_at_0="2026-12-12",
            ends_at_1="09:00:00",
        ),
    )
    assert response.status_code == 200
    assert "Waktu selesai harus setelah waktu mulai." in response.content.decode()
    assert not SponsoredBlock.objects.exists()


def test_schedule_entered_in_jakarta_time_is_stored_exactly(client, sales):
    client.force_login(sales)
    client.post(
        BLOCK_ADD,
        block_post_data(
            SlotFactory(key="header"),
            starts_at_0="2026-12-12",
            starts_at_1="09:00:00",
            ends_at_0="2026-12-13",
            ends_at_1="00:00:00",
        ),
    )
    block = SponsoredBlock.objects.get()
    assert block.starts_at == datetime(2026, 12, 12, 2, 0, tzinfo=ZoneInfo("UTC"))
    assert block.ends_at == datetime(2026, 12, 13, tzinfo=WIB)


@pytest.mark.parametrize(
    ("fields", "error_field"),
    [
        ({"label": "   "}, "label"),
        ({"target_url": ""}, "target_url"),
        ({"advertiser": "", "target_url": "https://a.example/"}, "service_listing"),
        ({"image": "html"}, "image"),
        ({"image": "jpeg", "image_alt": ""}, "image_alt"),
        ({"title": "Promo\x00"}, "title"),
        ({"title": "x" * 121}, "title"),
    ],
)
def test_bad_block_input_gets_a_form_error(client, sales, fields, error_field):
    client.force_login(sales)
    fields = dict(fields)
    if fields.get("image") == "html":
        fields["image"] = upload(
            b"<html><script>alert(1)</script></html>", "iklan.png", "image/png"
        )
        fields["image_alt"] = "gambar"
    elif fields.get("image") == "jpeg":
        fields["image"] = jpeg_upload()
    response = client.post(BLOCK_ADD, block_post_data(SlotFactory(key="h"), **fields))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors.get(error_field), error_field
    assert not SponsoredBlock.objects.exists()


def test_truncated_image_is_refused_like_article_figures(client, sales):
    client.force_login(sales)
    broken = image_bytes("PNG", size=(200, 200))[:120]
    response = client.post(
        BLOCK_ADD,
        block_post_data(
            SlotFactory(key="header"),
            image=upload(broken, "iklan.png", "image/png"),
            image_alt="Gambar rusak",
        ),
    )
    assert "rusak/terpotong" in response.content.decode()
    assert not SponsoredBlock.objects.exists()


def test_block_list_shows_state_slots_and_last_seven_days(client, sales):
    client.force_login(sales)
    header, footer = SlotFactory(key="header"), SlotFactory(key="footer")
    running = placed(header, title="Blok tayang")
    placed(footer, title="Blok terjadwal", scheduled=True)
    placed(header, title="Blok berakhir", expired=True)
    placed(header, title="Blok dijeda", paused=True)
    running.placements.create(slot=footer)
    today = timezone.localdate()
    DailyStat.objects.create(
        block=running, slot=header, date=today, impressions=300, clicks=6
    )
    DailyStat.objects.create(
        block=running, slot=footer, date=today - timedelta(days=6), impressions=100
    )
    DailyStat.objects.create(  # older than 7 days: not in the column
        block=running, slot=header, date=today - timedelta(days=7), impressions=999
    )

    url = reverse("admin:ads_sponsoredblock_changelist")
    html = client.get(url).content.decode()

    for text in ("Tayang", "Terjadwal", "Berakhir", "Dijeda", "footer, header"):
        assert text in html
    assert '<td class="field-impressions_7d">400</td>' in html
    assert '<td class="field-clicks_7d">6</td>' in html
    assert "1,50%" in html

    for state, title in [
        ("running", "Blok tayang"),
        ("scheduled", "Blok terjadwal"),
        ("ended", "Blok berakhir"),
        ("paused", "Blok dijeda"),
    ]:
        filtered = client.get(url, {"status": state}).content.decode()
        titles = {"Blok tayang", "Blok terjadwal", "Blok berakhir", "Blok dijeda"}
        assert title in filtered
        assert not any(other in filtered for other in titles - {title})
    assert client.get(url, {"starts_at__gte": "abc"}).status_code in (200, 302)


def test_sales_updates_enquiry_status_and_filters_by_it(client, sales):
    client.force_login(sales)
    won = EnquiryFactory(name="Pelanggan Deal", status=Enquiry.Status.WON)
    fresh = EnquiryFactory(name="Pelanggan Baru", listing=won.listing)
    url = reverse("admin:ads_enquiry_changelist")

    filtered = client.get(url, {"status__exact": "won"}).content.decode()
    assert "Pelanggan Deal" in filtered and "Pelanggan Baru" not in filtered

    response = client.post(
        reverse("admin:ads_enquiry_change", args=[fresh.pk]),
        {
            "status": "contacted",
            "name": "Diubah",
            "notes-TOTAL_FORMS": "0",
            "notes-INITIAL_FORMS": "0",
            "_save": "Simpan",
        },
    )
    assert response.status_code == 302
    fresh.refresh_from_db()
    assert fresh.status == Enquiry.Status.CONTACTED
    assert fresh.name == "Pelanggan Baru"  # the lead itself is read-only
    assert client.get(reverse("admin:ads_enquiry_add")).status_code == 403


def test_sales_records_the_advertiser_of_an_advertorial_only(client, sales):
    client.force_login(sales)
    advertiser = AdvertiserFactory()
    sponsored = ArticleFactory(is_sponsored=True, title="Artikel berbayar")
    editorial = ArticleFactory(title="Artikel redaksi")
    url = reverse("admin:ads_advertorial_add")

    refused = client.post(
        url, {"article": editorial.pk, "advertiser": advertiser.pk, "notes": ""}
    )
    assert refused.context["adminform"].form.errors.get("article")

    saved = client.post(
        url, {"article": sponsored.pk, "advertiser": advertiser.pk, "notes": ""}
    )
    assert saved.status_code == 302
    assert Advertorial.objects.get().advertiser == advertiser
    html = client.get(sponsored.get_absolute_url()).content.decode()
    assert "Advertorial" in html


def test_sales_edits_ads_txt_lines(client, sales):
    client.force_login(sales)
    response = client.post(
        reverse("admin:ads_adstxtentry_add"),
        {"line": "  google.com, pub-2, DIRECT  ", "position": "0", "is_active": "on"},
    )
    assert response.status_code == 302
    assert client.get("/ads.txt").content.decode() == "google.com, pub-2, DIRECT\n"
    assert AdsTxtEntry.objects.count() == 1


def test_house_block_for_a_listing_needs_no_advertiser(client, sales):
    client.force_login(sales)
    listing = ServiceListingFactory(name="Jasa Press Release Portal Berita")
    response = client.post(
        BLOCK_ADD,
        block_post_data(
            SlotFactory(key="header"),
            advertiser="",
            target_url="",
            service_listing=listing.pk,
        ),
    )
    assert response.status_code == 302
    block = SponsoredBlock.objects.get()
    assert block.is_house and block.target() == listing.get_absolute_url()
    assert SponsoredBlockFactory.build().label == "Iklan"
