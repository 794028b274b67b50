"""Article pages compiled on save.

An article's own content (the page's ``<article>`` element with its headline,
byline, cover, intro, table of contents, sections, tags and credit; its card;
the page's metadata) looks the same to every reader until the article changes.
It is rendered from its templates (``articles/rendering.py``) when the article
is saved, in the same transaction, and stored beside it (``CompiledArticle``), as
djangoproject.com's blog stores ``body_html``. The article page and the lists of
cards read it in the queries they already make (``current_page()``,
``with_cards()``). What is not the article's own (which articles are related, ad
picks) stays live; an in-article ad slot is stored as its placeholder.

A compiled page is used only while it is current:

- its ``revision`` is the article's ``content_revision``, a new random number on
  every change to the article, a section, a figure it shows (signals in
  ``articles/signals.py``; ``recompile``), and on every change to the category,
  author or tags it names (``mark_stale``). Changing the revision and the compiled
  page in one transaction keeps them consistent, and the revision update's row
  lock orders two concurrent edits of one article;
- its ``key`` is ``key()``: a hash of the code and templates that render it (and
  the message catalogues), and of the settings, language and address prefix it
  depends on. A deploy that changes any of them makes every compiled page stale.

A page whose compiled copy is stale renders it from the same templates and stores
it (``page_of``): slower once, never different. ``manage.py compile_articles``
renders every stale page ahead of readers after a deploy; after a change the key
cannot see (a template override outside ``templates/``), run it with ``--all``.
"""

import functools
import hashlib
import logging
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.signals import setting_changed
from django.db import DatabaseError, router, transaction
from django.db.models import Exists, F, FilteredRelation, OuterRef, Q
from django.dispatch import receiver
from django.urls import get_script_prefix
from django.utils import translation

from . import rendering
from .addresses import site_links
from .models import Article, CompiledArticle, Figure, Section, new_revision
from .richtext import figure_ids

logger = logging.getLogger(__name__)

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


# Read when the process starts (the app's signals import this module), so a
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


def page_of(article) -> CompiledArticle:
    """``article``'s current compiled page: the one read with it, or else rendered
    now from the same templates and stored, so the next reader finds it (after a
    deploy that changed the templates, or a renamed category)."""
    page = current_page(article)
    if page is not None:
        return page
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
