"""The article's costly parts, rendered from their templates.

An article's ``<article>`` element (``articles/_article.html``: headline, byline,
cover, intro with its dateline, table of contents, sections with their figures and
the in-article ad slots, tags, credit), its card
(``articles/_card.html``) and its page metadata (``includes/meta.html``) look the
same to every reader until the article changes. They are rendered when the article
is saved and stored beside it (``articles/compiled.py``), as djangoproject.com's
blog stores ``body_html``; a page renders them with these same functions when its
stored copy is not current. The templates are the only source of their markup.

A section's body is cut at its references (``articles/richtext.py``) into
``TextPart`` values: runs of its sanitised HTML, the pictures of the library it
places inside the text, which ``includes/rich_text.html`` renders with the same
template as a section's own picture (``includes/figure.html``), and its embeds,
rendered as click-to-load facades (``includes/embed.html``): nothing of the
provider loads until the reader asks (``static/js/embeds.js``).

The rest are small helpers for those templates: dates in WIB, the reading time,
the ``rel`` of a sponsored article's outgoing links and the share links.
"""

import math
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.safestring import SafeString, mark_safe

from . import seo
from .addresses import site_links
from .embeds import Embed
from .richtext import split_references

WORDS_PER_MINUTE = 200
# Tables of contents start at this many numbered sections.
TOC_MIN_SECTIONS = 3
_TAG = re.compile(r"<[^>]*>")
_LINK = re.compile(r"<a\s[^>]*>", re.IGNORECASE)
_HREF = re.compile(r'\shref="([^"]*)"')
_REL = re.compile(r'\srel="[^"]*"')


def wib(value):
    """``value`` in the site's time zone (WIB): pages always show WIB, whatever
    zone is active."""
    return value.astimezone(timezone.get_default_timezone())


def iso_datetime(value) -> str:
    """``value`` in WIB for a ``datetime`` attribute, without microseconds."""
    if not value:
        return ""
    return wib(value).isoformat(timespec="seconds")


def long_date(value) -> str:
    """``value`` in WIB as "28 November 2026"."""
    if not value:
        return ""
    local = wib(value)
    return f"{local.day} {MONTHS[local.month]} {local.year}"


def local_time(value) -> str:
    """``value``'s time of day in WIB as "09.30"."""
    if not value:
        return ""
    return wib(value).strftime("%H.%M")


def reading_minutes(article, sections) -> int:
    """Estimated minutes to read the intro and ``sections`` (at least 1)."""
    texts = [article.intro or ""]
    for section in sections:
        texts += [section.heading, section.body or ""]
    words = len(_TAG.sub("", " ".join(texts)).split())
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def _is_outgoing(href: str) -> bool:
    parts = urlsplit(href)
    site_host = urlsplit(settings.SITE_URL).hostname
    return parts.scheme in {"http", "https"} and parts.hostname not in {None, site_host}


def sponsored_links(html, is_sponsored: bool) -> SafeString:
    """Rich text with ``rel="sponsored noopener noreferrer"`` on every link leaving
    the site when the article is sponsored. ``html`` must be sanitised rich text."""
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


@dataclass(frozen=True)
class TextPart:
    """One piece of a section's body, in order: sanitised ``html``, a ``figure``
    of the library with the ``caption`` of this use, if any, or an ``embed``."""

    html: SafeString | str = ""
    figure: Any = None
    caption: str = ""
    embed: Embed | None = None


def text_parts(body: str, figures: dict, is_sponsored: bool) -> list[TextPart]:
    """``body`` (sanitised with references) as ``TextPart`` values; ``figures``
    holds the library's pictures by id, and a reference to one that is not there
    (deleted) renders nothing."""
    parts = []
    for piece in split_references(body):
        if isinstance(piece, str):
            parts.append(TextPart(html=sponsored_links(piece, is_sponsored)))
            continue
        if piece.embed is not None:
            parts.append(TextPart(embed=piece.embed))
            continue
        figure = figures.get(piece.figure_id)
        if figure is not None:
            caption = piece.attributes.get("data-caption", "")
            parts.append(TextPart(figure=figure, caption=caption))
    return parts


def share_links(title: str, url: str) -> list[tuple[str, str, str]]:
    """``(key, name, address)`` of the links that share the page ``url`` titled
    ``title`` on WhatsApp, Facebook, X and Telegram: plain links with the text and
    address filled in, so sharing loads nothing from those sites, and they learn
    of it only when the reader follows one."""

    def query(**values) -> str:
        return urlencode(values, quote_via=quote)

    return [
        ("whatsapp", "WhatsApp", "https://wa.me/?" + query(text=f"{title} {url}")),
        (
            "facebook",
            "Facebook",
            "https://www.facebook.com/sharer/sharer.php?" + query(u=url),
        ),
        ("x", "X", "https://x.com/intent/post?" + query(text=title, url=url)),
        (
            "telegram",
            "Telegram",
            "https://t.me/share/url?" + query(url=url, text=title),
        ),
    ]


def render_article(article, sections, tags, minutes: int, figures=None) -> str:
    """``articles/_article.html``, the page's ``<article>`` element, for
    ``article`` (read with ``for_detail()``, its notes too), its
    ``numbered_sections()``, its ``tag_list()``, its reading time and the
    pictures its sections place inside their text (by id)."""
    for section in sections:
        section.parts = text_parts(section.body, figures or {}, article.is_sponsored)
    numbered = [section for section in sections if section.number]
    has_embeds = any(part.embed for section in sections for part in section.parts)
    notes = list(article.notes.all())
    url = seo.absolute_url(article.get_absolute_url())
    context = {
        "article": article,
        "sections": sections,
        "tags": tags,
        "credits": article.credits(),
        "minutes": minutes,
        "toc": numbered if len(numbered) >= TOC_MIN_SECTIONS else [],
        "notes": notes,
        "updated_at": seo.modified_at(notes),
        "share_url": url,
        "share_links": share_links(article.title, url),
        "site_links": site_links(),
        "has_embeds": has_embeds,
    }
    return render_to_string("articles/_article.html", context)


def render_card(article, level: int = 3) -> str:
    """``articles/_card.html``: cover, category kicker, title, author and date."""
    return render_to_string("articles/_card.html", {"article": article, "level": level})


def render_meta(article, tags) -> str:
    """``includes/meta.html`` with the article page's metadata."""
    return render_to_string(
        "includes/meta.html", {"page_meta": seo.article_meta(article, tags)}
    )
