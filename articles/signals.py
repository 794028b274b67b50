import reversion
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_save,
    pre_delete,
    pre_save,
)
from django.dispatch import receiver
from django.urls import reverse
from taggit.models import Tag, TaggedItem

from .caching import bump_generation
from .compiled import mark_stale, recompile, showing
from .models import (
    Article,
    ArticleNote,
    Author,
    Category,
    Figure,
    Page,
    Redirect,
    Section,
    SocialLink,
)
from .redirects import remember_old_path
from .richtext import figure_ids
from .roles import apply_roles
from .search import refresh_search_document
from .text import strip_text_fields

# The public addresses named by a category's or an author's slug.
LIST_ADDRESSES = {
    Category: [
        "articles:category",
        "articles:category-feed",
        "articles:category-feed-atom",
    ],
    Author: ["articles:author"],
    Page: ["articles:page"],
}
# What readers see of these is on cached pages (articles/caching.py).
WATCHED_MODELS = (
    Article,
    Section,
    ArticleNote,
    Figure,
    Category,
    Author,
    Page,
    SocialLink,
    Redirect,
    Tag,
    TaggedItem,
)

# Every model of the project's apps and taggit's tags: see articles/text.py.
pre_save.connect(strip_text_fields, dispatch_uid="articles-strip-text-controls")


def refresh_roles(sender, using="default", **kwargs):
    if using == "default":
        apply_roles()


# Counters, the home page's choice, and how a change draft is tied to its live
# article (``livedrafts.py``): none of it is content an old revision brings back.
NOT_IN_REVISIONS = {
    "version",
    "content_revision",
    "is_lead",
    "draft_of",
    "base_version",
    "change_publish_at",
    "change_scheduled_by",
    "change_note_kind",
    "change_note_text",
}


def register_revisions():
    """Every saved revision holds the whole article: fields, sections in order,
    their figures, the cover and the tags. ``version`` is left out, because it
    counts saves and must never go back on restore, and ``is_lead``, the home
    page's choice rather than the article's content (only one article holds it).
    Its notes (``ArticleNote``) are left out too: restoring an old text never
    removes a correction readers were shown."""
    if reversion.is_registered(Article):
        return
    reversion.register(Figure)
    reversion.register(Tag)
    reversion.register(TaggedItem, follow=["tag"])
    # Which pictures a body places inside its text follows from the body: a
    # restored body sets them again (``sync_figures_in_text``), and a deleted
    # picture is then no error to restore.
    reversion.register(Section, follow=["figure"], exclude=["figures_in_text"])
    article_fields = [
        field.name
        for field in Article._meta.concrete_fields
        if field.name not in NOT_IN_REVISIONS
    ]
    reversion.register(
        Article,
        fields=article_fields,
        follow=["sections", "cover", "tagged_items"],
    )


@receiver(pre_save, sender=Article)
def note_previous_address(sender, instance, raw=False, **kwargs):
    """Remember the address readers knew: only an article they could see has one,
    so a scheduled article's new address never leaks through a redirect."""
    instance._previous_path = None
    if raw or not instance.pk:
        return
    previous = (
        Article.objects.published()
        .filter(pk=instance.pk)
        .values_list("slug", flat=True)
        .first()
    )
    if previous:
        instance._previous_path = Article(slug=previous).get_absolute_url()


@receiver(pre_save, sender=Category)
@receiver(pre_save, sender=Author)
@receiver(pre_save, sender=Page)
def note_previous_slug(sender, instance, raw=False, **kwargs):
    """A category's, author's or shown page's slug before this save: the address
    readers knew (a hidden page's new address never leaks through a redirect)."""
    instance._previous_slug = None
    if not raw and instance.pk:
        rows = sender.objects.filter(pk=instance.pk)
        if sender is Page:
            rows = rows.published()
        instance._previous_slug = rows.values_list("slug", flat=True).first()


@receiver(post_save, sender=Category)
@receiver(post_save, sender=Author)
@receiver(post_save, sender=Page)
def slug_changed(sender, instance, raw=False, **kwargs):
    """A renamed category's, author's or page's old addresses (its page and, for
    a category, its feeds) answer with a 301 to the new ones."""
    previous = getattr(instance, "_previous_slug", None)
    if raw or not previous or previous == instance.slug:
        return
    for name in LIST_ADDRESSES[sender]:
        remember_old_path(
            reverse(name, args=[previous]), reverse(name, args=[instance.slug])
        )


