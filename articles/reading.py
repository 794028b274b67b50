"""The article page's reads.

One ORM query reads the article with its category, author, cover, tags and its
compiled page (``select_related``); its sections are read only when it has
no current compiled page, which holds what they show.

One more query ranks the related articles and reads their compiled cards. It is
the project's one hand-written SQL (``related_rows``): through the ORM
(``ranked_related``, the reference the tests compare it with) building it cost
about twice what running it costs PostgreSQL, on every cold article page. It
returns plain values, and takes the published rule from
``ArticleQuerySet.published()`` itself.
"""

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
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from taggit.models import TaggedItem

from . import compiled
from .models import (
    Article,
    Author,
    Category,
    CompiledArticle,
    card_dependencies,
    sections_prefetch,
)

# Related articles are ranked among a bounded set of candidates, so their cost does
# not grow with the site: this many of the newest articles per tag, for at most
# this many of the article's tags, plus as many of the newest in its category.
RELATED_PER_TAG = 24
RELATED_TAGS_SEARCHED = 8


def page_queryset(queryset):
    """``queryset`` (of ``Article.objects.for_page()``) with each article's
    compiled page, in the same query."""
    return queryset.select_related("compiled_page")


def prepare(article) -> None:
    """Set ``article.compiled`` (body and reading time) and ``compiled_meta``
    (metadata and what it depends on) from a row of ``page_queryset()``, both None
    when it has no current compiled page; then its sections are read (one query)."""
    page = compiled.current_page(article)
    if page is None:
        article.compiled = article.compiled_meta = None
        prefetch_related_objects([article], sections_prefetch())
        return
    article.compiled = (page.body, page.minutes)
    article.compiled_meta = (page.meta, page.meta_dependencies)


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


def related_rows(article, tag_ids: list, limit: int) -> list[tuple]:
    """``ranked_related`` in one hand-written query, best first, as plain values:
    ``(id, card, card_dependencies, category slug, category name, author name)``,
    the card None when the article has no current compiled one.

    The candidates are ranked on narrow rows; only the winners are joined to
    their category, author and compiled card. The published rule is
    ``Article.objects.published()``'s own SQL, as a subquery."""
    searched = tag_ids[:RELATED_TAGS_SEARCHED]
    if not searched and not article.category_id:
        return []
    connection = connections[router.db_for_read(Article)]
    type_id = ContentType.objects.get_for_model(Article).pk
    links = connection.ops.quote_name(TaggedItem._meta.db_table)
    articles = connection.ops.quote_name(Article._meta.db_table)

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
        sql, params = _same_category(article).query.sql_with_params()
        parts.append(f"SELECT * FROM ({sql}) AS same_category")
        candidate_params += params
    candidates = " UNION ALL ".join(parts)
    # On PostgreSQL ``= ANY(ARRAY(…))`` runs the small candidate query once, first,
    # and fetches its rows by primary key, whatever the statistics say.
    if connection.vendor == "postgresql":
        in_candidates = f'a."id" = ANY(ARRAY({candidates}))'
    else:
        in_candidates = f'a."id" IN ({candidates})'
    published, published_params = (
        Article.objects.published().order_by().values("pk").query.sql_with_params()
    )
    compiled_table = connection.ops.quote_name(CompiledArticle._meta.db_table)
    category_table = connection.ops.quote_name(Category._meta.db_table)
    author_table = connection.ops.quote_name(Author._meta.db_table)
    sql = (
        'SELECT a."id", cp."card", cp."card_dependencies", c."slug", c."name", '
        f'au."name" FROM (SELECT a."id", a."published_at", {shared} AS shared, '
        'CASE WHEN a."category_id" = %s THEN 1 ELSE 0 END AS same_category '
        f'FROM {articles} a WHERE {in_candidates} AND a."id" IN ({published}) '
        'ORDER BY shared DESC, same_category DESC, a."published_at" DESC, '
        'a."id" DESC LIMIT %s) top '
        f'JOIN {articles} a ON a."id" = top."id" '
        f'LEFT JOIN {category_table} c ON c."id" = a."category_id" '
        f'LEFT JOIN {author_table} au ON au."id" = a."author_id" '
        f'LEFT JOIN {compiled_table} cp ON cp."article_id" = a."id" '
        'AND cp."revision" = a."content_revision" AND cp."key" = %s '
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
    ``ranked_related``): the compiled card while it names the category and author
    as they are now, otherwise the article itself, whose card the template
    renders (read in one more query, only then)."""
    cards = []
    stale = []
    for pk, card, dependencies, *names in related_rows(article, tag_ids, limit):
        if card and dependencies == card_dependencies(*names):
            cards.append({"card_html": card})
        else:
            cards.append(pk)
            stale.append(pk)
    if stale:
        found = Article.objects.for_listing().in_bulk(stale)
        cards = [found.get(card, card) if card in stale else card for card in cards]
        cards = [card for card in cards if not isinstance(card, int)]
    return cards
