"""Choosing what a page's slots show: eligibility, one weighted pick for the whole
page, house fallback, cache.

Every slot's candidates (its placements with their blocks) are read in one query
and turned into a *plan*: each placement's card rendered once, with its schedule,
category, advertiser, listing and weight beside it. Plans are cached for
``CACHE_SECONDS`` in the shared cache and in each process; saving anything in the
ads admin bumps a version key, so changes show at once, and within a minute even
if that bump is lost. The schedule and category are checked on every render
against the current time, so a cached offer still starts and stops exactly on its
minute, and a page fills all its slots together (``pick_page``: no block twice on
a page) with weighted draws and a string join, without a template or a query.
"""

import datetime
import logging
import os
import random
import time
import uuid
from dataclasses import dataclass, field

from django.core import signing
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from articles.caching import get_or_load, versions_cache, warn_cache_failure
from articles.localcache import local_cache

from . import counting
from .models import Placement, ServiceListing, SponsoredBlock, shows_on_category
from .placeholders import PLACEHOLDER, VERSION_KEY, PageSlot, placeholder_slot

logger = logging.getLogger(__name__)

CACHE_SECONDS = 60
CLICK_SALT = "ads.click"
_signer = signing.Signer(salt=CLICK_SALT, sep=".")
# Rotation needs fair picks, not secrets: a fast generator, reseeded in each forked
# worker so no two workers draw the same sequence.
_random = random.Random()
os.register_at_fork(after_in_child=lambda: _random.seed())


@dataclass
class SlotCandidates:
    """What one query knows about a slot: its settings and its live placements."""

    max_blocks: int = 1
    after_section: int | None = None
    placements: list[Placement] = field(default_factory=list)


def click_token(block_id: int, slot_id: int) -> str:
    return _signer.sign(f"{block_id}-{slot_id}")


def read_click_token(token: str) -> tuple[int, int] | None:
    """The ``(block_id, slot_id)`` a token was signed for, or None if tampered."""
    try:
        value = _signer.unsign(token)
        block_id, slot_id = (int(part) for part in value.split("-"))
    except (signing.BadSignature, ValueError):
        return None
    return block_id, slot_id


def click_url(block_id: int, slot_id: int) -> str:
    return reverse("ads:click", kwargs={"token": click_token(block_id, slot_id)})


def forget_cached_slots() -> None:
    """Make every cached slot stale (called when ads change in the admin)."""
    try:
        versions_cache().set(VERSION_KEY, uuid.uuid4().hex, None)
    except Exception:
        logger.warning("Could not bump the ads cache version", exc_info=True)


# This process's copy of the current version's candidates: unpickling a dozen
# model instances on every page costs more than anything else a cached page does.
# The version is still read from the shared cache on every request, so a change
# in the ads admin shows at once; the copy lives no longer than the shared entry.
_local: dict[str, tuple[float, object]] = local_cache({})


def _version() -> str:
    version = versions_cache().get(VERSION_KEY)
    if version is None:
        # A random first version, so a cleared cache never meets an old local copy.
        versions_cache().add(VERSION_KEY, uuid.uuid4().hex, None)
        version = versions_cache().get(VERSION_KEY) or "0"
    return version


def _request_version(request: HttpRequest | None) -> str | None:
    """The ads version as this request knows it: ``request.site_versions``, the
    page cache's mapping of the cache's version keys, which reads them all in one
    round trip the first time one is asked for (None without it)."""
    versions = getattr(request, "site_versions", None)
    return versions[VERSION_KEY] if versions is not None else None


def _cached(key: str, loader, request: HttpRequest | None = None):
    try:
        version = _request_version(request) or _version()
    except Exception:
        warn_cache_failure(logger, "Ads cache unavailable; reading the database")
        return loader()
    full_key = f"ads:{key}:{version}"
    local = _local.get(full_key)
    if local is not None and local[0] > time.monotonic():
        return local[1]
    value = get_or_load(full_key, loader, CACHE_SECONDS)
    for old in [name for name in _local if not name.endswith(f":{version}")]:
        del _local[old]  # only the current version is worth keeping
    _local[full_key] = (time.monotonic() + CACHE_SECONDS, value)
    return value


