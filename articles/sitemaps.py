"""Sitemap sections for articles, categories, tags, authors and the newsroom's
pages.

Only what readers can see is listed: published articles, the categories, tags
and authors that have at least one of them, and the pages marked to show. Every
URL starts from ``settings.SITE_URL``.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse
from taggit.models import Tag, TaggedItem

from .models import Article, Author, Category, Page
from .pagination import CachedCountPaginator


class SiteSitemap(Sitemap):
    """A sitemap whose URLs use ``settings.SITE_URL``, not the request's host.
    ``request``, when given, is the one whose versions its count is cached
    under, so an index of several sections reads them once."""

    limit = 5000

    def __init__(self, request=None):
        self.request = request

    @property
    def protocol(self):
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc

    @property
    def paginator(self):
        # The index counts every section on every request; with 100,000 articles
        # those counts cost more than the rest of the index, so they are cached
        # like a category's.
        return CachedCountPaginator(
            self._items(),
            self.limit,
            count_key=f"sitemap:{type(self).__name__}",
            request=self.request,
        )


class ArticleSitemap(SiteSitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return (
            Article.objects.published()
            .only("slug", "updated_at", "published_at")
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, item):
        return item.updated_at


def _published_ids():
    return Article.objects.published().values("pk")


class CategorySitemap(SiteSitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return (
            Category.objects.filter(articles__in=_published_ids())
            .annotate(last_published=Max("articles__published_at"))
            .order_by("position", "name")
        )

    def lastmod(self, item):
        return item.last_published


class AuthorSitemap(SiteSitemap):
    changefreq = "weekly"
    priority = 0.4

    def items(self):
        return (
            Author.objects.filter(articles__in=_published_ids())
            .annotate(last_published=Max("articles__published_at"))
            .order_by("name")
        )

    def lastmod(self, item):
        return item.last_published


class TagSitemap(SiteSitemap):
    changefreq = "weekly"
    priority = 0.4

    def items(self):
        tagged = TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Article),
            object_id__in=_published_ids(),
        ).values("tag_id")
        return Tag.objects.filter(pk__in=tagged).order_by("name")

    def location(self, item):
        return reverse("articles:tag", args=[item.slug])


class PageSitemap(SiteSitemap):
    changefreq = "monthly"
    priority = 0.3

    def items(self):
        return Page.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at
