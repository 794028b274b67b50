"""A view-only admin screen reads like the page.

When someone may look at a row but not change it (a writer's article once it is
submitted or published, a figure a published article shows), Django's admin shows
each field through its read-only display: rich text as its markup, a picture as a
file name, a yes/no as an icon whose text is "True", and form-only fields (a
section's picture fields) as "None" under English names made from the field name.

``PageViewMixin`` replaces, on such a screen only, each field with what the page
shows: rich text rendered (it is sanitised on save, and again here), a picture as
a thumbnail with its caption and "(sumber: …)" credit, yes/no in words, an empty
value as "-". Form-only fields are left out, or stand for the model field they edit
(a form's ``page_fields``, e.g. ``SectionForm``: its picture fields show the
section's ``figure``). The same holds for the inline forms of the screen.
"""

from collections.abc import Callable

from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .models import Figure
from .pictures import PICTURES_CSS, thumbnail_url
from .richtext import (
    SanitizedRichTextField,
    figure_ids,
    sanitize_html,
    split_references,
)

READONLY_CSS = "admin/css/readonly.css"


def rich_text(html: str, references: bool = False) -> SafeString:
    """Stored rich text as readers see it, for a read-only screen; the pictures a
    body places inside its text as thumbnails with their credit, its embeds as a
    link to the original."""
    clean = sanitize_html(html, references=references)
    pieces = split_references(clean) if references else [clean]
    figures = Figure.objects.in_bulk(figure_ids(clean)) if references else {}
    parts = []
    for piece in pieces:
        if isinstance(piece, str):
            # allow-listed by sanitize_html
            parts.append({"html": mark_safe(piece)})  # noqa: S308
        elif piece.embed is not None:
            parts.append({"embed": piece.embed})
        elif piece.figure_id is not None:
            figure = figures.get(piece.figure_id)
            parts.append({"figure": figure_card(figure) if figure else None})
    return render_to_string("admin/readonly/rich_text.html", {"parts": parts})


def figure_card(figure: Figure, with_alt_text: bool = True) -> SafeString:
    """A figure as the page shows it: thumbnail, caption and credit, and (unless
    its own row shows it) the alt text readers of the page never see."""
    return render_to_string(
        "admin/readonly/figure.html",
        {
            "figure": figure,
            "thumbnail": thumbnail_url(figure.image),
            "with_alt_text": with_alt_text,
        },
    )


def picture_card(image, alt: str) -> SafeString:
    """A picture without a caption (an author's photo) as a thumbnail."""
    return render_to_string(
        "admin/includes/picture_thumbnail.html",
        {"src": thumbnail_url(image), "alt": alt},
    )


def _renderer(model, field) -> Callable | None:
    """How the page shows ``field``'s value, when Django's read-only display does
    not: ``render(obj, value)`` returns what to show for a non-empty value."""
    if isinstance(field, SanitizedRichTextField):
        return lambda obj, value: rich_text(value, field.references)
    if isinstance(field, models.ForeignKey) and field.related_model is Figure:
        return lambda obj, value: figure_card(value)
    if isinstance(field, models.ImageField):
        if model is Figure:
            return lambda obj, value: figure_card(obj, with_alt_text=False)
        return lambda obj, value: picture_card(value, str(obj))
    if isinstance(field, models.BooleanField):
        return lambda obj, value: _("Ya") if value else _("Tidak")
    if field.many_to_many:  # tags: Django shows none as an empty row
        return lambda obj, value: ", ".join(str(item) for item in value.all())
    return None


def page_value(model, field, empty: str) -> Callable:
    """An admin display of ``field`` as the page shows it. Its name is the
    field's, so the row keeps its ``field-<name>`` class and help text."""
    render = _renderer(model, field)

    @admin.display(description=field.verbose_name)
    def value(obj):
        shown = getattr(obj, field.name)
        if not shown and not isinstance(field, models.BooleanField):
            return empty
        return render(obj, shown) or empty

    value.__name__ = field.name
    return value


def page_field(model, form_class, name, model_admin, empty: str):
    """What a view-only screen shows for the fieldset entry ``name``: a page-like
    display, the name itself where Django's display reads well, or None to leave
    out a field that exists only to edit."""
    if callable(name):
        return name
    name = getattr(form_class, "page_fields", {}).get(name, name)
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        if hasattr(model_admin, name) or hasattr(model, name):
            return name  # the admin's own displays (a checklist, the proposals)
        return None
    if _renderer(model, field) is None:
        return name
    return page_value(model, field, empty)


def page_fieldsets(fieldsets, model, form_class, model_admin, empty: str) -> list:
    """``fieldsets`` as a view-only screen shows them (see ``page_field``)."""
    shown_fieldsets = []
    for title, options in fieldsets:
        lines = []
        seen = set()
        for line in options.get("fields", ()):
            names = line if isinstance(line, list | tuple) else [line]
            shown = []
            for name in names:
                entry = page_field(model, form_class, name, model_admin, empty)
                key = getattr(entry, "__name__", entry)
                if entry is not None and key not in seen:
                    seen.add(key)
                    shown.append(entry)
            if shown:
                lines.append(tuple(shown) if len(shown) > 1 else shown[0])
        if lines:
            shown_fieldsets.append((title, {**options, "fields": lines}))
    return shown_fieldsets


class PageViewMixin:
    """For a ``ModelAdmin``: its view-only change screen, and the inlines on it,
    read like the page (see the module)."""

    def is_view_only(self, request, obj) -> bool:
        return obj is not None and not self.has_change_permission(request, obj)

    @property
    def media(self):
        return super().media + forms.Media(css={"all": [PICTURES_CSS, READONLY_CSS]})

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ):
        if change and self.is_view_only(request, obj):
            empty = self.get_empty_value_display()
            adminform = context["adminform"]
            fieldsets = page_fieldsets(
                adminform.fieldsets, self.model, type(adminform.form), self, empty
            )
            context["adminform"] = helpers.AdminForm(
                adminform.form,
                fieldsets,
                {},
                flatten_fieldsets(fieldsets),
                model_admin=self,
            )
            context["inline_admin_formsets"] = [
                self.page_inline(inline_formset, empty)
                for inline_formset in context["inline_admin_formsets"]
            ]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def page_inline(self, inline_formset, empty: str):
        inline = inline_formset.opts
        fieldsets = page_fieldsets(
            inline_formset.fieldsets,
            inline.model,
            inline_formset.formset.form,
            inline,
            empty,
        )
        return helpers.InlineAdminFormSet(
            inline,
            inline_formset.formset,
            fieldsets,
            {},
            inline_formset.readonly_fields,
            model_admin=self,
            has_add_permission=False,
            has_change_permission=False,
            has_delete_permission=False,
            has_view_permission=inline_formset.has_view_permission,
        )
