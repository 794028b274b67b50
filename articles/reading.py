"""What readers read: the article page's reads, the stored cards lists show, and
which stored copy is current.

One ORM query reads the article with its compiled page (``select_related``):
the stored ``<article>`` element, metadata and tag ids hold everything else the
page shows of it. A stored copy is shown only while it is current
(``current_page``, ``with_cards``): rendered at the article's revision by this
code, these templates and settings (``key``; ``articles/compiled.py`` renders
and stores it on save, and the view has it rendered now when it is not).

One more query ranks the related articles and reads their compiled cards. It is
the project's one hand-written SQL (``related_rows``): through the ORM
(``ranked_related``, the reference the tests compare it with) building it cost
more than running it, on every cold article page. It returns plain values, and
takes the published rule and the same-category candidates from the ORM's own
SQL (``ArticleQuerySet.published()``, ``_same_category``; see ``_orm_sql``).
"""

import functools
import hashlib
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.core.signals import setting_changed
from django.db import connections, router
from django.db.models import (
    Case,
    Count,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.dispatch import receiver
from django.urls import get_script_prefix
from django.utils import timezone, translation
from taggit.models import TaggedItem

from .addresses import site_links
from .models import Article, CompiledArticle, CurrentTime

# What renders a compiled page: a change to any of these files makes it stale.
# Whole folders, not a list of files, so a new module or include is never missed.
_SOURCES = (
    "articles/**/*.py",
    "ads/placeholders.py",
    "ads/templatetags/*.py",
    "templates/articles/*.html",
    "templates/includes/*.html",
)
_ROOT = Path(__file__).resolve().parent.parent


def _sources_digest() -> bytes:
    digest = hashlib.sha256()
    for pattern in _SOURCES:
        for path in sorted(_ROOT.glob(pattern)):
            digest.update(path.read_bytes())
    for catalog in sorted(Path(settings.LOCALE_PATHS[0]).glob("*/LC_MESSAGES/*.mo")):
        digest.update(catalog.read_bytes())
    return digest.digest()


# Read when the process starts (the app's signals import ``compiled``, which
# imports this module), so a
# server keeps the key of the code it runs while a deploy replaces the files.
_SOURCES_DIGEST = _sources_digest()


@functools.cache
def _key(language: str, prefix: str) -> str:
    digest = hashlib.sha256(_SOURCES_DIGEST)
    for value in (
        language,
        prefix,
        settings.SITE_URL,
        settings.SITE_NAME,
        settings.MEDIA_URL,
        default_storage.url("x"),
        site_links()["logo"],  # in the metadata; hashed by the static files
    ):
        digest.update(str(value).encode() + b"\0")
    return digest.hexdigest()


def key(language: str | None = None) -> str:
    """What a compiled page must have been rendered with to be shown now: this
    code, these settings, ``language`` (the active one) and address prefix."""
    return _key(language or translation.get_language(), get_script_prefix())


@receiver(setting_changed)
def forget_key(**kwargs):
    _key.cache_clear()  # addresses or storage may differ now (tests)


# Related articles are ranked among a bounded set of candidates, so their cost does
# not grow with the site: this many of the newest articles per tag, for at most
# this many of the article's tags, plus as many of the newest in its category.
RELATED_PER_TAG = 24
RELATED_TAGS_SEARCHED = 8


# What the article page reads of an article and its compiled page: what tells
# whether readers may see it (``Article.is_visible``), its title, its category
# (for its ad slots) and whether its compiled page is current, then the stored
# page itself. A stale page reads the whole article again (``compiled.compile_now``).
PAGE_FIELDS = (
    "title",
    "category_id",
    "status",
    "published_at",
    "expires_at",
    "content_revision",
    "compiled_page__revision",
    "compiled_page__key",
    "compiled_page__body",
    "compiled_page__meta",
    "compiled_page__tag_ids",
)


def page_queryset(queryset):
    """``queryset`` of articles with each one's compiled page, in the same query,
    reading only the columns the article page shows (``PAGE_FIELDS``)."""
    return queryset.select_related("compiled_page").only(*PAGE_FIELDS)


def published_pages():
    """What readers may open of the article page: ``published()`` articles with
    their compiled pages (``page_queryset``). Built once per process, since
    building the published rule's filters cost more than running the query; its
    time is read each time it runs (``CurrentTime``). A fresh copy each call."""
    return _published_pages().all()


@functools.cache
def _published_pages():
    return page_queryset(Article.objects.published(now=CurrentTime()))


def _current(queryset):
    """``queryset`` joined to each article's compiled page while it is current (one
    ``LEFT JOIN``, as ``current_page``)."""
    return queryset.annotate(
        current_page=FilteredRelation(
            "compiled_page",
            condition=Q(
                compiled_page__revision=F("content_revision"),
                compiled_page__key=key(),
            ),
        )
    )


def with_cards(queryset, level: int = 3):
    """``queryset`` with each article's compiled card (``stored_card``, its title a
    heading of ``level`` 3 or 2) read in the same query while it is current, for
    ``Article.card_html`` and the ``{% article_cards %}`` tag."""
    card = "current_page__list_card" if level == 2 else "current_page__card"
    return _current(queryset).annotate(stored_card=F(card))


def current_page(article) -> CompiledArticle | None:
    """``article``'s compiled page, read with it (``select_related``), while it is
    current: compiled at its revision, by this code and these settings."""
    try:
        page = article.compiled_page
    except CompiledArticle.DoesNotExist:
        return None
    if page.revision != article.content_revision or page.key != key():
        return None
    return page


def _links():
    """taggit's links of articles."""
    return TaggedItem.objects.filter(
        content_type_id=ContentType.objects.get_for_model(Article).pk
    )


def _same_category(category_id, pk, articles=Article.objects, now=None):
    """The newest published articles of category ``category_id`` but article
    ``pk``, as candidates."""
    return (
        articles.published(now=now)
        .filter(category_id=category_id)
        .exclude(pk=pk)
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
        candidates.append(_same_category(article.category_id, article.pk))
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


# A moment no query is ever asked about, standing for "now" in ``_orm_sql``; and
# a category and an article that never exist, standing for the page's own.
_NOW = datetime(2001, 2, 3, 4, 5, 6, 789012, tzinfo=UTC)
_CATEGORY = -730_214_985
_ARTICLE = -730_214_986


@functools.cache
def _orm_sql(alias: str, name: str) -> tuple[str, tuple, tuple[tuple[int, str], ...]]:
    """The SQL of one of the ORM's queries ``related_rows`` is made of, compiled
    once per database with stand-ins for the values of a request; its parameters;
    and the places of the stand-ins among them, where ``related_rows`` puts the
    request's values (``"now"``, ``"category"``, ``"article"``). The SQL text is
    the ORM's, unchanged:

    - ``"published"``: ``id, category_id, published_at`` of the published articles
      (``ArticleQuerySet.published()``); on PostgreSQL, read from the index alone
      (``article_related_rank_idx``);
    - ``"same_category"``: the candidates of the article's category
      (``_same_category``), read newest first from ``article_category_list_idx``.
    """
    connection = connections[alias]
    articles = Article.objects.using(alias)
    if name == "published":
        query = (
            articles.published(now=_NOW)
            .order_by()
            .values("pk", "category_id", "published_at")
        )
    else:
        query = _same_category(_CATEGORY, _ARTICLE, articles, now=_NOW)
    sql, params = query.query.sql_with_params()
    now = (_NOW, connection.ops.adapt_datetimefield_value(_NOW))
    places = []
    for index, value in enumerate(params):
        if value in now:
            places.append((index, "now"))
        elif value == _CATEGORY:
            places.append((index, "category"))
        elif value == _ARTICLE:
            places.append((index, "article"))
    return sql, tuple(params), tuple(places)


def _sql(alias: str, name: str, values: dict) -> tuple[str, list]:
    """``_orm_sql`` with the request's ``values`` in place of the stand-ins."""
    sql, params, places = _orm_sql(alias, name)
    params = list(params)
    for index, value in places:
        params[index] = values[value]
    return sql, params


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
    values = {
        "now": connection.ops.adapt_datetimefield_value(timezone.now()),
        "category": article.category_id,
        "article": article.pk,
    }
    published, published_params = _sql(alias, "published", values)

    shared, shared_params = "0", []
    if tag_ids:
        placeholders = ", ".join(["%s"] * len(tag_ids))
        shared = (
            f'(SELECT COUNT(*) FROM {links} ti WHERE ti."content_type_id" = %s '
            f'AND ti."object_id" = p."pk" AND ti."tag_id" IN ({placeholders}))'
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
        same_category, same_category_params = _sql(alias, "same_category", values)
        parts.append(f"SELECT * FROM ({same_category}) AS same_category")
        candidate_params += same_category_params
    candidates = " UNION ALL ".join(parts)
    # On PostgreSQL ``= ANY(ARRAY(…))`` runs the small candidate query once, first,
    # and fetches its rows by primary key, whatever the statistics say.
    if connection.vendor == "postgresql":
        in_candidates = f'p."pk" = ANY(ARRAY({candidates}))'
    else:
        in_candidates = f'p."pk" IN ({candidates})'
    articles = quote(Article._meta.db_table)
    compiled_table = quote(CompiledArticle._meta.db_table)
    # The candidates are ranked on what the published articles' index holds; only
    # the winners' rows are read, for their revision, and joined to their card.
    sql = (
        'SELECT top."pk", cp."card" FROM (SELECT p."pk", p."published_at", '
        f"{shared} AS shared, "
        'CASE WHEN p."category_id" = %s THEN 1 ELSE 0 END AS same_category '
        f"FROM ({published}) p WHERE {in_candidates} "
        'ORDER BY shared DESC, same_category DESC, p."published_at" DESC, '
        'p."pk" DESC LIMIT %s) top '
        f'INNER JOIN {articles} a ON a."id" = top."pk" '
        f'LEFT JOIN {compiled_table} cp ON cp."article_id" = top."pk" '
        'AND cp."revision" = a."content_revision" AND cp."key" = %s '
        'ORDER BY top.shared DESC, top.same_category DESC, top."published_at" DESC, '
        'top."pk" DESC'
    )
    params = [
        *shared_params,
        article.category_id,
        *published_params,
        *candidate_params,
        limit,
        key(),
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def related_articles(article, tag_ids: list, limit: int) -> list:
    """The related articles' cards for ``{% article_cards %}``, best first (see
    ``ranked_related``, and ``with_stale_articles``)."""
    return with_stale_articles(related_rows(article, tag_ids, limit))


class Card(NamedTuple):
    """An article's compiled card, as ``{% article_cards %}`` shows it."""

    pk: int
    card_html: str


def cards(queryset, level: int = 3) -> list:
    """The cards of ``queryset``'s articles, in its order (see
    ``with_stale_articles``), read without building the articles."""
    rows = with_cards(queryset, level).values_list("pk", "stored_card")
    return with_stale_articles(rows)


def with_stale_articles(rows) -> list:
    """``rows`` of ``(pk, compiled card or None)`` for ``{% article_cards %}``: a
    ``Card`` while the compiled card is current, otherwise the article itself,
    whose card the template renders (read in one more query, only then)."""
    rows = list(rows)
    stale = [pk for pk, card in rows if not card]
    found = Article.objects.for_listing().in_bulk(stale) if stale else {}
    return [
        Card(pk, card) if card else found[pk]
        for pk, card in rows
        if card or pk in found
    ]