def load_all_candidates() -> dict[str, SlotCandidates]:
    """One query for every slot: the placements of the blocks that are eligible now
    or will be once their start comes (``SponsoredBlockQuerySet.eligible``)."""
    blocks = SponsoredBlock.objects.eligible(timezone.now(), include_scheduled=True)
    placements = (
        Placement.objects.filter(block__in=blocks)
        .select_related("slot", "block", "block__advertiser", "block__service_listing")
        .order_by("pk")
    )
    by_slot: dict[str, SlotCandidates] = {}
    for placement in placements:
        slot = placement.slot
        if slot.key not in by_slot:
            by_slot[slot.key] = SlotCandidates(slot.max_blocks, slot.after_section)
        by_slot[slot.key].placements.append(placement)
    return by_slot


@dataclass
class Offer:
    """One placement, its block's schedule and targeting, and its rendered card;
    its advertiser (None for a house block) and the listing it promotes, if any."""

    block_id: int
    slot_id: int
    weight: int
    is_house: bool
    starts_at: datetime.datetime
    ends_at: datetime.datetime | None
    category_id: int | None
    html: str
    advertiser_id: int | None = None
    listing_id: int | None = None

    def runs_at(self, now: datetime.datetime) -> bool:
        """The schedule part of ``SponsoredBlockQuerySet.eligible``, at ``now``."""
        return self.starts_at <= now and (self.ends_at is None or self.ends_at > now)


@dataclass
class SlotPlan:
    """Everything a page needs to fill one slot without a template or a query."""

    key: str
    max_blocks: int = 1
    after_section: int | None = None
    offers: list[Offer] = field(default_factory=list)
    fallback: "Fallback" = None


class Fallback:
    """The cards promoting our own active services, read the first time a slot has
    nothing else to show (usually never), then kept with the plans."""

    def __init__(self):
        self._cards: list[tuple[int, str]] | None = None

    @property
    def cards(self) -> list[tuple[int, str]]:
        """``(listing id, card HTML)`` for each listing, in the listings' order."""
        if self._cards is None:
            self._cards = [
                (listing.pk, render_card(listing_card(listing)))
                for listing in fallback_listings()
            ]
        return self._cards


def render_card(card: dict) -> str:
    return render_to_string("includes/sponsored_block.html", {"card": card})


def build_plans() -> dict[str, SlotPlan]:
    """Every slot's offers with their cards rendered (once per process and ads
    version: see ``plans``)."""
    fallback = Fallback()
    result: dict[str, SlotPlan] = {}
    for key, candidates in load_all_candidates().items():
        offers = [
            Offer(
                block_id=p.block.pk,
                slot_id=p.slot_id,
                weight=max(p.weight, 1),
                is_house=p.block.is_house,
                starts_at=p.block.starts_at,
                ends_at=p.block.ends_at,
                category_id=p.block.category_id,
                html=render_card(block_card(p.block, click_url(p.block.pk, p.slot_id))),
                advertiser_id=p.block.advertiser_id,
                listing_id=p.block.service_listing_id,
            )
            for p in candidates.placements
        ]
        result[key] = SlotPlan(
            key, candidates.max_blocks, candidates.after_section, offers, fallback
        )
    result[""] = SlotPlan("", fallback=fallback)  # for slots with no placement
    return result


# Named after what the cached plans hold: a release that changes ``Offer`` or
# ``Fallback`` reads plans afresh instead of unpickling the old ones.
PLANS_KEY = "page-plans"


def plans(request: HttpRequest | None) -> dict[str, SlotPlan]:
    """The slot plans of the current ads version, kept by this process; the version
    comes from the request when the page cache already read it."""
    memo = getattr(request, "_ad_slot_plans", None) if request else None
    if memo is None:
        memo = _cached(PLANS_KEY, build_plans, request)
        if request is not None:
            request._ad_slot_plans = memo
    return memo


@dataclass
class SlotPick:
    """What one placeholder of a page shows: blocks (each counted as seen), or a
    card promoting one of our listings (not a block: never counted), or nothing."""

    offers: list[Offer] = field(default_factory=list)
    fallback_html: str = ""


