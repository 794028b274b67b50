"""The article page's reads.

One ORM query reads the article with its compiled page (``select_related``):
the stored ``<article>`` element, metadata and tag ids hold everything else the
page shows of it. A stale compiled page is rendered and stored again first
(``compiled.page_of``).

One more query ranks the related articles and reads their compiled cards. It is
the project's one hand-written SQL (``related_rows``): through the ORM
(``ranked_related``, the reference the tests compare it with) building it cost
more than running it, on every cold article page. It returns plain values, and
takes the published rule from ``ArticleQuerySet.published()`` itself
(``_published_sql``).
"""

import functools
from datetime import UTC, datetime

from django.contrib.contenttypes.models import ContentType
from django.db import connections, router
from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from taggit.models import TaggedItem

from . import compiled
from .models import Article, CompiledArticle

# Related articles are ranked among a bounded set of candidates, so their cost does
# not grow with the site: this many of the newest articles per tag, for at most
# this many of the article's tags, plus as many of the newest in its category.
RELATED_PER_TAG = 24
RELATED_TAGS_SEARCHED = 8


def page_queryset(queryset):
    """``queryset`` of articles with each one's compiled page, in the same query."""
    return queryset.select_related("compiled_page")


def prepare(article) -> None:
    """Set ``article.page``, its current compiled page (``compiled.page_of``)."""
    article.page = compiled.page_of(article)


def _links():
    """taggit's links of articles."""
    return TaggedItem.objects.filter(
        content_type_id=ContentType.objects.get_for_model(Article).pk
    )


def _same_category(article):
    """The newest published articles of ``article``'s category, as candidates."""
    return (
        Article.objects.published()
        .filter(category_id=article.category_id)
        .exclude(pk=article.pk)
        .order_by("-published_at", "-pk")
        .values("pk")[:RELATED_PER_TAG]
    )


def ranked_related(article, tag_ids: list, limit: int):
    """Other published articles sharing the most of ``tag_ids`` first, then those in
    the same category, newest first; ``article`` itself never. The rule, through
    the ORM; the article page runs it as ``related_rows``.

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
        return Article.objects.none()
    links = _links()
    candidates = [
        links.filter(tag_id=tag_id)
        .exclude(object_id=article.pk)
        .order_by("-object_id")
        .values("object_id")[:RELATED_PER_TAG]
        for tag_id in searched
    ]
    if article.category_id:
        candidates.append(_same_category(article))
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
    same_category = Value(0)
    if article.category_id:  # an article without a category shares none
        same_category = Case(
            When(category_id=article.category_id, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    return (
        Article.objects.published()
        .among(candidates)
        .annotate(shared=shared, same_category=same_category)
        .order_by("-shared", "-same_category", "-published_at", "-pk")[:limit]
    )


# A moment no query is ever asked about, standing for "now" in ``_published_sql``.
_NOW = datetime(2001, 2, 3, 4, 5, 6, 789012, tzinfo=UTC)


@functools.cache
def _published_sql(alias: str) -> tuple[str, tuple, tuple[int, ...]]:
    """``SELECT id FROM articles WHERE <published()>``: the published rule's own
    SQL, compiled once per database by the ORM with ``_NOW`` for the current time;
    its parameters; and the places of ``_NOW`` among them, where ``related_rows``
    puts the current time. The SQL text is the ORM's, unchanged."""
    connection = connections[alias]
    query = Article.objects.using(alias).published(now=_NOW).order_by().values("pk")
    sql, params = query.query.sql_with_params()
    marker = connection.ops.adapt_datetimefield_value(_NOW)
    places = tuple(
        index for index, value in enumerate(params) if value in (_NOW, marker)
    )
    return sql, tuple(params), places


def related_rows(article, tag_ids: list, limit: int) -> list[tuple]:
    """``ranked_related`` in one hand-written query, best first, as plain values:
    ``(id, card)``, the card None when the article has no current compiled one.

    The candidates are ranked on narrow rows; only the winners are joined to
    their compiled card."""
    searched = tag_ids[:RELATED_TAGS_SEARCHED]
    if not searched and not article.category_id:
        return []
    alias = router.db_for_read(Article)
    connection = connections[alias]
    quote = connection.ops.quote_name
    type_id = ContentType.objects.get_for_model(Article).pk
    links = quote(TaggedItem._meta.db_table)
    articles = quote(Article._meta.db_table)
    published, published_params, places = _published_sql(alias)
    published_params = list(published_params)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    for place in places:
        published_params[place] = now

    shared, shared_params = "0", []
    if tag_ids:
        placeholders = ", ".join(["%s"] * len(tag_ids))
        shared = (
            f'(SELECT COUNT(*) FROM {links} ti WHERE ti."content_type_id" = %s '
            f'AND ti."object_id" = a."id" AND ti."tag_id" IN ({placeholders}))'
        )
        shared_params = [type_id, *tag_ids]
    parts, candidate_params = [], []
    for number, tag_id in enumerate(searched):
        parts.append(
            f'SELECT * FROM (SELECT "object_id" FROM {links} '
            'WHERE "content_type_id" = %s AND "tag_id" = %s AND "object_id" <> %s '
            f'ORDER BY "object_id" DESC LIMIT {RELATED_PER_TAG}) AS tag_{number}'
        )
        candidate_params += [type_id, tag_id, article.pk]
    if article.category_id:
        parts.append(
            f'SELECT * FROM (SELECT c."id" FROM {articles} c '
            f'WHERE c."category_id" = %s AND c."id" <> %s AND c."id" IN ({published}) '
            'ORDER BY c."published_at" DESC, c."id" DESC '
            f"LIMIT {RELATED_PER_TAG}) AS same_category"
        )
        candidate_params += [article.category_id, article.pk, *published_params]
    candidates = " UNION ALL ".join(parts)
    # On PostgreSQL ``= ANY(ARRAY(…))`` runs the small candidate query once, first,
    # and fetches its rows by primary key, whatever the statistics say.
    if connection.vendor == "postgresql":
        in_candidates = f'a."id" = ANY(ARRAY({candidates}))'
    else:
        in_candidates = f'a."id" IN ({candidates})'
    compiled_table = quote(CompiledArticle._meta.db_table)
    sql = (
        'SELECT top."id", cp."card" FROM (SELECT a."id", a."published_at", '
        f'a."content_revision", {shared} AS shared, '
        'CASE WHEN a."category_id" = %s THEN 1 ELSE 0 END AS same_category '
        f'FROM {articles} a WHERE {in_candidates} AND a."id" IN ({published}) '
        'ORDER BY shared DESC, same_category DESC, a."published_at" DESC, '
        'a."id" DESC LIMIT %s) top '
        f'LEFT JOIN {compiled_table} cp ON cp."article_id" = top."id" '
        'AND cp."revision" = top."content_revision" AND cp."key" = %s '
        'ORDER BY top.shared DESC, top.same_category DESC, top."published_at" DESC, '
        'top."id" DESC'
    )
    params = [
        *shared_params,
        article.category_id,
        *candidate_params,
        *published_params,
        limit,
        compiled.key(),
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def related_articles(article, tag_ids: list, limit: int) -> list:
    """The related articles' cards for ``{% article_cards %}``, best first (see
    ``ranked_related``): the compiled card while it is current, otherwise the
    article itself, whose card the template renders (read in one more query, only
    then)."""
    rows = related_rows(article, tag_ids, limit)
    stale = [pk for pk, card in rows if not card]
    found = Article.objects.for_listing().in_bulk(stale) if stale else {}
    return [
        {"card_html": card} if card else found[pk]
        for pk, card in rows
        if card or pk in found
    ]
