"""Page metadata for search engines and social networks, built in one place.

Views put a ``PageMeta`` in the context as ``page_meta``; ``includes/meta.html``
writes it inside ``base.html``'s ``meta`` block: description, canonical URL,
robots, Open Graph, Twitter card and JSON-LD. The template escapes every value,
and JSON-LD escapes ``<``, ``>`` and ``&`` so no title can close its ``<script>``.
Absolute URLs always start from ``settings.SITE_URL``.
"""

import html
import json
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from .addresses import site_links
from .models import ArticleNote

DESCRIPTION_LENGTH = 160
HEADLINE_LENGTH = 110
LOGO_SIZE = (600, 60)

# ``replace`` three times: ``str.translate`` looks up every character of the text.
_JSON_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"))


def absolute_url(path: str) -> str:
    """``path`` on the public site, e.g. "/artikel/x/" → "https://…/artikel/x/"."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL.rstrip("/") + path


def json_ld(data: dict | list) -> SafeString:
    """``data`` as JSON for a ``<script type="application/ld+json">``: ``<``, ``>``
    and ``&`` are escaped, so ``</script>`` in any value stays inert."""
    text = json.dumps(data, ensure_ascii=False)
    for character, escaped in _JSON_ESCAPES:
        text = text.replace(character, escaped)
    return mark_safe(text)  # noqa: S308 - JSON with nothing that can close the script


def truncated(text: str, length: int) -> str:
    """``Truncator(text).chars(length)``; a text that fits, already in the NFC form
    that Truncator normalises to, is returned as it is without Truncator's walk
    over every character (most titles and descriptions)."""
    if len(text) <= length and unicodedata.is_normalized("NFC", text):
        return text
    return Truncator(text).chars(length)


def summarize(html_or_text: str, length: int = DESCRIPTION_LENGTH) -> str:
    """Plain text of at most ``length`` characters, for descriptions.

    The result is text, not HTML: entities are decoded, so an intro that shows
    "&lt;script&gt;" to readers gives the characters ``<script>``. Escape it for
    wherever it goes, as ``format_html``, templates and the feeds
    (``articles.feeds.as_html``) do; never mark it safe."""
    text = " ".join(html.unescape(strip_tags(html_or_text or "")).split())
    return truncated(text, length)


def iso(moment) -> str:
    """``moment`` in WIB, whatever zone is active."""
    if not moment:
        return ""
    return moment.astimezone(timezone.get_default_timezone()).isoformat()


@dataclass
class PageMeta:
    title: str
    description: str
    canonical: str
    og_type: str = "website"
    robots: str = ""
    image: dict | None = None
    article_properties: list[tuple[str, str]] = field(default_factory=list)
    twitter_labels: list[tuple[str, str]] = field(default_factory=list)
    structured_data: list[dict] = field(default_factory=list)

    @property
    def open_graph(self) -> list[tuple[str, str]]:
        pairs = [
            ("og:site_name", settings.SITE_NAME),
            ("og:locale", "id_ID"),
            ("og:type", self.og_type),
            ("og:title", self.title),
            ("og:description", self.description),
            ("og:url", self.canonical),
        ]
        if self.image:
            pairs += [
                ("og:image", self.image["url"]),
                ("og:image:width", str(self.image["width"] or "")),
                ("og:image:height", str(self.image["height"] or "")),
                ("og:image:alt", self.image["alt"]),
            ]
        return pairs + self.article_properties

    @property
    def twitter(self) -> list[tuple[str, str]]:
        pairs = [
            ("twitter:card", "summary_large_image" if self.image else "summary"),
            ("twitter:title", self.title),
            ("twitter:description", self.description),
        ]
        if self.image:
            pairs += [
                ("twitter:image", self.image["url"]),
                ("twitter:image:alt", self.image["alt"]),
            ]
        for number, (label, data) in enumerate(self.twitter_labels, start=1):
            pairs += [
                (f"twitter:label{number}", label),
                (f"twitter:data{number}", data),
            ]
        return pairs

    @property
    def json_ld(self) -> list[SafeString]:
        """Each of ``structured_data`` as escaped JSON (``json_ld()``)."""
        return [json_ld(data) for data in self.structured_data]


def publisher() -> dict:
    width, height = LOGO_SIZE
    return {
        "@type": "Organization",
        "name": settings.SITE_NAME,
        "url": absolute_url("/"),
        "logo": {
            "@type": "ImageObject",
            "url": absolute_url(site_links()["logo"]),
            "width": width,
            "height": height,
        },
    }


def breadcrumbs(items: list[tuple[str, str]]) -> dict:
    """A BreadcrumbList from (name, absolute URL) pairs."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": number, "name": name, "item": url}
            for number, (name, url) in enumerate(items, start=1)
        ],
    }