@dataclass
class _OnPage:
    """What a page shows so far: its blocks, their advertisers, and our listings
    that a block or a fallback card promotes."""

    blocks: set[int] = field(default_factory=set)
    advertisers: set[int] = field(default_factory=set)
    listings: set[int] = field(default_factory=set)

    def allows(self, offer: Offer) -> bool:
        return (
            offer.block_id not in self.blocks and offer.listing_id not in self.listings
        )

    def add(self, offer: Offer) -> None:
        self.blocks.add(offer.block_id)
        if offer.advertiser_id is not None:
            self.advertisers.add(offer.advertiser_id)
        if offer.listing_id is not None:
            self.listings.add(offer.listing_id)


def pick_page(plans: dict[str, SlotPlan], page: list[PageSlot], now) -> list[SlotPick]:
    """What each slot of a page shows: the one rule, for all its slots together.

    Slots are filled one after another in page order, each seat of a slot
    (``Slot.max_blocks``) by a weighted draw (``weighted_choice``) from:

    1. paid blocks of advertisers not yet on the page;
    2. when none is left, other paid blocks of advertisers already on it;
    3. when no paid block is left, our house blocks.

    Only offers that run at ``now`` (``Offer.runs_at``: the offers were read with
    ``eligible(include_scheduled=True)`` and are kept for a minute), that target
    the page (``shows_on_category``) and that do not promote the listing the page
    is about count, and never a block already on the page, nor a second promotion
    of one of our listings. So no block shows twice on a page, no advertiser twice
    while others have a block to show, and the first slot of a page is a plain
    weighted pick; later slots draw by weight from what is left.

    Then each slot left without any block, in page order, promotes the first of
    our active listings (``fallback_listings``) not yet on the page; when every
    one of them is already there, the slot stays empty rather than repeat one.
    """
    on_page = _OnPage()
    picks: list[SlotPick] = []
    for slot in page:
        plan = _plan(plans, slot)
        if not _fills(plan, slot):
            picks.append(SlotPick())
            continue
        candidates = [
            offer
            for offer in plan.offers
            if offer.runs_at(now)
            and shows_on_category(offer.category_id, slot.category_id)
            and (offer.listing_id is None or offer.listing_id != slot.listing_id)
        ]
        chosen: list[Offer] = []
        for _seat in range(plan.max_blocks):
            new, paid, house = [], [], []
            for offer in candidates:
                if not on_page.allows(offer):
                    continue
                if offer.is_house:
                    house.append(offer)
                elif offer.advertiser_id in on_page.advertisers:
                    paid.append(offer)
                else:
                    new.append(offer)
            pool = new or paid or house
            if not pool:
                break
            offer = weighted_choice(pool)
            on_page.add(offer)
            chosen.append(offer)
        picks.append(SlotPick(chosen))
    # Only then our listings, so a card never takes the place of a house block
    # that a later slot would show.
    for slot, pick in zip(page, picks, strict=True):
        plan = _plan(plans, slot)
        if pick.offers or not _fills(plan, slot):
            continue
        for listing_id, html in plan.fallback.cards:
            if listing_id not in on_page.listings and listing_id != slot.listing_id:
                on_page.listings.add(listing_id)
                pick.fallback_html = html
                break
    return picks


def _plan(plans: dict[str, SlotPlan], slot: PageSlot) -> SlotPlan:
    return plans.get(slot.key) or plans[""]


def _fills(plan: SlotPlan, slot: PageSlot) -> bool:
    """Whether a placeholder shows its slot: always, unless it is an in-article
    placeholder after another section than the slot's."""
    return slot.after is None or slot.after == (plan.after_section or 1)


