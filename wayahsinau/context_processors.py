from django.conf import settings

from articles.models import Category

from .cache import get_or_load

NAV_CACHE_KEY = "nav-categories:v1"
NAV_CACHE_SECONDS = 300


def site(request):
    """Site-wide names and the category menu every public page shows.

    The menu is read lazily, so pages that don't render it (the admin) pay nothing,
    and cached briefly; saving a category clears it (articles/signals.py).
    """

    def nav_categories():
        return get_or_load(
            NAV_CACHE_KEY,
            lambda: list(Category.objects.only("name", "slug")),
            NAV_CACHE_SECONDS,
        )

    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_TAGLINE": settings.SITE_TAGLINE,
        "nav_categories": nav_categories,
    }
