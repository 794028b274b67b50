from django import template
from django.utils.safestring import SafeString, mark_safe

from articles.models import Category

from .. import slots

register = template.Library()


def _page_category_id(context) -> int | None:
    if "ad_category_id" in context:  # set by pages rendered as frames
        return context["ad_category_id"]
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

    Costs no query while the slots are cached (one minute, or until something
    changes in the ads admin) and one query for every slot together otherwise;
    each block's card is rendered once per process (``ads.slots.plans``).
    While a page is rendered for the page cache (``request.defer_ad_slots``), it
    writes a placeholder that ``wayahsinau.pagecache`` fills on every request.
    Rendered blocks are counted as impressions once per page.
    """
    html = slots.slot_html(
        context.get("request"), key, _page_category_id(context), after
    )
    return mark_safe(html)  # noqa: S308 - the slot escapes its own blocks
