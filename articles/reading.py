"""The article page's queries, written once as SQL.

The article page is the most read page, and the one a burst of readers reaches
cold right after a publish. Building its queries with the ORM cost more Python
than running them cost PostgreSQL (about 11 ms of query building and row handling
for 3 ms of SQL), so they are written here as SQL that SQLite and PostgreSQL both
run: one for the article with its tags and sections, one for related articles.
Their rows become the model instances the ORM would have built, with the same
relations cached (``select_related`` and the prefetched sections), so templates
and model methods can't tell the difference.

Every query goes through Django's cursor, so query budgets and the debug toolbar
see them, and reads follow the database router (the replica, when there is one).
"""

import re
from datetime import UTC, datetime
from functools import cache

import psycopg
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connections, router
from django.db.models.base import ModelState
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from . import compiled, fragments
from .models import Article, Author, Category, CompiledArticle, Figure, Section, TagRows

# Related articles are ranked among a bounded set of candidates, so their cost does
# not grow with the site: this many of the newest articles per tag, for at most
# this many of the article's tags, plus as many of the newest in its category.
RELATED_PER_TAG = 24
RELATED_TAGS_SEARCHED = 8


class Columns:
    """A model's columns in a hand-written ``SELECT``, and its instance from a row,
    converted as the ORM converts them (dates on SQLite, JSON, booleans)."""

    def __init__(self, model, alias: str, only: tuple[str, ...] = ()):
        """Every column of ``model``, or the primary key and the fields ``only``
        names; the rest are deferred, as with ``QuerySet.only()``."""
        self.model = model
        self.alias = alias
        self.fields = model._meta.concrete_fields
        if only:
            names = {model._meta.pk.name, *only}
            self.fields = [field for field in self.fields if field.name in names]
        self.attnames = [field.attname for field in self.fields]
        self.sql = ", ".join(f'{alias}."{field.column}"' for field in self.fields)
        self._converters = {}

    def __len__(self):
        return len(self.fields)

    def converters(self, connection) -> list:
        found = self._converters.get(connection.vendor)
        if found is not None:
            return found
        found = []
        for index, field in enumerate(self.fields):
            column = field.get_col(self.alias)
            functions = connection.ops.get_db_converters(
                column
            ) + field.get_db_converters(connection)
            if functions:
                found.append((index, column, functions))
        self._converters[connection.vendor] = found
        return found

    def instance(self, connection, row, start: int = 0):
        """The instance in ``row[start:start + len(self)]``; None when its primary
        key is NULL (an empty ``LEFT JOIN``).

        Built as ``Model.from_db`` leaves it (saved, from this database, the
        columns read and nothing else), but with the values set directly rather
        than through ``__init__``: a page builds a few dozen of these, and
        ``__init__`` with its ``pre_init``/``post_init`` signals cost more than
        the rest. ``post_init`` only fills an image's missing width and height by
        opening the file, which a page read has no business doing.
        """
        values = list(row[start : start + len(self.fields)])
        if values[0] is None:
            return None
        for index, column, functions in self.converters(connection):
            value = values[index]
            for function in functions:
                value = function(value, column, connection)
            values[index] = value
        instance = self.model.__new__(self.model)
        state = instance._state = ModelState()
        state.adding = False
        state.db = connection.alias
        instance.__dict__.update(zip(self.attnames, values, strict=True))
        return instance


# Everything the article page shows.
PAGE = (
    Columns(Article, "a"),
    Columns(Category, "c"),
    Columns(Author, "au"),
    Columns(Figure, "f"),
)
_PAGE_WIDTH = sum(len(columns) for columns in PAGE)
# In ``_article_sql``'s rows: the part (0 or 1), the article's columns, its tag rows,
# its id, its compiled body, reading time, metadata and what the metadata depends
# on, then a section's columns and its figure's.
_COMPILED_COLUMNS = 4
_SECTION_START = 1 + _PAGE_WIDTH + 2 + _COMPILED_COLUMNS
# What an article card shows (``fragments.CardRenderer``), and nothing more.
CARD = (
    Columns(
        Article,
        "a",
        only=(
            "title",
            "slug",
            "category",
            "author",
            "cover",
            "published_at",
            "is_sponsored",
        ),
    ),
    Columns(Category, "c", only=("name", "slug")),
    Columns(Author, "au", only=("name", "slug")),
    Columns(Figure, "f", only=("image", "width", "height", "renditions")),
)
# Where a card's row holds what ``fragments.card_dependencies`` reads.
_CARD_CATEGORY_NAME = len(CARD[0]) + CARD[1].attnames.index("name")
_CARD_CATEGORY_SLUG = len(CARD[0]) + CARD[1].attnames.index("slug")
_CARD_AUTHOR_NAME = len(CARD[0]) + len(CARD[1]) + CARD[2].attnames.index("name")
SECTION = Columns(Section, "s")
SECTION_FIGURE = Columns(Figure, "sf")

