from django.conf import settings
from django.utils.safestring import mark_safe

from articles.models import Category

from .cache import get_or_load
from .html import format_html_join

NAV_CACHE_KEY = "nav-menu:v3"
NAV_CACHE_SECONDS = 300


def nav_menu() -> str:
    """The category menu's ``<li>`` items: cached briefly as HTML, and cleared when
    a category is saved or deleted (articles/signals.py)."""

    def render() -> str:
        categories = Category.objects.only("name", "slug")
        return format_html_join(
            "",
            '<li><a href="{}">{}</a></li>',
            ((category.get_absolute_url(), category.name) for category in categories),
        )

    return get_or_load(NAV_CACHE_KEY, render, NAV_CACHE_SECONDS)


def site(request):
    """Site-wide names and the category menu every public page shows.

    The menu is read lazily, so pages that don't render it (the admin) pay nothing.
    """

    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_TAGLINE": settings.SITE_TAGLINE,
        "nav_menu": lambda: mark_safe(nav_menu()),  # noqa: S308 - built by format_html
    }
