"""Full-text search over published articles, on PostgreSQL and on SQLite.

Each article has one ``SearchDocument`` row holding its plain text. On PostgreSQL the
database keeps a stored, GIN-indexed ``tsvector`` column computed from that row
(configuration ``wayahsinau``: the ``simple`` parser with ``unaccent``, since
PostgreSQL has no Indonesian stemmer), so a query never rebuilds vectors. SQLite
matches every word of the query inside a stored lower-case, accent-free copy of the
text and ranks title matches first. Both return the same kind of queryset.
"""

import html
import re
import unicodedata
from typing import NamedTuple

from django.db import connection
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.utils.html import strip_tags

from .models import Article, SearchDocument
from .text import strip_controls

MAX_QUERY_LENGTH = 100
MAX_TERMS = 8
MAX_RESULTS = 200
SNIPPET_LENGTH = 220
SEARCH_CONFIG = "wayahsinau"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_WORD = re.compile(r"\w")


def normalize(text: str) -> str:
    """Lower case without accents: "Kafé" and "kafe" compare equal."""
    if not text or text.isascii():
        return (text or "").lower()  # nothing to fold: the common case, fast
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(
        char for char in decomposed if not unicodedata.combining(char)
    ).lower()


def clean_query(raw: str | None) -> str:
    """The query as we search it and show it back: control characters (NUL and
    bidirectional overrides included) removed, spaces collapsed, cut to
    ``MAX_QUERY_LENGTH`` characters."""
    text = strip_controls(_CONTROL.sub(" ", raw or ""))
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def query_terms(query: str) -> list[str]:
    """The normalised words of ``query``, at most ``MAX_TERMS``. Quotes and tokens
    made only of punctuation are dropped, as PostgreSQL's parser does."""
    words = normalize(query).replace('"', " ").split()
    return [word for word in words if _WORD.search(word)][:MAX_TERMS]


def _plain(value: str) -> str:
    return " ".join(html.unescape(strip_tags(value or "")).split())


def document_fields(
    title: str, intro: str, sections: list[dict], tag_names: list[str]
) -> dict:
    """The ``SearchDocument`` fields of an article made of these parts (sections
    as ``{"heading": …, "body": …}`` in their order)."""
    tags = " ".join(tag_names)
    headings = " ".join(section["heading"] for section in sections)
    body = " ".join(
        [_plain(intro)] + [_plain(section["body"]) for section in sections]
    ).strip()
    title = title or ""
    return {
        "title": title,
        "tags": tags,
        "headings": headings,
        "body": body,
        "normalized_title": normalize(title),
        "normalized": normalize(" ".join([title, tags, headings, body])),
    }


def refresh_search_document(article: Article) -> None:
    """Rebuild the search text of ``article`` from its title, intro, sections and
    tags. Call it once the whole article is saved (admin ``save_related``, the demo
    loader); the signals in ``articles/signals.py`` cover shell saves."""
    sections = list(article.sections.order_by("position").values("heading", "body"))
    tags = list(article.tags.values_list("name", flat=True))
    SearchDocument.objects.update_or_create(
        article=article,
        defaults=document_fields(article.title, article.intro, sections, tags),
    )


def ranked_ids(query: str) -> tuple[list[int], bool]:
    """The ids of the published articles matching ``query``, most relevant first,
    in one narrow query (the search page then reads only the rows it shows), and
    whether more articles matched than are listed.

    Only the ``MAX_RESULTS`` newest matches are ranked and listed, so a word that
    appears in every article costs the same as a rare one: a news reader wants the
    recent matches, and few page past the tenth page of a search.
    """
    ids = ranked(query).values_list("pk", flat=True)
    if connection.vendor == "postgresql":
        # Planned for this query and this moment: the best plan depends on how
        # common the words are (``_search_postgresql``), which the generic plan of
        # a prepared statement (settings: ``server_side_binding``), made once for
        # every query, cannot know. So the ORM's SQL is sent with its values
        # written in, quoted by psycopg, and is never prepared.
        sql, params = ids.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(connection.ops.compose_sql(sql, params))
            ids = [row[0] for row in cursor.fetchall()]
    else:
        ids = list(ids)
    return ids, len(ids) >= MAX_RESULTS


def ranked(query: str) -> QuerySet:
    base = Article.objects.published()
    if connection.vendor == "postgresql":
        return _search_postgresql(base, query)
    return _search_fallback(base, query)


def _newest(matching: QuerySet) -> QuerySet:
    return matching.order_by("-published_at", "-pk").values("pk")[:MAX_RESULTS]


