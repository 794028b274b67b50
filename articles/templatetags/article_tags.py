import math
import re
from datetime import datetime
from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.template.loader import render_to_string
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from articles import fragments
from articles.models import Article
from articles.popularity import popular_since
from wayahsinau import pagecache

register = template.Library()

POPULAR_LIMIT = 5
WORDS_PER_MINUTE = 200
_LINK = re.compile(r"<a\s[^>]*>", re.IGNORECASE)
_HREF = re.compile(r'\shref="([^"]*)"')
_REL = re.compile(r'\srel="[^"]*"')


@register.simple_tag
def popular_articles(limit: int = POPULAR_LIMIT) -> SafeString:
    """The most-read published articles of the last 7 days, in one query, as a
    sidebar ``<aside>``; nothing at all when nobody has read anything yet.

    Usage: ``{% popular_articles %}`` or ``{% popular_articles 3 %}``.

    The rendered list is shared by every page for a minute, under the page cache's
    content version, so an unpublished or expired article leaves it at once.
    """

    def render() -> str:
        articles = Article.objects.published().for_listing().popular(popular_since())
        return render_to_string(
            "includes/popular_articles.html", {"articles": list(articles[:limit])}
        )

    name = f"popular:{limit}:{get_language()}"
    return mark_safe(pagecache.cached_for_pages(name, render))  # noqa: S308 - rendered by the template, which escapes


@register.filter
def angka(value) -> str:
    """An Indonesian number: 1234 → "1.234"."""
    return intcomma(value, use_l10n=True) if value is not None else ""


@register.simple_tag
def reading_minutes(article, sections) -> int:
    """Estimated minutes to read the intro and ``sections`` (at least 1).

    Usage: ``{% reading_minutes article sections as minutes %}``.
    """
    texts = [article.intro] + [f"{s.heading} {s.body}" for s in sections]
    words = sum(len(strip_tags(text or "").split()) for text in texts)
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def _is_outgoing(href: str) -> bool:
    parts = urlsplit(href)
    site_host = urlsplit(settings.SITE_URL).hostname
    return parts.scheme in {"http", "https"} and parts.hostname not in {None, site_host}


@register.filter
def sponsored_links(html: str, is_sponsored: bool) -> SafeString:
    """Rich text with ``rel="sponsored noopener noreferrer"`` on every link leaving
    the site when the article is sponsored. ``html`` must be sanitised rich text.

    Usage: ``{{ section.body|sponsored_links:article.is_sponsored }}``.
    """
    html = str(html or "")
    if not is_sponsored:
        return mark_safe(html)  # noqa: S308 - sanitised on save (richtext.py)

    def mark(match: re.Match) -> str:
        tag = match.group(0)
        href = _HREF.search(tag)
        if not href or not _is_outgoing(href.group(1)):
            return tag
        tag = _REL.sub("", tag)
        return tag[:-1] + ' rel="sponsored noopener noreferrer">'

    return mark_safe(_LINK.sub(mark, html))  # noqa: S308 - sanitised on save


@register.filter
def iso_datetime(value: datetime | None) -> str:
    """``value`` in WIB for a ``datetime`` attribute: ``2026-11-27T09:30:00+07:00``.

    Django's ``c`` format keeps microseconds, which HTML does not allow.
    """
    return fragments.iso_datetime(value)


@register.simple_tag
def article_cards(articles, level: int = 3) -> SafeString:
    """The cards of ``articles`` (cover, category, title, author, date), built in
    Python: one tag for the whole list instead of an include per card.

    Usage: ``<div class="grid">{% article_cards latest %}</div>`` or
    ``{% article_cards articles level=2 %}`` for cards whose title is an ``<h2>``.
    """
    return fragments.article_cards(articles, level)


@register.simple_tag
def figure(figure, lazy: bool = True) -> SafeString:
    """A figure with its ``<picture>``, caption and source credit.

    Usage: ``{% figure section.figure %}``; ``{% figure article.cover lazy=False %}``
    for the cover, which should load at once.
    """
    return fragments.figure(figure, lazy)
