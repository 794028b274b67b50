"""What a section's text may refer to, checked when the writer saves it.

The allow-list (``richtext.py``) keeps only valid references, whatever path a
body arrives by; on its own it would drop a bad one silently. A form is stricter,
so that the writer learns what went wrong and keeps their text:

- a picture reference the allow-list would drop, or one to a picture the writer
  may not use (another writer's unpublished picture, one that does not exist,
  one copied from another site), is a form error that names it. Only references
  new to the body are checked against the library: an editor's picture already
  in a writer's draft, or one deleted since, stays (the checklist warns);
- a link standing alone in its paragraph (pasted, or typed as a bare address)
  becomes an embed when it names a post, video or map of a provider of the
  allow-list (``embeds.py``); a malformed or hostile one (``javascript:``,
  ``data:``, a look-alike host, parameters the share links do not carry) is a
  form error; any other stays a plain link, with a note for the writer;
- a provider's embed code (its ``<iframe>``, its ``<blockquote>`` and script),
  or an embed reference naming no provider of the allow-list, is a form error:
  only the link is wanted.

``ReferenceAdminMixin`` gives the article admin the editor's "Sematkan tautan"
check (JSON) and shows the notes after a save.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.template.loader import render_to_string
from django.urls import path
from django.utils.translation import gettext as _

from .embeds import (
    PROVIDERS,
    EmbedRefused,
    NotEmbeddable,
    embed_from_url,
    parse_reference,
)
from .models import Figure
from .permissions import visible_figures
from .richtext import (
    FIGURE_ID,
    MAX_RICH_TEXT_LENGTH,
    figure_ids,
    references_in,
    sanitize_html,
)

# Schemes of a link that can only be an attack or a mistake, never a web page.
HOSTILE_SCHEMES = {"javascript", "data", "vbscript", "file", "blob"}
# The classes of the <blockquote> a provider's embed code brings, with a script.
EMBED_CODE_CLASSES = {"twitter-tweet", "instagram-media", "tiktok-embed"}
# The hosts a provider's embed code loads from.
PROVIDER_HOSTS = {host for p in PROVIDERS.values() for host in p.hosts} | {
    "platform.twitter.com",
    "www.tiktok.com",
    "maps.google.com",
}
PROVIDER_DOMAINS = (
    ".youtube.com",
    ".youtube-nocookie.com",
    ".twitter.com",
    ".x.com",
    ".instagram.com",
    ".tiktok.com",
)
_BARE_ADDRESS = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:\S+")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\s\x00-\x1f\u00a0\u200b-\u200d\u2060\ufeff]+")


@dataclass
class _Paragraph:
    start: int
    links: list[str] = field(default_factory=list)
    link_text: str = ""
    outside_text: str = ""
    in_link: bool = False
    other: bool = False


@dataclass
class StandingLink:
    """A paragraph holding one link (or a bare address) and nothing else."""

    start: int
    end: int
    url: str
    text: str


class _Scan(HTMLParser):
    """A body as it was sent (before the allow-list): its picture and embed
    references, provider embed codes, and links standing alone in a paragraph."""

    def __init__(self, raw: str):
        super().__init__(convert_charrefs=True)
        self.raw = raw
        # Where each line starts: HTMLParser counts lines by "\n" alone.
        self.lines = [0] + [m.end() for m in re.finditer("\n", raw)]
        self.figures: list[tuple[str, str]] = []
        self.embeds: list[tuple[str, str]] = []
        self.embed_codes: list[str] = []
        self.standing: list[StandingLink] = []
        self.paragraph: _Paragraph | None = None

    def position(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if "data-figure" in values:
            self.figures.append((tag, values["data-figure"] or ""))
        if "data-embed" in values:
            self.embeds.append((tag, values["data-embed"] or ""))
        self.note_embed_code(tag, values)
        paragraph = self.paragraph
        if tag == "p":
            self.paragraph = _Paragraph(start=self.position())
        elif paragraph is not None:
            if tag == "a":
                paragraph.links.append(values.get("href") or "")
                paragraph.in_link = True
            elif tag not in {"strong", "em", "b", "i", "span", "br"}:
                paragraph.other = True

    def note_embed_code(self, tag: str, values: dict) -> None:
        classes = set((values.get("class") or "").split())
        source = values.get("src") or values.get("data") or ""
        if classes & EMBED_CODE_CLASSES:
            self.embed_codes.append(tag)
        elif tag in {"iframe", "script", "embed", "object"} and source:
            try:
                host = (urlsplit(source.strip()).hostname or "").lower()
            except ValueError:
                return
            if host in PROVIDER_HOSTS or host.endswith(PROVIDER_DOMAINS):
                self.embed_codes.append(tag)

    def handle_endtag(self, tag):
        paragraph = self.paragraph
        if paragraph is None:
            return
        if tag == "a":
            paragraph.in_link = False
        elif tag == "p":
            self.paragraph = None
            end = self.raw.find(">", self.position()) + 1
            self.close_paragraph(paragraph, end)

    def handle_data(self, data):
        paragraph = self.paragraph
        if paragraph is not None:
            if paragraph.in_link:
                paragraph.link_text += data
            else:
                paragraph.outside_text += data

    def close_paragraph(self, paragraph: _Paragraph, end: int) -> None:
        outside = _INVISIBLE.sub(" ", paragraph.outside_text).strip()
        text = " ".join(_INVISIBLE.sub(" ", paragraph.link_text).split())
        if paragraph.other or end <= 0:
            return
        if len(paragraph.links) == 1 and not outside:
            self.standing.append(
                StandingLink(paragraph.start, end, paragraph.links[0].strip(), text)
            )
        elif not paragraph.links and _BARE_ADDRESS.fullmatch(outside):
            if outside.lower().startswith(("http://", "https://")):
                self.standing.append(StandingLink(paragraph.start, end, outside, ""))


def _scan(raw: str) -> _Scan:
    scan = _Scan(raw)
    scan.feed(raw)
    scan.close()
    return scan


def _shown(value: str, limit: int = 60) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _scheme(url: str) -> str:
    match = _SCHEME.match(_INVISIBLE.sub("", url))
    return match[1].lower() if match else ""


@dataclass
class CleanText:
    """A section's body as it will be stored, and what the writer should know."""

    html: str
    notes: list[str]