@receiver(post_save, sender=Article)
def article_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    previous = getattr(instance, "_previous_path", None)
    if previous:
        remember_old_path(previous, instance.get_absolute_url())
    refresh_search_document(instance)


def _deleting_article(origin) -> bool:
    """Whether a section's deletion comes from deleting its whole article (whose
    search document and compiled page go with it)."""
    return isinstance(origin, Article) or getattr(origin, "model", None) is Article


@receiver([post_save, post_delete], sender=Section)
def section_changed(sender, instance, raw=False, origin=None, **kwargs):
    if raw or _deleting_article(origin):
        return
    article = Article.objects.filter(pk=instance.article_id).first()
    if article is not None:
        refresh_search_document(article)


@receiver(post_save, sender=Section)
def sync_figures_in_text(sender, instance, **kwargs):
    """The pictures the body places inside its text, as rows a picture's uses
    and its changes can find (``Section.figures_in_text``); loaded and restored
    rows (``raw``) too. A reference to a deleted picture names none."""
    ids = figure_ids(instance.body)
    existing = Figure.objects.filter(pk__in=ids).values_list("pk", flat=True)
    instance.figures_in_text.set(list(existing))


@receiver(m2m_changed, sender=Article.tags.through)
def tags_changed(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and isinstance(
        instance, Article
    ):
        refresh_search_document(instance)
        recompile([instance.pk])  # the page's metadata names the tags


# Compiled pages (articles/compiled.py): every change to what they show compiles
# them again in the same transaction, loaded rows (``raw``) included.


@receiver(post_save, sender=Article)
def article_compiled(sender, instance, **kwargs):
    recompile([instance.pk])


@receiver([post_save, post_delete], sender=Section)
def section_compiled(sender, instance, origin=None, **kwargs):
    if not _deleting_article(origin):
        recompile([instance.article_id])


@receiver([post_save, post_delete], sender=ArticleNote)
def note_compiled(sender, instance, origin=None, **kwargs):
    # "Diperbarui", the notes at the end, the structured data: all compiled.
    if not _deleting_article(origin):
        recompile([instance.article_id])


@receiver(post_save, sender=Figure)
def figure_compiled(sender, instance, created=False, **kwargs):
    if not created:
        recompile(showing([instance]))


@receiver(pre_delete, sender=Figure)
def note_figure_readers(sender, instance, **kwargs):
    instance._shown_in = showing([instance])


@receiver(post_delete, sender=Figure)
def figure_deleted(sender, instance, **kwargs):
    # Its articles lost it (SET_NULL, without their own signals).
    recompile(getattr(instance, "_shown_in", ()))


def _articles_naming(instance):
    """The articles whose compiled pages name ``instance`` (a category, an author
    or a tag)."""
    if isinstance(instance, Category):
        return Article.objects.filter(category=instance)
    if isinstance(instance, Author):
        return Article.objects.filter(Q(author=instance) | Q(co_author=instance))
    return Article.objects.filter(tags__in=[instance])


@receiver(post_save, sender=Category)
@receiver(post_save, sender=Author)
@receiver(post_save, sender=Tag)
def names_changed(sender, instance, created=False, raw=False, **kwargs):
    """A renamed category, author or tag: the pages and cards that name it are
    rendered again (``compiled.mark_stale``)."""
    if not created and not raw:
        mark_stale(_articles_naming(instance))


@receiver(pre_delete, sender=Category)
@receiver(pre_delete, sender=Author)
@receiver(pre_delete, sender=Tag)
def named_deleted(sender, instance, **kwargs):
    mark_stale(_articles_naming(instance))


@receiver([post_save, post_delete])
@receiver(m2m_changed, sender=Article.tags.through)
def content_changed(sender, instance=None, raw=False, **kwargs):
    """Any change readers could see makes every cached page stale: now, and again
    once the transaction commits, so no request caches what was about to change.
    A bulk change no model signal reports (a rebuilt search index, renditions
    rewritten in place) calls ``bump_generation`` itself."""
    if raw or not isinstance(instance, WATCHED_MODELS):
        return
    bump_generation()
    transaction.on_commit(bump_generation)
