"""The one allow-list for rich text, and the model field that enforces it on save.

Whatever the editor widget sends, only these tags and attributes are stored. The
field cleans the value in ``pre_save`` (so ``save()`` and ``bulk_create()`` store
clean HTML and the instance holds it too) and again in ``get_prep_value`` (so
``QuerySet.update()`` and imports cannot bypass it).

A section's body (``references=True``) may also hold references to what the page
renders from its own templates, never stored markup or addresses:

- a picture of the media library, ``<figure data-figure="12"></figure>``, with an
  optional caption for this use (``data-caption``);
- an embed (``articles/embeds.py``), ``<div data-embed="youtube:dQw4w9WgXcQ">
  </div>``: a provider of the allow-list and an id in its pattern, with an
  optional title (``data-title``), never the provider's markup or an address;

Each is kept only empty, with a valid value, and where a block may stand (at the
top, in a list item or a quotation); anything else loses the element and keeps
its text. ``split_references`` cuts the clean HTML at them for the templates
(``articles/rendering.py``).
"""

import html
import re
from dataclasses import dataclass

import nh3
from ckeditor import fields as ckeditor_fields
from ckeditor.fields import RichTextField
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from .embeds import TITLE_MAX_LENGTH, Embed, parse_reference
from .text import strip_controls
from .widgets import RichTextWidget

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
MAX_RICH_TEXT_LENGTH = 200_000

# References (see the module): their element, the attribute naming what they refer
# to, and what each of their attributes may hold.
REFERENCE_ATTRIBUTES = {
    "figure": {"data-figure", "data-caption"},
    "div": {"data-embed", "data-title"},
}
REFERENCE_KEYS = {"figure": "data-figure", "div": "data-embed"}
FIGURE_ID = re.compile(r"[1-9][0-9]{0,17}")
CAPTION_MAX_LENGTH = 300
# Where a reference may stand, as a block: at the top, or in a list item or a
# quotation (its parent) inside lists and quotations (its other ancestors).
REFERENCE_PARENTS = {"li", "blockquote"}
REFERENCE_ANCESTORS = REFERENCE_PARENTS | {"ul", "ol"}
_VOID = {"br"}
# A tag of nh3's output: attribute values are always double-quoted, with any
# quote, "<" and ">" in them escaped, and text never holds a raw "<".
_TAG = re.compile(r'<(/?)([a-z][a-z0-9]*)((?:\s+[a-z][a-z0-9-]*="[^"]*")*)\s*/?>')
_ATTRIBUTE = re.compile(r'([a-z][a-z0-9-]*)="([^"]*)"')


def _plain_attribute(value: str, limit: int) -> str | None:
    text = " ".join(value.split())[:limit].strip()
    return text or None


def _reference_attribute(element: str, attribute: str, value: str) -> str | None:
    """nh3's ``attribute_filter``: a reference's attributes keep only valid values
    (None drops the attribute); every other attribute is left to nh3's rules."""
    if element == "figure":
        if attribute == "data-figure":
            value = value.strip()
            return value if FIGURE_ID.fullmatch(value) else None
        if attribute == "data-caption":
            return _plain_attribute(value, CAPTION_MAX_LENGTH)
    if element == "div":
        if attribute == "data-embed":
            embed = parse_reference(value)
            return embed.reference if embed is not None else None
        if attribute == "data-title":
            return _plain_attribute(value, TITLE_MAX_LENGTH)
    return value


def _keep_valid_references(html: str) -> str:
    """nh3's output with each reference element that is not valid (no key
    attribute, not empty, or inside a paragraph, a link or emphasis) unwrapped:
    its tags go, its text stays."""
    kept = []
    open_elements: list[tuple[str, bool]] = []  # (name, its tags dropped)
    position = 0
    for match in _TAG.finditer(html):
        if match.start() < position:
            continue  # the end tag of a reference kept whole
        kept.append(html[position : match.start()])
        position = match.end()
        closing, name, attributes = match.group(1), match.group(2), match.group(3)
        if closing:
            if open_elements and open_elements[-1][0] == name:
                _name, dropped = open_elements.pop()
                if not dropped:
                    kept.append(match.group(0))
            elif name not in REFERENCE_KEYS:
                kept.append(match.group(0))
            continue
        if name not in REFERENCE_KEYS:
            kept.append(match.group(0))
            if name not in _VOID:
                open_elements.append((name, False))
            continue
        end = f"</{name}>"
        names = dict(_ATTRIBUTE.findall(attributes))
        # An element whose tags are dropped is no parent.
        ancestors = [element for element, dropped in open_elements if not dropped]
        if (
            REFERENCE_KEYS[name] in names
            and html.startswith(end, match.end())
            and all(element in REFERENCE_ANCESTORS for element in ancestors)
            and (not ancestors or ancestors[-1] in REFERENCE_PARENTS)
        ):
            kept.append(match.group(0) + end)
            position = match.end() + len(end)
        else:
            open_elements.append((name, True))
    kept.append(html[position:])
    return "".join(kept)


