"""The category menu (``context_processors.nav_menu``) follows category changes
(connected by ``wayahsinau.apps.WayahsinauConfig``); cached pages follow every
change through the content version (``articles.caching``)."""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from articles.models import Category

from .context_processors import NAV_CACHE_KEY


@receiver([post_save, post_delete], sender=Category)
def forget_navigation(sender, **kwargs):
    # Again once the transaction commits: a page rendered in between must not
    # keep the old menu.
    cache.delete(NAV_CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(NAV_CACHE_KEY))
