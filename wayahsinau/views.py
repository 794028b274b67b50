import hashlib
from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps.views import SitemapIndexItem
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from articles import seo
from articles.addresses import canonical_redirect, page_query
from articles.caching import cached_for_pages
from articles.frontpage import front_page
from articles.models import Article
from articles.search import clean_query, highlight, ranked_ids

from . import pagecache
from .sitemaps import SITEMAPS

HOME_LATEST = 12
HOME_FEATURED = 3
HOME_PER_CATEGORY = 4
SEARCH_PAGE_SIZE = 10
NEWS_SITEMAP_HOURS = 48
NEWS_SITEMAP_LIMIT = 1000


def home(request):
    """The lead story, the featured articles, the latest, "Terpopuler", then a
    block per category (``articles.frontpage``)."""
    page = front_page(HOME_FEATURED, HOME_LATEST, HOME_PER_CATEGORY)
    return render(
        request,
        "home.html",
        {
            "lead": page.lead,
            "featured": page.featured,
            "latest": page.latest,
            "category_blocks": page.category_blocks,
            "page_meta": seo.home_meta(),
        },
    )


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


@require_safe
def search(request):
    """``/cari/?q=…``: published articles matching the query, paginated, never
    indexed. Only ``q`` and ``page`` are read, and only they are in its links;
    a page number is canonical or redirected, and malformed or out-of-range pages
    are 404 like every other list (``articles.addresses.canonical_redirect``)."""
    query = clean_query(request.GET.get("q"))
    redirect = canonical_redirect(request, "page", own={"q": query})
    if redirect is not None:
        return redirect
    page_obj, results, capped = None, [], False
    if query:
        ids, capped = _search_results(request, query)
        paginator = Paginator(ids, SEARCH_PAGE_SIZE)
        try:
            page_obj = paginator.page(request.GET.get("page") or 1)
        except InvalidPage:
            raise Http404(_("Halaman tidak ditemukan.")) from None
        # What a result shows: thumbnail, title, category, date and the snippet.
        rows = (
            Article.objects.published()
            .select_related("category", "cover", "search_document")
            .in_bulk(page_obj.object_list)
        )
        results = [
            (rows[pk], highlight(_snippet_source(rows[pk]), query))
            for pk in page_obj.object_list
            if pk in rows
        ]
    response = render(
        request,
        "search.html",
        {
            "query": query,
            "page_obj": page_obj,
            "page_query": page_query({"q": query}),
            "results": results,
            "capped": capped,
            "page_meta": seo.search_meta(query),
        },
    )
    response["X-Robots-Tag"] = "noindex, follow"
    return response


def _search_results(request, query: str) -> tuple[list[int], bool]:
    """The ranked ids of a query (only the newest matches: said on the page),
    shared by every reader asking the same thing for up to a minute, and never
    after an article is published, edited or withdrawn (the content version).

    Queries are endless, so they share ``SEARCH_CACHE_SLOTS`` entries: each query
    hashes to one slot, which holds the ranking of the first query to fill it for
    its minute. Junk queries can then take at most that many entries from the
    pages' cache; a query whose slot another holds is ranked afresh."""
    if pagecache.cache_disabled():
        return ranked_ids(query)
    key = query.casefold()  # the ranking ignores case: "Kopi" is "kopi"
    slot = int(hashlib.sha256(key.encode()).hexdigest()[:8], 16)
    slot %= settings.WAYAHSINAU_SEARCH_CACHE_SLOTS
    held_by, ranking = cached_for_pages(
        f"search:{slot}", lambda: (key, ranked_ids(query)), request
    )
    return ranking if held_by == key else ranked_ids(query)


def _snippet_source(article) -> str:
    document = getattr(article, "search_document", None)
    if document is None:
        return ""
    return " ".join(filter(None, [document.body, document.headings]))


@require_safe
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Disallow: {reverse('search')}",
        "",
        f"Sitemap: {seo.absolute_url(reverse('sitemap'))}",
        f"Sitemap: {seo.absolute_url(reverse('sitemap-news'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_safe
def sitemap_index(request):
    """``/sitemap.xml``: one entry per section page, addressed from SITE_URL."""
    entries = []
    for name, sitemap_class in SITEMAPS.items():
        location = seo.absolute_url(reverse("sitemap-section", args=[name]))
        pages = sitemap_class(request).paginator.num_pages
        entries.append(SitemapIndexItem(location, None))
        entries += [
            SitemapIndexItem(f"{location}?p={page}", None)
            for page in range(2, pages + 1)
        ]
    return TemplateResponse(
        request,
        "sitemap_index.xml",
        {"sitemaps": entries},
        content_type="application/xml",
    )


@require_safe
def news_sitemap(request):
    """A Google News sitemap: articles published in the last 48 hours."""
    since = timezone.now() - timedelta(hours=NEWS_SITEMAP_HOURS)
    articles = (
        Article.objects.published()
        .filter(published_at__gte=since)
        .only("title", "slug", "published_at")
        .order_by("-published_at", "-pk")[:NEWS_SITEMAP_LIMIT]
    )
    entries = [
        (seo.absolute_url(article.get_absolute_url()), article) for article in articles
    ]
    return TemplateResponse(
        request,
        "sitemap_news.xml",
        {"entries": entries, "publication": settings.SITE_NAME},
        content_type="application/xml",
    )
