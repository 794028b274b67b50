"""The category menu (``context_processors.nav_menu``) follows category changes
(connected by ``wayahsinau.apps.WayahsinauConfig``); cached pages follow every
change through the content version (``articles.caching``). A report that is
opened gets this process's pending counts (``ads.counting.counts_requested``)."""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from ads.counting import counts_requested
from articles.models import Category

from .context_processors import NAV_CACHE_KEY
from .tally import tally


@receiver([post_save, post_delete], sender=Category)
def forget_navigation(sender, **kwargs):
    # Again once the transaction commits: a page rendered in between must not
    # keep the old menu.
    cache.delete(NAV_CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(NAV_CACHE_KEY))


@receiver(counts_requested)
def push_tally(**kwargs):
    """Hand what this process counted to the shared counters before a report
    flushes them."""
    tally.push()