_CATEGORY = Article._meta.get_field("category")
_AUTHOR = Article._meta.get_field("author")
_COVER = Article._meta.get_field("cover")
_SECTION_ARTICLE = Section._meta.get_field("article")
_SECTION_FIGURE = Section._meta.get_field("figure")

# The article's compiled page (articles/compiled.py), when it is current.
_COMPILED = (
    f'LEFT JOIN "{CompiledArticle._meta.db_table}" cp ON cp."article_id" = a."id" '
    'AND cp."revision" = a."content_revision" AND cp."key" = %s'
)
# An article's category, author and compiled page; its (wide) cover figure only
# when it has no current compiled page, which shows the cover already. A cover left
# out is read on first use (``_with_relations``), as when metadata is built live.
_JOINS = (
    f'LEFT JOIN "{Category._meta.db_table}" c ON c."id" = a."category_id" '
    f'LEFT JOIN "{Author._meta.db_table}" au ON au."id" = a."author_id" '
    f"{_COMPILED} "
    f'LEFT JOIN "{Figure._meta.db_table}" f ON f."id" = '
    'CASE WHEN cp."article_id" IS NULL THEN a."cover_id" END'
)
# Each link as [link id, tag id, name, slug], as ``Article.tag_list()`` reads them.
_TAG_LINK = {"expressions": 'ti."id", ti."tag_id", t."name", t."slug"'}


class PreparedCursor(psycopg.Cursor):
    """A psycopg cursor that binds parameters on the server and prepares every
    statement it runs."""

    def execute(self, query, params=None, **kwargs):
        return super().execute(query, params, prepare=True)


def _cursor(connection):
    """Django's cursor. On PostgreSQL its statements are prepared: a connection
    plans each of the page's few query shapes once instead of on every request
    (planning cost PostgreSQL more than running them). Parameters then travel
    apart from the SQL, which is why ``now`` is a parameter and not a literal."""
    if connection.vendor != "postgresql" or not settings.DATABASE_PREPARED_STATEMENTS:
        return connection.cursor()
    # What ``connection.cursor()`` does (``BaseDatabaseWrapper._cursor``: health
    # check, connect, error wrapping, query logging), around our psycopg cursor
    # rather than a plain one opened and closed again.
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    with connection.wrap_database_errors:
        return connection._prepare_cursor(PreparedCursor(connection.connection))


_SENTINEL = datetime(2001, 2, 3, 4, 5, 6, tzinfo=UTC)
_WORD = re.compile(r"[a-z_]+")  # nothing to quote
_published_filters: dict[str, tuple[str, list, list[int]]] = {}


def _published_filter(connection) -> tuple[str, list, list[int]]:
    """``ArticleQuerySet.published()`` as SQL on the alias ``a``, compiled once per
    database from the queryset itself, so there is one rule for every surface:
    its SQL, its parameters, and which of those are the current time.

    Constant words (the status, "published") are written into the SQL, not passed
    as parameters: a prepared statement's generic plan can then use the partial
    indexes for published articles, which it cannot prove a parameter matches."""
    found = _published_filters.get(connection.vendor)
    if found is None:
        query = Article.objects.published(now=_SENTINEL).query
        compiler = query.get_compiler(connection=connection)
        sql, params = query.where.as_sql(compiler, connection)
        table = connection.ops.quote_name(Article._meta.db_table)
        moment = connection.ops.adapt_datetimefield_value(_SENTINEL)
        pieces = sql.replace(f"{table}.", "a.").split("%s")
        sql, kept = pieces[0], []
        for value, piece in zip(params, pieces[1:], strict=True):
            if isinstance(value, str) and _WORD.fullmatch(value):
                sql += f"'{value}'{piece}"
            else:
                sql += f"%s{piece}"
                kept.append(value)
        now_at = [index for index, value in enumerate(kept) if value == moment]
        found = (sql, kept, now_at)
        _published_filters[connection.vendor] = found
    return found


