"""The fragments a page repeats many times (article cards, figures and their
``<picture>``), built in Python.

An ``{% include %}`` per card costs a new template context and a lookup of every
variable through several dictionaries; the home page shows about sixty cards. These
functions give the same markup as ``includes/picture.html`` did, escaping every
value with ``format_html``: titles, captions, alt text and names are plain text and
always escaped, and nothing here is marked safe that did not come from
``format_html``.
"""

from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from wayahsinau.html import format_html

from .images import picture_for
from .models import slug_urls

CARD_SIZES = "(min-width: 40rem) 22rem, calc(100vw - 2rem)"
FIGURE_SIZES = "(min-width: 44rem) 42rem, calc(100vw - 2rem)"
_LAZY = ' loading="lazy" decoding="async"'


def wib(value):
    """``value`` in the site's time zone (WIB), as ``timezone.localtime`` gives it
    when no other zone is active; pages always show WIB."""
    return value.astimezone(timezone.get_default_timezone())


def iso_datetime(value) -> str:
    """``value`` in WIB for a ``datetime`` attribute, without microseconds."""
    if not value:
        return ""
    return wib(value).isoformat(timespec="seconds")


def long_date(value) -> str:
    """``value`` in WIB as "28 November 2026": what ``date_format(…, "j F Y")``
    gives, without parsing the format string for every card."""
    local = wib(value)
    return _long_date(local, str(MONTHS[local.month]))


def _long_date(local, month: str) -> str:
    return f"{local.day} {month} {local.year}"


def local_time(value) -> str:
    """``value``'s time of day in WIB as "09.30"."""
    return wib(value).strftime("%H.%M")


def picture(figure, alt: str, sizes: str, lazy: bool) -> SafeString:
    """A figure's image: a ``<picture>`` of its renditions (WebP first), or the
    original image when it has none yet. Ends with a newline, as the include did."""
    image = figure.image
    lazy_attrs = _LAZY if lazy else ""
    rendition = picture_for(image, figure.renditions)
    if rendition is not None:
        return format_html(
            '<picture><source type="image/webp" srcset="{}" sizes="{}">'
            '<img src="{}" srcset="{}" sizes="{}" alt="{}" width="{}" height="{}"{}>'
            "</picture>\n",
            rendition.webp_srcset,
            sizes,
            rendition.src,
            rendition.srcset,
            sizes,
            alt,
            rendition.width,
            rendition.height,
            mark_safe(lazy_attrs),  # noqa: S308 - a constant
        )
    size = ""
    if figure.width:
        size = format_html(' width="{}" height="{}"', figure.width, figure.height)
    return format_html(
        '<img src="{}" alt="{}"{}{}>\n',
        image.url,
        alt,
        size,
        mark_safe(lazy_attrs),  # noqa: S308 - a constant
    )


def figure(figure, lazy: bool) -> SafeString:
    """``<figure>`` with the image and its caption and source credit."""
    caption = ""
    if figure.caption or figure.source:
        source = ""
        if figure.source:
            source = format_html(_(" (sumber: {})"), figure.source)
        caption = format_html("<figcaption>{}{}</figcaption>", figure.caption, source)
    return format_html(
        '<figure class="figure">\n  {}\n  {}\n</figure>\n',
        picture(figure, figure.alt_text, FIGURE_SIZES, lazy),
        caption,
    )


def card_cover(article, url: str) -> SafeString:
    """A card's cover image, linked to the article at ``url``; empty without one."""
    if not (article.cover_id and article.cover):
        return mark_safe("")
    return format_html(
        '<a href="{}" class="card-image" tabindex="-1" aria-hidden="true">{}</a>',
        url,
        picture(article.cover, "", CARD_SIZES, lazy=True),
    )


def card_dependencies(
    category_slug: str | None, category_name: str | None, author_name: str | None
) -> str:
    """What an article's card shows that is not the article's own (its category's
    address and name, its author's name) as one string that tells any two apart.
    A card compiled on save (``articles/compiled.py``) is shown only while this
    is unchanged."""
    return repr((category_slug, category_name, author_name))


class CardRenderer:
    """Renders a page's article cards. What every card of the page shares is looked
    up once: the address patterns, each category's address, each month's name."""

    def __init__(self):
        self._article_url = slug_urls("articles:detail")
        self._category_url = slug_urls("articles:category")
        self._category_urls = {}
        self._months = {}

    def category_url(self, category) -> str:
        url = self._category_urls.get(category.pk)
        if url is None:
            url = self._category_urls[category.pk] = self._category_url(category.slug)
        return url

    def date(self, value) -> tuple[str, str]:
        """``value`` for a ``datetime`` attribute and as "28 November 2026"."""
        local = wib(value)
        month = self._months.get(local.month)
        if month is None:
            month = self._months[local.month] = str(MONTHS[local.month])
        return local.isoformat(timespec="seconds"), _long_date(local, month)

    def card(self, article, level: int = 3) -> SafeString:
        """One article card: cover, category kicker, title, author and date."""
        url = self._article_url(article.slug)
        cover = card_cover(article, url)
        kicker = ""
        category = article.category
        if category is not None:
            label = ""
            if article.is_sponsored:
                label = format_html(
                    ' <span class="label label-sponsored">{}</span>', _("Advertorial")
                )
            kicker = format_html(
                '<p class="kicker"><a href="{}">{}</a>{}</p>',
                self.category_url(category),
                category.name,
                label,
            )
        author = format_html("{} · ", article.author.name) if article.author else ""
        iso, date = ("", "")
        if article.published_at:
            iso, date = self.date(article.published_at)
        return format_html(
            '<article class="card">\n  {}\n  <div class="card-body">\n    {}\n'
            '    <h{} class="card-title"><a href="{}">{}</a></h{}>\n'
            '    <p class="meta">{}<time datetime="{}">{}</time></p>\n'
            "  </div>\n</article>\n",
            cover,
            kicker,
            level,
            url,
            article.title,
            level,
            author,
            iso,
            date,
        )


def article_cards(articles, level: int = 3) -> SafeString:
    """The cards of ``articles``, one after the other."""
    renderer = CardRenderer()
    return mark_safe("".join(renderer.card(article, level) for article in articles))  # noqa: S308 - each card is format_html output
