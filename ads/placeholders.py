"""What the page cache needs to know of ads: how a slot looks in a stored page,
and the cache key whose change makes every slot's blocks stale.

Every page is rendered with a placeholder where each slot goes (``{% ad_slot %}``
writes ``<!--ad-slot:<slot key>:<category id>:<section>:<listing id>-->``); the
page cache middleware fills them on the way out, for every page, stored or just
rendered, with one fresh pick for all the slots of the page together
(``ads.slots.fill_pieces``).
Rich text and escaped titles can never contain one: the sanitiser strips comments
and auto-escaping turns ``<`` into ``&lt;``.
"""

import re
from typing import NamedTuple

# Saving anything in the ads admin gives this key a new value (ads.slots).
VERSION_KEY = "ads:version"
# The listing part is optional, so a placeholder written before it existed still
# reads; ``PLACEHOLDER.split`` gives each placeholder ``PLACEHOLDER.groups`` parts.
PLACEHOLDER = re.compile(r"<!--ad-slot:([a-z0-9_-]+):(\d*):(\d*)(?::(\d*))?-->")
PLACEHOLDER_START = "<!--ad-slot:"
# The same pattern for a page already encoded (UTF-8), which a rendered response
# is: its text need not be decoded to find its slots.
PLACEHOLDER_BYTES = re.compile(PLACEHOLDER.pattern.encode())
# Part of every stored page's cache key (``wayahsinau.pagecache``): a release that
# changes how a page splits at its placeholders never reads pages split the old way.
PLACEHOLDER_FORMAT = f"{PLACEHOLDER.groups}"


class PageSlot(NamedTuple):
    """One placeholder of a page: the slot's key, the page's category, the section
    the slot follows, and the service listing the page is about (a listing's own
    page never promotes that listing)."""

    key: str
    category_id: int | None
    after: int | None
    listing_id: int | None = None


def ad_placeholder(
    key: str,
    category_id: int | None,
    after: int | None,
    listing_id: int | None = None,
) -> str:
    """What ``{% ad_slot %}`` writes."""
    numbers = (category_id, after, listing_id)
    parts = ["" if value is None else str(int(value)) for value in numbers]
    return f"{PLACEHOLDER_START}{key}:{':'.join(parts)}-->"


def placeholder_slot(
    key: str, category: str, after: str, listing: str | None = None
) -> PageSlot:
    """What ``ad_placeholder`` wrote, from its matched parts (an empty or missing
    part is None)."""

    def number(value: str | None) -> int | None:
        return int(value) if value else None

    return PageSlot(key, number(category), number(after), number(listing))
