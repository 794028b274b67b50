"""Someone else's document in, a structured draft out: the one import pipeline.

``read_document`` turns a .docx (through mammoth), HTML (also Word's and Google
Docs' messy HTML), Markdown (through markdown-it) or plain text in the shape of
the portal's own pages into an ``ImportResult``: title, dateline, intro,
sections (numbered when their heading was typed "1. …", "1) …" or "Pertama, …"),
figures with caption and credit, the credited author, and Indonesian warnings
about whatever it was unsure of. ``save_document`` stores a result as an
unpublished Article with its Sections and Figures in one transaction; rich text
goes through the nh3 allow-list of ``richtext`` and images through
``images.process_image``, as any upload does.

Every format becomes the same list of blocks (heading, paragraph, list, quote,
image) first, so one structurer decides for all of them.
"""

import base64
import binascii
import io
import re
import zipfile
from dataclasses import dataclass, field
from html import escape, unescape
from html.parser import HTMLParser
from pathlib import Path

import mammoth
import nh3
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt

from .embeds import Embed, parse_reference
from .images import ProcessedImage, cleaned_content, process_image
from .models import TITLE_MAX_LENGTH, Article, Author, Figure, Section
from .richtext import sanitize_html
from .text import strip_controls

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
MAX_TEXT_BYTES = 5 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 60 * 1024 * 1024
MAX_ZIP_MEMBERS = 2000
MAX_HEADING_LENGTH = 200
MAX_CAPTION_LENGTH = 300
MAX_SOURCE_LENGTH = 150
MAX_ALT_LENGTH = 250

ORDINALS = (
    "pertama",
    "kedua",
    "ketiga",
    "keempat",
    "kelima",
    "keenam",
    "ketujuh",
    "kedelapan",
    "kesembilan",
    "kesepuluh",
)
NUMBERED = re.compile(r"^\s*(\d{1,2})\s*[.)]\s+(\S.*)$", re.S)
ORDINAL = re.compile(
    r"^\s*(" + "|".join(ORDINALS) + r")\s*[,:.]\s*(\S.*)$", re.S | re.I
)
LOOKS_NUMBERED = re.compile(r"^\s*(\d+\b|(" + "|".join(ORDINALS) + r")\b)", re.I)
DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][\w'.]*(?:\s+[A-Z][\w'.]*){0,3}"
    r"(?:\s*,\s*\([^()]{1,40}\))?)\s+[-\u2013\u2014]\s+(?=\S)"
)
CREDIT_LINE = re.compile(
    r"^\s*\(?\s*(?:(?P<role>penulis|editor|reporter|ditulis oleh)\s*:?\s*"
    r"|artikel ini ditulis oleh\s+)(?P<name>[^()\n]{2,120}?)\s*\)?\s*\.?\s*$",
    re.I,
)
SOURCE_IN_PARENS = re.compile(
    r"\(\s*(?P<label>foto|sumber|dok(?:umentasi)?\.?|ilustrasi|gambar|image|credit)"
    r"\s*[:.]?\s*(?P<source>[^()]{1,150}?)\s*\)\s*\.?\s*$",
    re.I,
)
SOURCE_TRAILING = re.compile(
    r"(?:^|[\s.,;|\u2013\u2014-])\s*(?P<label>foto|sumber|ilustrasi|dok\.)\s*:?\s*"
    r"(?P<source>[^:()]{1,150})$",
    re.I,
)
IMAGE_LINE = re.compile(
    r"^\s*\[\s*gambar\s*:\s*(?P<name>[^\]]+?)\s*\]\s*(?P<rest>.*)$", re.I
)
BULLET = re.compile(r"^\s*(?:[\u2022\u00b7\u25cf\u25aa\u2023*\u2013-]|o(?=\s))\s+")
GOOGLE_DOCS_WRAPPER = re.compile(r"<b\b[^>]*\bid=[\"']?docs-internal-guid[^>]*>", re.I)
INLINE_TAGS = {"strong", "em", "b", "i", "a", "br"}
PRECLEAN_TAGS = INLINE_TAGS | {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "figure",
    "figcaption",
    "img",
    "table",
    "tr",
    "td",
    "th",
}


