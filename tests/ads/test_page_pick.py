"""One pick per page: every slot of a page is filled together (``pick_page``).

Read through the test client, as a reader meets it: the blocks of a page are read
back from their click links, which name the block and the slot they were shown in.
"""

import io
import random
import re
from collections import Counter
from unittest import mock

import pytest
from django.core.management import call_command

from ads import slots
from ads.models import DailyStat, SponsoredBlock
from articles.caching import bump_generation
from tests.ads.factories import (
    UA_BROWSER,
    AdvertiserFactory,
    PlacementFactory,
    ServiceListingFactory,
    SlotFactory,
    SponsoredBlockFactory,
)
from tests.articles.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

RENDERS = 300
# The seats of the seed's article page: two at the top, two beside the article,
# one inside it and one at the bottom.
SEATS = {"header": 2, "sidebar": 2, "in-article": 1, "footer": 1}
CLICK_LINK = re.compile(r'href="/iklan/klik/([^"/]+)/"')


@pytest.fixture
def reader(client):
    client.defaults["HTTP_USER_AGENT"] = UA_BROWSER
    return client


@pytest.fixture
def page_slots():
    return {
        key: SlotFactory(
            key=key,
            max_blocks=seats,
            after_section=1 if key == "in-article" else None,
        )
        for key, seats in SEATS.items()
    }


@pytest.fixture
def article_url():
    article = ArticleFactory()
    SectionFactory.create_batch(2, article=article)
    return article.get_absolute_url()


def placed_in(slots_by_key, weight=1, **block_kwargs) -> SponsoredBlock:
    """One block placed in every slot of ``slots_by_key``."""
    block = SponsoredBlockFactory(**block_kwargs)
    for slot in slots_by_key.values():
        PlacementFactory(block=block, slot=slot, weight=weight)
    return block


def shown(html: str) -> list[tuple[int, int]]:
    """The ``(block id, slot id)`` of every block on a page, in page order."""
    return [slots.read_click_token(token) for token in CLICK_LINK.findall(html)]


def test_fewer_blocks_than_seats_each_show_once_on_every_page(
    reader, page_slots, article_url
):
    """Three blocks for six seats, 300 renders (the first stored by the page
    cache, the others filled from it): every page shows each block exactly once,
    the rest of its seats stay empty rather than repeat one, and exactly what
    was shown is counted."""
    first, second = AdvertiserFactory(), AdvertiserFactory()
    blocks = {
        placed_in(page_slots, weight=5, advertiser=first).pk,
        placed_in(page_slots, weight=1, advertiser=second).pk,
        placed_in(page_slots, weight=3, house=True).pk,
    }
    seen: Counter = Counter()

    for _ in range(RENDERS):
        html = reader.get(article_url).content.decode()
        page = shown(html)
        assert sorted(block for block, _slot in page) == sorted(blocks)
        assert html.count('class="sponsored-block') == len(blocks)
        seen.update(page)

    call_command("flush_counters", stdout=io.StringIO(), stderr=io.StringIO())
    counted = {
        (stat.block_id, stat.slot_id): stat.impressions
        for stat in DailyStat.objects.all()
    }
    assert counted == dict(seen)
    assert sum(counted.values()) == len(blocks) * RENDERS


def test_many_blocks_never_repeat_a_block_or_an_advertiser_on_a_page(
    reader, page_slots, article_url
):
    """Eleven paid blocks of ten advertisers and two house blocks for six seats:
    over 300 renders no page shows a block or an advertiser twice, and every seat
    holds a paid block."""
    for weight in range(1, 10):
        placed_in(page_slots, weight=weight)
    twice = AdvertiserFactory(name="Pengiklan dengan dua blok")
    for weight in (4, 6):
        placed_in(page_slots, weight=weight, advertiser=twice)
    for _ in range(2):
        placed_in(page_slots, house=True)
    advertiser_of = dict(SponsoredBlock.objects.values_list("pk", "advertiser_id"))
    seen_blocks = set()

    for _ in range(RENDERS):
        page = [
            block for block, _slot in shown(reader.get(article_url).content.decode())
        ]
        advertisers = [advertiser_of[block] for block in page]
        assert len(page) == sum(SEATS.values())
        assert len(set(page)) == len(page)
        assert len(set(advertisers)) == len(advertisers)
        assert None not in advertisers  # enough paid blocks: no house block
        seen_blocks.update(page)

    assert len(seen_blocks) == 11  # and every paid block gets its turn


def test_an_advertiser_shows_twice_only_when_no_other_block_is_left(
    reader, page_slots, article_url
):
    """One advertiser with three blocks, another with one, no house block: four
    seats of six are filled, with both advertisers; blocks never repeat."""
    many = AdvertiserFactory()
    own = {placed_in(page_slots, advertiser=many).pk for _ in range(3)}
    other = placed_in(page_slots).pk

    for _ in range(50):
        page = [
            block for block, _slot in shown(reader.get(article_url).content.decode())
        ]
        assert sorted(page) == sorted([*own, other])


def test_shares_of_the_first_slot_follow_the_weights(reader, page_slots, article_url):
    """The first slot of a page (the header, one seat for this test) draws its
    block from all of its blocks by weight: 1, 3 and 6. Later slots draw by weight
    from what the earlier ones left.

    Tolerance: with the generator seeded (2026) and N = 600 renders, each block's
    observed share of the header is within 5 percentage points of its weight's
    share (10 %, 30 %, 60 %); 5 points is about 2.5 standard deviations of the
    largest share at this N, so a correct pick passes with any seed."""
    header = page_slots["header"]
    header.max_blocks = 1
    header.save()
    weights = {placed_in({"header": header}, weight=w).pk: w for w in (1, 3, 6)}
    renders = 600
    picks: Counter = Counter()

    with mock.patch.object(slots, "_random", random.Random(2026)):
        for _ in range(renders):
            page = shown(reader.get(article_url).content.decode())
            picks.update(block for block, slot in page if slot == header.pk)

    assert sum(picks.values()) == renders
    total = sum(weights.values())
    for block, weight in weights.items():
        assert abs(picks[block] / renders - weight / total) < 0.05


def test_a_cached_page_is_picked_afresh_without_repeats(
    reader, page_slots, article_url, django_assert_num_queries
):
    """The second render comes from the page cache (no query at all) and is
    filled by the same page pick: still no block twice."""
    for weight in (1, 2, 3):
        placed_in(page_slots, weight=weight)
    placed_in(page_slots, house=True)
    reader.get(article_url)  # the menu, the slots, "Terpopuler"
    bump_generation()

    fresh = shown(reader.get(article_url).content.decode())
    with django_assert_num_queries(0):
        cached = shown(reader.get(article_url).content.decode())

    for page in (fresh, cached):
        blocks = [block for block, _slot in page]
        assert len(blocks) == 4
        assert len(set(blocks)) == len(blocks)


def test_fallback_cards_promote_each_listing_once_per_page(reader, article_url):
    """With no block at all, each slot promotes another of our listings, in their
    order; once every listing is on the page, the remaining slots stay empty."""
    for key in ("header", "sidebar", "footer"):
        SlotFactory(key=key, max_blocks=2)
    names = ["Jasa Press Release", "Jasa Digital Marketing"]
    for position, name in enumerate(names):
        ServiceListingFactory(name=name, position=position)

    html = reader.get(article_url).content.decode()

    for name in names:
        assert html.count(f'<span class="ad-title">{name}</span>') == 1
    assert html.count('class="sponsored-block') == len(names)
    assert 'ad-slot-footer"' not in html