def _published_params(connection) -> list:
    """The parameters of ``_published_filter``, at the current time."""
    _sql, params, now_at = _published_filter(connection)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    params = list(params)
    for index in now_at:
        params[index] = now
    return params


def _article_type_id() -> int:
    return ContentType.objects.get_for_model(Article).pk


def _with_relations(columns, connection, row):
    """An article with its category, author and cover cached, as
    ``select_related`` gives it, from a row of ``columns`` (``PAGE`` or ``CARD``);
    a cover the row left out (see ``_JOINS``) is read if it is used."""
    article_columns, category_columns, author_columns, cover_columns = columns
    article = article_columns.instance(connection, row)
    start = len(article_columns)
    category = category_columns.instance(connection, row, start)
    _CATEGORY.set_cached_value(article, category)
    start += len(category_columns)
    _AUTHOR.set_cached_value(article, author_columns.instance(connection, row, start))
    start += len(author_columns)
    cover = cover_columns.instance(connection, row, start)
    if cover is not None or article.cover_id is None:
        _COVER.set_cached_value(article, cover)
    return article


def _select(columns) -> str:
    return ", ".join(c.sql for c in columns)


@cache
def _article_sql(vendor: str, published: str) -> str:
    tag_rows = (
        f"SELECT {TagRows.TEMPLATES[vendor] % _TAG_LINK} "
        f'FROM "{TaggedItem._meta.db_table}" ti '
        f'JOIN "{Tag._meta.db_table}" t ON t."id" = ti."tag_id" '
        'WHERE ti."content_type_id" = %s AND ti."object_id" = a."id"'
    )
    # The article's row first, then one row per section, in order: each part's
    # columns are NULL on the other's rows, so nothing wide is read twice. The
    # article is looked up once (a common table expression); LIMIT 1 because the
    # slug is unique. Sections are read only when the article has no current
    # compiled page, which holds what they show.
    page = (
        f'SELECT {_select(PAGE)}, ({tag_rows}), a."id" AS page_id, '
        'cp."body" AS compiled_body, cp."minutes", cp."meta", cp."meta_dependencies" '
        f'FROM "{Article._meta.db_table}" a {_JOINS} '
        f'WHERE a."slug" = %s AND {published} LIMIT 1'
    )
    section_width = len(SECTION) + len(SECTION_FIGURE)
    position = _SECTION_START + SECTION.attnames.index("position") + 1  # 1-based
    return (
        f"WITH page AS ({page}) "
        f"SELECT 0, page.*, {', '.join(['NULL'] * section_width)} FROM page "
        f"UNION ALL SELECT 1, "
        f"{', '.join(['NULL'] * (_PAGE_WIDTH + 2 + _COMPILED_COLUMNS))}, "
        f"{SECTION.sql}, {SECTION_FIGURE.sql} "
        f'FROM "{Section._meta.db_table}" s '
        f'LEFT JOIN "{Figure._meta.db_table}" sf ON sf."id" = s."figure_id" '
        'WHERE s."article_id" = '
        "(SELECT page_id FROM page WHERE compiled_body IS NULL) "
        f"ORDER BY 1, {position}"
    )


def published_article(slug: str):
    """The published article at ``slug`` with everything its page shows: category,
    author, cover, tags (``tag_rows``) and its compiled page (``compiled``: body and
    reading time; ``compiled_meta``: metadata and what it depends on), or, when it
    has no current one (both None), its sections with their figures, in order.
    None when there is no such article or readers may not see it. One query."""
    connection = connections[router.db_for_read(Article)]
    params = [
        _article_type_id(),
        compiled.key(),
        slug,
        *_published_params(connection),
    ]
    with _cursor(connection) as cursor:
        sql = _article_sql(connection.vendor, _published_filter(connection)[0])
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not rows:
        return None
    page = rows[0][1:]
    article = _with_relations(PAGE, connection, page)
    article.tag_rows = page[_PAGE_WIDTH]
    body, minutes, meta, meta_dependencies = page[_PAGE_WIDTH + 2 : _SECTION_START - 1]
    article.compiled = None if body is None else (body, minutes)
    article.compiled_meta = None if body is None else (meta, meta_dependencies)
    _attach_sections(article, connection, rows[1:], _SECTION_START)
    return article


