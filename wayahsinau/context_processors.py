from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from articles.addresses import site_links
from articles.caching import cached_for_pages, get_or_load
from articles.models import Category

NAV_CACHE_KEY = "nav-menu:v3"
NAV_CACHE_SECONDS = 300


def nav_menu(request=None) -> str:
    """The category menu's ``<li>`` items as HTML, cached briefly and cleared when a
    category is saved or deleted (articles/signals.py). Each process keeps its copy
    under the content version, which such a save changes too, so a page reads it
    from the cache only after a change."""

    def render() -> str:
        categories = Category.objects.only("name", "slug")
        return render_to_string("includes/nav_menu.html", {"categories": categories})

    def shared() -> str:
        return get_or_load(NAV_CACHE_KEY, render, NAV_CACHE_SECONDS)

    return cached_for_pages("nav", shared, request, keep=True)


def site(request):
    """Site-wide names and the category menu every public page shows.

    The menu is read lazily, so pages that don't render it (the admin) pay nothing.
    """

    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_TAGLINE": settings.SITE_TAGLINE,
        "site_links": site_links,
        "nav_menu": lambda: mark_safe(nav_menu(request)),  # noqa: S308 - rendered by its template
    }
