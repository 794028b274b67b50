from django import template

from articles.models import Category

from .. import counting, slots

register = template.Library()


def _page_category_id(context) -> int | None:
    category = context.get("category")
    if isinstance(category, Category):
        return category.pk
    article = context.get("article")
    return getattr(article, "category_id", None)


@register.inclusion_tag("ads/slot.html", takes_context=True)
def ad_slot(context, key: str, after: int | None = None) -> dict:
    """Render the sponsored blocks of the slot ``key``, server-side.

    Syntax::

        {% load ad_tags %}
        {% ad_slot "header" %}
        {% ad_slot "in-article" after=forloop.counter %}

    With ``after``, the slot renders only when ``after`` equals the slot's
    configured section (``Slot.after_section``, default 1). Blocks targeting a
    category show only where the page's ``category`` (or ``article.category``)
    matches. Paid blocks are weighted-random picks up to the slot's maximum; house
    blocks for our own services fill the rest, and with no block at all one of our
    active service listings is promoted, so a configured slot is never empty.

    Costs at most one query, and none while the slot is cached (one minute, or
    until something changes in the ads admin). Rendered blocks are counted as
    impressions once per page by ``ads.counting.ImpressionMiddleware``.
    """
    request = context.get("request")
    candidates = slots.candidates_for(key, request)
    if after is not None and after != (candidates.after_section or 1):
        return {"cards": [], "slot_key": key}

    cards = []
    for placement in slots.pick(candidates, _page_category_id(context)):
        block = placement.block
        cards.append(
            slots.block_card(block, slots.click_url(block.pk, placement.slot_id))
        )
        counting.note_impression(request, block.pk, placement.slot_id)
    if not cards:
        listings = slots.fallback_listings()
        if listings:
            cards.append(slots.listing_card(listings[0]))
    return {"cards": cards, "slot_key": key}
