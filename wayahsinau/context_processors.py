import logging

from django.conf import settings
from django.core.cache import cache

from articles.models import Category

logger = logging.getLogger(__name__)

NAV_CACHE_KEY = "nav-categories:v1"
NAV_CACHE_SECONDS = 300


def site(request):
    """Site-wide names and the category menu every public page shows.

    The menu is read lazily, so pages that don't render it (the admin) pay nothing,
    and cached briefly; saving a category clears it (articles/signals.py).
    """

    def nav_categories():
        try:
            categories = cache.get(NAV_CACHE_KEY)
        except Exception:  # A dead cache costs a query, never the page.
            logger.warning("Menu cache unavailable", exc_info=True)
            return list(Category.objects.only("name", "slug"))
        if categories is None:
            categories = list(Category.objects.only("name", "slug"))
            try:
                cache.set(NAV_CACHE_KEY, categories, NAV_CACHE_SECONDS)
            except Exception:
                logger.warning("Could not cache the menu", exc_info=True)
        return categories

    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_TAGLINE": settings.SITE_TAGLINE,
        "nav_categories": nav_categories,
    }
