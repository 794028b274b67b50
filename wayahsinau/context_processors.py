from django.conf import settings
from django.utils.html import format_html_join

from articles.models import Category

from .cache import get_or_load

NAV_CACHE_KEY = "nav-categories:v2"
NAV_CACHE_SECONDS = 300


def nav_links() -> list[tuple[str, str]]:
    """The category menu as (address, name) pairs: cached briefly, and cleared when
    a category is saved or deleted (articles/signals.py). Plain strings, so a page
    neither unpickles models nor reverses a URL per category."""
    return get_or_load(
        NAV_CACHE_KEY,
        lambda: [
            (category.get_absolute_url(), category.name)
            for category in Category.objects.only("name", "slug")
        ],
        NAV_CACHE_SECONDS,
    )


def site(request):
    """Site-wide names and the category menu every public page shows.

    The menu is read lazily, so pages that don't render it (the admin) pay nothing.
    """

    def nav_menu():
        return format_html_join("", '<li><a href="{}">{}</a></li>', nav_links())

    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_TAGLINE": settings.SITE_TAGLINE,
        "nav_menu": nav_menu,
    }