def sanitize_html(value: str | None, references: bool = False) -> str:
    """Reduce ``value`` to the allow-list; scripts and styles lose their content.
    With ``references``, valid references stay too (see the module).

    The control characters of ``articles.text.strip_controls`` go too, also when
    written as character references (``&#x202E;``), which nh3 turns into the
    characters themselves."""
    if not value:
        return ""
    tags, attributes = ALLOWED_TAGS, ALLOWED_ATTRIBUTES
    if references:
        tags = tags | set(REFERENCE_ATTRIBUTES)
        attributes = {**attributes, **REFERENCE_ATTRIBUTES}
    cleaned = nh3.clean(
        strip_controls(value),
        tags=tags,
        attributes=attributes,
        attribute_filter=_reference_attribute if references else None,
        url_schemes=ALLOWED_URL_SCHEMES,
        clean_content_tags={"script", "style", "noscript", "template", "xmp"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    if references:
        cleaned = _keep_valid_references(cleaned)
    return strip_controls(cleaned).strip()


@dataclass(frozen=True)
class Reference:
    """One reference of a clean body: its element and its attributes' values."""

    element: str
    attributes: dict[str, str]

    @property
    def figure_id(self) -> int | None:
        if self.element != "figure":
            return None
        return int(self.attributes["data-figure"])

    @property
    def embed(self) -> Embed | None:
        if self.element != "div":
            return None
        return parse_reference(
            self.attributes["data-embed"], self.attributes.get("data-title", "")
        )


# A reference kept by ``sanitize_html``: only ever an empty element, and no raw
# "<" stands in text or attribute values of its output.
_REFERENCE = re.compile(r'<(figure|div)((?:\s+[a-z][a-z0-9-]*="[^"]*")*)\s*></\1>')


def _reference(match: re.Match) -> Reference:
    attributes = {
        name: html.unescape(value) for name, value in _ATTRIBUTE.findall(match[2])
    }
    return Reference(match[1], attributes)


def split_references(clean: str) -> list[str | Reference]:
    """A body cleaned with ``references`` as its pieces in order: runs of HTML
    (strings) and the references between them."""
    pieces: list[str | Reference] = []
    position = 0
    for match in _REFERENCE.finditer(clean or ""):
        if match.start() > position:
            pieces.append(clean[position : match.start()])
        pieces.append(_reference(match))
        position = match.end()
    if position < len(clean or ""):
        pieces.append(clean[position:])
    return pieces


def references_in(clean: str) -> list[Reference]:
    """The references of a body cleaned with ``references``, in order."""
    return [_reference(match) for match in _REFERENCE.finditer(clean or "")]


def figure_ids(clean: str) -> list[int]:
    """The ids of the pictures a clean body places inside its text, in order,
    each once."""
    ids = (reference.figure_id for reference in references_in(clean))
    return list(dict.fromkeys(pk for pk in ids if pk is not None))


class RichTextFormField(ckeditor_fields.RichTextFormField):
    widget = RichTextWidget


class SanitizedRichTextField(RichTextField):
    """A CKEditor-widget text field whose stored value is always allow-listed HTML."""

    def formfield(self, **kwargs):
        return super().formfield(**{**kwargs, "form_class": RichTextFormField})

    def __init__(self, *args, references: bool = False, **kwargs):
        # A body with references edits them with the library's and the embeds'
        # buttons (CKEDITOR_CONFIGS["references"]).
        self.references = references
        kwargs.setdefault("config_name", "references" if references else "default")
        super().__init__(*args, **kwargs)
        self.validators.append(
            MaxLengthValidator(
                MAX_RICH_TEXT_LENGTH,
                message=_("Teks terlalu panjang (maksimum %(limit_value)d karakter)."),
            )
        )

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.references:
            kwargs["references"] = True
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = sanitize_html(
            getattr(model_instance, self.attname), references=self.references
        )
        setattr(model_instance, self.attname, value)
        return value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None:
            return value
        return sanitize_html(value, references=self.references)
