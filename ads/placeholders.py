"""What the page cache needs to know of ads: how a slot looks in a stored page,
and the cache key whose change makes every slot's blocks stale.

Every page is rendered with a placeholder where each slot goes (``{% ad_slot %}``
writes ``<!--ad-slot:<slot key>:<category id>:<section>-->``); the page cache
middleware fills them on the way out, for every page, stored or just rendered,
with a fresh pick (``ads.slots.fill_pieces``).
Rich text and escaped titles can never contain one: the sanitiser strips comments
and auto-escaping turns ``<`` into ``&lt;``.
"""

import re

# Saving anything in the ads admin gives this key a new value (ads.slots).
VERSION_KEY = "ads:version"
PLACEHOLDER = re.compile(r"<!--ad-slot:([a-z0-9_-]+):(\d*):(\d*)-->")
PLACEHOLDER_START = "<!--ad-slot:"


def ad_placeholder(key: str, category_id: int | None, after: int | None) -> str:
    """What ``{% ad_slot %}`` writes."""
    category = "" if category_id is None else str(int(category_id))
    position = "" if after is None else str(int(after))
    return f"{PLACEHOLDER_START}{key}:{category}:{position}-->"


def placeholder_slot(
    key: str, category: str, after: str
) -> tuple[str, int | None, int | None]:
    """What ``ad_placeholder`` wrote, from its three matched parts: the slot's key,
    the page's category and the section the slot follows (None when empty)."""
    return key, int(category) if category else None, int(after) if after else None
