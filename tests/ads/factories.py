from datetime import timedelta

import factory
from django.utils import timezone

from ads.models import (
    Advertiser,
    Enquiry,
    Placement,
    ServiceListing,
    Slot,
    SponsoredBlock,
)
from tests.images import image_bytes

UA_BROWSER = (
    "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Mobile Safari/537.36"
)


class AdvertiserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Advertiser

    name = factory.Sequence(lambda n: f"Toko Batik Sekar {n}")
    contact_person = "Rini Wulandari"
    phone = "+6281234567890"
    email = factory.Sequence(lambda n: f"iklan{n}@batiksekar.example")


class ServiceListingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceListing

    name = factory.Sequence(lambda n: f"Paket Layanan {n}")
    summary = "Layanan ringkas untuk usaha Anda."
    description = "<p>Rincian layanan.</p>"
    price = 1_500_000
    included = "Konsultasi awal\nLaporan akhir"

    class Params:
        with_image = factory.Trait(
            image=factory.django.FileField(
                filename="layanan.png",
                data=factory.LazyFunction(lambda: image_bytes("PNG", size=(80, 45))),
            ),
            image_alt="Ilustrasi layanan kami",
        )


class SlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Slot
        django_get_or_create = ["key"]

    key = "header"
    name = factory.LazyAttribute(lambda o: f"Tempat {o.key}")
    max_blocks = 1


class SponsoredBlockFactory(factory.django.DjangoModelFactory):
    """A paid block, running since an hour ago, for a month."""

    class Meta:
        model = SponsoredBlock

    advertiser = factory.SubFactory(AdvertiserFactory)
    title = factory.Sequence(lambda n: f"Promo batik nomor {n}")
    text = "Diskon akhir pekan untuk batik tulis."
    target_url = factory.Sequence(lambda n: f"https://batiksekar.example/promo/{n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    ends_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))

    class Params:
        house = factory.Trait(
            advertiser=None,
            target_url="",
            service_listing=factory.SubFactory(ServiceListingFactory),
            ends_at=None,
        )
        expired = factory.Trait(
            starts_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=9)),
            ends_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=2)),
        )
        scheduled = factory.Trait(
            starts_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=2)),
            ends_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=9)),
        )
        paused = factory.Trait(is_active=False)
        with_image = factory.Trait(
            image=factory.django.FileField(
                filename="iklan.jpg",
                data=factory.LazyFunction(lambda: image_bytes("JPEG", size=(120, 60))),
            ),
            image_alt="Kain batik tulis berwarna biru",
        )


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Placement

    block = factory.SubFactory(SponsoredBlockFactory)
    slot = factory.SubFactory(SlotFactory)
    weight = 1


class EnquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enquiry

    listing = factory.SubFactory(ServiceListingFactory)
    name = "Budi Santoso"
    company = "CV Maju Jaya"
    phone = "+6281298765432"
    email = "budi@majujaya.example"
    message = "Kami tertarik dengan paket ini untuk bulan depan."


def placed(slot: Slot, weight: int = 1, **block_kwargs) -> SponsoredBlock:
    """A block placed in ``slot``."""
    block = SponsoredBlockFactory(**block_kwargs)
    PlacementFactory(block=block, slot=slot, weight=weight)
    return block
