from django import template
from django.utils.safestring import SafeString, mark_safe

from articles.models import Category

from ..placeholders import ad_placeholder

register = template.Library()


def _page_category_id(context) -> int | None:
    category = context.get("category")
    if isinstance(category, Category):
        return category.pk
    article = context.get("article")
    return getattr(article, "category_id", None)


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
    matches. Paid blocks are weighted-random picks up to the slot's maximum; house
    blocks for our own services fill the rest, and with no block at all one of our
    active service listings is promoted, so a configured slot is never empty.

    The tag writes a placeholder (``ads.placeholders``): the page cache middleware
    (``wayahsinau/pagecache.py``) fills it with this request's picks on the way
    out, whether the page was rendered now or stored, so a stored page rotates its
    blocks and counts their impressions like a fresh one (``ads.slots``).
    """
    return mark_safe(ad_placeholder(key, _page_category_id(context), after))  # noqa: S308