def figure_image(figure) -> dict | None:
    if figure is None or not figure.image:
        return None
    return {
        "url": absolute_url(figure.image.url),
        "width": figure.width,
        "height": figure.height,
        "alt": figure.alt_text,
    }


def article_description(article) -> str:
    """The SEO description, else the article's first text: its intro, the first
    section body with text, a heading, or at least its title (an imported article
    may have no intro; a description is never empty)."""
    if article.seo_description:
        return article.seo_description  # plain text, as the editor typed it
    sections = list(article.sections.all())
    texts = [article.intro]
    texts += [section.body for section in sections]
    texts += [section.heading for section in sections]
    texts.append(article.title)
    return next((text for text in map(summarize, texts) if text), "")


def person(credit) -> dict:
    """A schema.org Person for one of ``Article.credits()``; a guest contributor
    has no page to link."""
    data = {"@type": "Person", "name": credit.name}
    if credit.url:
        data["url"] = absolute_url(credit.url)
    return data


def modified_at(notes):
    """When an article last changed for its readers: its newest note's time
    (``ArticleNote``: a correction, an update, a right of reply), or None. A quiet
    fix of a typo makes no note, so it moves no date: the page's "Diperbarui",
    ``dateModified`` and the feeds' ``updated`` agree."""
    return max((note.noted_at for note in notes), default=None)


def correction(note) -> dict:
    """A "Ralat" as schema.org's ``CorrectionComment``."""
    return {
        "@type": "CorrectionComment",
        "text": summarize(note.text, 5000),
        "datePublished": iso(note.noted_at),
    }


