from django.conf import settings
from django.core.cache import cache

from articles.models import Category

NAV_CACHE_KEY = "nav-categories:v1"
NAV_CACHE_SECONDS = 300


def site(request):
    """Site-wide names and the category menu every public page shows.

    The menu is read lazily, so pages that don't render it (the admin) pay nothing,
    and cached briefly; saving a category clears it (articles/signals.py).
    """

    def nav_categories():
        categories = cache.get(NAV_CACHE_KEY)
        if categories is None:
            categories = list(Category.objects.only("name", "slug"))
            cache.set(NAV_CACHE_KEY, categories, NAV_CACHE_SECONDS)
        return categories

    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_TAGLINE": settings.SITE_TAGLINE,
        "nav_categories": nav_categories,
    }
