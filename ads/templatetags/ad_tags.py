from django import template
from django.utils.safestring import SafeString, mark_safe

from articles.models import Category

from ..models import ServiceListing
from ..placeholders import ad_placeholder

register = template.Library()


def page_category_id(context) -> int | None:
    """The category a page belongs to, for targeting (``shows_on_category``): a
    category's own page (``category``) and its articles (``article.category``);
    None for every other page (home, tags, authors, search…)."""
    category = context.get("category")
    if isinstance(category, Category):
        return category.pk
    article = context.get("article")
    return getattr(article, "category_id", None)


def page_listing_id(context) -> int | None:
    """The service listing a page is about (``listing``: its own page and its
    thank-you page), which that page's slots never promote."""
    listing = context.get("listing")
    return listing.pk if isinstance(listing, ServiceListing) else None


@register.simple_tag(takes_context=True)
def ad_slot(context, key: str, after: int | None = None) -> SafeString:
    """Render the sponsored blocks of the slot ``key``, server-side.

    Syntax::

        {% load ad_tags %}
        {% ad_slot "header" %}
        {% ad_slot "in-article" after=forloop.counter %}

    With ``after``, the slot renders only when ``after`` equals the slot's
    configured section (``Slot.after_section``, default 1). Blocks targeting a
    category show only where the page's ``category`` (or ``article.category``)
    matches (``ads.models.shows_on_category``). Paid blocks are weighted-random
    picks up to the slot's maximum; house blocks for our own services fill the
    rest, and with no block at all one of our active service listings is promoted.
    All the slots of a page are picked together (``ads.slots.pick_page``): no block
    shows twice on a page, no advertiser twice while others have a block to show,
    and a listing's own page never promotes that listing.

    The tag writes a placeholder (``ads.placeholders``): the page cache middleware
    (``wayahsinau/pagecache.py``) fills it with this request's picks on the way
    out, whether the page was rendered now or stored, so a stored page rotates its
    blocks and counts their impressions like a fresh one (``ads.slots``).
    """
    placeholder = ad_placeholder(
        key, page_category_id(context), after, page_listing_id(context)
    )
    return mark_safe(placeholder)  # noqa: S308 - digits and a slug only