def _attach_sections(article, connection, rows, start: int) -> None:
    """The sections in ``rows`` (each from column ``start``, with its figure after
    it), in order, into the cache that ``article.sections.all()`` answers from."""
    sections = []
    for row in rows:
        section = SECTION.instance(connection, row, start)
        _SECTION_ARTICLE.set_cached_value(section, article)
        figure = SECTION_FIGURE.instance(connection, row, start + len(SECTION))
        _SECTION_FIGURE.set_cached_value(section, figure)
        sections.append(section)
    queryset = Section.objects.all()
    queryset._result_cache = sections
    queryset._prefetch_done = True
    article._prefetched_objects_cache = {"sections": queryset}


@cache
def _related_sql(
    vendor: str, published: str, searched: int, shared: int, category: bool, limit: int
):
    """The related-articles query for ``searched`` tags' candidates, ``shared`` tags
    to count and, when ``category``, the newest of the article's category."""
    links = TaggedItem._meta.db_table
    parts = [
        f'SELECT * FROM (SELECT "object_id" FROM "{links}" '
        'WHERE "content_type_id" = %s AND "tag_id" = %s AND "object_id" <> %s '
        f'ORDER BY "object_id" DESC LIMIT {RELATED_PER_TAG}) AS tag_{number}'
        for number in range(searched)
    ]
    if category:
        parts.append(
            f'SELECT * FROM (SELECT a."id" FROM "{Article._meta.db_table}" a '
            f'WHERE a."category_id" = %s AND a."id" <> %s AND {published} '
            'ORDER BY a."published_at" DESC, a."id" DESC '
            f"LIMIT {RELATED_PER_TAG}) AS same_category"
        )
    candidates = " UNION ALL ".join(parts)
    # On PostgreSQL ``= ANY(ARRAY(…))`` runs the small candidate query once, first,
    # and fetches its rows by primary key, whatever the statistics say; as a
    # semi-join it may scan the whole table instead.
    if vendor == "postgresql":
        in_candidates = f'a."id" = ANY(ARRAY({candidates}))'
    else:
        in_candidates = f'a."id" IN ({candidates})'
    shared_count = "0"
    if shared:
        placeholders = ", ".join(["%s"] * shared)
        shared_count = (
            f'(SELECT COUNT(*) FROM "{links}" ti WHERE ti."content_type_id" = %s '
            f'AND ti."object_id" = a."id" AND ti."tag_id" IN ({placeholders}))'
        )
    # Rank the candidates on narrow rows first; only the winners are joined to
    # their category, author and compiled card, and to their (wide) cover figure
    # only when they have no current compiled one.
    return (
        f'SELECT {_select(CARD)}, cp."card", cp."card_dependencies" FROM ('
        f'SELECT a."id", a."published_at", {shared_count} AS shared, '
        'CASE WHEN a."category_id" = %s THEN 1 ELSE 0 END AS same_category '
        f'FROM "{Article._meta.db_table}" a '
        f"WHERE {in_candidates} AND {published} "
        'ORDER BY shared DESC, same_category DESC, a."published_at" DESC, a."id" DESC '
        f"LIMIT {int(limit)}) AS top "
        f'JOIN "{Article._meta.db_table}" a ON a."id" = top."id" {_JOINS} '
        'ORDER BY top.shared DESC, top.same_category DESC, top."published_at" DESC, '
        'top."id" DESC'
    )


def related_cards(article, tag_ids: list, limit: int) -> list[str]:
    """The cards of other published articles sharing the most of ``tag_ids`` first,
    then those in the same category, newest first; ``article`` itself never. One
    query. Each card is the one compiled on save while it is current and names the
    category and author as they are now (``fragments.card_dependencies``), else
    rendered now.

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
    connection = connections[router.db_for_read(Article)]
    type_id = _article_type_id()
    published = _published_params(connection)
    params = [type_id, *tag_ids] if tag_ids else []
    params.append(article.category_id)
    for tag_id in searched:
        params += [type_id, tag_id, article.pk]
    if article.category_id:
        params += [article.category_id, article.pk, *published]
    params += published
    params.append(compiled.key())
    sql = _related_sql(
        connection.vendor,
        _published_filter(connection)[0],
        len(searched),
        len(tag_ids),
        bool(article.category_id),
        limit,
    )
    with _cursor(connection) as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    cards = []
    renderer = None
    for row in rows:
        card, dependencies = row[-2:]
        if card and dependencies == fragments.card_dependencies(
            row[_CARD_CATEGORY_SLUG], row[_CARD_CATEGORY_NAME], row[_CARD_AUTHOR_NAME]
        ):
            cards.append(card)
            continue
        renderer = renderer or fragments.CardRenderer()
        cards.append(renderer.card(_with_relations(CARD, connection, row)))
    return cards
