"""The glue's receivers: cached pages and the category menu follow what the apps
change, so the apps need not know the page cache (connected by
``wayahsinau.apps.WayahsinauConfig``)."""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from taggit.models import Tag, TaggedItem

from articles.models import Article, Author, Category, Figure, Redirect, Section
from articles.signals import pages_changed

from .context_processors import NAV_CACHE_KEY
from .pagecache import bump_generation

# What readers see of these is on cached pages.
WATCHED_MODELS = (Article, Section, Figure, Category, Author, Redirect, Tag, TaggedItem)


@receiver([post_save, post_delete], sender=Category)
def forget_navigation(sender, **kwargs):
    # Again once the transaction commits: a page rendered in between must not
    # keep the old menu.
    cache.delete(NAV_CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(NAV_CACHE_KEY))


@receiver([post_save, post_delete])
@receiver(m2m_changed, sender=Article.tags.through)
def content_changed(sender, instance=None, raw=False, **kwargs):
    """Any change readers could see makes every cached page stale: now, and again
    once the transaction commits, so no request caches what was about to change."""
    if raw or not isinstance(instance, WATCHED_MODELS):
        return
    bump_generation()
    transaction.on_commit(bump_generation)


@receiver(pages_changed)
def pages_rebuilt(sender, **kwargs):
    """A bulk change no model signal reported (``articles.signals.pages_changed``)."""
    bump_generation()
