"""Demo content for the ads app: slots, our three services, house and paid blocks."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from tqdm import tqdm

from articles.demo_images import illustration
from articles.images import cleaned_content, process_image

from .models import (
    AdsTxtEntry,
    Advertiser,
    DailyStat,
    Placement,
    ServiceListing,
    Slot,
    SponsoredBlock,
)

SLOTS = [
    {"key": "header", "name": "Atas halaman", "max_blocks": 2},
    {"key": "sidebar", "name": "Kolom samping", "max_blocks": 2},
    {"key": "in-article", "name": "Di dalam artikel", "max_blocks": 1, "after": 2},
    {"key": "footer", "name": "Bawah halaman", "max_blocks": 1},
]

LISTINGS = [
    {
        "slug": "jasa-press-release-portal-berita",
        "name": "Jasa Press Release Portal Berita",
        "summary": (
            "Kabar usaha Anda ditulis ulang oleh redaksi dan tayang sebagai "
            "advertorial berlabel jelas di Wayah Sinau."
        ),
        "description": (
            "<p>Punya produk baru, cabang baru, atau capaian yang layak diketahui "
            "publik? Tim redaksi kami menyunting siaran pers Anda agar enak dibaca, "
            "lalu menayangkannya dengan label <strong>Advertorial</strong>.</p>"
            "<p>Cocok untuk UMKM, kampus, dan komunitas yang ingin dikenal lebih "
            "luas tanpa repot menyiapkan tim konten sendiri.</p>"
        ),
        "price_label": "mulai Rp 750.000",
        "included": (
            "Penyuntingan naskah oleh redaksi\n"
            "Satu gambar dengan keterangan\n"
            "Tayang permanen dengan label Advertorial\n"
            "Dibagikan di media sosial Wayah Sinau"
        ),
        "color": (22, 96, 140),
        "alt": "Ilustrasi lembar siaran pers di atas meja redaksi",
    },
    {
        "slug": "jasa-digital-marketing-umkm",
        "name": "Jasa Digital Marketing UMKM",
        "summary": (
            "Pendampingan tiga bulan: profil usaha di mesin pencari, konten media "
            "sosial, dan iklan kecil yang terukur."
        ),
        "description": (
            "<p>Kami membantu usaha kecil tampil rapi di internet: dari profil "
            "bisnis di peta, jadwal unggahan, sampai iklan berbayar dengan anggaran "
            "yang masuk akal.</p><p>Setiap bulan Anda menerima laporan sederhana "
            "berisi angka yang benar-benar penting.</p>"
        ),
        "price": 2_500_000,
        "included": (
            "Audit singkat kehadiran online\n"
            "12 konten media sosial per bulan\n"
            "Pengaturan iklan dan laporan bulanan\n"
            "Konsultasi lewat WhatsApp pada jam kerja"
        ),
        "color": (140, 70, 20),
        "alt": "Ilustrasi grafik penjualan yang naik di layar ponsel",
    },
    {
        "slug": "paket-outbound-perusahaan-di-batu-malang",
        "name": "Paket Outbound Perusahaan di Batu Malang",
        "summary": (
            "Satu hari kegiatan tim di udara sejuk Batu: permainan kerja sama, "
            "makan siang, dan dokumentasi."
        ),
        "description": (
            "<p>Bawa tim Anda keluar kantor sejenak. Fasilitator kami menyusun "
            "permainan yang melatih komunikasi dan kepercayaan, disesuaikan dengan "
            "jumlah dan usia peserta.</p>"
        ),
        "price_label": "mulai Rp 350.000 per orang",
        "included": (
            "Fasilitator dan perlengkapan permainan\n"
            "Makan siang dan dua kali rehat kopi\n"
            "Dokumentasi foto\n"
            "Asuransi kegiatan"
        ),
        "color": (40, 120, 60),
        "alt": "Ilustrasi perbukitan hijau dan tenda kegiatan di Batu",
    },
]

# Where each house block may appear; the outbound package closes the page, as on
# the printed seed page. A page shows each block once (ads.slots.pick_page), so
# the header and the in-article slot share the first two and the second
# advertiser below fills the sidebar.
HOUSE_SLOTS = {
    "jasa-press-release-portal-berita": ["header", "sidebar", "in-article"],
    "jasa-digital-marketing-umkm": ["header", "sidebar", "in-article"],
    "paket-outbound-perusahaan-di-batu-malang": ["footer"],
}

ADVERTISER = {
    "name": "Kedai Kopi Lereng Arjuno",
    "contact_person": "Sekar Ayuningtyas",
    "phone": "+6281234567890",
    "email": "pemasaran@kopilereng.example",
    "notes": "Klien demo: kontrak tiga bulan untuk blok atas dan samping.",
}

PAID_BLOCKS = [
    {
        "title": "Kopi Arjuno Sangrai Pagi, Antar Gratis se-Malang Raya",
        "text": "Biji kopi petani lereng Arjuno, disangrai setiap pagi.",
        "target_url": "https://kopilereng.example/promo-pagi",
        "slots": {"header": 3, "sidebar": 1},
        "start_days": -10,
        "end_days": 30,
        "color": (110, 70, 40),
        "alt": "Ilustrasi cangkir kopi panas di meja kayu",
    },
    {
        "title": "Segera: Paket Kopi Lebaran Lereng Arjuno",
        "text": "Pesan lebih awal untuk hampers kantor dan keluarga.",
        "target_url": "https://kopilereng.example/lebaran",
        "slots": {"header": 2},
        "start_days": 7,
        "end_days": 37,
    },
    {
        "title": "Diskon Musim Panen Kopi Lereng Arjuno",
        "text": "Promo musim panen yang sudah berakhir.",
        "target_url": "https://kopilereng.example/panen",
        "slots": {"header": 1, "footer": 1},
        "start_days": -40,
        "end_days": -3,
    },
]

# A second client, so a demo page shows two advertisers and every slot is filled.
SIDEBAR_ADVERTISER = {
    "name": "Bimbel Cerdas Nusantara",
    "contact_person": "Dimas Prasetyo",
    "phone": "+6285712345678",
    "email": "iklan@bimbelcerdas.example",
    "notes": "Klien demo: blok kolom samping selama semester.",
}

SIDEBAR_BLOCKS = [
    {
        "title": "Bimbel Cerdas: Kelas Persiapan UTBK Mulai Bulan Ini",
        "text": "Kelas kecil, tryout mingguan, dan konsultasi jurusan.",
        "target_url": "https://bimbelcerdas.example/utbk",
        "slots": {"sidebar": 1},
        "start_days": -5,
        "end_days": 60,
        "color": (60, 60, 130),
        "alt": "Ilustrasi tumpukan buku dan pensil di meja belajar",
    },
]

ADS_TXT = [
    "# ads.txt Wayah Sinau: penjual iklan resmi",
    "contact=sales@wayahsinau.test",
]


def _image(spec: dict, seed: str):
    image = illustration(tuple(spec["color"]), seed, size=(800, 450))
    return cleaned_content(process_image(image))


def _slots() -> dict[str, Slot]:
    slots = {}
    for spec in SLOTS:
        slots[spec["key"]] = Slot.objects.update_or_create(
            key=spec["key"],
            defaults={
                "name": spec["name"],
                "max_blocks": spec["max_blocks"],
                "after_section": spec.get("after"),
            },
        )[0]
    return slots


def _listing(spec: dict, position: int) -> ServiceListing:
    listing, created = ServiceListing.objects.get_or_create(
        slug=spec["slug"],
        defaults={
            "name": spec["name"],
            "summary": spec["summary"],
            "description": spec["description"],
            "price": spec.get("price"),
            "price_label": spec.get("price_label", ""),
            "included": spec["included"],
            "position": position,
            "image_alt": spec["alt"],
        },
    )
    if created or not listing.image:
        listing.image = _image(spec, spec["slug"])
        listing.image_alt = spec["alt"]
        listing.save()
    return listing


def _place(block: SponsoredBlock, slots: dict[str, Slot], weights: dict[str, int]):
    # Only where the demo places it now, also in a database seeded before.
    block.placements.exclude(slot__key__in=weights).delete()
    for key, weight in weights.items():
        Placement.objects.update_or_create(
            block=block, slot=slots[key], defaults={"weight": weight}
        )


def _demo_stats(block: SponsoredBlock, slot: Slot, today, days: int, seed: str):
    rng = random.Random(seed)
    for offset in range(days):
        impressions = rng.randint(300, 900)
        DailyStat.objects.get_or_create(
            block=block,
            slot=slot,
            date=today - timedelta(days=offset),
            defaults={
                "impressions": impressions,
                "clicks": rng.randint(2, impressions // 40),
            },
        )


def _paid_blocks(spec: dict, blocks: list[dict], slots: dict[str, Slot], now, today):
    advertiser, _created = Advertiser.objects.get_or_create(
        name=spec["name"], defaults=spec
    )
    for block_spec in blocks:
        block = SponsoredBlock.objects.filter(
            advertiser=advertiser, title=block_spec["title"]
        ).first()
        if block is None:
            block = SponsoredBlock(
                advertiser=advertiser,
                title=block_spec["title"],
                text=block_spec["text"],
                target_url=block_spec["target_url"],
                starts_at=now + timedelta(days=block_spec["start_days"]),
                ends_at=now + timedelta(days=block_spec["end_days"]),
            )
            if "color" in block_spec:
                block.image = _image(block_spec, block_spec["title"])
                block.image_alt = block_spec["alt"]
            block.save()
        _place(block, slots, block_spec["slots"])
        if block_spec["start_days"] < 0:
            for key in block_spec["slots"]:
                elapsed = min(-block_spec["start_days"], 14)
                _demo_stats(block, slots[key], today, elapsed, f"{block.pk}{key}")


def load_ads_demo(stdout=None) -> None:
    """Create the ads demo content; running it again changes nothing."""
    now = timezone.now()
    today = timezone.localdate()
    steps = tqdm(total=5, desc="Iklan demo", unit="langkah", file=stdout)
    with transaction.atomic():
        slots = _slots()
        steps.update()

        listings = [_listing(spec, index) for index, spec in enumerate(LISTINGS)]
        steps.update()

        for listing in listings:
            block, _created = SponsoredBlock.objects.get_or_create(
                advertiser=None,
                service_listing=listing,
                defaults={"title": listing.name, "text": listing.summary},
            )
            _place(block, slots, dict.fromkeys(HOUSE_SLOTS[listing.slug], 1))
        steps.update()

        _paid_blocks(ADVERTISER, PAID_BLOCKS, slots, now, today)
        _paid_blocks(SIDEBAR_ADVERTISER, SIDEBAR_BLOCKS, slots, now, today)
        steps.update()

        for position, line in enumerate(ADS_TXT):
            AdsTxtEntry.objects.get_or_create(
                line=line, defaults={"position": position}
            )
        steps.update()
    steps.close()
    if stdout is not None:
        stdout.write(
            f"Ads demo ready: {ServiceListing.objects.count()} listing(s), "
            f"{SponsoredBlock.objects.count()} block(s).\n"
        )
