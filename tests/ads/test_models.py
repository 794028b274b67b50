from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from ads.models import DailyStat, ServiceListing, SponsoredBlock
from tests.ads.factories import (
    AdvertiserFactory,
    ServiceListingFactory,
    SlotFactory,
    SponsoredBlockFactory,
)

pytestmark = pytest.mark.django_db


def refused(**kwargs) -> bool:
    try:
        with transaction.atomic():
            SponsoredBlock.objects.create(**kwargs)
    except IntegrityError:
        return True
    return False


def test_database_refuses_blocks_breaking_the_rules():
    now = timezone.now()
    advertiser = AdvertiserFactory()
    base = {
        "advertiser": advertiser,
        "title": "Promo",
        "target_url": "https://a.example/",
        "starts_at": now,
    }
    assert refused(**{**base, "ends_at": now})
    assert refused(**{**base, "ends_at": now - timedelta(minutes=1)})
    assert refused(**{**base, "target_url": ""})
    assert refused(**{**base, "label": ""})
    assert refused(**{**base, "service_listing": ServiceListingFactory()})
    assert refused(**{**base, "advertiser": None})
    assert not refused(**{**base, "ends_at": now + timedelta(minutes=1)})


def test_daily_stats_are_unique_per_block_slot_day_and_never_negative():
    block, slot = SponsoredBlockFactory(), SlotFactory()
    today = timezone.localdate()
    DailyStat.objects.create(block=block, slot=slot, date=today)

    with pytest.raises(IntegrityError), transaction.atomic():
        DailyStat.objects.create(block=block, slot=slot, date=today)
    with pytest.raises(IntegrityError), transaction.atomic():
        DailyStat.objects.update(clicks=F("clicks") - 1)


def test_listing_price_shows_rupiah_or_the_label():
    assert ServiceListing(price=1_500_000).price_display == "Rp 1.500.000"
    assert (
        ServiceListing(price=5, price_label="mulai Rp 750.000").price_display
        == "mulai Rp 750.000"
    )


def test_emoji_and_right_to_left_text_round_trip():
    block = SponsoredBlockFactory(title="Promo 🎉 عرض خاص", text="🌶️ pedas")
    block.refresh_from_db()
    assert block.title == "Promo 🎉 عرض خاص"
