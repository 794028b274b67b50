"""The one allow-list for rich text, and the model field that enforces it on save.

Whatever the editor widget sends, only these tags and attributes are stored. The
field cleans the value in ``pre_save`` (so ``save()`` and ``bulk_create()`` store
clean HTML and the instance holds it too) and again in ``get_prep_value`` (so
``QuerySet.update()`` and imports cannot bypass it).
"""

import nh3
from ckeditor import fields as ckeditor_fields
from ckeditor.fields import RichTextField
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

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


def sanitize_html(value: str | None) -> str:
    """Reduce ``value`` to the allow-list; scripts and styles lose their content.

    The control characters of ``articles.text.strip_controls`` go too, also when
    written as character references (``&#x202E;``), which nh3 turns into the
    characters themselves."""
    if not value:
        return ""
    cleaned = nh3.clean(
        strip_controls(value),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        clean_content_tags={"script", "style", "noscript", "template", "xmp"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return strip_controls(cleaned).strip()


class RichTextFormField(ckeditor_fields.RichTextFormField):
    widget = RichTextWidget


class SanitizedRichTextField(RichTextField):
    """A CKEditor-widget text field whose stored value is always allow-listed HTML."""

    def formfield(self, **kwargs):
        return super().formfield(**{**kwargs, "form_class": RichTextFormField})

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("config_name", "default")
        super().__init__(*args, **kwargs)
        self.validators.append(
            MaxLengthValidator(
                MAX_RICH_TEXT_LENGTH,
                message=_("Teks terlalu panjang (maksimum %(limit_value)d karakter)."),
            )
        )

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None:
            return value
        return sanitize_html(value)
