"""Report links: sales give a client their own report, which the client opens
without an account; it shows that client's blocks only, and stops opening once
it expires or is revoked."""

import html as html_lib
import json
import re
import subprocess
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ads.models import REPORT_LINK_SIGNING_SALT, DailyStat, ReportLink
from tests.ads.factories import AdvertiserFactory, SlotFactory, placed
from tests.test_html_validity import vnu  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db

WIB = ZoneInfo("Asia/Jakarta")
ADD = reverse("admin:ads_reportlink_add")


def stat(block, day, impressions, clicks=0):
    DailyStat.objects.create(
        block=block,
        slot=block.placements.get().slot,
        date=day,
        impressions=impressions,
        clicks=clicks,
    )


@pytest.fixture
def two_clients():
    """Two advertisers with two blocks each, seen in December 2026."""
    header = SlotFactory(key="header")
    kopi = AdvertiserFactory(name="Kopi Nusantara", notes="Diskon rahasia 40%")
    batik = AdvertiserFactory(name="Batik Sekar", notes="Klien lama")
    blocks = {
        "pagi": placed(header, advertiser=kopi, title="Kopi Pagi"),
        "sore": placed(header, advertiser=kopi, title="Kopi Sore"),
        "tulis": placed(header, advertiser=batik, title="Batik Tulis"),
        "cap": placed(header, advertiser=batik, title="Batik Cap"),
    }
    stat(blocks["pagi"], date(2026, 12, 1), 11595, 120)
    stat(blocks["pagi"], date(2026, 12, 2), 4000, 160)
    stat(blocks["sore"], date(2026, 12, 2), 1000, 10)
    stat(blocks["tulis"], date(2026, 12, 1), 777777, 7777)
    stat(blocks["cap"], date(2026, 12, 2), 888888, 8888)
    return kopi, batik, blocks


def link_for(days: int = 7, **subject) -> ReportLink:
    return ReportLink.objects.create(
        expires_at=timezone.now() + timedelta(days=days), **subject
    )


def open_report(url: str, **params):
    return Client().get(url, params)


DECEMBER = {"dari": "2026-12-01", "sampai": "2026-12-02"}


def test_sales_creates_a_link_for_one_advertiser_from_its_report(
    client, sales, two_clients, settings
):
    kopi, _batik, _blocks = two_clients
    client.force_login(sales)
    report = client.get(reverse("admin:ads_advertiser_report", args=[kopi.pk]))
    assert f'href="{ADD}?advertiser={kopi.pk}"' in report.content.decode()

    form = client.get(ADD, {"advertiser": kopi.pk}).content.decode()
    assert f'<option value="{kopi.pk}" selected>Kopi Nusantara</option>' in form
    response = client.post(
        ADD, {"advertiser": kopi.pk, "block": "", "valid_until": "2027-01-31"}
    )

    link = ReportLink.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "admin:ads_reportlink_change", args=[link.pk]
    )
    assert (link.advertiser, link.block, link.created_by) == (kopi, None, sales)
    # Open until the end of the chosen day, in WIB.
    assert link.expires_at == datetime(2027, 2, 1, tzinfo=WIB)
    page = client.get(response["Location"]).content.decode()
    assert "Tautan laporan dibuat" in page
    address = f"{settings.SITE_URL}{link.get_absolute_url()}"
    assert f'<a href="{address}" rel="noopener noreferrer"' in page
    assert f">{address}</a>" in page
    assert "Simpan dan terus mengedit" not in page  # nothing to edit: revoke it


def test_client_sees_only_their_own_blocks_with_no_account(two_clients):
    kopi, _batik, _blocks = two_clients
    link = link_for(advertiser=kopi)

    response = open_report(link.get_absolute_url(), **DECEMBER)
    page = response.content.decode()

    assert response.status_code == 200
    for shown in ("Kopi Nusantara", "Kopi Pagi", "Kopi Sore", "16.595", "290"):
        assert shown in page
    for hidden in (
        "Batik",
        "777.777",
        "888.888",
        "Diskon rahasia",
        "Klien lama",
        "sponsored-block",  # no ad slot of anyone else
    ):
        assert hidden not in page
    assert response.context["total_impressions"] == 16595


