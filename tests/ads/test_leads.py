"""Leads sales can follow up: call, WhatsApp or mail the customer in one click,
signed notes, how long a lead has waited, and the ones left too long."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import formats, timezone

from ads import leads
from ads.models import Enquiry, EnquiryNote
from tests.admin_pages import form_data
from tests.ads.factories import EnquiryFactory

pytestmark = pytest.mark.django_db

WIB = ZoneInfo("Asia/Jakarta")
CHANGELIST = reverse("admin:ads_enquiry_changelist")


def change_url(enquiry):
    return reverse("admin:ads_enquiry_change", args=[enquiry.pk])


def came_in(enquiry, ago: timedelta):
    Enquiry.objects.filter(pk=enquiry.pk).update(created_at=timezone.now() - ago)
    enquiry.refresh_from_db()
    return enquiry


@pytest.mark.parametrize(
    "phone", ["0812-3456-7890", "+62 812 3456 7890", "6281234567890", "+6281234567890"]
)
def test_change_page_calls_whatsapps_and_mails_the_customer(client, sales, phone):
    enquiry = EnquiryFactory(phone=phone, name="Budi & Sari", email="budi@maju.example")
    client.force_login(sales)
    page = client.get(change_url(enquiry)).content.decode()

    assert '<a href="tel:+6281234567890">' in page
    assert 'href="https://wa.me/6281234567890?text=Halo%20Budi%20%26%20Sari%2C' in page
    assert 'target="_blank" rel="noopener noreferrer">WhatsApp</a>' in page
    assert '<a href="mailto:budi@maju.example?subject=Penawaran%20' in page


def test_a_number_that_is_not_indonesian_gets_no_call_links(client, sales):
    enquiry = EnquiryFactory(phone="12345")
    client.force_login(sales)
    page = client.get(change_url(enquiry)).content.decode()
    assert "tel:" not in page and "wa.me" not in page
    assert "12345" in page and "mailto:" in page


def test_list_shows_contact_links_and_how_long_each_lead_waited(client, sales):
    came_in(EnquiryFactory(name="Pelanggan Pagi"), timedelta(hours=3, minutes=20))
    came_in(EnquiryFactory(name="Pelanggan Lama"), timedelta(days=2, hours=5))
    client.force_login(sales)
    page = client.get(CHANGELIST).content.decode().replace("\xa0", " ")
    assert "3 jam lalu" in page
    assert "2 hari lalu" in page
    assert page.count("https://wa.me/6281298765432") == 2


def test_a_note_is_signed_and_dated_and_stays_as_written(client, sales):
    enquiry = EnquiryFactory()
    client.force_login(sales)
    data = form_data(client.get(change_url(enquiry)).content.decode(), "enquiry_form")
    data.update(
        {
            "status": "contacted",
            "notes-0-text": "Sudah ditelepon; minta penawaran lewat email.",
            "_save": "Simpan",
        }
    )
    assert client.post(change_url(enquiry), data).status_code == 302

    note = EnquiryNote.objects.get()
    assert (note.enquiry, note.author) == (enquiry, sales)
    assert timezone.now() - note.created_at < timedelta(minutes=1)
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.CONTACTED
    page = client.get(change_url(enquiry)).content.decode()
    assert "Sudah ditelepon; minta penawaran lewat email." in page
    written = formats.date_format(
        timezone.localtime(note.created_at), "DATETIME_FORMAT"
    )
    assert re.search(r'class="field-written_by">\s*<p>sales</p>', page)
    assert f"<p>{written}</p>" in page

    # A crafted POST can neither rewrite nor delete a note, nor sign as someone else.
    data = form_data(page, "enquiry_form")
    data.update(
        {
            "notes-0-text": "Ditulis ulang",
            "notes-0-DELETE": "on",
            "notes-0-author": "",
            "notes-1-text": "Catatan kedua",
            "notes-1-author": "999",
            "_save": "Simpan",
        }
    )
    assert client.post(change_url(enquiry), data).status_code == 302
    texts = list(EnquiryNote.objects.values_list("text", "author"))
    assert texts == [
        ("Sudah ditelepon; minta penawaran lewat email.", sales.pk),
        ("Catatan kedua", sales.pk),
    ]


def test_filter_shows_leads_untouched_for_more_than_a_working_day(client, sales):
    came_in(EnquiryFactory(name="Terlupakan"), timedelta(days=10))
    came_in(EnquiryFactory(name="Baru Masuk"), timedelta(minutes=10))
    came_in(
        EnquiryFactory(name="Sudah Dihubungi", status=Enquiry.Status.CONTACTED),
        timedelta(days=10),
    )
    noted = came_in(EnquiryFactory(name="Sudah Dicatat"), timedelta(days=10))
    EnquiryNote.objects.create(enquiry=noted, text="Menunggu jawaban", author=sales)
    client.force_login(sales)

    page = client.get(CHANGELIST).content.decode()
    assert "Belum ditangani &gt; 1 hari kerja" in page
    filtered = client.get(CHANGELIST, {"tindak_lanjut": "terlambat"}).content.decode()
    assert "Terlupakan" in filtered
    for other in ("Baru Masuk", "Sudah Dihubungi", "Sudah Dicatat"):
        assert other not in filtered


@pytest.mark.parametrize(
    ("now", "cutoff"),
    [
        # Tuesday 10:00: Monday 10:00.
        (datetime(2026, 12, 8, 10, 0), datetime(2026, 12, 7, 10, 0)),
        # Monday 10:00: the weekend does not count, Friday 10:00.
        (datetime(2026, 12, 7, 10, 0), datetime(2026, 12, 4, 10, 0)),
        # Saturday or Sunday: the whole of Friday is the last working day.
        (datetime(2026, 12, 5, 15, 0), datetime(2026, 12, 4, 0, 0)),
        (datetime(2026, 12, 6, 23, 59), datetime(2026, 12, 4, 0, 0)),
        # Monday at midnight: Friday at midnight.
        (datetime(2026, 12, 7, 0, 0), datetime(2026, 12, 4, 0, 0)),
    ],
)
def test_a_working_day_skips_saturday_and_sunday(now, cutoff):
    assert leads.working_days_before(now.replace(tzinfo=WIB)) == cutoff.replace(
        tzinfo=WIB
    )


def test_two_working_days_across_a_weekend():
    monday = datetime(2026, 12, 7, 9, 0, tzinfo=WIB)
    assert leads.working_days_before(monday, 2) == datetime(
        2026, 12, 3, 9, 0, tzinfo=WIB
    )


@pytest.mark.parametrize(
    ("ago", "text"),
    [
        (timedelta(seconds=20), "baru saja"),
        (timedelta(minutes=5), "5 menit lalu"),
        (timedelta(hours=3, minutes=59), "3 jam lalu"),
        (timedelta(days=2, hours=23), "2 hari lalu"),
    ],
)
def test_how_long_a_lead_waited_reads_naturally(ago, text):
    now = datetime(2026, 12, 7, 9, 0, tzinfo=WIB)
    assert leads.waited(now - ago, now).replace("\xa0", " ") == text