def _embed_links(raw: str, scan: _Scan, errors: list, notes: list) -> tuple[str, int]:
    """``raw`` with each standing link that names a provider's post replaced by
    its embed reference, and how many were; errors for hostile or malformed ones,
    notes for those that stay plain links."""
    replaced, count = raw, 0
    for link in reversed(scan.standing):
        scheme = _scheme(link.url)
        if scheme in HOSTILE_SCHEMES:
            errors.append(
                _("Tautan “%(url)s” tidak diterima: bukan alamat web (https://…).")
                % {"url": _shown(link.url)}
            )
            continue
        if scheme not in {"http", "https"}:
            continue  # mailto:, a path on this site: a plain link
        title = link.text if link.text and link.text != link.url else ""
        try:
            embed = embed_from_url(link.url, title)
        except NotEmbeddable as reason:
            why = str(reason)
            notes.append(
                _("Tautan %(url)s tetap tautan biasa: %(reason)s")
                % {"url": _shown(link.url), "reason": why[:1].lower() + why[1:]}
            )
            continue
        except EmbedRefused as reason:
            errors.append(
                _("Tautan “%(url)s” tidak bisa disematkan: %(reason)s")
                % {"url": _shown(link.url), "reason": reason}
            )
            continue
        if embed is None:
            host = urlsplit(link.url).hostname or link.url
            notes.append(
                _(
                    "Tautan ke %(host)s tetap tautan biasa: hanya YouTube, "
                    "Instagram, TikTok, X, dan Google Maps yang bisa disematkan."
                )
                % {"host": _shown(host)}
            )
            continue
        reference = render_to_string("articles/embed_reference.html", {"embed": embed})
        replaced = replaced[: link.start] + reference + replaced[link.end :]
        count += 1
    return replaced, count


