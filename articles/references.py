"""What a section's text may refer to, checked when the writer saves it.

The allow-list (``richtext.py``) keeps only valid references, whatever path a
body arrives by; on its own it would drop a bad one silently. A form is stricter,
so that the writer learns what went wrong and keeps their text: a reference the
allow-list would drop, or one to a picture the writer may not use (another
writer's unpublished picture, one that does not exist, one copied from another
site), is a form error that names it. Only references new to the body are
checked against the library: an editor's picture already in a writer's draft, or
one deleted since, stays (the checklist warns about the latter).
"""

from html.parser import HTMLParser

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import Figure
from .permissions import visible_figures
from .richtext import (
    FIGURE_ID,
    MAX_RICH_TEXT_LENGTH,
    figure_ids,
    references_in,
    sanitize_html,
)


class _ReferenceScan(HTMLParser):
    """The picture references of a body as it was sent (before the allow-list):
    ``(element, value of data-figure)``."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.figures: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "data-figure":
                self.figures.append((tag, value or ""))


def _scan(raw: str) -> _ReferenceScan:
    scan = _ReferenceScan()
    scan.feed(raw)
    scan.close()
    return scan


def _shown(value: str) -> str:
    value = " ".join(value.split())
    return value if len(value) <= 40 else value[:39] + "…"


def clean_section_text(raw: str, user, saved: str = "") -> str:
    """``raw``, a section's body as a form sends it, reduced to the allow-list
    with its references; a ``ValidationError`` naming each reference that is not
    valid or not ``user``'s to use. ``saved`` is the body as stored before."""
    if not raw or len(raw) > MAX_RICH_TEXT_LENGTH:
        return raw  # the field's length validator says what is wrong
    clean = sanitize_html(raw, references=True)
    scan = _scan(raw)
    errors = []
    for element, value in scan.figures:
        if element != "figure" or not FIGURE_ID.fullmatch(value.strip()):
            errors.append(
                _(
                    "Rujukan gambar “%(value)s” tidak sah. Sisipkan gambar dengan "
                    "tombol “Gambar dari pustaka”."
                )
                % {"value": _shown(f"<{element} data-figure={value}>")}
            )
    kept = [ref for ref in references_in(clean) if ref.figure_id is not None]
    if not errors and len(kept) < len(scan.figures):
        errors.append(
            _(
                "Gambar dari pustaka harus berdiri sendiri di antara paragraf, "
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
    return clean
