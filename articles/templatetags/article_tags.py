from datetime import datetime

from django import template
from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from articles import rendering, seo
from articles.addresses import site_links
from articles.caching import cached_for_pages
from articles.localcache import local_cache
from articles.models import Article
from articles.popularity import popular_since

register = template.Library()

POPULAR_LIMIT = 5


@register.simple_tag(takes_context=True)
def popular_articles(
    context, limit: int = POPULAR_LIMIT, placement: str = "sidebar"
) -> SafeString:
    """The most-read published articles of the last 7 days, in one query: as a
    sidebar ``<aside>``, or with ``placement="section"`` as a section of the page's
    main column (the home page); nothing at all when nobody has read anything yet.
    A count shows only from ``settings.WAYAHSINAU_POPULAR_MIN_VIEWS_SHOWN`` reads.

    Usage: ``{% popular_articles %}``, ``{% popular_articles 3 %}`` or
    ``{% popular_articles placement="section" %}``.

    The rendered list is shared by every page for a minute, under the page cache's
    content version, so an unpublished or expired article leaves it at once.
    """
    min_shown = settings.WAYAHSINAU_POPULAR_MIN_VIEWS_SHOWN

    def render() -> str:
        articles = Article.objects.published().for_listing().popular(popular_since())
        return render_to_string(
            "includes/popular_articles.html",
            {
                "articles": list(articles[:limit]),
                "in_sidebar": placement != "section",
                "min_shown": min_shown,
            },
        )

    name = f"popular:{limit}:{placement}:{min_shown}:{get_language()}"
    request = context.get("request")
    html = cached_for_pages(name, render, request, keep=True)
    return mark_safe(html)  # noqa: S308 - rendered by the template, which escapes


@register.filter
def angka(value) -> str:
    """An Indonesian number: 1234 → "1.234"."""
    return intcomma(value, use_l10n=True) if value is not None else ""


@register.filter
def iso_datetime(value: datetime | None) -> str:
    """``value`` in WIB for a ``datetime`` attribute: ``2026-11-27T09:30:00+07:00``.

    Django's ``c`` format keeps microseconds, which HTML does not allow.
    """
    return rendering.iso_datetime(value)


@register.filter
def long_date(value: datetime | None) -> str:
    """``value`` in WIB as "27 November 2026", whatever zone is active."""
    return rendering.long_date(value)


@register.filter
def local_time(value: datetime | None) -> str:
    """``value``'s time of day in WIB as "09.30"."""
    return rendering.local_time(value)


@register.filter
def summary(html: str, length: int = seo.DESCRIPTION_LENGTH) -> str:
    """Rich text or plain text as plain text of at most ``length`` characters
    (``seo.summarize``), for a lead story's summary; auto-escaped like any text.

    Usage: ``{{ article.intro|summary:200 }}``.
    """
    return seo.summarize(html, length)


@register.filter
def sponsored_links(html: str, is_sponsored: bool) -> SafeString:
    """Sanitised rich text, with ``rel="sponsored noopener noreferrer"`` on links
    leaving the site when the article is sponsored.

    Usage: ``{{ section.body|sponsored_links:article.is_sponsored }}``; only for
    rich text sanitised on save.
    """
    return rendering.sponsored_links(html, is_sponsored)


@register.simple_tag(takes_context=True)
def article_cards(context, articles, level: int = 3) -> SafeString:
    """The cards of ``articles`` (cover, category, title, author, date): the one
    compiled on save when the list read it (``reading.with_cards()``), else
    ``articles/_card.html``, through ``articles/_cards.html``. When every card was
    compiled, the stored cards are joined as they are, without the template's loop
    (0.4 M instructions for an article page's four related cards).

    Usage: ``<div class="grid">{% article_cards latest %}</div>`` or
    ``{% article_cards articles level=2 %}`` for cards whose title is an ``<h2>``.
    """
    articles = list(articles)
    cards = [article.card_html for article in articles]
    if all(cards):
        return mark_safe("".join(cards))  # noqa: S308 - each rendered by its template
    template = context.template.engine.get_template("articles/_cards.html")
    return template.render(context.new({"articles": articles, "level": level}))


# The empty search form every page's header shows, by language, field and
# address: the same for every page and reader, so rendered once per process.
_empty_search_forms: dict[tuple[str, str, str], str] = local_cache({})


@register.simple_tag
def search_form(query: str = "", field_id: str = "cari-q") -> SafeString:
    """The search form (``includes/search_form.html``); ``field_id`` tells the
    header's from the search page's. Every page but a search shows it empty: that
    one is rendered once per process (a fifth of the instructions of a rendered
    article page's layout went to rendering it on every page).

    Usage: ``{% search_form query %}`` or ``{% search_form query "cari-halaman" %}``.
    """
    action = site_links()["search"]
    context = {"action": action, "query": query, "field_id": field_id}
    if query:
        return mark_safe(render_to_string("includes/search_form.html", context))  # noqa: S308 - rendered by its template
    key = (get_language(), field_id, action)
    html = _empty_search_forms.get(key)
    if html is None:
        html = render_to_string("includes/search_form.html", context)
        _empty_search_forms[key] = html
    return mark_safe(html)  # noqa: S308 - rendered by its template, which escapes
