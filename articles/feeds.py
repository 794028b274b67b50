"""RSS and Atom feeds of the latest published articles, site-wide and per category."""

import mimetypes

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure
from django.utils.translation import gettext_lazy as _

from wayahsinau.seo import absolute_url, summarize

from .models import Article, Category

FEED_SIZE = 20


class LatestArticlesFeed(Feed):
    """The latest published articles; every link points at ``settings.SITE_URL``."""

    description = _("Artikel terbaru dari Wayah Sinau.")
    language = "id"

    def title(self):
        return f"{settings.SITE_NAME}: {_('Artikel terbaru')}"

    def link(self):
        return absolute_url(reverse("home"))

    def feed_url(self):
        return absolute_url(reverse("articles:feed"))

    def get_queryset(self, obj):
        return Article.objects.published().for_listing()

    def items(self, obj=None):
        return self.get_queryset(obj)[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.seo_description or summarize(item.intro, 500)

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_guid(self, item):
        return absolute_url(item.get_absolute_url())

    def item_author_name(self, item):
        return item.author.name if item.author else None

    def item_author_link(self, item):
        return absolute_url(item.author.get_absolute_url()) if item.author else None

    def item_categories(self, item):
        return [item.category.name] if item.category else []

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_enclosures(self, item):
        cover = item.cover
        if cover is None or not cover.image:
            return []
        try:
            length = cover.image.size
        except OSError:
            return []  # The file is missing from storage: no enclosure, no error.
        mime_type = mimetypes.guess_type(cover.image.name)[0] or "image/jpeg"
        return [Enclosure(absolute_url(cover.image.url), str(length), mime_type)]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description

    def feed_url(self):
        return absolute_url(reverse("articles:feed-atom"))


class CategoryFeed(LatestArticlesFeed):
    """The latest published articles of one category."""

    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def title(self, obj):
        return f"{settings.SITE_NAME}: {obj.name}"

    def description(self, obj):
        return obj.description or str(
            _("Artikel terbaru kategori %(name)s.") % {"name": obj.name}
        )

    def link(self, obj):
        return absolute_url(obj.get_absolute_url())

    def feed_url(self, obj):
        return absolute_url(reverse("articles:category-feed", args=[obj.slug]))

    def get_queryset(self, obj):
        return super().get_queryset(obj).in_category(obj)


class CategoryAtomFeed(CategoryFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)

    def feed_url(self, obj):
        return absolute_url(reverse("articles:category-feed-atom", args=[obj.slug]))
