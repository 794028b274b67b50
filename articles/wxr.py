"""A WordPress export (WXR 1.1/1.2) in: posts as articles through the import
pipeline (``importing``), with their categories, tags, authors, featured images
and captions, and their old permalinks kept as 301 redirects. Embed blocks and
addresses alone on their line become embed references when their provider is on
the allow-list (``embeds.py``), plain links with a warning otherwise.

The XML is parsed with defusedxml, so entity expansion and external entities
are refused. Each post is saved in its own transaction: a bad post is skipped
with its reason while the rest come in. Running it again updates the articles
it made before in place (found by their post's guid, ``Article.source_key``), so
their ids, revisions and statistics stay; nothing is duplicated.
"""

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.db import DatabaseError, transaction
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .embeds import EmbedRefused, embed_from_url
from .importing import (
    Block,
    DocumentError,
    ImagesBeside,
    html_blocks,
    save_document,
    structure,
    update_document,
)
from .models import Article, Category, Redirect

NS = {
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
WP_NAMESPACES = ("http://wordpress.org/export/1.2/", "http://wordpress.org/export/1.1/")
CAPTION = re.compile(r"\[caption[^\]]*\](?P<body>.*?)\[/caption\]", re.S | re.I)
SHORTCODE = re.compile(r"\[/?(?P<name>[a-z_][\w-]*)(?:\s[^\]]*)?\]", re.I)
# An embed block: "wp:embed" (WordPress 5.6+) or "wp:core-embed/youtube" (older),
# its settings as JSON in the opening comment, the address again inside.
EMBED_BLOCK = re.compile(
    r"<!--\s*wp:(?P<name>(?:core-)?embed(?:/[\w-]+)?)\s*(?P<settings>\{.*?\})?\s*-->"
    r"(?P<inner>.*?)<!--\s*/wp:(?P=name)\s*-->",
    re.S,
)
# What WordPress auto-embeds: an address alone on its line or in its paragraph.
BARE_URL = re.compile(
    r"^[ \t]*(?:<p>[ \t]*)?(?P<url>https?://[^\s<>\"']+)(?:[ \t]*</p>)?[ \t]*$",
    re.M | re.I,
)
URL_IN_TEXT = re.compile(r"https?://[^\s<>\"']+", re.I)
BLOCK_TAG = re.compile(r"^\s*<(p|h[1-6]|ul|ol|blockquote|figure|div|table)\b", re.I)


@dataclass
class Outcome:
    imported: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _text(element, path: str, wp: str) -> str:
    found = element.find(path.replace("wp:", "{" + wp + "}"), NS)
    return (found.text or "").strip() if found is not None else ""


def parse(data: bytes):
    try:
        root = fromstring(data)
    except DefusedXmlException as error:
        raise DocumentError(
            _("Ekspor WordPress memuat entitas atau DTD yang tidak diizinkan.")
        ) from error
    except ParseError as error:
        raise DocumentError(
            _("Ekspor WordPress rusak atau terpotong: %(error)s") % {"error": error}
        ) from error
    channel = root.find("channel")
    if channel is None:
        raise DocumentError(_("Berkas ini bukan ekspor WordPress (WXR)."))
    wp = next(
        (
            ns
            for ns in WP_NAMESPACES
            if channel.find("{" + ns + "}wxr_version") is not None
        ),
        None,
    )
    if wp is None:
        raise DocumentError(_("Versi WXR tidak dikenal (hanya 1.1 dan 1.2)."))
    return channel, wp


def content_html(raw: str, warnings: list[str], label: str) -> str:
    """WordPress content as HTML: captions as figures, unknown shortcodes out
    (with a warning), and autop paragraphs for content typed without tags."""

    def figure(match):
        body = match["body"]
        image = re.search(r"<img[^>]*>", body, re.I)
        caption = re.sub(r"<[^>]*>", "", body[image.end() :] if image else body)
        return render_to_string(
            "articles/importing/wp_figure.html",
            {"image": image.group(0) if image else "", "caption": caption.strip()},
        )

    def embed_block(match):
        try:
            settings = json.loads(match["settings"] or "{}")
        except ValueError:
            settings = {}
        url = settings.get("url") if isinstance(settings, dict) else None
        if not isinstance(url, str) or not url.strip():
            found = URL_IN_TEXT.search(re.sub(r"<[^>]*>", " ", match["inner"]))
            url = found.group(0) if found else ""
        return _embed(unescape(url.strip()), warnings) if url else ""

    html = EMBED_BLOCK.sub(embed_block, raw)
    html = CAPTION.sub(figure, re.sub(r"<!--.*?-->", "", html, flags=re.S))
    html = BARE_URL.sub(lambda match: _embed(unescape(match["url"]), warnings), html)
    unknown = sorted({match["name"] for match in SHORTCODE.finditer(html)})
    if unknown:
        warnings.append(
            _("%(post)s: kode pendek dibuang: %(codes)s")
            % {"post": label, "codes": ", ".join(f"[{name}]" for name in unknown)}
        )
        html = SHORTCODE.sub("", html)
    chunks = [chunk for chunk in re.split(r"\n\s*\n", html) if chunk.strip()]
    return render_to_string(
        "articles/importing/wp_paragraphs.html",
        {
            "chunks": [
                {"html": chunk.strip(), "is_block": bool(BLOCK_TAG.match(chunk))}
                for chunk in chunks
            ]
        },
    )


def _embed(url: str, warnings: list[str]) -> str:
    """An embed block or a bare address as our embed reference when its provider
    is on the allow-list (``embeds.py``); any other as a plain link, with a
    warning. Set apart by blank lines, so it is a block of its own."""
    try:
        embed = embed_from_url(url)
    except EmbedRefused as error:
        embed = None
        warnings.append(
            _("Sematan %(url)s menjadi tautan biasa: %(reason)s")
            % {"url": url, "reason": error}
        )
    else:
        if embed is None:
            warnings.append(
                _("Sematan %(url)s menjadi tautan biasa: penyedianya tidak didukung.")
                % {"url": url}
            )
    is_web = urlsplit(url).scheme.lower() in {"http", "https"}
    html = render_to_string(
        "articles/importing/wp_embed.html",
        {"embed": embed, "url": url, "is_web": is_web},
    )
    return f"\n\n{html.strip()}\n\n"


def _old_path(link: str, post_id: str) -> str:
    path = urlsplit(link).path if link else ""
    return path if path and path != "/" else ""


def import_wxr(data: bytes, media_dir: Path | None = None, progress=None) -> Outcome:
    channel, wp = parse(data)
    outcome = Outcome()
    authors = {
        _text(author, "wp:author_login", wp): _text(
            author, "wp:author_display_name", wp
        )
        for author in channel.findall("{" + wp + "}author")
    }
    items = channel.findall("item")
    attachments = {
        _text(item, "wp:post_id", wp): _text(item, "wp:attachment_url", wp)
        for item in items
        if _text(item, "wp:post_type", wp) == "attachment"
    }
    images = ImagesBeside(media_dir) if media_dir else {}
    posts = [item for item in items if _text(item, "wp:post_type", wp) != "attachment"]
    for item in progress(posts) if progress else posts:
        title = (item.findtext("title") or "").strip()
        label = f"“{title or _('(tanpa judul)')}”"
        kind = _text(item, "wp:post_type", wp)
        status = _text(item, "wp:status", wp)
        if kind != "post":
            outcome.skipped.append(
                _("%(post)s: bukan pos (%(kind)s).") % {"post": label, "kind": kind}
            )
            continue
        if status not in {"publish", "future", "draft", "pending"}:
            outcome.skipped.append(
                _("%(post)s: status %(status)s tidak diimpor.")
                % {"post": label, "status": status}
            )
            continue
        try:
            with transaction.atomic():
                updated = _import_post(
                    item,
                    wp,
                    title,
                    label,
                    status,
                    authors,
                    attachments,
                    images,
                    outcome,
                )
        except (DocumentError, ValueError, DatabaseError) as error:
            outcome.skipped.append(f"{label}: {error}")
            continue
        (outcome.updated if updated else outcome.imported).append(label)
    return outcome


def _import_post(
    item, wp, title, label, status, authors, attachments, images, outcome
) -> bool:
    if not title:
        raise DocumentError(_("pos tanpa judul."))
    warnings: list[str] = []
    html = content_html(item.findtext("content:encoded", "", NS), warnings, label)
    blocks = [Block(kind="heading", text=title, html=title)] + html_blocks(html)
    thumbnail = next(
        (
            _text(meta, "wp:meta_value", wp)
            for meta in item.findall("{" + wp + "}postmeta")
            if _text(meta, "wp:meta_key", wp) == "_thumbnail_id"
        ),
        "",
    )
    if thumbnail and attachments.get(thumbnail):
        blocks.insert(
            1, Block(kind="image", image_name=attachments[thumbnail], alt=title)
        )
    result = structure(blocks, warnings, images)
    if not result.intro and result.sections and result.sections[0].body:
        result.intro, result.sections[0].body = result.sections[0].body, ""
    login = item.findtext("dc:creator", "", NS).strip()
    result.author_name = authors.get(login) or login
    result.warnings = [w for w in result.warnings if not w.startswith("Penulis")]
    outcome.warnings += [f"{label}: {w}" for w in result.warnings if "kredit" not in w]
    published_at = None
    gmt = _text(item, "wp:post_date_gmt", wp)
    if status in {"publish", "future"} and gmt and not gmt.startswith("0000"):
        published_at = datetime.strptime(gmt, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    post_id = _text(item, "wp:post_id", wp)
    old_path = _old_path(item.findtext("link", ""), post_id)
    # "/?p=ID" is the post's address on any WordPress.
    key_path = f"/?p={post_id}"
    guid = (item.findtext("guid") or "").strip()
    source_key = f"wordpress:{guid or key_path}"[:300]
    existing = _previous_import(source_key, key_path, old_path)
    categories = [
        Category.objects.get_or_create(name=(c.text or "").strip()[:100])[0]
        for c in item.findall("category")
        if c.get("domain") == "category" and (c.text or "").strip()
    ]
    tags = [
        (c.text or "").strip()[:100]
        for c in item.findall("category")
        if c.get("domain") == "post_tag" and (c.text or "").strip()
    ]
    fields = {"title": title, "source_key": source_key}
    if categories:
        fields["category"] = categories[0]
    if published_at is not None:
        fields["status"] = Article.Status.PUBLISHED
        fields["published_at"] = published_at
    if existing is not None:
        article = existing
        update_document(article, result, **fields)
    else:
        slug = slugify(unquote(_text(item, "wp:post_name", wp)))[:180]
        if slug and Article.objects.filter(slug=slug).exists():
            slug = ""
        article = save_document(result, slug=slug)
        for name, value in fields.items():
            setattr(article, name, value)
        article.save()
    if tags and sorted(article.tags.names()) != sorted(set(tags)):
        article.tags.set(tags)
    for path in sorted({key_path, old_path} - {"", article.get_absolute_url()}):
        Redirect.objects.update_or_create(
            old_path=path, defaults={"new_path": article.get_absolute_url()}
        )
    return existing is not None


def _previous_import(source_key: str, key_path: str, old_path: str) -> Article | None:
    """The article an earlier run made from this post: by its source key, else
    (made before articles kept one) through the redirect from its old address."""
    article = Article.objects.filter(source_key=source_key).first()
    if article is not None:
        return article
    previous = (
        Redirect.objects.filter(old_path__in=[key_path, old_path or key_path])
        .order_by("-old_path")
        .values_list("new_path", flat=True)
        .first()
    )
    if not previous:
        return None
    return Article.objects.filter(
        slug=previous.rstrip("/").rsplit("/", 1)[-1], source_key=""
    ).first()