class DocumentError(Exception):
    """A document that cannot become an article; the message says why."""


@dataclass
class Block:
    kind: str  # heading, para, list, quote, image, embed
    html: str = ""
    text: str = ""
    items: list[str] = field(default_factory=list)
    ordered: bool = False
    is_bold: bool = False
    image: bytes | None = None
    image_name: str = ""
    alt: str = ""
    caption: str = ""
    embed: Embed | None = None


@dataclass
class FoundFigure:
    number: int
    processed: ProcessedImage | None
    alt_text: str
    caption: str
    source: str
    index: int = -1


@dataclass
class FoundSection:
    heading: str
    is_numbered: bool
    number: int | None
    body: str
    figure: FoundFigure | None = None


@dataclass
class ImportResult:
    title: str
    dateline: str
    intro: str
    sections: list[FoundSection]
    figures: list[FoundFigure]
    author_name: str
    warnings: list[str]
    cover: FoundFigure | None = None


# --- reading the formats -------------------------------------------------------


def detect_format(name: str, data: bytes) -> str:
    suffix = Path(name or "").suffix.lower()
    if data[:4] == b"PK\x03\x04" or suffix == ".docx":
        return "docx"
    if suffix in {".html", ".htm", ".xhtml"}:
        return "html"
    if suffix in {".md", ".markdown"}:
        return "markdown"
    head = data[:2000].lstrip().lower()
    if head.startswith(b"<") and re.search(
        rb"<(?:!doctype|html|body|meta|p|div|span|b|h[1-6])\b", head
    ):
        return "html"
    return "text"