def fill_page(request: HttpRequest | None, page: list[PageSlot]) -> list[str]:
    """The HTML of each slot of a page (``pick_page``), its blocks noted as
    impressions on the request (``counting.note_impression``): exactly the
    blocks shown, each once."""
    now = getattr(request, "ad_clock", None) if request is not None else None
    if now is None:
        now = timezone.now()
        if request is not None:
            request.ad_clock = now  # one moment for every slot of the page
    filled = []
    for slot, pick in zip(page, pick_page(plans(request), page, now), strict=True):
        for offer in pick.offers:
            counting.note_impression(request, offer.block_id, offer.slot_id)
        cards = "".join(offer.html for offer in pick.offers) or pick.fallback_html
        if cards:
            opening, closing = _frame(slot.key)
            filled.append(f"{opening}{cards}{closing}")
        else:
            filled.append("")
    return filled


# Each slot's markup (``ads/slot.html``) before and after its blocks, rendered once
# per process (one language: see settings).
_frames: dict[str, tuple[str, str]] = local_cache({})
_CARDS = mark_safe("<!--cards-->")  # noqa: S308 - a fixed marker


def _frame(key: str) -> tuple[str, str]:
    frame = _frames.get(key)
    if frame is None:
        html = render_to_string("ads/slot.html", {"key": key, "cards": _CARDS})
        opening, closing = html.split(_CARDS)
        frame = _frames[key] = (opening, closing)
    return frame


def page_slots(parts: list[str]) -> list[PageSlot]:
    """The slots of a page split at its placeholders (``PLACEHOLDER.split``), in
    page order."""
    step = PLACEHOLDER.groups + 1
    return [
        placeholder_slot(*parts[index : index + step - 1])
        for index in range(1, len(parts), step)
    ]


def fill_pieces(
    request: HttpRequest, parts: list[str], page: list[PageSlot] | None = None
) -> tuple[list[str], bool]:
    """A page split at its placeholders (``PLACEHOLDER.split``: text, then the
    parts of one placeholder, then text, and so on), all its slots filled together
    with this request's picks (``fill_page``): the pieces to join, and True when
    any block was shown. The page's text is passed through as it is (``str``, or
    ``bytes`` from ``PLACEHOLDER_BYTES.split``); the slots' HTML is ``str``.
    ``page`` is ``page_slots(parts)``, when the caller kept it."""
    if len(parts) == 1:
        return parts, False
    step = PLACEHOLDER.groups + 1
    starts = range(1, len(parts), step)
    if page is None:
        page = page_slots(parts)
    before = len(getattr(request, "ad_impressions", ()))
    pieces = [parts[0]]
    for index, html in zip(starts, fill_page(request, page), strict=True):
        pieces.append(html)
        pieces.append(parts[index + step - 1])
    shown = len(getattr(request, "ad_impressions", ())) > before
    return pieces, shown


def fallback_listings() -> list[ServiceListing]:
    return list(ServiceListing.objects.active().order_by("position")[:6])


def weighted_choice(offers: list[Offer]) -> Offer:
    """One of ``offers``, each drawn in proportion to its weight (the largest
    ``u ** (1 / weight)`` wins: Efraimidis and Spirakis's weighted draw)."""
    return max(offers, key=lambda offer: _random.random() ** (1.0 / offer.weight))


def block_card(block: SponsoredBlock, url: str) -> dict:
    """What the block partial renders; house blocks borrow their listing's image."""
    image, alt, size = None, "", (None, None)
    if block.image:
        image, alt = block.image, block.image_alt
        size = (block.image_width, block.image_height)
    elif block.service_listing_id and block.service_listing.image:
        listing = block.service_listing
        image, alt = listing.image, listing.image_alt
        size = (listing.image_width, listing.image_height)
    return {
        "title": block.title,
        "text": block.text,
        "label": block.label,
        "url": url,
        "is_house": block.is_house,
        "image": image,
        "image_alt": alt,
        "width": size[0],
        "height": size[1],
    }


def listing_card(listing: ServiceListing) -> dict:
    """A plain promotion for one of our services, when a slot has nothing else."""
    return {
        "title": listing.name,
        "text": listing.summary,
        "label": SponsoredBlock._meta.get_field("label").default,
        "url": listing.get_absolute_url(),
        "is_house": True,
        "image": listing.image or None,
        "image_alt": listing.image_alt,
        "width": listing.image_width,
        "height": listing.image_height,
    }
