"""RSS and Atom feeds of the latest published articles, site-wide and per category.

Titles and descriptions are plain text, but feed readers take an RSS
``<description>``, an Atom ``<summary type="html">`` and (when it looks like markup)
an RSS ``<title>`` for HTML. So the text that goes there is HTML-escaped on top of
the XML escaping, and a description such as ``"><img src=x onerror=…>`` reaches the
reader as those characters, never as an element. Atom titles and subtitles are
``type="text"``, and author names and categories are metadata readers show as
text: they go as they are.

An article with notes (``ArticleNote``) says so: its Atom ``<updated>`` is its
newest note's time (else its publish time: a quiet fix moves no date), and in both
formats the newest note's kind is a category and ends the description
("Diperbarui 28 November 2026, 10.15 WIB: Ralat.").
"""

import html
import mimetypes

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure
from django.utils.translation import gettext_lazy as _

from .models import Article, ArticleNote, Category
from .rendering import local_time, long_date
from .seo import absolute_url, summarize

FEED_SIZE = 20


def as_html(text: str) -> str:
    """Plain ``text`` as HTML that shows exactly that text. Quotes are left alone:
    element content needs no escaping for them, and a reader that shows an RSS title
    as text then shows most titles as they were written."""
    return html.escape(text, quote=False)


class LatestArticlesFeed(Feed):
    """The latest published articles; every link points at ``settings.SITE_URL``."""

    language = "id"
    # Whether readers may take this format's titles for HTML (RSS) or not (Atom).
    titles_are_html = True

    def as_title(self, text: str) -> str:
        return as_html(text) if self.titles_are_html else text

    def heading(self, obj) -> str:
        return f"{settings.SITE_NAME}: {_('Artikel terbaru')}"

    def about(self, obj) -> str:
        return str(_("Artikel terbaru dari Wayah Sinau."))

    def title(self, obj):
        return self.as_title(self.heading(obj))

    def description(self, obj):
        return as_html(self.about(obj))  # RSS only; readers show it as HTML

    def subtitle(self, obj):
        return self.about(obj)  # Atom only, type="text"

    def link(self):
        return absolute_url(reverse("home"))

    def feed_url(self):
        return absolute_url(reverse("articles:feed"))

    def get_queryset(self, obj):
        # The newest note of each article, in the same query.
        notes = ArticleNote.objects.filter(article=OuterRef("pk")).order_by(
            "-noted_at", "-pk"
        )
        return (
            Article.objects.published()
            .for_listing()
            .annotate(
                last_noted_at=Subquery(notes.values("noted_at")[:1]),
                last_note_kind=Subquery(notes.values("kind")[:1]),
            )
        )

    def note_label(self, item) -> str:
        """The kind of ``item``'s newest note ("Ralat"), or "" without notes."""
        if not item.last_note_kind:
            return ""
        return str(ArticleNote.Kind(item.last_note_kind).label)

    def items(self, obj=None):
        return self.get_queryset(obj)[:FEED_SIZE]

    def item_title(self, item):
        return self.as_title(item.title)

    def item_description(self, item):
        # Both are plain text: ``summarize`` decodes the intro's entities.
        text = item.seo_description or summarize(item.intro, 500)
        if item.last_noted_at:
            moment = item.last_noted_at
            update = _("Diperbarui %(date)s, %(time)s WIB: %(kind)s.") % {
                "date": long_date(moment),
                "time": local_time(moment),
                "kind": self.note_label(item),
            }
            text = f"{text} ({update})" if text else update
        return as_html(text)

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_guid(self, item):
        return absolute_url(item.get_absolute_url())

    def item_author_name(self, item):
        return item.author.name if item.author else None

    def item_author_link(self, item):
        return absolute_url(item.author.get_absolute_url()) if item.author else None

    def item_categories(self, item):
        categories = [item.category.name] if item.category else []
        return categories + [label for label in [self.note_label(item)] if label]

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.last_noted_at or item.published_at

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
    titles_are_html = False

    def feed_url(self):
        return absolute_url(reverse("articles:feed-atom"))


class CategoryFeed(LatestArticlesFeed):
    """The latest published articles of one category."""

    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def heading(self, obj) -> str:
        return f"{settings.SITE_NAME}: {obj.name}"

    def about(self, obj) -> str:
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
    titles_are_html = False

    def feed_url(self, obj):
        return absolute_url(reverse("articles:category-feed-atom", args=[obj.slug]))
