"""Build the POST data the sponsored block admin form sends, its inline included."""

from datetime import timedelta

from django.utils import timezone

from tests.ads.factories import AdvertiserFactory


def block_post_data(slot, **fields):
    now = timezone.localtime()
    later = now + timedelta(days=14)
    data = {
        "advertiser": AdvertiserFactory().pk,
        "title": "Promo Batik Akhir Tahun",
        "text": "Diskon 20% untuk batik tulis.",
        "label": "Iklan",
        "image_alt": "",
        "target_url": "https://batiksekar.example/akhir-tahun",
        "service_listing": "",
        "starts_at_0": now.strftime("%Y-%m-%d"),
        "starts_at_1": now.strftime("%H:%M:%S"),
        "ends_at_0": later.strftime("%Y-%m-%d"),
        "ends_at_1": later.strftime("%H:%M:%S"),
        "category": "",
        "is_active": "on",
        "placements-TOTAL_FORMS": "1",
        "placements-INITIAL_FORMS": "0",
        "placements-MIN_NUM_FORMS": "0",
        "placements-MAX_NUM_FORMS": "1000",
        "placements-0-slot": slot.pk,
        "placements-0-weight": "3",
        "_save": "Simpan",
    }
    data.update(fields)
    return data
