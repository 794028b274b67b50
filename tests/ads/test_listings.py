from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from ads import ratelimit
from ads.models import Enquiry
from tests.ads.factories import ServiceListingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing():
    return ServiceListingFactory(
        name="Jasa Digital Marketing UMKM",
        price=2_500_000,
        included="Audit kehadiran online\nLaporan bulanan",
        description=(
            '<p>Untuk UMKM.</p><script>alert(1)</script><a href="javascript:x">a</a>'
        ),
    )


def enquiry_data(**overrides):
    data = {
        "name": "Siti Rahmawati",
        "company": "Keripik Tempe Bu Siti",
        "phone": "0812-3456-7890",
        "email": "siti@keripiktempe.example",
        "message": "Kami ingin promosi produk baru bulan depan.",
        "website": "",
    }
    data.update(overrides)
    return data


def test_listing_page_shows_active_services_with_prices_in_order(client):
    ServiceListingFactory(
        name="Paket Outbound",
        position=2,
        price=None,
        price_label="mulai Rp 350.000 per orang",
    )
    ServiceListingFactory(name="Jasa Press Release", position=1, price=1_500_000)
    ServiceListingFactory(name="Layanan lama", is_active=False)

    response = client.get(reverse("ads:listings"))
    html = response.content.decode()

    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert html.index("Jasa Press Release") < html.index("Paket Outbound")
    assert "Rp 1.500.000" in html
    assert "mulai Rp 350.000 per orang" in html
    assert "Layanan lama" not in html


def test_listing_detail_shows_sanitised_description_items_and_form(client, listing):
    response = client.get(listing.get_absolute_url())
    html = response.content.decode()

    assert response.status_code == 200
    assert "<h1>Jasa Digital Marketing UMKM</h1>" in html
    assert "Rp 2.500.000" in html
    assert "<li>Audit kehadiran online</li>" in html
    assert "<script>" not in html and "javascript:" not in html
    assert '<label for="id_phone">' in html
    assert "csrfmiddlewaretoken" in html


def test_inactive_or_unknown_listing_is_404(client):
    hidden = ServiceListingFactory(is_active=False)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get("/layanan/tidak-ada/").status_code == 404
    assert client.get(reverse("ads:thanks", args=[hidden.slug])).status_code == 404


def test_enquiry_is_saved_emailed_to_sales_and_thanked(client, listing, settings):
    settings.WAYAHSINAU_SALES_EMAIL = "tim-sales@wayahsinau.test"

    response = client.post(listing.get_absolute_url(), enquiry_data())

    assert response.status_code == 302
    assert response["Location"] == reverse("ads:thanks", args=[listing.slug])
    enquiry = Enquiry.objects.get()
    assert enquiry.listing == listing
    assert enquiry.phone == "+6281234567890"
    assert enquiry.status == Enquiry.Status.NEW
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["tim-sales@wayahsinau.test"]
    assert "Jasa Digital Marketing UMKM" in message.subject
    assert "Keripik Tempe Bu Siti" in message.body
    assert "+6281234567890" in message.body
    # Replying answers the customer, and the lead is one click away.
    assert message.reply_to == ["Siti Rahmawati <siti@keripiktempe.example>"]
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    change = reverse("admin:ads_enquiry_change", args=[enquiry.pk])
    assert f"{settings.SITE_URL}{change}" in message.body
    thanks = client.get(response["Location"])
    assert "Terima kasih" in thanks.content.decode()