def test_a_block_link_shows_that_block_alone(two_clients):
    _kopi, _batik, blocks = two_clients
    link = link_for(block=blocks["sore"])
    page = open_report(link.get_absolute_url(), **DECEMBER).content.decode()
    assert "Kopi Sore" in page and "Satu blok iklan Kopi Nusantara" in page
    assert "Kopi Pagi" not in page and "Batik" not in page
    assert "Total 1.000 tayangan, 10 klik, CTR 1,00%." in page


def test_client_page_is_never_indexed_stored_or_cached(two_clients):
    kopi, _batik, _blocks = two_clients
    link = link_for(advertiser=kopi)
    response = open_report(link.get_absolute_url())

    assert '<meta name="robots" content="noindex, nofollow">' in (
        response.content.decode()
    )
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"

    # Revoked a moment later: the next visit finds nothing, cached or not.
    link.revoked_at = timezone.now()
    link.save()
    again = open_report(link.get_absolute_url())
    assert again.status_code == 404
    assert "Kopi" not in again.content.decode()


def test_whatsapp_summary_is_short_indonesian_text(two_clients):
    kopi, _batik, _blocks = two_clients
    link = link_for(advertiser=kopi)
    page = open_report(link.get_absolute_url(), **DECEMBER).content.decode()

    textarea = re.search(r'<textarea id="ringkasan"[^>]*>(.*?)</textarea>', page, re.S)
    summary = html_lib.unescape(textarea.group(1)).strip().splitlines()
    assert summary == [
        "Laporan iklan Kopi Nusantara di Wayah Sinau",
        "Periode: 1 Desember 2026 – 2 Desember 2026",
        "Tayangan: 16.595",
        "Klik: 290",
        "CTR: 1,75%",
        "Hari terbaik: Rabu, 2 Desember 2026 (170 klik, 5.000 tayangan)",
    ]
    assert "Salin ringkasan untuk WhatsApp" in page
    assert 'data-copy-target="ringkasan"' in page
    assert "/static/js/copy-summary.js" in page


def test_names_are_escaped_in_the_page_and_the_summary(two_clients):
    evil = AdvertiserFactory(name='</textarea><script>alert("x")</script>')
    link = link_for(advertiser=evil)
    page = open_report(link.get_absolute_url()).content.decode()
    assert "<script>alert" not in page
    assert "&lt;/textarea&gt;&lt;script&gt;alert(&quot;x&quot;)" in page


@pytest.mark.parametrize("problem", ["expired", "revoked", "tampered", "unknown"])
def test_expired_revoked_tampered_or_unknown_links_are_404_showing_nothing(
    two_clients, problem
):
    kopi, _batik, _blocks = two_clients
    link = link_for(advertiser=kopi)
    url = link.get_absolute_url()
    if problem == "expired":
        link.expires_at = timezone.now() - timedelta(seconds=1)
        link.save()
    elif problem == "revoked":
        link.revoked_at = timezone.now()
        link.save()
    elif problem == "tampered":
        key, signature = link.token.rsplit(":", 1)
        url = reverse("ads:client-report", args=[f"{key}x:{signature}"])
    else:
        token = signing.Signer(salt=REPORT_LINK_SIGNING_SALT).sign("tidak-ada")
        url = reverse("ads:client-report", args=[token])

    response = open_report(url, **DECEMBER)
    page = response.content.decode()
    assert response.status_code == 404
    assert "Tautan laporan tidak berlaku" in page
    assert "no-store" in response["Cache-Control"]
    for secret in ("Kopi", "Batik", "16.595", "16595", "sponsored-block"):
        assert secret not in page


def test_a_token_signed_for_something_else_does_not_open_a_report(two_clients):
    kopi, _batik, _blocks = two_clients
    link = link_for(advertiser=kopi)
    preview_signed = signing.Signer(salt="articles.preview-link").sign(link.key)
    url = reverse("ads:client-report", args=[preview_signed])
    assert open_report(url).status_code == 404