def clean_section_text(raw: str, user, saved: str = "") -> CleanText:
    """``raw``, a section's body as a form sends it, with its standing links to
    providers made embeds and reduced to the allow-list with its references; a
    ``ValidationError`` naming each problem (see the module). ``saved`` is the
    body as stored before, ``user`` who saves it."""
    if not raw or len(raw) > MAX_RICH_TEXT_LENGTH:
        return CleanText(raw, [])  # the field's length validator says what is wrong
    scan = _scan(raw)
    errors, notes = [], []
    if scan.embed_codes:
        errors.append(
            _(
                "Kode sematan dari situs lain tidak disimpan. Tempel tautannya "
                "saja di paragraf sendiri, atau pakai tombol “Sematkan tautan”."
            )
        )
    for element, value in scan.figures:
        if element != "figure" or not FIGURE_ID.fullmatch(value.strip()):
            errors.append(
                _(
                    "Rujukan gambar “%(value)s” tidak sah. Sisipkan gambar dengan "
                    "tombol “Gambar dari pustaka”."
                )
                % {"value": _shown(f"<{element} data-figure={value}>", 40)}
            )
    for element, value in scan.embeds:
        if element != "div" or parse_reference(value) is None:
            errors.append(
                _(
                    "Rujukan sematan “%(value)s” tidak sah: penyedianya tidak "
                    "dikenal atau alamatnya keliru. Pakai tombol “Sematkan tautan”."
                )
                % {"value": _shown(value, 40)}
            )
    converted, count = _embed_links(raw, scan, errors, notes)
    clean = sanitize_html(converted, references=True)
    kept = references_in(clean)
    figures = [ref for ref in kept if ref.figure_id is not None]
    embeds = [ref for ref in kept if ref.embed is not None]
    if not errors and (
        len(figures) < len(scan.figures) or len(embeds) < len(scan.embeds) + count
    ):
        errors.append(
            _(
                "Gambar dan sematan harus berdiri sendiri di antara paragraf, "
                "tidak di dalam paragraf, tautan, atau teks tebal."
            )
        )
    new = set(figure_ids(clean)) - set(figure_ids(saved))
    if new and user is not None:
        usable = set(
            visible_figures(user, Figure.objects.filter(pk__in=new)).values_list(
                "pk", flat=True
            )
        )
        for pk in sorted(new - usable):
            errors.append(
                _(
                    "Gambar #%(id)s tidak ada di pustaka yang boleh Anda pakai "
                    "(mungkin dari situs lain atau milik penulis lain yang belum "
                    "terbit). Pilih gambar lewat tombol “Gambar dari pustaka”."
                )
                % {"id": pk}
            )
    if errors:
        raise ValidationError(errors)
    return CleanText(clean, notes)


class ReferenceAdminMixin:
    """For the article admin: the editor's "Sematkan tautan" check, and the notes
    of a save about links that stay plain links."""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "sematan.json",
                self.admin_site.admin_view(self.embed_view),
                name="{}_{}_embed".format(*info),
            ),
            *super().get_urls(),
        ]

    def embed_view(self, request):
        """What a pasted link becomes, as JSON: ``{"reference", "title",
        "provider"}``, or ``{"error"}`` (400) saying why it may not."""
        if not (
            self.has_add_permission(request) or self.has_change_permission(request)
        ):
            raise PermissionDenied
        url = request.GET.get("url", "")[:2000]
        title = request.GET.get("title", "")[:500]
        scheme = _scheme(url)
        if scheme and scheme not in {"http", "https"}:
            error = _("Hanya alamat web (https://…) yang bisa disematkan.")
            return JsonResponse({"error": error}, status=400)
        try:
            embed = embed_from_url(url, title)
        except EmbedRefused as reason:
            return JsonResponse({"error": str(reason)}, status=400)
        if embed is None:
            error = _(
                "Hanya YouTube, Instagram, TikTok, X, dan Google Maps yang bisa "
                "disematkan. Tautan lain tetap tautan biasa."
            )
            return JsonResponse({"error": error}, status=400)
        return JsonResponse(
            {
                "reference": embed.reference,
                "title": embed.given_title,
                "shown_title": embed.title,
                "provider": embed.provider.label,
            }
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        notes = []
        for formset in formsets:
            for section_form in formset.forms:
                notes += getattr(section_form, "link_notes", [])
        for note in dict.fromkeys(notes):
            messages.info(request, note)