@pytest.mark.parametrize(
    ("phone", "normalised"),
    [
        ("+62 812 3456 7890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
        ("(0341) 555-123", "+62341555123"),
        ("021.5550.1234", "+622155501234"),
    ],
)
def test_indonesian_phone_formats_are_accepted_and_normalised(
    client, listing, phone, normalised
):
    client.post(listing.get_absolute_url(), enquiry_data(phone=phone))
    assert Enquiry.objects.get().phone == normalised


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("phone", "12345"),
        ("phone", "+1 202 555 0143"),
        ("phone", "0812-3456-7890-1234-5"),
        ("phone", "08abc"),
        ("email", "bukan-email"),
        ("name", ""),
        ("name", "Siti\x00"),
        ("message", "hai"),
        ("name", "x" * 121),
    ],
)
def test_bad_enquiry_input_gets_form_errors_and_keeps_what_was_typed(
    client, listing, field, value
):
    response = client.post(listing.get_absolute_url(), enquiry_data(**{field: value}))

    assert response.status_code == 200
    assert response.context["form"].errors.get(field)
    assert "Keripik Tempe Bu Siti" in response.content.decode()
    assert not Enquiry.objects.exists()
    assert not mail.outbox


def test_honeypot_submissions_are_dropped_quietly(client, listing):
    response = client.post(
        listing.get_absolute_url(), enquiry_data(website="https://spam.example")
    )
    assert response.status_code == 302
    assert not Enquiry.objects.exists()
    assert not mail.outbox


def test_rate_limit_stops_floods_per_client_without_storing_the_ip(
    client, listing, settings
):
    settings.WAYAHSINAU_ENQUIRY_RATE_LIMIT = 3
    flood = {"REMOTE_ADDR": "203.0.113.9"}
    for _ in range(3):
        assert client.post(listing.get_absolute_url(), enquiry_data(), **flood)[
            "Location"
        ]

    blocked = client.post(listing.get_absolute_url(), enquiry_data(), **flood)
    other = Client().post(
        listing.get_absolute_url(), enquiry_data(), REMOTE_ADDR="198.51.100.7"
    )

    assert blocked.status_code == 429
    assert blocked["Retry-After"] == str(settings.WAYAHSINAU_ENQUIRY_RATE_WINDOW)
    assert "Terlalu banyak pengiriman" in blocked.content.decode()
    assert "Keripik Tempe Bu Siti" in blocked.content.decode()
    assert other.status_code == 302
    assert Enquiry.objects.count() == 4
    request = mock.Mock(META=flood)
    key = ratelimit.client_key(request, "enquiry")
    assert "203.0.113.9" not in key and "203-0-113-9" not in key


def test_enquiry_email_headers_hold_no_injected_lines(client, listing):
    client.post(
        listing.get_absolute_url(),
        enquiry_data(name="Siti\nBcc: semua@evil.example", company="A\r\nB"),
    )
    message = mail.outbox[0].message()
    assert message["Reply-To"] == (
        '"Siti Bcc: semua@evil.example" <siti@keripiktempe.example>'
    )
    assert message["Bcc"] is None
    assert "\n" not in mail.outbox[0].subject


def test_enquiry_survives_a_mail_failure(client, listing, caplog):
    with mock.patch("ads.views.EmailMessage.send", side_effect=OSError("SMTP down")):
        response = client.post(listing.get_absolute_url(), enquiry_data())
    assert response.status_code == 302
    assert Enquiry.objects.count() == 1
    assert "Could not email enquiry" in caplog.text


def test_enquiry_form_requires_csrf(listing):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(listing.get_absolute_url(), enquiry_data())
    assert response.status_code == 403
    assert not Enquiry.objects.exists()


def test_ads_txt_is_plain_text_from_active_lines(client):
    from ads.models import AdsTxtEntry

    AdsTxtEntry.objects.create(line="google.com, pub-1, DIRECT, f08c47fec0942fa0")
    AdsTxtEntry.objects.create(line="contoh.example, 99, RESELLER", position=5)
    AdsTxtEntry.objects.create(line="lama.example, 1, DIRECT", is_active=False)

    response = client.get("/ads.txt?next=https://evil.example")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "google.com, pub-1, DIRECT, f08c47fec0942fa0\ncontoh.example, 99, RESELLER\n"
    )
