from django.conf import settings
from django.db.models import F, Value
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from articles.addresses import site_links
from articles.caching import cached_for_pages, get_or_load
from articles.models import Category, Page, SocialLink, slug_urls

NAV_CACHE_KEY = "nav-menu:v4"
NAV_CACHE_SECONDS = 300
FOOTER_CACHE_KEY = "site-footer:v1"
# The footer's parts, in the one query that reads them (``footer_links``).
_PAGES, _CATEGORIES, _SOCIAL = 1, 2, 3


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


def footer_links() -> dict[int, list[tuple[str, str]]]:
    """``(name, address)`` of the footer's links, each part in its order: the
    pages shown (``_PAGES``), the categories (``_CATEGORIES``) and the social
    links (``_SOCIAL``), read in one query (``UNION ALL``), so that a page
    rendered without any cache stays within its budget."""

    def part(queryset, kind: int, name: str, target: str):
        return (
            queryset.order_by()
            .annotate(part=Value(kind), label=F(name), target=F(target))
            .values_list("part", "position", "label", "target")
        )

    rows = part(Page.objects.published(), _PAGES, "title", "slug").union(
        part(Category.objects.all(), _CATEGORIES, "name", "slug"),
        part(SocialLink.objects.all(), _SOCIAL, "name", "url"),
        all=True,
    )
    addresses = {
        _PAGES: slug_urls("articles:page"),
        _CATEGORIES: slug_urls("articles:category"),
        _SOCIAL: str,
    }
    links = {kind: [] for kind in addresses}
    for kind, _position, label, target in sorted(rows):
        links[kind].append((label, addresses[kind](target)))
    return links


def site_footer(request=None) -> str:
    """The footer every public page shows: the newsroom's pages, the categories
    and the social links set in the admin, as HTML. Kept like the menu: shared
    under ``FOOTER_CACHE_KEY``, cleared when one of them is saved or deleted
    (``wayahsinau/signals.py``), and by each process under the content version."""

    def render() -> str:
        links = footer_links()
        return render_to_string(
            "includes/site_footer.html",
            {
                "SITE_NAME": settings.SITE_NAME,
                "SITE_TAGLINE": settings.SITE_TAGLINE,
                "site_links": site_links(),
                "pages": links[_PAGES],
                "categories": links[_CATEGORIES],
                "social_links": links[_SOCIAL],
            },
        )

    def shared() -> str:
        return get_or_load(FOOTER_CACHE_KEY, render, NAV_CACHE_SECONDS)

    return cached_for_pages("footer", shared, request, keep=True)


def site(request):
    """Site-wide names, the category menu and the footer every public page shows.

    The menu and the footer are read lazily, so pages that don't render them (the
    admin) pay nothing.
    """

    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_TAGLINE": settings.SITE_TAGLINE,
        "site_links": site_links,
        "nav_menu": lambda: mark_safe(nav_menu(request)),  # noqa: S308 - rendered by its template
        "site_footer": lambda: mark_safe(site_footer(request)),  # noqa: S308 - rendered by its template
    }