def decode_text(data: bytes, warnings: list[str]) -> str:
    if len(data) > MAX_TEXT_BYTES:
        raise DocumentError(
            _("Naskah terlalu besar (maksimum %(mb)d MB).")
            % {"mb": MAX_TEXT_BYTES // (1024 * 1024)}
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        warnings.append(
            _("Naskah bukan UTF-8; dibaca sebagai Windows-1252. Periksa huruf khusus.")
        )
    return strip_controls(text.replace("\r\n", "\n").replace("\r", "\n"))


def docx_to_html(data: bytes) -> str:
    """The HTML of a .docx, after checking that the zip is not a bomb."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise DocumentError(_("Berkas .docx rusak atau bukan dokumen Word.")) from error
    with archive:
        members = archive.infolist()
        if len(members) > MAX_ZIP_MEMBERS or (
            sum(member.file_size for member in members) > MAX_UNCOMPRESSED_BYTES
        ):
            raise DocumentError(
                _(
                    "Berkas .docx terlalu besar setelah dibuka (maksimum %(mb)d MB); "
                    "tidak dibaca."
                )
                % {"mb": MAX_UNCOMPRESSED_BYTES // (1024 * 1024)}
            )
        if "word/document.xml" not in archive.namelist():
            raise DocumentError(_("Berkas .docx rusak atau bukan dokumen Word."))
    try:
        converted = mammoth.convert_to_html(io.BytesIO(data))
    except Exception as error:  # mammoth raises many kinds on damaged files
        raise DocumentError(
            _("Berkas .docx tidak bisa dibaca: %(error)s") % {"error": error}
        ) from error
    return converted.value


class _BlockParser(HTMLParser):
    """Blocks from HTML that nh3 has already reduced to ``PRECLEAN_TAGS``."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        self.current: str | None = None
        self.lists: list[Block] = []
        self.quote: Block | None = None
        self.figure: Block | None = None
        self.in_caption = False
        self.bold_depth = 0
        self.bold_text: list[str] = []

    # the text and inline markup of the block being read
    def _flush(self, kind: str | None = None):
        html = "".join(self.buffer).strip()
        text = _plain(html)
        kind = kind or self.current or "para"
        self.buffer = []
        bold = "".join(self.bold_text).strip()
        self.bold_text = []
        if self.in_caption and self.figure is not None:
            self.figure.caption = (self.figure.caption + " " + text).strip()
            return
        if not text:
            return
        if self.lists:
            self.lists[-1].items.append(html)
            return
        if self.quote is not None:
            self.quote.items.append(html)
            return
        block = Block(kind=kind, html=html, text=text)
        block.is_bold = bool(bold) and _squash(bold) == _squash(text)
        self.blocks.append(block)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in INLINE_TAGS:
            if tag in {"strong", "b"}:
                self.bold_depth += 1
            if tag == "a":
                href = attrs.get("href") or ""
                self.buffer.append(f'<a href="{escape(href)}">' if href else "<a>")
            else:
                self.buffer.append(f"<{tag}>")
            return
        if tag == "div" and attrs.get("data-embed"):
            # A stored embed reference (``embeds.py``), e.g. from a WordPress
            # embed block; one naming no provider of the allow-list goes.
            self._flush()
            self.current = None
            embed = parse_reference(attrs["data-embed"], attrs.get("data-title", ""))
            if embed is not None:
                self.blocks.append(Block(kind="embed", text=embed.title, embed=embed))
            return
        if tag == "img":
            self._flush()
            self.current = None
            block = self.figure or Block(kind="image")
            block.image_name = attrs.get("src") or ""
            block.alt = (attrs.get("alt") or "").strip()
            if self.figure is None:
                self.blocks.append(block)
            return
        self._flush()
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.current = "heading"
        elif tag in {"ul", "ol"}:
            block = Block(kind="list", ordered=tag == "ol")
            if not self.lists:
                self.blocks.append(block)
            self.lists.append(block)
        elif tag == "blockquote":
            self.quote = Block(kind="quote")
            self.blocks.append(self.quote)
        elif tag == "figure":
            self.figure = Block(kind="image")
            self.blocks.append(self.figure)
        elif tag == "figcaption":
            self.in_caption = True
        else:
            self.current = "para" if self.current != "heading" else self.current

    def handle_endtag(self, tag):
        if tag in INLINE_TAGS:
            if tag in {"strong", "b"}:
                self.bold_depth = max(0, self.bold_depth - 1)
            if tag != "br":
                self.buffer.append(f"</{tag}>")
            return
        self._flush()
        self.current = None
        if tag in {"ul", "ol"} and self.lists:
            self.lists.pop()
        elif tag == "blockquote":
            self.quote = None
        elif tag == "figcaption":
            self.in_caption = False
        elif tag == "figure":
            self.figure = None
            self.in_caption = False

    def handle_data(self, data):
        escaped = escape(data, quote=False)
        self.buffer.append(escaped)
        if self.bold_depth:
            self.bold_text.append(data)

    def close(self):
        super().close()
        self._flush()


def _plain(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]*>", " ", html))).strip()


def _squash(text: str) -> str:
    return re.sub(r"\W+", "", text).lower()


def html_blocks(html: str) -> list[Block]:
    # Word's list paragraphs carry their bullet as text ("·"), kept so that
    # ``_merge_bullets`` makes them a list again. Google Docs' clipboard wraps
    # the whole document in a <b> that is not bold; it goes, or every paragraph
    # would look like a heading.
    html = GOOGLE_DOCS_WRAPPER.sub("", html)
    cleaned = nh3.clean(
        strip_controls(html),
        tags=PRECLEAN_TAGS,
        attributes={
            "a": {"href"},
            "img": {"src", "alt"},
            "div": {"data-embed", "data-title"},
        },
        url_schemes={"http", "https", "mailto", "data"},
        clean_content_tags={"script", "style", "noscript", "template", "xmp", "title"},
        strip_comments=True,
        link_rel=None,
    )
    parser = _BlockParser()
    parser.feed(cleaned)
    parser.close()
    return _merge_bullets(parser.blocks)


def _merge_bullets(blocks: list[Block]) -> list[Block]:
    """Paragraphs typed as "• item" (Word's HTML, plain text) become one list."""
    merged: list[Block] = []
    for block in blocks:
        if block.kind == "para" and BULLET.match(block.text):
            item = BULLET.sub("", block.html, count=1)
            item = re.sub(r"^\s*(?:[\u2022\u00b7\u25cf\u25aa*-]|o\s)\s*", "", item)
            if merged and merged[-1].kind == "list" and merged[-1].text == "bullets":
                merged[-1].items.append(item.strip())
            else:
                merged.append(Block(kind="list", text="bullets", items=[item.strip()]))
            continue
        merged.append(block)
    return merged


def text_blocks(text: str) -> list[Block]:
    """Blocks of a plain-text page: blank lines part paragraphs, "•" lines are
    list items, and "[Gambar: file.jpg]" names an image (caption on the next
    line), as does a short line followed by a caption with its credit."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        image = IMAGE_LINE.match(lines[0])
        if image:
            rest = [image["rest"]] if image["rest"] else []
            caption_lines = rest + lines[1:]
            blocks.append(
                Block(
                    kind="image",
                    image_name=image["name"],
                    caption=" ".join(caption_lines),
                )
            )
            continue
        if (
            len(lines) == 2
            and len(lines[0]) <= 80
            and _split_credit(lines[1])[1]
            and not BULLET.match(lines[0])
        ):
            blocks.append(Block(kind="image", alt=lines[0], caption=lines[1]))
            continue
        if all(BULLET.match(line) for line in lines):
            items = [escape(BULLET.sub("", line), quote=False) for line in lines]
            blocks.append(Block(kind="list", items=items))
            continue
        if all(line.startswith(">") for line in lines):
            quoted = " ".join(line.lstrip("> ") for line in lines)
            blocks.append(Block(kind="quote", items=[escape(quoted, quote=False)]))
            continue
        joined = " ".join(lines)
        blocks.append(Block(kind="para", html=escape(joined, quote=False), text=joined))
    return blocks


class ImagesBeside:
    """The image files next to a document, by bare name: what a text or HTML
    file's "[Gambar: meja.jpg]" or ``<img src="meja.jpg">`` points at. Only
    files directly in ``directory``, and none larger than the upload limit."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)

    def get(self, name: str) -> bytes | None:
        path = self.directory / Path(name).name
        try:
            if not path.is_file() or path.stat().st_size > MAX_DOCUMENT_BYTES:
                return None
            return path.read_bytes()
        except OSError:
            return None


# --- structure -----------------------------------------------------------------


def _split_credit(caption: str) -> tuple[str, str]:
    """``(caption, source)`` of a caption such as "Warga antre (Foto: Antara)"."""
    caption = caption.strip()
    match = SOURCE_IN_PARENS.search(caption)
    if match:
        source = match["source"].strip()
        if match["label"].lower().startswith("dok"):
            source = f"Dok. {source}"
        return caption[: match.start()].strip(" -–—,.;|"), source
    match = SOURCE_TRAILING.search(caption)
    if match:
        source = match["source"].strip().rstrip(".")
        if match["label"].lower().startswith("dok"):
            source = f"Dok. {source}"
        return caption[: match.start()].strip(" -–—,.;|"), source
    return caption, ""


def _looks_like_heading(block: Block, next_block: Block | None) -> bool:
    if block.kind == "heading":
        return True
    if block.kind != "para" or next_block is None:
        return False
    text = block.text
    if len(text) > 150 or text.endswith((".", ",", ";", ":", "?", "!", '"', "”")):
        return block.is_bold and len(text) <= 150 and not text.endswith(":")
    return True


def _numbering(headings: list[str], warnings: list[str]) -> list[tuple[bool, str]]:
    """For each heading, whether it is numbered and its text without the number."""
    digits = [NUMBERED.match(heading) for heading in headings]
    ordinals = [ORDINAL.match(heading) for heading in headings]
    digit_numbers = [int(match[1]) for match in digits if match]
    ordinal_numbers = [
        ORDINALS.index(match[1].lower()) + 1 for match in ordinals if match
    ]
    digits_ok = digit_numbers == list(range(1, len(digit_numbers) + 1))
    ordinals_ok = (
        len(ordinal_numbers) >= 2
        and not digit_numbers
        and ordinal_numbers == list(range(1, len(ordinal_numbers) + 1))
    )
    result = []
    for position, heading in enumerate(headings, start=1):
        if digits[position - 1] and digits_ok:
            result.append((True, digits[position - 1][2].strip()))
        elif ordinals[position - 1] and ordinals_ok:
            text = ordinals[position - 1][2].strip()
            result.append((True, text[:1].upper() + text[1:]))
        else:
            if LOOKS_NUMBERED.match(heading):
                warnings.append(
                    _("Judul bagian %(n)d tampak bernomor tetapi bukan: “%(h)s”.")
                    % {"n": position, "h": heading}
                )
            result.append((False, heading.strip()))
    return result


def _render_body(blocks: list[Block], references: bool = False) -> str:
    """A section's body keeps its embed references; the intro has none."""
    return sanitize_html(
        render_to_string("articles/importing/body.html", {"blocks": blocks}),
        references=references,
    )


def read_document(data: bytes, name: str = "", images=None) -> ImportResult:
    """Structure a document; raise ``DocumentError`` when it cannot be an article.

    ``images`` maps file names to their bytes (anything with ``get``), for
    images a text or HTML file names but does not carry (the command passes
    ``ImagesBeside`` the file)."""
    if not data or not data.strip():
        raise DocumentError(_("Naskah kosong."))
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DocumentError(
            _("Berkas terlalu besar (maksimum %(mb)d MB).")
            % {"mb": MAX_DOCUMENT_BYTES // (1024 * 1024)}
        )
    warnings: list[str] = []
    kind = detect_format(name, data)
    if kind == "docx":
        blocks = html_blocks(docx_to_html(data))
    elif kind == "html":
        blocks = html_blocks(decode_text(data, warnings))
    elif kind == "markdown":
        markdown = MarkdownIt("commonmark", {"html": True})
        blocks = html_blocks(markdown.render(decode_text(data, warnings)))
    else:
        blocks = text_blocks(decode_text(data, warnings))
    return structure(blocks, warnings, images or {})


def structure(blocks: list[Block], warnings: list[str], images) -> ImportResult:
    blocks = [
        block for block in blocks if block.kind == "image" or block.text or block.items
    ]
    # Title: the first heading or short first paragraph.
    title = ""
    while blocks and not title:
        first = blocks.pop(0)
        if first.kind in {"heading", "para"} and first.text:
            title = first.text
        elif first.kind == "image":
            blocks.insert(0, first)
            break
    if not title or len(title) > TITLE_MAX_LENGTH or title.endswith("."):
        raise DocumentError(
            _(
                "Naskah tidak punya judul: baris pertama harus judul singkat "
                "(maksimum %(n)d karakter, tanpa titik di akhir)."
            )
            % {"n": TITLE_MAX_LENGTH}
        )
    if blocks and blocks[0].text == title:
        blocks.pop(0)

    # The credit line.
    author_name = ""
    kept = []
    for block in blocks:
        match = CREDIT_LINE.match(block.text) if block.kind == "para" else None
        if match:
            role = (match["role"] or "").lower()
            if not author_name or role != "editor":
                author_name = match["name"].strip().rstrip(".")
            continue
        kept.append(block)
    blocks = kept

    # Headings.
    has_real_headings = any(block.kind == "heading" for block in blocks)
    flags = []
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if has_real_headings:
            flags.append(
                block.kind == "heading"
                or (
                    block.kind == "para"
                    and block.is_bold
                    and following is not None
                    and len(block.text) <= 150
                )
            )
        else:
            flags.append(_looks_like_heading(block, following))
    heading_texts = [
        block.text for block, flag in zip(blocks, flags, strict=True) if flag
    ]
    numbering = _numbering(heading_texts, warnings)

    # Figures, numbered in document order.
    figures: list[FoundFigure] = []
    figure_of: dict[int, FoundFigure] = {}
    for index, block in enumerate(blocks):
        if block.kind != "image":
            continue
        number = len(figures) + 1
        caption_text = block.caption
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if not caption_text and following is not None and following.kind == "para":
            candidate = following.text
            if _split_credit(candidate)[1] or re.match(
                r"^(gambar|foto|ilustrasi)\b", candidate, re.I
            ):
                caption_text = candidate
                following.kind = "used"
        caption, source = _split_credit(caption_text)
        if not caption:
            warnings.append(_("Gambar %(n)d tidak punya keterangan.") % {"n": number})
        if not source:
            warnings.append(_("Gambar %(n)d tidak punya kredit.") % {"n": number})
        processed = _image(block, number, images, warnings)
        alt = (
            block.alt
            or caption
            or block.image_name
            or _("Gambar %(n)d") % {"n": number}
        )
        figure = FoundFigure(
            number=number,
            processed=processed,
            alt_text=_cut(alt, MAX_ALT_LENGTH),
            caption=_cut(caption, MAX_CAPTION_LENGTH),
            source=_cut(source, MAX_SOURCE_LENGTH),
        )
        figures.append(figure)
        figure_of[index] = figure

    # Intro and sections.
    intro_blocks: list[Block] = []
    sections: list[FoundSection] = []
    # heading, numbered, body blocks, figures, index of the last text block
    parts: list[list] = []
    cover = None
    intro_figures: list[FoundFigure] = []  # after the cover: for the first section
    numbers = iter(numbering)
    for index, block in enumerate(blocks):
        if flags[index]:
            is_numbered, heading = next(numbers)
            parts.append([heading, is_numbered, [], [], index])
            continue
        if block.kind == "used":
            continue
        if block.kind == "image":
            figure = figure_of[index]
            if parts:
                parts[-1][3].append(figure)
                figure.index = index
            elif cover is None:
                cover = figure
            else:
                intro_figures.append(figure)
            continue
        if parts:
            parts[-1][2].append(block)
            parts[-1][4] = index
        else:
            intro_blocks.append(block)

    # The intro keeps no embeds: from the first one on, its rest opens the article
    # as an unnumbered section named after that embed, said in a warning.
    first_embed = next(
        (i for i, block in enumerate(intro_blocks) if block.kind == "embed"), None
    )
    if first_embed is not None:
        moved = intro_blocks[first_embed:]
        del intro_blocks[first_embed:]
        heading = moved[0].embed.title
        parts.insert(0, [heading, False, moved, [], -1])
        warnings.append(
            _("Sematan di pembuka dipindah ke bagian baru “%(h)s”.") % {"h": heading}
        )
    for figure in intro_figures:
        if parts and not parts[0][3]:
            parts[0][3].append(figure)
        else:
            warnings.append(
                _("Gambar %(n)d di pembuka tidak dipakai.") % {"n": figure.number}
            )
    # A figure that ends a section without text after it belongs to the next one.
    for position, part in enumerate(parts[:-1]):
        figures_here = part[3]
        nxt = parts[position + 1]
        if figures_here and not nxt[3] and figures_here[-1].index > part[4]:
            nxt[3].append(figures_here.pop())
    counter = 0
    for position, (
        heading,
        is_numbered,
        body_blocks,
        section_figures,
        _last,
    ) in enumerate(parts, start=1):
        if is_numbered:
            counter += 1
        if len(heading) > MAX_HEADING_LENGTH:
            warnings.append(
                _("Judul bagian %(n)d dipotong menjadi %(max)d karakter.")
                % {"n": position, "max": MAX_HEADING_LENGTH}
            )
        for extra in section_figures[1:]:
            warnings.append(
                _("Gambar %(n)d tidak dipakai: bagian %(s)d sudah punya gambar.")
                % {"n": extra.number, "s": position}
            )
        sections.append(
            FoundSection(
                heading=_cut(heading, MAX_HEADING_LENGTH),
                is_numbered=is_numbered,
                number=counter if is_numbered else None,
                body=_render_body(body_blocks, references=True),
                figure=next(
                    (f for f in section_figures if f.processed is not None), None
                ),
            )
        )

    dateline = ""
    if intro_blocks and intro_blocks[0].kind == "para":
        first = intro_blocks[0]
        match = DATELINE.match(first.text)
        if match:
            dateline = re.sub(r"\s+", " ", match["place"]).strip()[:60]
            prefix = re.compile(
                r"^\s*(?:<[^>]+>\s*)*"
                + r"\s*".join(map(re.escape, dateline.split()))
                + r"\s*(?:</?[^>]+>\s*)*[-\u2013\u2014]\s*"
            )
            first.html = prefix.sub("", first.html, count=1)
            first.text = first.text[match.end() :]
    if not sections:
        warnings.append(_("Tidak ada judul bagian; seluruh isi menjadi pembuka."))
    if not author_name:
        warnings.append(_("Penulis tidak ditemukan (baris “Penulis: …”)."))
    return ImportResult(
        title=title,
        dateline=dateline,
        intro=_render_body(intro_blocks),
        sections=sections,
        figures=[figure for figure in figures if figure.processed is not None],
        author_name=_cut(author_name, 120),
        warnings=warnings,
        cover=cover if cover is not None and cover.processed is not None else None,
    )


def _cut(text: str, limit: int) -> str:
    text = (text or "").strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _image(block: Block, number: int, images, warnings) -> ProcessedImage | None:
    data = block.image
    source = block.image_name
    if data is None and source.startswith("data:"):
        try:
            data = base64.b64decode(source.split(",", 1)[1], validate=False)
        except (IndexError, binascii.Error, ValueError):
            data = None
    if data is None and source:
        data = images.get(Path(source).name)
    if data is None:
        warnings.append(
            _("Gambar %(n)d tidak punya berkas gambar; tidak disimpan.") % {"n": number}
        )
        return None
    try:
        return process_image(io.BytesIO(data))
    except ValidationError as error:
        warnings.append(
            _("Gambar %(n)d ditolak: %(reason)s")
            % {"n": number, "reason": " ".join(error.messages)}
        )
        return None


# --- saving --------------------------------------------------------------------


def find_author(name: str) -> Author | None:
    if not name:
        return None
    author = Author.objects.filter(name__iexact=name).order_by("pk").first()
    return author or Author.objects.create(name=name)


def save_document(
    result: ImportResult, user=None, author: Author | None = None, **fields
) -> Article:
    """Store ``result`` as a draft Article with its Sections and Figures, all or
    nothing. ``fields`` set further article fields (``is_sponsored``…).

    The credited author is found or created; with ``author`` given (a writer
    importing for themselves, so that the draft is theirs to edit) the credit
    becomes the guest contributor instead."""
    if not result.title.strip():
        raise DocumentError(_("Naskah tidak punya judul."))
    with transaction.atomic():
        stored: dict[int, Figure] = {}

        def figure_for(found: FoundFigure | None) -> Figure | None:
            if found is None or found.processed is None:
                return None
            if found.number not in stored:
                stored[found.number] = Figure.objects.create(
                    image=cleaned_content(found.processed),
                    alt_text=found.alt_text,
                    caption=found.caption,
                    source=found.source,
                    created_by=user,
                )
            return stored[found.number]

        article = Article.objects.create(
            title=result.title,
            dateline=result.dateline or "Wayah Sinau",
            intro=result.intro,
            author=author or find_author(result.author_name),
            contributor_name=(
                result.author_name
                if author is not None and result.author_name != author.name
                else ""
            ),
            cover=figure_for(result.cover),
            status=Article.Status.DRAFT,
            **fields,
        )
        for position, section in enumerate(result.sections, start=1):
            Section.objects.create(
                article=article,
                position=position,
                heading=section.heading,
                body=section.body,
                is_numbered=section.is_numbered,
                figure=figure_for(section.figure),
            )
    return article


def _same_figure(figure: Figure, found: FoundFigure) -> bool:
    # The alt text may follow a changed title: it is updated, not a new image.
    return (figure.caption, figure.source, figure.width, figure.height) == (
        found.caption,
        found.source,
        found.processed.width,
        found.processed.height,
    )


def update_document(article: Article, result: ImportResult, **fields) -> bool:
    """Bring ``article``, made earlier from the same document, up to ``result`` in
    place: its id, and with it its revisions and statistics, stay. Sections are
    matched by position, figures by their texts and size (an unchanged image is
    not stored again). Only what differs is saved; True when anything did.
    ``fields`` set further article fields."""
    with transaction.atomic():
        sections = list(article.sections.select_related("figure").order_by("position"))
        old_figures = {
            figure.pk: figure
            for figure in [article.cover, *(section.figure for section in sections)]
            if figure is not None
        }
        made: dict[int, Figure] = {}

        def figure_for(found: FoundFigure | None) -> Figure | None:
            if found is None or found.processed is None:
                return None
            if found.number in made:
                return made[found.number]
            figure = next(
                (f for f in old_figures.values() if _same_figure(f, found)), None
            )
            if figure is None:
                figure = Figure.objects.create(
                    image=cleaned_content(found.processed),
                    alt_text=found.alt_text,
                    caption=found.caption,
                    source=found.source,
                )
            elif figure.alt_text != found.alt_text:
                figure.alt_text = found.alt_text
                figure.save(update_fields=["alt_text"])
            made[found.number] = figure
            return figure

        changed = False
        values = {
            "title": result.title,
            "dateline": result.dateline or "Wayah Sinau",
            "intro": result.intro,
            "author": find_author(result.author_name),
            "cover": figure_for(result.cover),
            **fields,
        }
        for name, value in values.items():
            if getattr(article, name) != value:
                setattr(article, name, value)
                changed = True
        if changed:
            article.save()
        for position, found in enumerate(result.sections, start=1):
            section = sections[position - 1] if position <= len(sections) else None
            wanted = {
                "heading": found.heading,
                "body": found.body,
                "is_numbered": found.is_numbered,
                "figure": figure_for(found.figure),
            }
            if section is None:
                Section.objects.create(article=article, position=position, **wanted)
                changed = True
            elif any(getattr(section, k) != v for k, v in wanted.items()):
                for name, value in wanted.items():
                    setattr(section, name, value)
                section.save()
                changed = True
        extra = [section.pk for section in sections[len(result.sections) :]]
        if extra:
            Section.objects.filter(pk__in=extra).delete()
            changed = True
        kept = {figure.pk for figure in made.values()}
        for pk, figure in old_figures.items():
            if (
                pk not in kept
                and not figure.sections.exists()
                and not figure.cover_of.exists()
            ):
                figure.delete()
    return changed


def import_document(data: bytes, name: str = "", user=None, images=None, **fields):
    """Read and save in one go: ``(article, result)``."""
    result = read_document(data, name, images=images)
    return save_document(result, user=user, **fields), result
