"""The article page's main column, built in Python.

It is the page readers reach most, and the one a burst of readers reaches cold
right after a publish. Through the template language its header, sections,
figures, ad slots and tags cost more than reading them from the database, so the
markup is written here once, with ``format_html``: titles, headings, captions,
names and tags are plain text and always escaped. Intros and section bodies are
rich text, sanitised on save (``articles/richtext.py``), and are the only HTML
passed through.
"""

import math
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ads.slots import slot_html
from wayahsinau.context_processors import site_links
from wayahsinau.html import format_html, format_html_join
from wayahsinau.pagecache import fill_ad_slots

from . import fragments
from .models import slug_urls

WORDS_PER_MINUTE = 200
# Tables of contents start at this many numbered sections.
TOC_MIN_SECTIONS = 3
_TAG = re.compile(r"<[^>]*>")
_LINK = re.compile(r"<a\s[^>]*>", re.IGNORECASE)
_HREF = re.compile(r'\shref="([^"]*)"')
_REL = re.compile(r'\srel="[^"]*"')


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


def _header(article, minutes: int) -> SafeString:
    sponsored = ""
    if article.is_sponsored:
        sponsored = format_html(
            '<p><span class="label label-sponsored">{}</span></p>', _("Advertorial")
        )
    author = ""
    if article.author:
        author = format_html(
            '<a href="{}">{}</a> · ',
            article.author.get_absolute_url(),
            article.author.name,
        )
    if article.published_at:
        when = format_html(
            '<time datetime="{}">{}, {} WIB</time>',
            fragments.iso_datetime(article.published_at),
            fragments.long_date(article.published_at),
            fragments.local_time(article.published_at),
        )
    else:
        when = _("Belum dijadwalkan")
    minutes = _("%(minutes)s menit baca") % {"minutes": minutes}
    return format_html(
        '<header class="article-header">\n    {}\n    <h1>{}</h1>\n'
        '    <p class="meta">\n      {}\n      {}\n      · {}\n    </p>\n'
        "  </header>\n",
        sponsored,
        article.title,
        author,
        when,
        minutes,
    )


def _breadcrumb(article) -> SafeString:
    category = ""
    if article.category:
        category = format_html(
            '<li><a href="{}">{}</a></li>',
            article.category.get_absolute_url(),
            article.category.name,
        )
    return format_html(
        '<nav class="breadcrumb" aria-label="{}">\n    <ol>\n'
        '      <li><a href="{}">{}</a></li>\n      {}\n    </ol>\n  </nav>\n',
        _("Remah roti"),
        site_links()["home"],
        _("Beranda"),
        category,
    )


def _table_of_contents(numbered) -> SafeString:
    if len(numbered) < TOC_MIN_SECTIONS:
        return mark_safe("")
    entries = format_html_join(
        "",
        '<li><a href="#{}">{}</a></li>',
        ((section.anchor, section.heading) for section in numbered),
    )
    return format_html(
        '<nav class="toc" aria-labelledby="judul-daftar-isi">\n'
        '  <h2 id="judul-daftar-isi">{}</h2>\n  <ol>{}</ol>\n</nav>\n',
        _("Daftar isi"),
        entries,
    )


def _section(request, article, section, counter: int) -> SafeString:
    number = f"{section.number}. " if section.number else ""
    figure = fragments.figure(section.figure, lazy=True) if section.figure else ""
    return format_html(
        '  <section class="article-section" id="{}">\n'
        "    <h2>{}{}</h2>\n    {}\n"
        '    <div class="prose">{}</div>\n  </section>\n  {}\n',
        section.anchor,
        number,
        section.heading,
        figure,
        sponsored_links(section.body, article.is_sponsored),
        # The slot renders and escapes its own blocks.
        mark_safe(slot_html(request, "in-article", article.category_id, counter)),  # noqa: S308
    )


def _tags(tags) -> SafeString:
    if not tags:
        return mark_safe("")
    tag_url = slug_urls("articles:tag")
    links = format_html_join(
        "",
        '<li><a href="{}">#{}</a></li>',
        ((tag_url(tag.slug), tag.name) for tag in tags),
    )
    return format_html(
        '<footer class="article-footer">\n'
        '    <h2 class="visually-hidden">{}</h2>\n'
        '    <ul class="tags">{}</ul>\n  </footer>\n',
        _("Tag"),
        links,
    )


def _author_credit(author) -> SafeString:
    if not author:
        return mark_safe("")
    return format_html(
        '<p class="author-credit">{}</p>',
        _("(Artikel ini ditulis oleh %(name)s)") % {"name": author.name},
    )


def article_body(request, article, sections) -> SafeString:
    """The article's own content in its main column: cover, intro with its
    dateline, table of contents, and the sections with their figures and the
    in-article ad slot. Compiled on save (``articles/compiled.py``)."""
    numbered = [section for section in sections if section.number]
    cover = fragments.figure(article.cover, lazy=False) if article.cover else ""
    body = "".join(
        _section(request, article, section, counter)
        for counter, section in enumerate(sections, start=1)
    )
    return format_html(
        '{}\n  <div class="intro prose">\n    {}\n  </div>\n  {}\n{}',
        cover,
        sponsored_links(article.intro_with_dateline(), article.is_sponsored),
        _table_of_contents(numbered),
        mark_safe(body),  # noqa: S308 - format_html output
    )


def article_main(request, article, sections, tags) -> SafeString:
    """The ``<article>`` element: breadcrumb, header, the article's body (its
    compiled one when the page read it, see ``articles/compiled.py``), tags and
    the author credit ("(Artikel ini ditulis oleh …)")."""
    compiled = getattr(article, "compiled", None)
    if compiled is None:
        body = article_body(request, article, sections)
        minutes = reading_minutes(article, sections)
    else:
        body, minutes = compiled
        if not getattr(request, "defer_ad_slots", False):
            body = fill_ad_slots(request, body)[0]
        body = mark_safe(body)  # noqa: S308 - rendered by article_body on save
    return format_html(
        '<article class="article">\n  {}  {}  {}  {}\n  {}\n</article>\n',
        _breadcrumb(article),
        _header(article, minutes),
        body,
        _tags(tags),
        _author_credit(article.author),
    )
