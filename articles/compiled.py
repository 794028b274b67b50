"""Article pages compiled on save.

An article's own content (the page's ``<article>`` element with its headline,
byline, cover, intro, table of contents, sections, tags and credit; its card; the
page's metadata) looks the same to every reader until the article changes. It is
rendered from its templates (``articles/rendering.py``) when the article is saved,
in the same transaction, and stored beside it (``CompiledArticle``), as
djangoproject.com's blog stores ``body_html``. The article page and the lists of
cards read it in the queries they already make (``articles/reading.py``:
``current_page()``, ``with_cards()``). What is not the article's own (which articles
are related, ad picks) stays live; an in-article ad slot is stored as its
placeholder.

A compiled page is used only while it is current:

- its ``revision`` is the article's ``content_revision``, a new random number on
  every change to the article, a section, a figure it shows (signals in
  ``articles/signals.py``; ``recompile``), and on every change to the category,
  author or tags it names (``mark_stale``). Changing the revision and the compiled
  page in one transaction keeps them consistent, and the revision update's row
  lock orders two concurrent edits of one article;
- its ``key`` is ``reading.key()``: a hash of the code and templates that render it (and
  the message catalogues), and of the settings, language and address prefix it
  depends on. A deploy that changes any of them makes every compiled page stale.

A page whose compiled copy is stale renders it from the same templates and stores
it (``compile_now``): slower once, never different. ``manage.py compile_articles``
renders every stale page ahead of readers after a deploy; after a change the key
cannot see (a template override outside ``templates/``), run it with ``--all``.
"""

import logging
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DatabaseError, router, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import translation

from . import rendering
from .models import Article, CompiledArticle, Figure, Section, new_revision
from .reading import key
from .richtext import figure_ids

logger = logging.getLogger(__name__)

_batch: ContextVar[set | None] = ContextVar("compile_batch", default=None)


@contextmanager
def batched():
    """Compile each article changed inside the block once, when the block ends
    without an error, rather than on every change: an admin save changes the
    article, then each of its sections. Use it inside the saving transaction."""
    if _batch.get() is not None:
        yield  # an outer block compiles
        return
    pending: set[int] = set()
    token = _batch.set(pending)
    try:
        yield
    finally:
        _batch.reset(token)
    recompile(pending)


def recompile(article_ids) -> None:
    """Mark the articles ``article_ids`` changed and compile them again (at the end
    of a ``batched()`` block, if one is open). Call it inside the transaction that
    changes them (the signals do)."""
    ids = sorted({pk for pk in article_ids if pk is not None})
    if not ids:
        return
    pending = _batch.get()
    if pending is not None:
        pending.update(ids)
        return
    alias = router.db_for_write(Article)
    Article.objects.using(alias).filter(pk__in=ids).update(
        content_revision=new_revision()
    )
    compile_articles(ids, using=alias)


def render(article, using: str | None = None) -> CompiledArticle:
    """``article``'s compiled page, rendered now from its templates (``article``
    read with ``Article.objects.for_detail()``, from the database ``using``), not
    saved."""
    sections = article.numbered_sections()
    tags = article.tag_list()
    minutes = rendering.reading_minutes(article, sections)
    figures = figures_in_text(sections, using)
    return CompiledArticle(
        article_id=article.pk,
        revision=article.content_revision,
        key=key(),
        body=rendering.render_article(article, sections, tags, minutes, figures),
        minutes=minutes,
        card=rendering.render_card(article),
        list_card=rendering.render_card(article, level=2),
        meta=rendering.render_meta(article, tags),
        tag_ids=[tag.pk for tag in tags],
    )


def store(rows, using: str | None = None) -> None:
    """Save compiled pages, replacing what an article had."""
    CompiledArticle.objects.using(
        using or router.db_for_write(CompiledArticle)
    ).bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["article"],
        update_fields=[
            "revision",
            "key",
            "body",
            "minutes",
            "card",
            "list_card",
            "meta",
            "tag_ids",
        ],
    )


def compile_articles(article_ids, using: str | None = None) -> int:
    """Render and store the compiled pages of the articles ``article_ids`` (ignoring
    those that no longer exist) at their current revision. Returns how many."""
    alias = using or router.db_for_write(Article)
    articles = Article.objects.using(alias).for_detail().filter(pk__in=article_ids)
    with translation.override(settings.LANGUAGE_CODE):
        rows = [render(article, using=alias) for article in articles]
    store(rows, using=alias)
    return len(rows)


def mark_stale(articles) -> None:
    """Give ``articles`` (a queryset) a new revision, so their compiled pages and
    cards are rendered again, by the first page that shows them or by
    ``manage.py compile_articles``: for a change to what they show that is not their
    own (a category's, an author's or a tag's name), which may touch thousands of
    articles at once."""
    articles.update(content_revision=new_revision())


def compile_now(article) -> CompiledArticle:
    """``article``'s compiled page rendered now from its templates and stored, so the
    next reader finds it: for an article page whose stored copy is not current
    (``reading.current_page``), after a deploy that changed the templates or a
    renamed category. The page is shown even when the database refuses the
    write."""
    full = Article.objects.for_detail().get(pk=article.pk)
    page = render(full)
    try:
        with transaction.atomic():
            store([page])
    except DatabaseError:  # a read-only database: the page is shown all the same
        logger.warning("Could not store the compiled page of %s", article.pk)
    return page


def showing(figures) -> list[int]:
    """The ids of the articles that show one of ``figures`` (instances or a
    queryset), as their cover, as a section's picture or inside a section's
    text."""
    return [
        *Article.objects.filter(cover__in=figures).values_list("pk", flat=True),
        *Section.objects.filter(
            Q(figure__in=figures) | Q(figures_in_text__in=figures)
        ).values_list("article_id", flat=True),
    ]


def figures_in_text(sections, using: str | None = None) -> dict[int, Figure]:
    """The pictures that ``sections`` place inside their text, by id, in one
    query (none when they place none), from the database ``using`` (else the
    one reads go to). A deleted picture is simply absent."""
    ids = {pk for section in sections for pk in figure_ids(section.body)}
    if not ids:
        return {}
    figures = Figure.objects.using(using) if using else Figure.objects.all()
    return figures.in_bulk(ids)


def stale_articles():
    """The articles with no current compiled page (never compiled, or compiled by
    other code or settings), as a queryset."""
    current = CompiledArticle.objects.filter(
        article=OuterRef("pk"),
        revision=OuterRef("content_revision"),
        key=key(settings.LANGUAGE_CODE),
    )
    return Article.objects.exclude(Exists(current))
