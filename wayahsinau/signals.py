"""The category menu and the footer (``context_processors``) follow changes to
what they show (connected by ``wayahsinau.apps.WayahsinauConfig``); cached pages
follow every change through the content version (``articles.caching``). A report
that is opened gets this process's pending counts
(``ads.counting.counts_requested``)."""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from ads.counting import counts_requested
from articles.models import Category, Page, SocialLink

from .context_processors import FOOTER_CACHE_KEY, NAV_CACHE_KEY
from .tally import tally


def _forget(keys: list[str]) -> None:
    # Again once the transaction commits: a page rendered in between must not
    # keep the old menu or footer.
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


@receiver([post_save, post_delete], sender=Category)
def forget_navigation(sender, **kwargs):
    _forget([NAV_CACHE_KEY, FOOTER_CACHE_KEY])


@receiver([post_save, post_delete], sender=Page)
@receiver([post_save, post_delete], sender=SocialLink)
def forget_footer(sender, **kwargs):
    _forget([FOOTER_CACHE_KEY])


@receiver(counts_requested)
def push_tally(**kwargs):
    """Hand what this process counted to the shared counters before a report
    flushes them."""
    tally.push()
