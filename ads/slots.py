"""Choosing what a slot shows: eligibility, weighted picks, house fallback, cache.

A slot's candidates (its placements with their blocks) are read in one query and
cached for ``CACHE_SECONDS``; saving anything in the ads admin bumps a version key,
so changes show at once, and within a minute even if that bump is lost. The
schedule and category are checked on every render against the current time, so a
cached candidate still starts and stops exactly on its minute.
"""

import logging
import random
import time
import uuid
from dataclasses import dataclass, field

from django.core import signing
from django.core.cache import cache
from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from wayahsinau.cache import get_or_load

from .models import Placement, ServiceListing, SponsoredBlock

logger = logging.getLogger(__name__)

CACHE_SECONDS = 60
VERSION_KEY = "ads:version"
CLICK_SALT = "ads.click"
_signer = signing.Signer(salt=CLICK_SALT, sep=".")
_random = random.SystemRandom()


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
        cache.set(VERSION_KEY, uuid.uuid4().hex, None)
    except Exception:
        logger.warning("Could not bump the ads cache version", exc_info=True)


# This process's copy of the current version's candidates: unpickling a dozen
# model instances on every page costs more than anything else a cached page does.
# The version is still read from the shared cache on every request, so a change
# in the ads admin shows at once; the copy lives no longer than the shared entry.
_local: dict[str, tuple[float, object]] = {}


def _version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        # A random first version, so a cleared cache never meets an old local copy.
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY) or "0"
    return version


def _cached(key: str, loader):
    try:
        version = _version()
    except Exception:
        logger.warning("Ads cache unavailable; reading the database", exc_info=True)
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
    """One query for every slot: the placements whose blocks can run now or later."""
    now = timezone.now()
    placements = (
        Placement.objects.filter(block__is_active=True)
        .filter(Q(block__ends_at__isnull=True) | Q(block__ends_at__gt=now))
        .filter(
            Q(block__advertiser__isnull=True) | Q(block__advertiser__is_active=True)
        )
        .filter(
            Q(block__service_listing__isnull=True)
            | Q(block__service_listing__is_active=True)
        )
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


def load_candidates(slot_key: str) -> SlotCandidates:
    """The candidates of one slot (see ``load_all_candidates``)."""
    return load_all_candidates().get(slot_key) or SlotCandidates()


def candidates_for(slot_key: str, request: HttpRequest | None) -> SlotCandidates:
    """The slot's candidates, cached site-wide and memoised for this request."""
    memo = getattr(request, "_ad_slot_candidates", None) if request else None
    if memo is None:
        memo = _cached("slots", load_all_candidates)
        if request is not None:
            request._ad_slot_candidates = memo
    return memo.get(slot_key) or SlotCandidates()


def fallback_listings() -> list[ServiceListing]:
    return _cached(
        "fallback",
        lambda: list(ServiceListing.objects.active().order_by("position")[:6]),
    )


def is_eligible(block: SponsoredBlock, now, category_id: int | None) -> bool:
    """Running now (to the minute) and matching the page's category if targeted."""
    if block.starts_at > now or (block.ends_at is not None and block.ends_at <= now):
        return False
    return block.category_id is None or block.category_id == category_id


def weighted_sample(placements: list[Placement], count: int) -> list[Placement]:
    """Up to ``count`` distinct placements, each drawn in proportion to its weight."""
    if count <= 0:
        return []
    keyed = [
        (_random.random() ** (1.0 / max(placement.weight, 1)), placement)
        for placement in placements
    ]
    keyed.sort(key=lambda item: item[0], reverse=True)
    return [placement for _key, placement in keyed[:count]]


def pick(candidates: SlotCandidates, category_id: int | None) -> list[Placement]:
    """Paid blocks first; house blocks for our own services fill what is left."""
    now = timezone.now()
    eligible = [
        p for p in candidates.placements if is_eligible(p.block, now, category_id)
    ]
    paid = [p for p in eligible if not p.block.is_house]
    house = [p for p in eligible if p.block.is_house]
    chosen = weighted_sample(paid, candidates.max_blocks)
    return chosen + weighted_sample(house, candidates.max_blocks - len(chosen))


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
