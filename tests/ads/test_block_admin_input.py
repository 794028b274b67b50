"""Bad input in the sponsored block admin: weights, and targeting that leaves a
slot without a block for most pages."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from ads.models import Placement, SponsoredBlock
from tests.ads.admin_forms import block_post_data
from tests.ads.factories import SlotFactory, placed
from tests.articles.factories import CategoryFactory

pytestmark = pytest.mark.django_db

BLOCK_ADD = reverse("admin:ads_sponsoredblock_add")


def warnings_of(response) -> list[str]:
    return [
        str(message)
        for message in get_messages(response.wsgi_request)
        if message.level_tag == "warning"
    ]


@pytest.mark.parametrize("weight", ["0", "-1", "-100"])
def test_a_weight_of_zero_or_below_is_a_form_error(client, sales, weight):
    client.force_login(sales)
    slot = SlotFactory(key="header")

    response = client.post(
        BLOCK_ADD, block_post_data(slot, **{"placements-0-weight": weight})
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Bobot paling kecil 1: blok berbobot 0 atau kurang tidak pernah" in html
    # Nothing half-saved; what was typed is still in the form.
    assert not SponsoredBlock.objects.exists()
    assert 'value="Promo Batik Akhir Tahun"' in html


@pytest.mark.parametrize(
    ("weight", "message"),
    [("101", "Bobot paling besar 100."), ("dua", "Bobot harus bilangan bulat")],
)
def test_other_bad_weights_are_form_errors_too(client, sales, weight, message):
    client.force_login(sales)
    response = client.post(
        BLOCK_ADD,
        block_post_data(SlotFactory(key="header"), **{"placements-0-weight": weight}),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Placement.objects.exists()


def test_changing_a_weight_to_zero_keeps_the_saved_one(client, sales):
    client.force_login(sales)
    slot = SlotFactory(key="header")
    block = placed(slot, weight=4)
    placement = block.placements.get()
    data = block_post_data(slot, advertiser=block.advertiser_id, title=block.title)
    data.update(
        {
            "placements-INITIAL_FORMS": "1",
            "placements-0-id": placement.pk,
            "placements-0-block": block.pk,
            "placements-0-weight": "0",
        }
    )

    response = client.post(
        reverse("admin:ads_sponsoredblock_change", args=[block.pk]), data
    )

    assert response.status_code == 200
    assert "Bobot paling kecil 1" in response.content.decode()
    placement.refresh_from_db()
    assert placement.weight == 4


def test_targeting_the_only_block_of_a_slot_warns_of_the_house_fallback(client, sales):
    client.force_login(sales)
    footer = SlotFactory(key="footer", name="Bawah halaman")
    gaya = CategoryFactory(name="Gaya Hidup")

    response = client.post(BLOCK_ADD, block_post_data(footer, category=gaya.pk))

    assert response.status_code == 302
    assert SponsoredBlock.objects.get().category == gaya
    assert warnings_of(response) == [
        "Tempat “Bawah halaman” tidak punya blok untuk semua halaman: bloknya yang "
        "tayang hanya untuk kategori Gaya Hidup. Di halaman lain, tempat ini diisi "
        "promosi layanan kita sendiri (kosong bila tidak ada layanan aktif)."
    ]


def test_targeting_a_block_of_a_slot_that_has_blocks_for_every_page_is_quiet(
    client, sales
):
    client.force_login(sales)
    footer = SlotFactory(key="footer")
    placed(footer, house=True)  # shown on every page
    gaya = CategoryFactory(name="Gaya Hidup")

    targeted = client.post(BLOCK_ADD, block_post_data(footer, category=gaya.pk))
    untargeted = client.post(BLOCK_ADD, block_post_data(footer))

    assert targeted.status_code == untargeted.status_code == 302
    assert warnings_of(targeted) == warnings_of(untargeted) == []


def test_a_targeted_block_that_does_not_run_yet_warns_that_nothing_runs(client, sales):
    client.force_login(sales)
    header = SlotFactory(key="header", name="Atas halaman")
    gaya = CategoryFactory(name="Gaya Hidup")

    response = client.post(
        BLOCK_ADD,
        block_post_data(header, category=gaya.pk, is_active=""),  # paused
    )

    assert response.status_code == 302
    assert warnings_of(response) == [
        "Tempat “Atas halaman” belum punya blok yang tayang sekarang. Tempat ini "
        "diisi promosi layanan kita sendiri (kosong bila tidak ada layanan aktif)."
    ]