def article_meta(article, tags) -> PageMeta:
    """Metadata of an article page: og:type article, NewsArticle and breadcrumbs.

    A sponsored article is typed ``AdvertiserContentArticle`` as well and labelled
    "Advertorial" in its card, so nobody takes it for editorial content; once
    Sales has tied it to its sponsor (``articles/sponsorship.py``), the sponsor is
    named as its ``sponsor`` Organization and in the card's label. Its notes (read
    with it: ``for_detail()``) date its last change (``modified_at``); each
    correction among them is a ``correction``.
    """
    canonical = absolute_url(article.get_absolute_url())
    description = article_description(article)
    image = figure_image(article.cover)
    tag_names = [tag.name for tag in tags]
    notes = list(article.notes.all())
    modified = modified_at(notes) or article.published_at or article.updated_at
    properties = [
        ("article:published_time", iso(article.published_at)),
        ("article:modified_time", iso(modified)),
    ]
    credits = article.credits()
    properties += [
        ("article:author", absolute_url(credit.url)) for credit in credits if credit.url
    ]
    if article.category:
        properties.append(("article:section", article.category.name))
    properties += [("article:tag", name) for name in tag_names]

    news = {
        "@context": "https://schema.org",
        "@type": ["NewsArticle", "AdvertiserContentArticle"]
        if article.is_sponsored
        else "NewsArticle",
        "headline": truncated(article.title, HEADLINE_LENGTH),
        "description": description,
        "url": canonical,
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "inLanguage": "id",
        "datePublished": iso(article.published_at),
        "dateModified": iso(modified),
        "publisher": publisher(),
    }
    corrections = [
        correction(note) for note in notes if note.kind == ArticleNote.Kind.CORRECTION
    ]
    if corrections:
        news["correction"] = corrections
    if image:
        news["image"] = [image["url"]]
    if credits:
        people = [person(credit) for credit in credits]
        news["author"] = people[0] if len(people) == 1 else people
    if article.category:
        news["articleSection"] = article.category.name
    if tag_names:
        news["keywords"] = ", ".join(tag_names)
    sponsor = article.sponsor_name if article.is_sponsored else ""
    if sponsor:
        news["sponsor"] = {"@type": "Organization", "name": sponsor}

    trail = [(_("Beranda"), absolute_url(site_links()["home"]))]
    if article.category:
        trail.append(
            (article.category.name, absolute_url(article.category.get_absolute_url()))
        )
    trail.append((article.title, canonical))

    labels = []
    if sponsor:
        advertorial = _("Advertorial · kerja sama dengan %(sponsor)s") % {
            "sponsor": sponsor
        }
        labels = [(_("Konten"), advertorial)]
    elif article.is_sponsored:
        labels = [(_("Konten"), _("Advertorial"))]
    return PageMeta(
        title=article.title,
        description=description,
        canonical=canonical,
        og_type="article",
        image=image,
        article_properties=properties,
        twitter_labels=labels,
        structured_data=[news, breadcrumbs(trail)],
    )


def listing_meta(title: str, description: str, path: str, page: int = 1) -> PageMeta:
    """Metadata of a list of articles (category, tag, author, archive)."""
    canonical = absolute_url(
        path + (f"?{urlencode({'page': page})}" if page > 1 else "")
    )
    trail = [
        (_("Beranda"), absolute_url(site_links()["home"])),
        (title, absolute_url(path)),
    ]
    return PageMeta(
        title=title,
        description=summarize(description) or site_description(),
        canonical=canonical,
        structured_data=[breadcrumbs(trail)],
    )


def page_meta(page) -> PageMeta:
    """Metadata of one of the newsroom's pages (``Page``): a WebPage and its
    breadcrumbs; the description is the editor's, else the page's first text."""
    canonical = absolute_url(page.get_absolute_url())
    web_page = {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": page.title,
        "url": canonical,
        "inLanguage": "id",
        "dateModified": iso(page.updated_at),
        "publisher": publisher(),
    }
    trail = [
        (_("Beranda"), absolute_url(site_links()["home"])),
        (page.title, canonical),
    ]
    return PageMeta(
        title=page.title,
        description=page.description or summarize(page.body) or site_description(),
        canonical=canonical,
        structured_data=[web_page, breadcrumbs(trail)],
    )


def site_description() -> str:
    return _("Wayah Sinau: berita, pendidikan, bisnis, dan gaya hidup dari Indonesia.")


def home_meta() -> PageMeta:
    url = absolute_url(site_links()["home"])
    website = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": settings.SITE_NAME,
        "url": url,
        "inLanguage": "id",
        "publisher": publisher(),
        "potentialAction": {
            "@type": "SearchAction",
            "target": absolute_url(site_links()["search"]) + "?q={search_term_string}",
            "query-input": "required name=search_term_string",
        },
    }
    return PageMeta(
        title=f"{settings.SITE_NAME} – {settings.SITE_TAGLINE}",
        description=site_description(),
        canonical=url,
        structured_data=[website],
    )


def search_meta(query: str) -> PageMeta:
    """Search results are never indexed: ``noindex`` but links may be followed."""
    return PageMeta(
        title=_("Pencarian"),
        description=site_description(),
        canonical=absolute_url(site_links()["search"]),
        robots="noindex, follow",
    )