def test_sales_revokes_a_link_and_the_client_gets_404(client, sales, two_clients):
    kopi, _batik, _blocks = two_clients
    link = link_for(advertiser=kopi)
    client.force_login(sales)
    response = client.post(
        reverse("admin:ads_reportlink_changelist"),
        {"action": "revoke", "_selected_action": [link.pk]},
    )
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None
    assert open_report(link.get_absolute_url()).status_code == 404
    listing = client.get(reverse("admin:ads_reportlink_changelist")).content.decode()
    assert "Dicabut" in listing


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"valid_until": "2020-01-01"}, "Tanggal berlaku sudah lewat"),
        ({"valid_until": "2099-01-01"}, "paling lama 366 hari"),
        ({"valid_until": "bukan-tanggal"}, "tanggal"),
        ({"block": "BLOCK"}, "Pilih satu: pengiklan"),
        ({"advertiser": ""}, "Pilih satu: pengiklan"),
    ],
)
def test_bad_link_input_gets_an_indonesian_form_error(
    client, sales, two_clients, data, message
):
    kopi, _batik, blocks = two_clients
    client.force_login(sales)
    post = {"advertiser": kopi.pk, "block": "", "valid_until": "2027-01-31"}
    post.update(data)
    if post["block"] == "BLOCK":
        post["block"] = blocks["pagi"].pk
    response = client.post(ADD, post)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ReportLink.objects.exists()


def test_a_house_block_has_no_client_to_share_with(client, sales):
    house = placed(SlotFactory(key="header"), house=True)
    client.force_login(sales)
    response = client.post(
        ADD, {"advertiser": "", "block": house.pk, "valid_until": "2027-01-31"}
    )
    assert response.context["adminform"].form.errors.get("block")
    assert not ReportLink.objects.exists()
    report = client.get(reverse("admin:ads_sponsoredblock_report", args=[house.pk]))
    assert f"{ADD}?block=" not in report.content.decode()


def test_writers_cannot_reach_report_links(client, staff_editor, two_clients):
    kopi, _batik, _blocks = two_clients
    link = link_for(advertiser=kopi)
    client.force_login(staff_editor)
    for url in (
        ADD,
        reverse("admin:ads_reportlink_changelist"),
        reverse("admin:ads_reportlink_change", args=[link.pk]),
    ):
        assert client.get(url).status_code == 403, url
    assert (
        client.post(
            ADD, {"advertiser": kopi.pk, "block": "", "valid_until": "2027-01-31"}
        ).status_code
        == 403
    )
    assert ReportLink.objects.count() == 1


def test_sharing_a_report_needs_the_right_to_see_it(
    client, django_user_model, two_clients
):
    """Link rights without the right to see advertisers' reports: a crafted POST
    is refused, and so is revoking such a link."""
    kopi, _batik, blocks = two_clients
    user = django_user_model.objects.create_user(
        "magang", "magang@wayahsinau.test", "rahasia-uji-123", is_staff=True
    )
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="ads",
            codename__in=[
                "add_reportlink",
                "change_reportlink",
                "view_reportlink",
                "view_sponsoredblock",
            ],
        )
    )
    client.force_login(user)

    refused = client.post(
        ADD, {"advertiser": kopi.pk, "block": "", "valid_until": "2027-01-31"}
    )
    assert refused.status_code == 403
    assert not ReportLink.objects.exists()

    allowed = client.post(
        ADD, {"advertiser": "", "block": blocks["pagi"].pk, "valid_until": "2027-01-31"}
    )
    assert allowed.status_code == 302

    theirs = link_for(advertiser=kopi)
    client.post(
        reverse("admin:ads_reportlink_changelist"),
        {"action": "revoke", "_selected_action": [theirs.pk]},
    )
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


def test_client_report_and_its_404_are_valid_html(two_clients, vnu, tmp_path):  # noqa: F811
    kopi, _batik, _blocks = two_clients
    link = link_for(advertiser=kopi)
    files = []
    for name, url in (
        ("client-report", link.get_absolute_url() + "?dari=2026-12-01"),
        ("client-report-gone", reverse("ads:client-report", args=["x:y"])),
    ):
        file = tmp_path / f"{name}.html"
        file.write_bytes(Client().get(url).content)
        files.append(str(file))
    result = subprocess.run(
        [*vnu, "--format", "json", "--exit-zero-always", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{m.get('url')}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error" and not m["message"].startswith("CSS:")
    ]
    assert errors == [], "\n".join(errors)
