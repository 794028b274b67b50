"""The article page's reads, with the ORM's public API.

One query reads the article with its category, author, cover, tags and its
compiled page (``compiled.with_page()``); its sections are read only when it has
no current compiled page, which holds what they show. One more query ranks the
related articles and reads their cards (``compiled.with_cards()``).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from taggit.models import TaggedItem

from . import compiled
from .models import Article, sections_prefetch

# Related articles are ranked among a bounded set of candidates, so their cost does
# not grow with the site: this many of the newest articles per tag, for at most
# this many of the article's tags, plus as many of the newest in its category.
RELATED_PER_TAG = 24
RELATED_TAGS_SEARCHED = 8


def page_queryset(queryset):
    """``queryset`` (of ``Article.objects.for_page()``) with the compiled page."""
    return compiled.with_page(queryset)


def prepare(article) -> None:
    """Set ``article.compiled`` (body and reading time) and ``compiled_meta``
    (metadata and what it depends on) from a row of ``page_queryset()``, both None
    when it has no current compiled page; then its sections are read (one query)."""
    if getattr(article, "stored_body", None) is None:
        article.compiled = article.compiled_meta = None
        prefetch_related_objects([article], sections_prefetch())
        return
    article.compiled = (article.stored_body, article.stored_minutes)
    article.compiled_meta = (article.stored_meta, article.stored_meta_dependencies)


def published_article(slug: str):
    """The published article at ``slug`` with everything its page shows (see
    ``prepare``), or None when there is no such article or readers may not see it."""
    found = list(
        page_queryset(Article.objects.published().for_page()).filter(slug=slug)[:1]
    )
    if not found:
        return None
    prepare(found[0])
    return found[0]


def related_articles(article, tag_ids: list, limit: int) -> list:
    """Other published articles sharing the most of ``tag_ids`` first, then those in
    the same category, newest first; ``article`` itself never. One query, with each
    one's compiled card (``Article.card_html``).

    Only a bounded set of candidates is ranked, so the cost does not grow with the
    number of articles: for each tag (the first ``RELATED_TAGS_SEARCHED``) the
    ``RELATED_PER_TAG`` most recently created articles carrying it, read backwards
    from the ``(tag, content type, object id)`` index, plus the ``RELATED_PER_TAG``
    newest published articles of the same category. Each candidate's shared tags
    are then counted from its own tag links, also by index. An older article
    outside both windows is not offered, even when it shares more tags.
    """
    searched = tag_ids[:RELATED_TAGS_SEARCHED]
    if not searched and not article.category_id:
        return []
    links = TaggedItem.objects.filter(
        content_type_id=ContentType.objects.get_for_model(Article).pk
    )
    candidates = [
        links.filter(tag_id=tag_id)
        .exclude(object_id=article.pk)
        .order_by("-object_id")
        .values("object_id")[:RELATED_PER_TAG]
        for tag_id in searched
    ]
    if article.category_id:
        candidates.append(
            Article.objects.published()
            .filter(category_id=article.category_id)
            .exclude(pk=article.pk)
            .order_by("-published_at", "-pk")
            .values("pk")[:RELATED_PER_TAG]
        )
    shared = Value(0)
    if tag_ids:
        shared = Coalesce(
            Subquery(
                links.filter(object_id=OuterRef("pk"), tag_id__in=tag_ids)
                .order_by()
                .values("object_id")
                .annotate(count=Count("pk"))
                .values("count")
            ),
            0,
        )
    ranked = (
        Article.objects.published()
        .among(candidates)
        .for_listing()
        .annotate(
            shared=shared,
            same_category=Case(
                When(category_id=article.category_id, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
        .order_by("-shared", "-same_category", "-published_at", "-pk")
    )
    return list(compiled.with_cards(ranked)[:limit])
