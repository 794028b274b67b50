"""Choosing what a slot shows: eligibility, weighted picks, house fallback, cache.

Every slot's candidates (its placements with their blocks) are read in one query
and turned into a *plan*: each placement's card rendered once, with its schedule,
category and weight beside it. Plans are cached for ``CACHE_SECONDS`` in the shared
cache and in each process; saving anything in the ads admin bumps a version key,
so changes show at once, and within a minute even if that bump is lost. The
schedule and category are checked on every render against the current time, so a
cached offer still starts and stops exactly on its minute, and a page fills a slot
with a weighted pick and a string join, without a template or a query.
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
from .models import Placement, ServiceListing, SponsoredBlock
from .placeholders import (
    VERSION_KEY,
    placeholder_slot,
)

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
    """One placement, its block's schedule and targeting, and its rendered card."""

    block_id: int
    slot_id: int
    weight: int
    is_house: bool
    starts_at: datetime.datetime
    ends_at: datetime.datetime | None
    category_id: int | None
    html: str


@dataclass
class SlotPlan:
    """Everything a page needs to fill one slot without a template or a query."""

    key: str
    max_blocks: int = 1
    after_section: int | None = None
    offers: list[Offer] = field(default_factory=list)
    fallback: "Fallback" = None


class Fallback:
    """The card promoting one of our own services, read the first time a slot has
    nothing else to show (usually never), then kept with the plans."""

    def __init__(self):
        self._html: str | None = None

    @property
    def html(self) -> str:
        if self._html is None:
            listings = fallback_listings()
            self._html = render_card(listing_card(listings[0])) if listings else ""
        return self._html


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
            )
            for p in candidates.placements
        ]
        result[key] = SlotPlan(
            key, candidates.max_blocks, candidates.after_section, offers, fallback
        )
    result[""] = SlotPlan("", fallback=fallback)  # for slots with no placement
    return result


def plans(request: HttpRequest | None) -> dict[str, SlotPlan]:
    """The slot plans of the current ads version, kept by this process; the version
    comes from the request when the page cache already read it."""
    memo = getattr(request, "_ad_slot_plans", None) if request else None
    if memo is None:
        memo = _cached("plans", build_plans, request)
        if request is not None:
            request._ad_slot_plans = memo
    return memo


def choose(plan: SlotPlan, category_id: int | None, now) -> list[Offer]:
    """Paid offers first; house offers for our own services fill what is left.

    The offers were read with ``eligible(include_scheduled=True)`` and are kept for
    a minute, so the schedule part of that rule is checked again here, against the
    page's moment, and the block's category against the page's."""
    eligible = [
        offer
        for offer in plan.offers
        if offer.starts_at <= now
        and (offer.ends_at is None or offer.ends_at > now)
        and (offer.category_id is None or offer.category_id == category_id)
    ]
    paid = [offer for offer in eligible if not offer.is_house]
    chosen = weighted_sample(paid, plan.max_blocks)
    house = [offer for offer in eligible if offer.is_house]
    return chosen + weighted_sample(house, plan.max_blocks - len(chosen))


def render_slot(
    request: HttpRequest | None, key: str, category_id: int | None, after: int | None
) -> str:
    """The HTML of slot ``key`` on this request, its blocks noted as impressions.

    Empty when ``after`` is not the slot's section. With no block to show, one of
    our own active service listings is promoted, so a slot is never empty.
    """
    found = plans(request)
    plan = found.get(key) or found[""]
    if after is not None and after != (plan.after_section or 1):
        return ""
    now = getattr(request, "ad_clock", None) if request is not None else None
    if now is None:
        now = timezone.now()
        if request is not None:
            request.ad_clock = now  # one moment for every slot of the page
    chosen = choose(plan, category_id, now)
    for offer in chosen:
        counting.note_impression(request, offer.block_id, offer.slot_id)
    cards = "".join(offer.html for offer in chosen) or plan.fallback.html
    if not cards:
        return ""
    opening, closing = _frame(key)
    return f"{opening}{cards}{closing}"


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


def fill_pieces(request: HttpRequest, parts: list[str]) -> tuple[list[str], bool]:
    """A page split at its placeholders (``PLACEHOLDER.split``: text, then the key,
    category and section of a slot, then text, and so on), its slots filled with
    this request's picks: the pieces to join, and True when any block was shown."""
    if len(parts) == 1:
        return parts, False
    before = len(getattr(request, "ad_impressions", ()))
    pieces = [parts[0]]
    for index in range(1, len(parts), 4):
        slot = placeholder_slot(*parts[index : index + 3])
        pieces.append(render_slot(request, *slot))
        pieces.append(parts[index + 3])
    shown = len(getattr(request, "ad_impressions", ())) > before
    return pieces, shown


def fallback_listings() -> list[ServiceListing]:
    return list(ServiceListing.objects.active().order_by("position")[:6])


def weighted_sample(items: list, count: int) -> list:
    """Up to ``count`` distinct placements (or offers), each drawn in proportion to
    its weight."""
    if count <= 0 or not items:
        return []
    keyed = [(_random.random() ** (1.0 / max(item.weight, 1)), item) for item in items]
    keyed.sort(key=lambda pair: pair[0], reverse=True)
    return [item for _key, item in keyed[:count]]


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