def _search_postgresql(base: QuerySet, query: str) -> QuerySet:
    tsquery = f"websearch_to_tsquery('{SEARCH_CONFIG}', %s)"
    table = SearchDocument._meta.db_table
    # With a common word PostgreSQL walks the newest articles and stops after
    # MAX_RESULTS matches; with a rare one it reads the GIN index. Either way the
    # ranking below sees at most MAX_RESULTS rows.
    newest = _newest(
        Article.objects.published().filter(
            pk__in=RawSQL(
                f"SELECT article_id FROM {table} WHERE vector @@ {tsquery}",  # noqa: S608
                [query],
            )
        )
    )
    rank = RawSQL(
        f"SELECT ts_rank(d.vector, {tsquery}) FROM {table} d "  # noqa: S608
        f"WHERE d.article_id = {Article._meta.db_table}.id",
        [query],
    )
    return (
        base.filter(pk__in=newest)
        .annotate(rank=rank)
        .order_by("-rank", "-published_at", "-pk")
    )


def _search_fallback(base: QuerySet, query: str) -> QuerySet:
    terms = query_terms(query)
    if not terms:
        return base.none()
    condition = Q()
    title_hits = []
    for term in terms:
        # ``contains`` escapes % and _ itself, so they match literally.
        condition &= Q(search_document__normalized__contains=term)
        title_hits.append(
            When(search_document__normalized_title__contains=term, then=Value(1))
        )
    rank = sum(
        (
            Case(hit, default=Value(0), output_field=IntegerField())
            for hit in title_hits
        ),
        Value(0),
    )
    newest = _newest(Article.objects.published().filter(condition))
    return (
        base.filter(pk__in=newest)
        .annotate(rank=rank)
        .order_by("-rank", "-published_at", "-pk")
    )


class Piece(NamedTuple):
    """A run of snippet text, and whether it matches a query word."""

    text: str
    is_match: bool


def highlight(text: str, query: str, length: int = SNIPPET_LENGTH) -> list[Piece]:
    """An excerpt of ``text`` around the first query word, as plain-text pieces in
    their order, each query word a piece of its own with ``is_match`` set; no
    pieces when there is nothing to show. ``search.html`` draws them,
    marking the matches, and escapes all of the text."""
    full = text or ""
    terms = sorted(set(query_terms(query)), key=len, reverse=True)
    # Bodies can be long: map characters one by one only near the first match.
    folded_all = normalize(full)
    hits = [folded_all.find(term) for term in terms]
    near = min((hit for hit in hits if hit >= 0), default=0)
    low = max(0, near - length)
    window = full[low : low + 3 * length]

    # Map each character of the normalised window back to its place in ``window``.
    if window.isascii():
        folded, origin = [window.lower()], range(len(window))
    else:
        folded, origin = [], []
        for index, char in enumerate(window):
            for piece in normalize(char):
                folded.append(piece)
                origin.append(index)
    spans = []
    if terms:
        pattern = re.compile("|".join(re.escape(term) for term in terms))
        for match in pattern.finditer("".join(folded)):
            spans.append((origin[match.start()], origin[match.end() - 1] + 1))

    first = spans[0][0] if spans else 0
    start = max(0, first - length // 3)
    if low + start > 0:  # begin at a word
        space = window.rfind(" ", 0, start) if start else window.find(" ")
        start = space + 1 if 0 <= space < first or not spans else start
    end = min(len(window), start + length)
    if low + end < len(full):  # end at a word
        space = window.rfind(" ", start, end)
        end = space if space > start else end

    pieces, cursor = [], start
    for span_start, span_end in spans:
        if span_end <= cursor or span_start >= end:
            continue
        span_start = max(span_start, cursor)
        pieces.append(Piece(window[cursor:span_start], False))
        pieces.append(Piece(window[span_start:span_end], True))
        cursor = span_end
    pieces.append(Piece(window[cursor:end], False))
    pieces = _trimmed([piece for piece in pieces if piece.text])
    if low + start > 0:
        pieces.insert(0, Piece("… ", False))
    if low + end < len(full):
        pieces.append(Piece(" …", False))
    return pieces


def _trimmed(pieces: list[Piece]) -> list[Piece]:
    """``pieces`` without spaces at either end of the excerpt (a match never
    begins or ends with one: query words have none)."""
    if pieces and not pieces[0].is_match:
        pieces[0] = Piece(pieces[0].text.lstrip(), False)
    if pieces and not pieces[-1].is_match:
        pieces[-1] = Piece(pieces[-1].text.rstrip(), False)
    return [piece for piece in pieces if piece.text]
